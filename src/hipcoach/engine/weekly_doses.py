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

from collections.abc import Iterable, Mapping

from hipcoach.content.schema import Exercise
from hipcoach.engine.constants import WEEK_MIN_DAYS
from hipcoach.engine.phases import Hold, PhasePosition, phase_name, phase_place
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision
from hipcoach.engine.words import Content, Listed, Named, Said, joined
from hipcoach.engine.words import said as _
from hipcoach.engine.words import said_plural as ngettext


def progress_week(
    position: PhasePosition,
    library: Mapping[str, Exercise],
    d: int,
    held: bool,
    decisions: list[Decision],
    *,
    stepping: Mapping[str, int] | None = None,
    due: frozenset[str] | set[str] = frozenset(),
    hold: Hold | None = None,
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
                    _(
                        "Week {week}'s doses in the {phase} phase wait for a week "
                        "of training: {done} of {needed} workouts done since the "
                        "last change. Doses follow the training done, not the calendar.",
                        week=change.week,
                        phase=phase_name(position.program, phase),
                        done=position.week_workouts,
                        needed=needed,
                    ),
                )
            )
        return False
    if change is None:
        position.next_week(d)
        return False
    if held:
        rule, why, _until = hold or (
            "R9",
            _("pain is not green or a regression is in force"),
            "",
        )
        decisions.append(
            decide(
                rule,
                _(
                    "Week {week}'s dose increase in the {phase} phase is held back while {why}.",
                    week=change.week,
                    phase=phase_name(position.program, phase),
                    why=why,
                ),
            )
        )
        return False
    stepping = stepping or {}
    waiting = sorted(e for e in change.doses if stepping.get(e, 0) > 0)
    first = sorted(e for e in change.doses if e in due and e not in waiting)
    if waiting or first:
        parts: list[Said] = []
        if waiting:
            days = max(stepping[e] for e in waiting)
            parts.append(
                ngettext(
                    "wait {days} more day: the {names} stepped up less than a week ago",
                    "wait {days} more days: the {names} stepped up less than a week ago",
                    days,
                    days=days,
                    names=_names(library, waiting),
                )
            )
        if first:
            parts.append(
                _(
                    "wait for the step the {names} has earned, which goes first",
                    names=_names(library, first),
                )
            )
        decisions.append(
            decide(
                "week",
                _(
                    "Week {week}'s doses {parts}. One exercise takes one step at a time.",
                    week=change.week,
                    parts=Listed(tuple(parts), _("; and "), last=False),
                ),
            )
        )
        return False
    position.next_week(d)
    # the week's own note, in the reader's words (programs.<id>.phases.<id>.weeks.<week>.note)
    place = (*phase_place(position.program, phase), "weeks", str(change.week), "note")
    note = joined(" ", Content(place, change.note)) if change.note else ""
    decisions.append(
        decide(
            "week",
            _(
                "Week {week} of the {phase} phase:{note} ({names}).",
                week=change.week,
                phase=phase_name(position.program, phase),
                note=note,
                names=_names(library, change.doses),
            ),
        )
    )
    return True


def changed_today(position: PhasePosition) -> frozenset[str]:
    """The exercises whose dose the week in force changed (call on the day it began)."""
    change = next((c for c in position.phase.weeks if c.week == position.week), None)
    return frozenset(change.doses) if change else frozenset()


def _names(library: Mapping[str, Exercise], ids: Iterable[str]) -> Listed:
    """Exercises' names as a sentence lists them: "the bridge, clamshell"."""
    return Listed(
        tuple(Named(e, library[e].name, lower=True) for e in ids if e in library), last=False
    )


def step_back_week(position: PhasePosition, d: int) -> Said | None:
    """After a week without training: the week in force steps back one dose change.

    Returns the words for what changed, or None when the phase's base doses are in force.
    """
    current = dose_week(position)
    if current <= 1:
        position.step_back(d, 1)
        return None
    position.step_back(d, current)
    back = dose_week(position)
    return _(
        "the {phase} phase's doses go back from week {current} to week {back}",
        phase=phase_name(position.program, position.phase),
        current=current,
        back=back,
    )


def dose_week(position: PhasePosition) -> int:
    """The latest week whose dose changes are in force (1: the phase's base doses)."""
    key = (position.index, position.week)
    found = position.dose_weeks.get(key)
    if found is None:
        change_weeks = [c.week for c in position.phase.weeks if c.week <= position.week]
        found = position.dose_weeks[key] = max(change_weeks, default=1)
    return found
