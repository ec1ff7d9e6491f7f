"""The dose in force for a block in a given week of its phase, and the minutes that makes.

A phase's `weeks` entries change doses from their week on, cumulatively: week 3 carries the
changes of weeks 1, 2 and 3 (a later change to the same field wins).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from hipcoach.content.schema import (
    Block,
    Dose,
    DoseChange,
    Exercise,
    Phase,
    Program,
    WorkoutTemplate,
    apply_change,
)
from hipcoach.engine.timing import TimedBlock, minutes, workout_seconds


def changes_through(phase: Phase, week: int) -> dict[str, DoseChange]:
    """Every exercise's accumulated dose change in force in `week` (1 = the phase's first)."""
    merged: dict[str, dict] = {}
    for change in sorted(phase.weeks, key=lambda c: c.week):
        if change.week > week:
            break
        for exercise_id, dose_change in change.doses.items():
            fields = {k: getattr(dose_change, k) for k in dose_change.model_fields_set}
            merged[exercise_id] = merged.get(exercise_id, {}) | fields
    return {k: DoseChange.model_validate(v) for k, v in merged.items()}


def block_dose(block: Block, exercise: Exercise, changes: Mapping[str, DoseChange]) -> Dose:
    """The block's dose (or the exercise's default) with the week's change applied."""
    return apply_change(block.dose or exercise.dose, changes.get(block.exercise))


def template_seconds(
    workout: WorkoutTemplate, exercises: Mapping[str, Exercise], changes: Mapping[str, DoseChange]
) -> float:
    """Seconds the workout takes with the given week's changes (unknown exercises skipped)."""
    timed = []
    for block in workout.blocks:
        exercise = exercises.get(block.exercise)
        if exercise is None:
            continue
        dose = block_dose(block, exercise, changes)
        timed.append(TimedBlock(dose, exercise.per_side, exercise.position))
    return workout_seconds(timed)


def phase_weeks(phase: Phase, program_weeks: int) -> int:
    """How many distinct weeks of doses a phase can have: its longest stay, or its last change."""
    longest = phase.gate.max_days // 7 + 1 if phase.gate and phase.gate.max_days else program_weeks
    last_change = max((c.week for c in phase.weeks), default=1)
    return max(longest, last_change, 1)


class DoseFields(Protocol):
    """What putting a dose into words reads: a content `Dose` or a `PlannedExercise`."""

    @property
    def sets(self) -> int: ...
    @property
    def reps(self) -> int | None: ...
    @property
    def hold_s(self) -> int | None: ...
    @property
    def time_s(self) -> int | None: ...
    @property
    def rest_s(self) -> int: ...
    @property
    def load(self) -> str | None: ...


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def dose_text(dose: DoseFields, *, per_side: bool = False, spoken: bool = False) -> str:
    """A dose in words, the one wording every front end shows and the player speaks.

    Written (tables, lists, the player's screen): '2 × 10 reps, 3 s hold each, rest 30 s,
    each side'. Spoken (the player's cues, which are also its captions): units said in full and
    no signs a voice would read out, '2 sets, 10 reps, hold 3 seconds each'; the rests and the
    side are cues of their own there, so they are left out.
    """
    if spoken:
        if dose.time_s is not None:
            work = _count(dose.time_s, "second")
        elif dose.reps is not None:
            hold = f", hold {_count(dose.hold_s, 'second')} each" if dose.hold_s else ""
            work = _count(dose.reps, "rep") + hold
        else:
            work = f"hold {_count(dose.hold_s or 0, 'second')}"
        parts = [_count(dose.sets, "set")] if dose.sets > 1 else []
        return ", ".join([*parts, work, *([dose.load] if dose.load else [])])
    if dose.time_s is not None:
        work = f"{dose.time_s} s"
    elif dose.reps is not None:
        work = _count(dose.reps, "rep") + (f", {dose.hold_s} s hold each" if dose.hold_s else "")
    else:
        work = f"{dose.hold_s or 0} s hold"
    text = f"{dose.sets} × {work}" if dose.sets > 1 else work
    if dose.load:
        text += f", {dose.load}"
    if dose.rest_s and dose.sets > 1:
        text += f", rest {dose.rest_s} s"
    return text + (", each side" if per_side else "")


def workout_minutes(
    phase: Phase, workout: WorkoutTemplate, exercises: Mapping[str, Exercise], week: int
) -> float:
    """Minutes `workout` of `phase` takes in `week` of the phase."""
    return minutes(template_seconds(workout, exercises, changes_through(phase, week)))


def minutes_range(program: Program, exercises: Mapping[str, Exercise]) -> tuple[float, float]:
    """The shortest and longest workout of a program, in minutes, over all its weeks."""
    values = [
        workout_minutes(phase, workout, exercises, week)
        for phase in program.phases
        for week in range(1, phase_weeks(phase, program.weeks) + 1)
        for workout in phase.workouts
    ]
    return (min(values), max(values)) if values else (0.0, 0.0)
