"""R9 by side: pain on one side holds that side's load, not the other side's.

Pain reports name a side (left, right, or both: the whole person). When the pain that is not
green is on one side only (`PainDiary.painful_sides`), with no regression level, no red day and
no other hold in force:

- that side gets no extra load: no asymmetry set (R3) and no weekly dose increase; its
  per-side work stays at the dose week it had when its pain began, and so does work done with
  both legs at once (a bridge loads the painful side too);
- the other side is not held back: the week's dose changes apply to its per-side work on time,
  and when it is the stiffer side, its asymmetry sets go on;
- the phase move and strength steps (R10) still wait, since they apply to both sides at once.

Once the side's pain is green (or no longer carried), it catches up one dose week at a time,
each a full `WEEK_MIN_DAYS` after the last (its pain-free days first), so a side held for
weeks is not handed several weeks' increases at once.

Pain on both sides, a red day, a flare's regression and every safety rule (R13, R18, R19, ...)
stay whole-person: this module only decides when one-sided pain need not hold the other side.
"""

from __future__ import annotations

from hipcoach.content.schema import Phase
from hipcoach.engine.constants import GREEN_MAX, WEEK_MIN_DAYS
from hipcoach.engine.pain import PainDiary
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision
from hipcoach.vocabulary import PainPlace, Side


def other_side(side: str) -> str:
    return "right" if side == "left" else "left"


def side_pain_decision(d: int, side: Side, pain: PainDiary) -> Decision:
    """R9's words for a day on which the pain that holds is on `side` only."""
    found = pain.side_report(d, side)
    said = f"Pain on the {side} side"
    if found is not None:
        day, score, places = found
        where = ", ".join(p.words for p in places if p is not PainPlace.unspecified)
        if day == d:
            at = f" ({where})" if where else ""
            said = f"Pain of {score}/10 on the {side} side{at} today is not green"
        else:
            ago = d - day
            at = f", {where}" if where else ""
            said = (
                f"The {side} side's last pain report ({score}/10{at}, {ago} day"
                f"{'s' if ago != 1 else ''} ago) has not yet been followed by one of {GREEN_MAX} "
                "or less"
            )
    return decide(
        "R9",
        f"{said}: the {side} side gets no extra load (no extra set, no dose increase for its "
        f"work or for work with both legs), and no move to the next phase until its pain is back "
        f"to {GREEN_MAX} or less. The {other_side(side)} side has no pain that holds it: its "
        "own work goes on as planned.",
    )


class SideDoses:
    """The dose week each side's work stays at while that side's pain holds, or catches up
    from after it settled (absent: the phase's week in force)."""

    def __init__(self) -> None:
        self.weeks: dict[str, int] = {}  # side → the dose week its work is held at
        self.since: dict[str, int] = {}  # side → its last painful day, or its last step up
        self.phase = -1  # the phase index the weeks belong to

    def restart(self) -> None:
        """A new run of the program (after a lapse): every side starts at the phase's week."""
        self.weeks.clear()
        self.since.clear()

    def on_day(
        self,
        d: int,
        side: str | None,
        before: int,
        now: int,
        phase_index: int,
        phase: Phase,
        decisions: list[Decision],
    ) -> tuple[tuple[str, int], ...]:
        """Day `d`: `side` is the one side whose pain holds today (None: no side alone);
        `before` and `now` the dose week in force before and after today's weekly step, in the
        phase at `phase_index`. Returns (side, dose week) for each side held below `now`."""
        if phase_index != self.phase:
            self.restart()
            self.phase = phase_index
        if side is None and not self.weeks:
            return ()  # no side held, nor catching up
        if side is not None:
            self.weeks.setdefault(side, before)
            self.since[side] = d
        for held in sorted(self.weeks):
            week = self.weeks[held]
            if week >= now:
                if held != side:
                    del self.weeks[held], self.since[held]
                continue
            if held == side:
                decisions.append(
                    decide(
                        "R9",
                        f"The {held} side's work stays at week {week}'s doses while its pain holds; "
                        f"the {other_side(held)} side has week {now}'s.",
                    )
                )
                continue
            if d - self.since[held] < WEEK_MIN_DAYS:
                decisions.append(
                    decide(
                        "R9",
                        f"The {held} side's pain has settled; its work stays at week {week}'s "
                        f"doses for {WEEK_MIN_DAYS} days of settled pain, then catches up one "
                        "week at a time.",
                    )
                )
                continue
            week = min(
                [c.week for c in phase.weeks if week < c.week <= now] or [now],
            )
            self.since[held] = d
            if week >= now:
                del self.weeks[held], self.since[held]
            else:
                self.weeks[held] = week
            decisions.append(
                decide(
                    "R9",
                    f"The {held} side's pain has settled for a week: its work steps up to week "
                    f"{week}'s doses"
                    + (
                        " and is level with the other side's."
                        if week >= now
                        else ", one week at a time."
                    ),
                )
            )
        return tuple((s, w) for s, w in sorted(self.weeks.items()) if w < now)
