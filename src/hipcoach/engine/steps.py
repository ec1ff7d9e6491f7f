"""The player's timeline: today's plan as the steps a person is guided through, with their cues.

Both players (the web page and `hipcoach go`) play this list and nothing else, so they time,
say and show the same thing. For each exercise and side of the plan (an `Entry`, the unit the
players log as done, partly done or skipped):

- a get-ready countdown, or a switch-sides countdown for the second side of an exercise;
- each set: timed work, one hold, or reps — a hold per rep with a release between (the release
  takes the rep's tempo), or each rep counted at its tempo;
- a rest between sets (a short one when the dose names none).

Every step carries the words of its cue: what is spoken is exactly what is captioned. A step
may carry marks, cues said while it runs: "Halfway" at half-time of a long hold or timed work,
and a 3-2-1 before a long hold or timed work ends and before a switch of sides is over. Steps
are plain data; `Timeline.to_json()` is what the web player receives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from hipcoach.content.timing import DEFAULT_TEMPO_S, SIDE_SWITCH_S
from hipcoach.engine.dosing import dose_text
from hipcoach.engine.types import DayPlan, PlannedExercise
from hipcoach.engine.words import ENGLISH, Words, gettext_noop
from hipcoach.vocabulary import MEASURED_SIDES, Side, WorkoutStatus, overall_status

GET_READY_S = 5  # the countdown before an exercise, to get into position
NEXT_SET_S = 5  # the pause between sets when the dose names no rest
HALFWAY_FROM_S = 20  # a hold or timed work this long hears "Halfway" at half-time
COUNTDOWN_FROM_S = 10  # a hold or timed work this long hears 3-2-1 before it ends
COUNTDOWN = (3, 2, 1)  # the seconds left when the last three are said


class StepKind(StrEnum):
    READY = "ready"
    SWITCH = "switch"
    WORK = "work"  # timed work
    HOLD = "hold"
    RELEASE = "release"  # between held reps
    REP = "rep"  # one rep at its tempo
    REST = "rest"


LABELS = {
    StepKind.READY: gettext_noop("Get ready"),
    StepKind.SWITCH: gettext_noop("Switch sides"),
    StepKind.WORK: gettext_noop("Go"),
    StepKind.HOLD: gettext_noop("Hold"),
    StepKind.RELEASE: gettext_noop("Release"),
    StepKind.REP: gettext_noop("Reps"),
    StepKind.REST: gettext_noop("Rest"),
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One exercise and side of the plan, as the players show and log it."""

    index: int  # its place in the plan's exercises
    item: PlannedExercise
    exercise: int  # the exercise's number on screen (1-based); both sides of one share it
    first: bool  # its first time in the workout: the players show how it is done
    dose: str  # the dose in words, as shown

    words: Words = ENGLISH

    @property
    def side_words(self) -> str:
        """'left side', 'right side', or '' for an exercise done once for both."""
        side = self.item.side
        return self.words.term(Side(side)) if side in MEASURED_SIDES else ""

    @property
    def name(self) -> str:
        """The exercise's name in the person's language."""
        return self.words.name(self.item.id, self.item.name)

    def to_json(self) -> dict[str, Any]:
        item = self.item
        return {
            "index": self.index,
            "id": item.id,
            "name": self.name,
            "side": item.side,
            "side_words": self.side_words,
            "exercise": self.exercise,
            "first": self.first,
            "dose": self.dose,
            "sets": item.sets,
            "reps": item.reps,
            "hold_s": item.hold_s,
            "time_s": item.time_s,
        }


@dataclass(frozen=True, slots=True)
class Mark:
    """A cue said while a step runs, when `left` seconds of it are left."""

    left: int
    say: str

    def to_json(self) -> dict[str, Any]:
        return {"left": self.left, "say": self.say}


@dataclass(frozen=True, slots=True)
class Step:
    """One countdown of the player, with its cue (spoken and captioned alike)."""

    entry: int  # the index of its `Entry`
    kind: StepKind
    seconds: int
    say: str  # the cue: spoken, and shown as the caption
    count: str = ""  # where in the exercise: 'Rep 3 of 8 · set 1 of 2', 'Set 2 of 3' or ''
    set: int | None = None  # the set it belongs to (rests: the set just finished)
    rep: int | None = None
    tone: bool = False  # a tone sounds at its end (holds, timed work, the last rep of a set)
    ends_set: bool = False  # its end finishes a set
    marks: tuple[Mark, ...] = ()  # cues while it runs, latest first (most seconds left first)
    label: str = ""  # the step's heading (`LABELS`, in the person's language)

    def to_json(self) -> dict[str, Any]:
        return {
            "entry": self.entry,
            "kind": self.kind.value,
            "label": self.label,
            "seconds": self.seconds,
            "say": self.say,
            "count": self.count,
            "set": self.set,
            "rep": self.rep,
            "tone": self.tone,
            "ends_set": self.ends_set,
            "marks": [mark.to_json() for mark in self.marks],
        }


@dataclass(frozen=True, slots=True)
class Tally:
    """A run of the workout, in exercises: how many were done, partly done and skipped, and
    the workout's status."""

    done: int
    partial: int
    skipped: int
    status: WorkoutStatus

    def words(self) -> str:
        """'5 exercises: 4 done, 1 partly done' (the counts that are not zero)."""
        total = self.done + self.partial + self.skipped
        counts = [
            f"{count} {status.label}"
            for status, count in (
                (WorkoutStatus.done, self.done),
                (WorkoutStatus.partial, self.partial),
                (WorkoutStatus.skipped, self.skipped),
            )
            if count
        ]
        noun = "exercise" if total == 1 else "exercises"
        return f"{total} {noun}: " + ", ".join(counts) if counts else f"{total} {noun}"


@dataclass(frozen=True, slots=True)
class Timeline:
    """The whole workout as the player runs it."""

    entries: tuple[Entry, ...]
    steps: tuple[Step, ...]

    @property
    def exercises(self) -> int:
        """How many exercises the person sees (the sides of one exercise count once)."""
        return self.entries[-1].exercise if self.entries else 0

    def of(self, entry: Entry) -> tuple[Step, ...]:
        """The steps of one exercise and side, in order."""
        return tuple(step for step in self.steps if step.entry == entry.index)

    def tally(self, statuses: Mapping[int, str]) -> Tally:
        """How a run went, counted in exercises as the person sees them (the sides of one
        exercise count once, by `overall_status`), from each entry's status by its index; an
        entry not in `statuses` was not reached: skipped. Both players say this at the end."""
        sides: dict[int, list[str]] = {}
        for entry in self.entries:
            sides.setdefault(entry.exercise, []).append(
                statuses.get(entry.index, WorkoutStatus.skipped)
            )
        per_exercise = [overall_status(*found) for found in sides.values()]
        return Tally(
            done=per_exercise.count(WorkoutStatus.done),
            partial=per_exercise.count(WorkoutStatus.partial),
            skipped=per_exercise.count(WorkoutStatus.skipped),
            status=overall_status(*per_exercise),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "exercises": self.exercises,
            "entries": [entry.to_json() for entry in self.entries],
            "steps": [step.to_json() for step in self.steps],
        }


def timeline(plan: DayPlan, words: Words = ENGLISH) -> Timeline:
    """The steps of `plan`'s workout (none when the plan stops or has nothing to do), its cues
    in `words`' language."""
    return timeline_of(() if plan.stop else plan.exercises, words)


def timeline_of(items: Sequence[PlannedExercise], words: Words = ENGLISH) -> Timeline:
    """The steps of a list of planned exercises (each side its own item, as the engine plans)."""
    entries: list[Entry] = []
    steps: list[Step] = []
    seen: set[str] = set()
    number = 0
    for index, item in enumerate(items):
        # The engine lists a per-side exercise once per side, one after the other: the second
        # side continues the exercise on screen, after a switch of sides.
        continues = index > 0 and items[index - 1].id == item.id and item.side in MEASURED_SIDES
        number += 0 if continues else 1
        entry = Entry(
            index,
            item,
            number,
            first=item.id not in seen,
            dose=dose_text(item, per_side=item.side in MEASURED_SIDES, words=words),
            words=words,
        )
        seen.add(item.id)
        entries.append(entry)
        run_over = item.after_run and not any(i.after_run for i in items[:index])
        steps.extend(
            replace(_with_marks(step, words), label=words.text(LABELS[step.kind]))
            for step in _entry_steps(entry, continues=continues, run_over=run_over)
        )
    return Timeline(tuple(entries), tuple(steps))


def _with_marks(step: Step, words: Words) -> Step:
    """`step` with the cues said while it runs: half-time of a long hold or timed work, and
    3-2-1 before a long one ends or a switch of sides is over (so the next side starts on
    time)."""
    marks: list[Mark] = []
    timed = step.kind in (StepKind.HOLD, StepKind.WORK)
    if timed and step.seconds >= HALFWAY_FROM_S:
        half = step.seconds // 2
        _ = words.text
        marks.append(Mark(half, _("Halfway: {seconds} seconds to go.").format(seconds=half)))
    if (timed and step.seconds >= COUNTDOWN_FROM_S) or step.kind is StepKind.SWITCH:
        marks.extend(Mark(left, f"{left}.") for left in COUNTDOWN if left < step.seconds)
    return replace(step, marks=tuple(marks)) if marks else step


def _entry_steps(entry: Entry, *, continues: bool, run_over: bool = False) -> list[Step]:
    item, at, words = entry.item, entry.index, entry.words
    _ = words.text
    dose = dose_text(item, spoken=True, words=words)
    if continues:
        now = _("Switch sides: now the left.") if item.side == "left" else ""
        now = now or _("Switch sides: now the right.")
        switch = f"{now} {dose}."
        steps = [Step(at, StepKind.SWITCH, SIDE_SWITCH_S, switch)]
    else:
        where = f", {entry.side_words}" if entry.side_words else ""
        # on a run day the stretches after the run come last: the first one says so (R8)
        when = _("After your run") if run_over else _("Get ready")
        say = f"{when}: {entry.name}{where}. {dose}."
        steps = [Step(at, StepKind.READY, GET_READY_S, say)]
    for number in range(1, item.sets + 1):
        steps.extend(_set_steps(entry, number))
        if number < item.sets:
            rest = item.rest_s or NEXT_SET_S
            steps.append(
                Step(
                    at,
                    StepKind.REST,
                    rest,
                    _("Rest {seconds} seconds.").format(seconds=rest),
                    _set_count(item, number, words),
                    set=number,
                )
            )
    return steps


def _set_count(item: PlannedExercise, number: int, words: Words) -> str:
    _ = words.text
    return _("Set {set} of {sets}").format(set=number, sets=item.sets) if item.sets > 1 else ""


def _set_steps(entry: Entry, number: int) -> list[Step]:
    """One set's steps; the last one ends the set."""
    item, at, words = entry.item, entry.index, entry.words
    _ = words.text
    opening = f"{_set_count(item, number, words)}. " if item.sets > 1 else ""
    count = _set_count(item, number, words)
    if item.time_s is not None:
        go = opening + _("Go: {seconds} seconds.").format(seconds=item.time_s)
        return [Step(at, StepKind.WORK, item.time_s, go, count, number, tone=True, ends_set=True)]
    if item.reps is None:
        hold = item.hold_s or 0
        say = opening + _("Hold for {seconds} seconds.").format(seconds=hold)
        return [Step(at, StepKind.HOLD, hold, say, count, number, tone=True, ends_set=True)]
    tempo = item.tempo_s or DEFAULT_TEMPO_S
    steps: list[Step] = []
    for rep in range(1, item.reps + 1):
        first = opening if rep == 1 else ""
        last = rep == item.reps
        where = _("Rep {rep} of {reps}").format(rep=rep, reps=item.reps) + (
            _(" · set {set} of {sets}").format(set=number, sets=item.sets) if count else ""
        )
        if item.hold_s:
            steps.append(
                Step(
                    at,
                    StepKind.HOLD,
                    item.hold_s,
                    first + _("Rep {rep}: hold.").format(rep=rep),
                    where,
                    number,
                    rep,
                    tone=True,
                    ends_set=last,
                )
            )
            if not last:
                release = _("Release.")
                steps.append(Step(at, StepKind.RELEASE, tempo, release, where, number, rep))
        else:
            steps.append(
                Step(at, StepKind.REP, tempo, f"{first}{rep}.", where, number, rep, last, last)
            )
    return steps
