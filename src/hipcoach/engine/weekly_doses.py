"""Weekly progression (program data): each week of a phase may change some doses.

A phase's `weeks` list the dose changes that start in a given week of the phase. The week in
force advances one at a time as the phase goes on; a week that changes doses waits while pain
or a regression holds progress (R9), so doses never rise on a bad week.
"""

from __future__ import annotations

from collections.abc import Mapping

from hipcoach.content.schema import Exercise
from hipcoach.engine.phases import PhasePosition
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision


def progress_week(
    position: PhasePosition,
    library: Mapping[str, Exercise],
    d: int,
    held: bool,
    decisions: list[Decision],
) -> None:
    """Advance `position`'s dose week by one when day `d` has reached the next week."""
    phase = position.phase
    target = (d - position.start) // 7 + 1
    if target <= position.week:
        return
    change = next((c for c in phase.weeks if c.week == position.week + 1), None)
    if change is None:
        position.week += 1
        return
    if held:
        decisions.append(
            decide(
                "R9",
                f"Week {change.week}'s dose increase in the {phase.name.lower()} phase is held "
                "back while pain is not green or a regression is in force.",
            )
        )
        return
    position.week += 1
    names = ", ".join(library[e].name.lower() for e in change.doses if e in library)
    note = f" {change.note}" if change.note else ""
    decisions.append(
        decide("week", f"Week {change.week} of the {phase.name.lower()} phase:{note} ({names}).")
    )


def dose_week(position: PhasePosition) -> int:
    """The latest week whose dose changes are in force (1: the phase's base doses)."""
    change_weeks = [c.week for c in position.phase.weeks if c.week <= position.week]
    return max(change_weeks, default=1)
