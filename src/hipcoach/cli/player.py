"""The guided player behind `hipcoach go`: each exercise and side in turn, timed, hands-free.

It plays the engine's timeline (`hipcoach.engine.steps`), the same steps and cues as the web
player: for every exercise and side, what to do (the set-up, steps, cues and common faults,
the first time an exercise comes up), a get-ready or switch-sides countdown, then each set timed — holds, timed work, and
reps paced one by one at their tempo — with rests between sets. In a terminal the keys p (pause), s (skip) and q (stop) work while a
timer runs. After each exercise and side the player calls `record`, so whatever was finished
is stored at once: Ctrl-C, a closed terminal or a crash loses only the exercise in progress.

`pace` runs the clock faster (2 = twice as fast; 0 = no waiting at all, for tests and demos).
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from rich.console import Console, Group
from rich.panel import Panel
from rich.progress import BarColumn, Progress, TextColumn
from rich.text import Text

from hipcoach.content.library import HowTo
from hipcoach.content.library import how_to as content_how_to
from hipcoach.content.schema import Exercise
from hipcoach.engine.dosing import dose_text
from hipcoach.engine.steps import Entry, Step, Tally, Timeline
from hipcoach.engine.types import ExerciseLog, PlannedExercise
from hipcoach.vocabulary import WorkoutStatus

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


def how_to(timeline: Timeline, exercises: Mapping[str, Exercise]) -> dict[str, HowTo]:
    """The how-to of every exercise in `timeline` (`content.library.how_to`, as the web's)."""
    from django.utils.translation import gettext

    found = (exercises.get(entry.item.id) for entry in timeline.entries)
    return {e.id: content_how_to(e, gettext) for e in found if e is not None}


@dataclass
class Outcome:
    """How the run went so far: each exercise and side's status by its entry's index."""

    timeline: Timeline
    statuses: dict[int, WorkoutStatus] = field(default_factory=dict)
    stopped: bool = False
    recorded: list[tuple[Entry, str]] = field(default_factory=list)

    @property
    def tally(self) -> Tally:
        """The run in exercises (the sides of one count once), as the web player counts."""
        return self.timeline.tally(self.statuses)

    @property
    def status(self) -> WorkoutStatus:
        """The workout's: done when every exercise was, else partly done or skipped."""
        return self.tally.status

    @property
    def done(self) -> int:
        """Exercises done (every side)."""
        return self.tally.done


class Player:
    """Plays a `Timeline` (the same steps as the web player), recording each exercise and side."""

    def __init__(
        self,
        console: Console,
        timeline: Timeline,
        *,
        record: Callable[[Entry, str, ExerciseLog], None],
        keys: NoKeys | TerminalKeys,
        how: Mapping[str, HowTo] | None = None,
        pace: float = 1.0,
        live: bool | None = None,
    ) -> None:
        self.console = console
        self.timeline = timeline
        self.record = record
        self.keys = keys
        self.how = how or {}
        self.pace = pace
        self.live = console.is_terminal if live is None else live
        self.outcome = Outcome(timeline)

    # -- the workout -------------------------------------------------------------------------

    def run(self) -> Outcome:
        """Play every step; KeyboardInterrupt passes through with `outcome` up to date."""
        for entry in self.timeline.entries:
            try:
                self._play(entry)
            except Quit:
                self.outcome.stopped = True
                return self.outcome
        return self.outcome

    def _play(self, entry: Entry) -> None:
        self.console.print(self._header(entry))
        sets_done = 0
        try:
            for run in self._runs(self.timeline.of(entry)):
                self._run(entry, run)
                if run[-1].ends_set:
                    sets_done = run[-1].set or 0
        except (Skip, Quit) as stop:
            status = WorkoutStatus.partial if sets_done else WorkoutStatus.skipped
            self._store(entry, status, self._done(entry.item, status, sets_done))
            what = "stopped" if isinstance(stop, Quit) else "skipped"
            self.console.print(f"  {what}: saved as {status}", style="yellow", highlight=False)
            if isinstance(stop, Quit):
                raise
            return
        status = WorkoutStatus.done
        self._store(entry, status, self._done(entry.item, status, entry.item.sets))

    def _runs(self, steps: tuple[Step, ...]) -> list[tuple[Step, ...]]:
        """The steps as timed: one by one in a terminal; without one, a set's reps as one timer
        (a log of every rep would drown the rest)."""
        if self.live:
            return [(step,) for step in steps]
        runs: list[list[Step]] = []
        for step in steps:
            last = runs[-1][-1] if runs else None
            if last and step.rep is not None and last.rep is not None and last.set == step.set:
                runs[-1].append(step)
                continue
            runs.append([step])
        return [tuple(run) for run in runs]

    def _run(self, entry: Entry, run: tuple[Step, ...]) -> None:
        if len(run) == 1:
            step = run[0]
            label = " · ".join(filter(None, (step.count, step.say)))
            self._timer(label, step.seconds, {m.left: m.say for m in step.marks})
            return
        item = entry.item
        of = f"Set {run[0].set} of {item.sets}: " if item.sets > 1 else ""
        reps = dose_text(replace(item, sets=1, load=None), spoken=True)
        self._timer(f"{of}{reps}", sum(step.seconds for step in run))

    def _store(self, entry: Entry, status: WorkoutStatus, done: ExerciseLog) -> None:
        self.record(entry, status, done)
        self.outcome.statuses[entry.index] = status
        self.outcome.recorded.append((entry, status))

    @staticmethod
    def _done(item: PlannedExercise, status: WorkoutStatus, sets: int) -> ExerciseLog:
        """What was done of `item`: the planned dose for the sets finished (none if none)."""
        if not sets:
            return ExerciseLog(item.id, item.side, status)
        return ExerciseLog(item.id, item.side, status, sets, item.reps, item.hold_s, item.time_s)

    def _header(self, entry: Entry) -> Panel:
        item = entry.item
        lines: list = [Text(entry.dose, style="bold")]
        how = self.how.get(item.id, HowTo()) if entry.first else HowTo()
        if how.equipment:
            lines.append(Text("You need: " + ", ".join(how.equipment), style="bold"))
        if how.setup:
            lines.append(Text(f"Set-up: {how.setup}"))
        if how.steps:
            lines.append(Text("\n".join(f"{i}. {s}" for i, s in enumerate(how.steps, 1))))
        if how.cues:
            lines.append(Text("\n".join(f"• {c}" for c in how.cues), style="italic"))
        if how.faults:
            faults = (f"✗ {fault} → {fix}" for fault, fix in how.faults)
            lines.append(Text("Watch for:\n" + "\n".join(faults), style="dim"))
        if self.live:
            lines.append(Text(KEYS_HINT, style="dim"))
        number = f"[{entry.exercise}/{self.timeline.exercises}]"
        side = f" — {entry.side_words}" if entry.side_words else ""
        return Panel(Group(*lines), title=f"{number} {item.name}{side}", title_align="left")

    # -- the clock ---------------------------------------------------------------------------

    def _timer(self, label: str, seconds: float, marks: Mapping[int, str] | None = None) -> None:
        """Count `seconds` down under `label`; in a terminal, each mark's words (halfway, 3-2-1)
        replace the label when that many seconds are left."""
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
                # rounded, so a tenth added sixty times makes six seconds, not one tick more
                elapsed = seconds if self.pace <= 0 else round(elapsed + TICK_S * self.pace, 9)
                left = math.ceil(max(seconds - elapsed, 0))
                if marks and left in marks:
                    bar.update(task, description=f"{label} — {marks[left]}")
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
