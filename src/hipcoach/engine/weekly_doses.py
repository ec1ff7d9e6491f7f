"""Weekly progression (program data): each week of a phase may change some doses.

A phase's `weeks` list the dose changes that start in a given week of the phase. The week in
force advances one at a time, after a week of training actually done: at least `WEEK_MIN_DAYS`
days and the program's `week_workouts` workouts done or partly done since the last week began,
so a week nobody trained never raises a dose, and two weeks' changes never land on
consecutive days. A week that changes doses also waits while pain or a regression holds
progress (R9), and while one of its exercises had a load step (R10) less than
`LOAD_STEP_MIN_DAYS` ago, so a weekly change and a load step never stack on one exercise.
After a gap (R14) the week in force steps back (`step_back_week`).
"""

from __future__ import annotations

from collections.abc import Mapping

from hipcoach.content.schema import Exercise
from hipcoach.engine.constants import WEEK_MIN_DAYS
from hipcoach.engine.phases import PhasePosition
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision


def progress_week(
    position: PhasePosition,
    library: Mapping[str, Exercise],
    d: int,
    held: bool,
    decisions: list[Decision],
    *,
    stepping: Mapping[str, int] | None = None,
    due: frozenset[str] | set[str] = frozenset(),
    hold: tuple[str, str, str] | None = None,
) -> bool:
    """Advance `position`'s dose week by one when a week of training is done by day `d`.

    `stepping` maps an exercise to the days left before it may step again (a recent load
    step); `due` are exercises with a load step earned and waiting, which goes first. Returns
    True when a week with dose changes began today.
    """
    phase = position.phase
    if d - position.week_start < WEEK_MIN_DAYS:
        return False
    needed = position.program.week_workouts
    change = next((c for c in phase.weeks if c.week == position.week + 1), None)
    if position.week_workouts < needed:
        if change is not None and d - position.week_start == WEEK_MIN_DAYS:
            decisions.append(
                decide(
                    "week",
                    f"Week {change.week}'s doses in the {phase.name.lower()} phase wait for a week "
                    f"of training: {position.week_workouts} of {needed} workouts done since the "
                    "last change. Doses follow the training done, not the calendar.",
                )
            )
        return False
    if change is None:
        position.next_week(d)
        return False
    if held:
        rule, why, _ = hold or ("R9", "pain is not green or a regression is in force", "")
        decisions.append(
            decide(
                rule,
                f"Week {change.week}'s dose increase in the {phase.name.lower()} phase is held "
                f"back while {why}.",
            )
        )
        return False
    stepping = stepping or {}
    waiting = sorted(e for e in change.doses if stepping.get(e, 0) > 0)
    first = sorted(e for e in change.doses if e in due and e not in waiting)
    if waiting or first:
        parts = []
        if waiting:
            names = ", ".join(library[e].name.lower() for e in waiting if e in library)
            days = max(stepping[e] for e in waiting)
            parts.append(
                f"wait {days} more day{'s' if days != 1 else ''}: the {names} stepped up less "
                "than a week ago"
            )
        if first:
            names = ", ".join(library[e].name.lower() for e in first if e in library)
            parts.append(f"wait for the step the {names} has earned, which goes first")
        decisions.append(
            decide(
                "week",
                f"Week {change.week}'s doses {'; and '.join(parts)}. One exercise takes one "
                "step at a time.",
            )
        )
        return False
    position.next_week(d)
    names = ", ".join(library[e].name.lower() for e in change.doses if e in library)
    note = f" {change.note}" if change.note else ""
    decisions.append(
        decide("week", f"Week {change.week} of the {phase.name.lower()} phase:{note} ({names}).")
    )
    return True


def changed_today(position: PhasePosition) -> frozenset[str]:
    """The exercises whose dose the week in force changed (call on the day it began)."""
    change = next((c for c in position.phase.weeks if c.week == position.week), None)
    return frozenset(change.doses) if change else frozenset()


def step_back_week(position: PhasePosition, d: int) -> str | None:
    """After a week without training: the week in force steps back one dose change.

    Returns the words for what changed, or None when the phase's base doses are in force.
    """
    current = dose_week(position)
    if current <= 1:
        position.step_back(d, 1)
        return None
    position.step_back(d, current)
    back = dose_week(position)
    phase = position.phase.name.lower()
    return f"the {phase} phase's doses go back from week {current} to week {back}"


def dose_week(position: PhasePosition) -> int:
    """The latest week whose dose changes are in force (1: the phase's base doses)."""
    key = (position.index, position.week)
    found = position.dose_weeks.get(key)
    if found is None:
        change_weeks = [c.week for c in position.phase.weeks if c.week <= position.week]
        found = position.dose_weeks[key] = max(change_weeks, default=1)
    return found
