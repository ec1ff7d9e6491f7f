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
from hipcoach.engine.measurement import side_said
from hipcoach.engine.pain import PainDiary
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision
from hipcoach.engine.words import Listed, Said, TermWords
from hipcoach.engine.words import said as _
from hipcoach.engine.words import said_plural as ngettext
from hipcoach.vocabulary import PainPlace, Side


def other_side(side: str) -> str:
    return "right" if side == "left" else "left"


def side_pain_decision(d: int, side: Side, pain: PainDiary) -> Decision:
    """R9's words for a day on which the pain that holds is on `side` only."""
    found = pain.side_report(d, side)
    named = side_said(side)
    said: Said = _("Pain on the {side} side", side=named)
    if found is not None:
        day, score, places = found
        shown = [TermWords(p) for p in places if p is not PainPlace.unspecified]
        where = Listed(tuple(shown), last=False)
        if day == d:
            said = (
                _(
                    "Pain of {score}/10 on the {side} side ({where}) today is not green",
                    score=score,
                    side=named,
                    where=where,
                )
                if shown
                else _(
                    "Pain of {score}/10 on the {side} side today is not green",
                    score=score,
                    side=named,
                )
            )
        else:
            ago = d - day
            said = (
                ngettext(
                    "The {side} side's last pain report ({score}/10, {where}, {days} day ago) has "
                    "not yet been followed by one of {green_max} or less",
                    "The {side} side's last pain report ({score}/10, {where}, {days} days ago) has "
                    "not yet been followed by one of {green_max} or less",
                    ago,
                    side=named,
                    score=score,
                    where=where,
                    days=ago,
                    green_max=GREEN_MAX,
                )
                if shown
                else ngettext(
                    "The {side} side's last pain report ({score}/10, {days} day ago) has not yet "
                    "been followed by one of {green_max} or less",
                    "The {side} side's last pain report ({score}/10, {days} days ago) has not yet "
                    "been followed by one of {green_max} or less",
                    ago,
                    side=named,
                    score=score,
                    days=ago,
                    green_max=GREEN_MAX,
                )
            )
    return decide(
        "R9",
        _(
            "{said}: the {side} side gets no extra load (no extra set, no dose increase for its "
            "work or for work with both legs), and no move to the next phase until its pain is "
            "back to {green_max} or less. The {other} side has no pain that holds it: its "
            "own work goes on as planned.",
            said=said,
            side=named,
            green_max=GREEN_MAX,
            other=side_said(other_side(side)),
        ),
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
                        _(
                            "The {side} side's work stays at week {week}'s doses while its pain "
                            "holds; the {other} side has week {now}'s.",
                            side=side_said(held),
                            week=week,
                            other=side_said(other_side(held)),
                            now=now,
                        ),
                    )
                )
                continue
            if d - self.since[held] < WEEK_MIN_DAYS:
                decisions.append(
                    decide(
                        "R9",
                        _(
                            "The {side} side's pain has settled; its work stays at week {week}'s "
                            "doses for {days} days of settled pain, then catches up one "
                            "week at a time.",
                            side=side_said(held),
                            week=week,
                            days=WEEK_MIN_DAYS,
                        ),
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
                    _(
                        "The {side} side's pain has settled for a week: its work steps up to "
                        "week {week}'s doses and is level with the other side's.",
                        side=side_said(held),
                        week=week,
                    )
                    if week >= now
                    else _(
                        "The {side} side's pain has settled for a week: its work steps up to "
                        "week {week}'s doses, one week at a time.",
                        side=side_said(held),
                        week=week,
                    ),
                )
            )
        return tuple((s, w) for s, w in sorted(self.weeks.items()) if w < now)
