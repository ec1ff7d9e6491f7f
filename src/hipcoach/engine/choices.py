"""A clinician's choices for a person, applied to the plan the rules made: each one shown in
the plan's reasons as the clinician's, under the rule id `clinician`, with who chose it.

Pure, like the rest of the engine: the choices and the plan are values, and the plan's own
date decides which choices apply. The safety stops stand over every choice: a stopped day
stays stopped (no re-test is added to it, nothing of it is changed), and a choice never adds
work, it only leaves it out or asks for a test.

- `note`: a note to the person, shown in the plan's reasons from its date for `NOTE_DAYS`.
- `retest`: on its date, the plan asks for a test of both hips (the `reassess` flag).
- `leave_out`: from its date (to its `until`, when it has one), the exercise is left out of
  every workout, and the minutes with it.
- `program`: the clinician put the person on another program from its date (the program
  itself is the person's enrollment); the plan's reasons say so for `NOTE_DAYS`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from hipcoach.content.timing import NEXT_EXERCISE_S, dose_seconds, minutes
from hipcoach.engine.types import DayPlan, Decision, PlannedExercise
from hipcoach.vocabulary import Flag

RULE = "clinician"  # the decisions' rule id: not one of the engine's rules, the clinician's
NOTE_DAYS = 7  # a note shows in the plan's reasons for a week from its date
Kind = Literal["note", "retest", "leave_out", "program"]
KINDS: tuple[Kind, ...] = ("note", "retest", "leave_out", "program")


@dataclass(frozen=True)
class Choice:
    """One choice: its kind, from `date` (to `until` for a leave-out, None: open), the
    exercise it leaves out (or, for a program, the program's name as `exercise_name`), its
    words (the note, or why), and who chose it ("Lena Ortiz, PT, Riverside Physio")."""

    kind: Kind
    date: dt.date
    by: str
    text: str = ""
    exercise: str = ""
    exercise_name: str = ""
    until: dt.date | None = None

    def applies(self, day: dt.date) -> bool:
        if self.kind in ("note", "program"):
            return self.date <= day < self.date + dt.timedelta(days=NOTE_DAYS)
        if self.kind == "retest":
            return day == self.date
        return self.date <= day and (self.until is None or day <= self.until)


def _seconds(item: PlannedExercise) -> float:
    """What one side of an exercise takes, with the move to the next (as the workout's
    estimate counts it)."""
    # here: a plan that needs no choice (most) never loads the content's models
    from hipcoach.content.schema import Dose

    dose = Dose.model_construct(
        sets=item.sets,
        reps=item.reps,
        hold_s=item.hold_s,
        time_s=item.time_s,
        rest_s=item.rest_s,
        tempo_s=item.tempo_s,
    )
    return dose_seconds(dose, per_side=False) + NEXT_EXERCISE_S


def _why(choice: Choice) -> str:
    return f" ({choice.text})" if choice.text else ""


def apply(plan: DayPlan, choices: tuple[Choice, ...]) -> DayPlan:
    """`plan` with the `choices` that apply on its date; `plan` itself when none does."""
    today = [c for c in choices if c.applies(plan.date)]
    if not today:
        return plan
    decisions: list[Decision] = []
    exercises, flags, spent = plan.exercises, plan.flags, 0.0
    for choice in today:
        if choice.kind == "note":
            decisions.append(
                Decision(
                    RULE, f"A note from your clinician, {choice.date}: {choice.text}", choice.by
                )
            )
        elif choice.kind == "program":
            decisions.append(
                Decision(
                    RULE,
                    f"Your clinician's choice: {choice.exercise_name} from {choice.date}"
                    f"{_why(choice)}.",
                    choice.by,
                )
            )
        elif plan.stop:  # the safety stops stand: nothing of a stopped day changes
            continue
        elif choice.kind == "retest":
            if Flag.reassess.value not in flags:
                flags = (*flags, Flag.reassess.value)
            decisions.append(
                Decision(
                    RULE,
                    f"Your clinician's choice: measure both hips today{_why(choice)}.",
                    choice.by,
                )
            )
        else:
            gone = [item for item in exercises if item.id == choice.exercise]
            if not gone:
                continue
            spent += sum(_seconds(item) for item in gone)
            exercises = tuple(item for item in exercises if item.id != choice.exercise)
            name = choice.exercise_name or gone[0].name
            decisions.append(
                Decision(
                    RULE, f"Your clinician's choice: {name} is left out{_why(choice)}.", choice.by
                )
            )
    if not decisions:
        return plan
    return dataclasses.replace(
        plan,
        exercises=exercises,
        flags=flags,
        minutes=max(0.0, round(plan.minutes - minutes(spent), 1)) if spent else plan.minutes,
        decisions=(*plan.decisions, *decisions),
    )
