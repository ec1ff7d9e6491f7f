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
- `swap`: from its date (to its `until`), the exercise is replaced in every workout by
  `swap_to` (another exercise of the library, with its own default dose, checked to fit by
  the clinic's side), the minutes counted again.
- `cap`: from its date (to its `until`), the exercise's dose is at most `cap_sets` sets,
  `cap_reps` reps and `cap_seconds` seconds a hold or a timed set: a ceiling, never a raise.
- `hold`: from its date (to its `until`), the person stays in their phase: the planner's gate
  does not move them on even when its checklist is met (`engine.phases`).
- `sign_off`: the clinician signed off the person's episode (a discharge): shown in the
  plan's reasons from its date for `NOTE_DAYS`, with their words; the plan goes on as the
  rules make it.
- `advance`: from its date for `ADVANCE_DAYS`, while the person is still in the phase it was
  made in (`exercise`: that phase's id), the planner moves them on without the rest of the
  checklist (`engine.phases`), but never over a stop, a referral, a pain hold or a readiness
  check not passed: those are the method's safety, and the clinician did not see that day.

Hold and advance act inside the planner (they change which phase each later day is in);
`apply` only words them on the days the planner cannot show them (a stopped day).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from hipcoach.content.timing import NEXT_EXERCISE_S, dose_seconds, minutes
from hipcoach.engine.types import DayPlan, Decision, PlannedExercise
from hipcoach.engine.words import Listed, Named, Said
from hipcoach.engine.words import said as _
from hipcoach.engine.words import said_plural as ngettext
from hipcoach.vocabulary import Flag, Side

RULE = "clinician"  # the decisions' rule id: not one of the engine's rules, the clinician's
NOTE_DAYS = 7  # a note shows in the plan's reasons for a week from its date
# UNSOURCED: a clinician's "move them on" stands for the two weeks a look at a person is good
# for; after that the method's own checklist decides again
ADVANCE_DAYS = 14
Kind = Literal[
    "note", "retest", "leave_out", "program", "swap", "cap", "hold", "advance", "sign_off"
]
KINDS: tuple[Kind, ...] = (
    "note",
    "retest",
    "leave_out",
    "program",
    "swap",
    "cap",
    "hold",
    "advance",
    "sign_off",
)
PHASE_KINDS: frozenset[str] = frozenset({"hold", "advance"})  # applied in the planner


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
    swap_to: PlannedExercise | None = None  # a swap's exercise, with its dose (side: ignored)
    cap_sets: int | None = None
    cap_reps: int | None = None
    cap_seconds: int | None = None

    def applies(self, day: dt.date) -> bool:
        if self.kind in ("note", "program", "sign_off"):
            return self.date <= day < self.date + dt.timedelta(days=NOTE_DAYS)
        if self.kind == "advance":
            return self.date <= day < self.date + dt.timedelta(days=ADVANCE_DAYS)
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
    """The clinician's own words, as they wrote them."""
    return f" ({choice.text})" if choice.text else ""


def _swapped(item: PlannedExercise, to: PlannedExercise) -> tuple[PlannedExercise, ...]:
    """`item`'s place taken by `to` (its own dose), on the same side; an exercise done on
    each side in turn where a "both" one was, and the other way round, once for both."""
    per_side = to.side is not Side.both
    if per_side and item.side is Side.both:
        sides: tuple[Side, ...] = (Side.left, Side.right)
    elif not per_side:
        sides = (Side.both,)  # once: `apply` keeps the first of the sides it replaces
    else:
        sides = (item.side,)
    return tuple(dataclasses.replace(to, side=side, replaces=item.id) for side in sides)


def _capped(item: PlannedExercise, choice: Choice) -> PlannedExercise:
    def ceiling(value: int | None, cap: int | None) -> int | None:
        return value if value is None or cap is None else min(value, cap)

    return dataclasses.replace(
        item,
        sets=ceiling(item.sets, choice.cap_sets) or item.sets,
        reps=ceiling(item.reps, choice.cap_reps),
        hold_s=ceiling(item.hold_s, choice.cap_seconds),
        time_s=ceiling(item.time_s, choice.cap_seconds),
    )


def cap_words(sets: int | None, reps: int | None, seconds: int | None) -> str:
    """A dose ceiling in words: "at most 2 sets, 8 reps, 20 s"."""
    return cap_said(sets, reps, seconds).render()


def cap_said(sets: int | None, reps: int | None, seconds: int | None) -> Said:
    """`cap_words`, kept as made (in the reader's words when shown)."""
    parts: list[Said] = []
    if sets is not None:
        parts.append(ngettext("{count} set", "{count} sets", sets, count=sets))
    if reps is not None:
        parts.append(ngettext("{count} rep", "{count} reps", reps, count=reps))
    if seconds is not None:
        parts.append(_("{count} s a hold or set", count=seconds))
    return _("at most {parts}", parts=Listed(tuple(parts), last=False))


def apply(plan: DayPlan, choices: tuple[Choice, ...]) -> DayPlan:
    """`plan` with the `choices` that apply on its date; `plan` itself when none does."""
    today = [c for c in choices if c.applies(plan.date)]
    if not today:
        return plan
    decisions: list[Decision] = []
    exercises, flags = plan.exercises, plan.flags
    for choice in today:
        if choice.kind == "note":
            decisions.append(
                Decision.of(
                    RULE,
                    _(
                        "A note from your clinician, {date}: {text}",
                        date=choice.date.isoformat(),
                        text=choice.text,
                    ),
                    choice.by,
                )
            )
        elif choice.kind == "sign_off":
            decisions.append(
                Decision.of(
                    RULE,
                    _(
                        "Signed off by your clinician on {date}{why}: the program "
                        "goes on as your own, and they see you again if something new comes up.",
                        date=choice.date.isoformat(),
                        why=_why(choice),
                    ),
                    choice.by,
                )
            )
        elif choice.kind == "program":
            decisions.append(
                Decision.of(
                    RULE,
                    _(
                        "Your clinician's choice: {program} from {date}{why}.",
                        program=choice.exercise_name,
                        date=choice.date.isoformat(),
                        why=_why(choice),
                    ),
                    choice.by,
                )
            )
        elif choice.kind == "hold":
            decisions.append(
                Decision.of(
                    RULE,
                    _(
                        "Your clinician's choice: you stay in this phase until they end the "
                        "hold{why}.",
                        why=_why(choice),
                    ),
                    choice.by,
                )
            )
        elif choice.kind == "advance":
            # the planner words the move, or why it waits, on a day it reaches the gate; a
            # stopped day never gets there, so its words are here
            if plan.stop and plan.phase == choice.exercise:
                decisions.append(
                    Decision.of(
                        RULE,
                        _(
                            "Your clinician moved you on to the next phase, but today's stop "
                            "stands over their choice: the move waits until the stop is ended."
                        ),
                        choice.by,
                    )
                )
        elif plan.stop:  # the safety stops stand: nothing of a stopped day changes
            continue
        elif choice.kind == "retest":
            if Flag.reassess.value not in flags:
                flags = (*flags, Flag.reassess.value)
            decisions.append(
                Decision.of(
                    RULE,
                    _("Your clinician's choice: measure both hips today{why}.", why=_why(choice)),
                    choice.by,
                )
            )
        else:
            touched = [item for item in exercises if item.id == choice.exercise]
            if not touched:
                continue
            name = Named(choice.exercise, choice.exercise_name or touched[0].name)
            if choice.kind == "leave_out":
                exercises = tuple(item for item in exercises if item.id != choice.exercise)
                said = _("{name} is left out", name=name)
            elif choice.kind == "swap" and choice.swap_to is not None:
                to = choice.swap_to
                swapped: list[PlannedExercise] = []
                for item in exercises:
                    for new in _swapped(item, to) if item.id == choice.exercise else (item,):
                        if new.replaces != choice.exercise or new not in swapped:
                            swapped.append(new)
                exercises = tuple(swapped)
                said = _("{to} instead of {name}", to=Named(to.id, to.name), name=name)
            elif choice.kind == "cap":
                exercises = tuple(
                    _capped(item, choice) if item.id == choice.exercise else item
                    for item in exercises
                )
                words = cap_said(choice.cap_sets, choice.cap_reps, choice.cap_seconds)
                said = _("{name} {cap}", name=name, cap=words)
            else:
                continue
            decisions.append(
                Decision.of(
                    RULE,
                    _("Your clinician's choice: {said}{why}.", said=said, why=_why(choice)),
                    choice.by,
                )
            )
    if not decisions:
        return plan
    spent = sum(_seconds(item) for item in plan.exercises) - sum(
        _seconds(item) for item in exercises
    )
    return dataclasses.replace(
        plan,
        exercises=exercises,
        flags=flags,
        minutes=max(0.0, round(plan.minutes - minutes(spent), 1)) if spent else plan.minutes,
        decisions=(*plan.decisions, *decisions),
    )
