"""The guided player behind `hipcoach go`: each exercise and side in turn, timed, hands-free.

For every exercise and side: what to do (steps and cues, the first time an exercise comes up),
a get-ready countdown, then each set timed — holds, timed work, and reps paced one by one —
with rests between sets. In a terminal the keys p (pause), s (skip) and q (stop) work while a
timer runs. After each exercise and side the player calls `record`, so whatever was finished
is stored at once: Ctrl-C, a closed terminal or a crash loses only the exercise in progress.

`pace` runs the clock faster (2 = twice as fast; 0 = no waiting at all, for tests and demos).
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from rich.console import Console, Group
from rich.panel import Panel
from rich.progress import BarColumn, Progress, TextColumn
from rich.text import Text

from hipcoach.cli.plan_view import dose_text
from hipcoach.engine.timing import DEFAULT_TEMPO_S
from hipcoach.engine.types import PlannedExercise
from hipcoach.tracking.services import DoneDose

GET_READY_S = 5
TICK_S = 0.1
KEYS_HINT = "p pause · s skip · q stop"


class Skip(Exception):
    """The person skipped the exercise in progress."""


class Quit(Exception):
    """The person stopped the workout."""


class NoKeys:
    """No keyboard (a script or a test): waiting is just sleeping."""

    def __init__(self, sleep: Callable[[float], None] = time.sleep) -> None:
        self.sleep = sleep

    def __enter__(self) -> NoKeys:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def poll(self, timeout: float) -> str | None:
        if timeout > 0:
            self.sleep(timeout)
        return None


class TerminalKeys:
    """Single key presses from a terminal, without Enter (cbreak mode; Ctrl-C still works)."""

    def __enter__(self) -> TerminalKeys:
        import termios
        import tty

        self.fd = sys.stdin.fileno()
        self.saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd)
        return self

    def __exit__(self, *exc: object) -> None:
        import termios

        termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)

    def poll(self, timeout: float) -> str | None:
        import select

        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return None
        return os.read(self.fd, 1).decode(errors="ignore").lower() or None


@dataclass(frozen=True)
class Step:
    """One exercise and side of the workout, with what to show for it."""

    item: PlannedExercise
    steps: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    show_how: bool = True  # the first side of an exercise shows its steps and cues


@dataclass
class Outcome:
    done: int = 0
    partial: int = 0
    skipped: int = 0
    stopped: bool = False
    recorded: list[tuple[Step, str]] = field(default_factory=list)

    @property
    def status(self) -> str:
        """The workout's status: done when every step was done, else partial or skipped."""
        if self.done and not (self.partial or self.skipped or self.stopped):
            return "done"
        return "partial" if self.done or self.partial else "skipped"


def steps_for(items: list[PlannedExercise], exercises: dict) -> list[Step]:
    steps, seen = [], set()
    for item in items:
        exercise = exercises.get(item.id)
        how = item.id not in seen
        seen.add(item.id)
        steps.append(
            Step(
                item,
                tuple(exercise.steps) if exercise else (),
                tuple(exercise.cues) if exercise else (),
                how,
            )
        )
    return steps


class Player:
    def __init__(
        self,
        console: Console,
        steps: list[Step],
        *,
        record: Callable[[Step, str, DoneDose], None],
        keys: NoKeys | TerminalKeys,
        pace: float = 1.0,
        live: bool | None = None,
    ) -> None:
        self.console = console
        self.steps = steps
        self.record = record
        self.keys = keys
        self.pace = pace
        self.live = console.is_terminal if live is None else live
        self.outcome = Outcome()

    # -- the workout -------------------------------------------------------------------------

    def run(self) -> Outcome:
        """Play every step; KeyboardInterrupt passes through with `outcome` up to date."""
        for number, step in enumerate(self.steps, start=1):
            try:
                self._play(number, step)
            except Quit:
                self.outcome.stopped = True
                return self.outcome
        return self.outcome

    def _play(self, number: int, step: Step) -> None:
        self.console.print(self._header(number, step))
        sets_done = 0
        try:
            self._timer("Get ready", GET_READY_S)
            item = step.item
            for set_no in range(1, item.sets + 1):
                self._one_set(item, set_no)
                sets_done = set_no
                if set_no < item.sets and item.rest_s:
                    self._timer("Rest", item.rest_s)
        except (Skip, Quit) as stop:
            status = "partial" if sets_done else "skipped"
            self._store(step, status, self._dose(step.item, sets_done))
            what = "stopped" if isinstance(stop, Quit) else "skipped"
            self.console.print(f"  {what}: saved as {status}", style="yellow", highlight=False)
            if isinstance(stop, Quit):
                raise
            return
        self._store(step, "done", self._dose(step.item, step.item.sets))

    def _store(self, step: Step, status: str, dose: DoneDose) -> None:
        self.record(step, status, dose)
        setattr(self.outcome, status, getattr(self.outcome, status) + 1)
        self.outcome.recorded.append((step, status))

    @staticmethod
    def _dose(item: PlannedExercise, sets: int) -> DoneDose:
        if not sets:
            return DoneDose()
        return DoneDose(sets=sets, reps=item.reps, hold_s=item.hold_s, time_s=item.time_s)

    def _one_set(self, item: PlannedExercise, set_no: int) -> None:
        of = f"Set {set_no}/{item.sets}" if item.sets > 1 else "Set"
        if item.time_s is not None:
            self._timer(f"{of}: keep going", item.time_s)
        elif item.reps is not None:
            per_rep = DEFAULT_TEMPO_S + (item.hold_s or 0)
            if not self.live:
                hold = f", {item.hold_s} s hold each" if item.hold_s else ""
                self._timer(f"{of}: {item.reps} reps{hold}", item.reps * per_rep)
                return
            for rep in range(1, item.reps + 1):
                self._timer(f"{of} · rep {rep}/{item.reps}: move", DEFAULT_TEMPO_S)
                if item.hold_s:
                    self._timer(f"{of} · rep {rep}/{item.reps}: hold", item.hold_s)
        elif item.hold_s is not None:
            self._timer(f"{of}: hold", item.hold_s)

    def _header(self, number: int, step: Step) -> Panel:
        item = step.item
        side = {"left": "left side", "right": "right side"}.get(item.side, "")
        lines: list = [Text(dose_text(item), style="bold")]
        if not step.show_how and item.side in ("left", "right"):
            lines.append(Text(f"Switch sides: now the {item.side}.", style="cyan"))
        if step.show_how:
            if step.steps:
                lines.append(Text("\n".join(f"{i}. {s}" for i, s in enumerate(step.steps, 1))))
            if step.cues:
                lines.append(Text("\n".join(f"• {c}" for c in step.cues), style="italic"))
        if self.live:
            lines.append(Text(KEYS_HINT, style="dim"))
        title = f"[{number}/{len(self.steps)}] {item.name}" + (f" — {side}" if side else "")
        return Panel(Group(*lines), title=title, title_align="left")

    # -- the clock ---------------------------------------------------------------------------

    def _timer(self, label: str, seconds: float) -> None:
        if seconds <= 0:
            return
        if not self.live:
            self.console.print(f"  {label} — {seconds:g} s", highlight=False)
            if self.pace > 0:
                self._key(self.keys.poll(seconds / self.pace))
            return
        columns = (
            TextColumn("  {task.description}"),
            BarColumn(),
            TextColumn("{task.fields[left]}"),
        )
        with Progress(*columns, console=self.console, transient=True) as bar:
            task = bar.add_task(label, total=seconds, left=f"{math.ceil(seconds)} s")
            elapsed = 0.0
            while elapsed < seconds:
                key = self.keys.poll(TICK_S if self.pace > 0 else 0)
                if key in ("p", " "):
                    bar.update(task, description=f"{label} — paused: p to go on")
                    self._paused()
                    bar.update(task, description=label)
                self._key(key)
                elapsed = seconds if self.pace <= 0 else elapsed + TICK_S * self.pace
                bar.update(
                    task,
                    completed=min(elapsed, seconds),
                    left=f"{math.ceil(max(seconds - elapsed, 0))} s",
                )

    def _paused(self) -> None:
        while True:
            key = self.keys.poll(0.2)
            if key in ("p", " "):
                return
            self._key(key)

    @staticmethod
    def _key(key: str | None) -> None:
        if key == "s":
            raise Skip
        if key == "q":
            raise Quit
