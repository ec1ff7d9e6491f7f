"""R14: gaps in training step the doses back; a lapse of `LAPSE_DAYS` restarts the program.

Range and strength gained fade within weeks of stopping (Willy 2001; Mujika 2000), so:
- each full `GAP_STEP_DAYS` without a workout done or partly done steps the doses back one week
  of the phase's changes and each earned load step back one rung (the planner applies it);
- after such a gap, impact (hops, skips, runs) waits until `IMPACT_RETURN_WORKOUTS` workouts
  have been done since the return;
- after `LAPSE_DAYS` the program starts over from its first phase, with a new test, on the day
  the person returns.
"""

from __future__ import annotations

from hipcoach.content.schema import Program
from hipcoach.engine.constants import GAP_STEP_DAYS, IMPACT_RETURN_WORKOUTS, LAPSE_DAYS
from hipcoach.engine.phases import phase_name
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision, Flag
from hipcoach.engine.words import Listed, Said
from hipcoach.engine.words import said as _
from hipcoach.engine.words import said_plural as ngettext


class LapseWatch:
    """The last day a workout was done (or partly done), the gap since, and whether impact
    waits for training after a gap."""

    def __init__(self, start: int) -> None:
        self.last_active = start - 1
        self.impact_waits = False  # a gap of a week or more, and too few workouts since
        self.since_return = 0  # workouts done since that gap

    def gap(self, d: int) -> int:
        """Days without a workout before day `d`."""
        return d - self.last_active - 1

    def lapsed(self, d: int, program: Program, flags: set[Flag], decisions: list[Decision]) -> bool:
        """True (with the lapse's flags and reason added) when day `d` ends a lapse."""
        gap = self.gap(d)
        if gap < LAPSE_DAYS:
            return False
        first = program.phases[0]
        flags |= {Flag.lapsed, Flag.reassess}
        decisions.append(
            decide(
                "R14",
                _(
                    "No workout has been logged for {gap} days. After {weeks} weeks off, the "
                    "range you gained is likely back where it started: test both sides again, and "
                    "the program starts over with the {phase} phase from the day you return.",
                    gap=gap,
                    weeks=LAPSE_DAYS // 7,
                    phase=phase_name(program, first),
                ),
            )
        )
        return True

    def gap_week(self, d: int) -> int | None:
        """The gap's length when day `d` completes another full week of it (short of a lapse);
        from then on impact waits for training."""
        gap = self.gap(d)
        if gap <= 0 or gap % GAP_STEP_DAYS or gap >= LAPSE_DAYS:
            return None
        self.impact_waits = True
        self.since_return = 0
        return gap

    def on_credit(self, d: int, credit: float) -> None:
        """Record how much of day `d`'s workout was done."""
        if credit > 0:
            self.last_active = d
            if self.impact_waits:
                self.since_return += 1
                self.impact_waits = self.since_return < IMPACT_RETURN_WORKOUTS

    def restart(self) -> None:
        """A lapse restarts the program: impact comes back with its phase, as at the start."""
        self.impact_waits = False
        self.since_return = 0


def gap_decision(gap: int, stepped: list[Said]) -> Decision:
    """The words for a week without training: what stepped back, and impact waiting."""
    weeks = gap // GAP_STEP_DAYS
    what = (
        Listed(tuple(stepped), "; ", last=False)
        if stepped
        else _("the doses are already at the phase's start")
    )
    return decide(
        "R14",
        ngettext(
            "No workout for {gap} days ({weeks} week): gains fade when "
            "training stops, so the doses step back a week for each week off: {what}. Hops, skips "
            "and runs wait until {workouts} workouts are done after the break. "
            "After {lapse_weeks} weeks off the program starts over.",
            "No workout for {gap} days ({weeks} weeks): gains fade when "
            "training stops, so the doses step back a week for each week off: {what}. Hops, skips "
            "and runs wait until {workouts} workouts are done after the break. "
            "After {lapse_weeks} weeks off the program starts over.",
            weeks,
            gap=gap,
            weeks=weeks,
            what=what,
            workouts=IMPACT_RETURN_WORKOUTS,
            lapse_weeks=LAPSE_DAYS // 7,
        ),
    )


def impact_waits_decision(done: int) -> Said:
    """Why impact work is left out today (for the workout's swap wording)."""
    return _(
        "you are back after a week or more off ({done} of {workouts} workouts "
        "done since), and landing needs recent training",
        done=done,
        workouts=IMPACT_RETURN_WORKOUTS,
    )
