"""R14: after `LAPSE_DAYS` without a workout, the program starts over from its first phase.

Gains in range fade within weeks of stopping, so a long gap is met with a new test and a fresh
start on the day the person returns. The planner restarts every rule family's progress; this
module notices the gap and says why.
"""

from __future__ import annotations

from hipcoach.content.schema import Program
from hipcoach.engine.constants import LAPSE_DAYS
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision, Flag


class LapseWatch:
    """The last day a workout was done (or partly done), and the gap since."""

    def __init__(self, start: int) -> None:
        self.last_active = start - 1

    def lapsed(self, d: int, program: Program, flags: set[Flag], decisions: list[Decision]) -> bool:
        """True (with the lapse's flags and reason added) when day `d` ends a lapse."""
        gap = d - self.last_active - 1
        if gap < LAPSE_DAYS:
            return False
        first = program.phases[0]
        flags |= {Flag.lapsed, Flag.reassess}
        decisions.append(
            decide(
                "R14",
                f"No workout has been logged for {gap} days. After {LAPSE_DAYS // 7} weeks off, the "
                "range you gained is likely back where it started: test both sides again, and the "
                f"program starts over with the {first.name.lower()} phase from the day you return.",
            )
        )
        return True

    def on_credit(self, d: int, credit: float) -> None:
        """Record how much of day `d`'s workout was done."""
        if credit > 0:
            self.last_active = d
