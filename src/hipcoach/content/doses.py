"""The dose in force for a block in a given week of its phase, and the minutes that makes.

A phase's `weeks` entries change doses from their week on, cumulatively: week 3 carries the
changes of weeks 1, 2 and 3 (a later change to the same field wins). Content validation checks
every week's time against the budget with this arithmetic, and the engine builds each day's
workout with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
from hipcoach.content.timing import TimedBlock, minutes, workout_seconds


def changes_through(phase: Phase, week: int) -> dict[str, DoseChange]:
    """Every exercise's accumulated dose change in force in `week` (1 = the phase's first)."""
    merged: dict[str, dict[str, Any]] = {}
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
