"""R9 over time: a red day or a morning flare steps the plan down a level; calm days bring it
back up; amber pain holds progress.

Pain zones themselves are in `hipcoach.engine.pain`. This module carries what they mean from
one day to the next: the regression level in force and the run of calm days since the last
amber or red one.
"""

from __future__ import annotations

from hipcoach.engine.constants import (
    AMBER_MAX,
    GREEN_MAX,
    MAX_REGRESSION_LEVEL,
    RECOVERY_DAYS,
    SETTLED_MARGIN,
)
from hipcoach.engine.pain import PainDiary, Zone
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision, Flag
from hipcoach.engine.words import Said
from hipcoach.engine.words import said as _
from hipcoach.engine.words import said_plural as ngettext


def _levels(n: int) -> Said:
    return ngettext("{count} level", "{count} levels", n, count=n)


class PainRegression:
    """The regression level (0: the programmed doses) and the calm days towards the next step up.

    A lapse does not reset it: a lapse restarts the program's progress, not what today's pain
    allows (R9 still holds after a red day).
    """

    def __init__(self) -> None:
        self.level = 0  # levels below the programmed doses
        self.calm_days = 0  # consecutive days without amber or red

    def morning_rise(self, d: int, pain: PainDiary) -> tuple[str, Said, Said] | None:
        """R9: the (rule, why, until) hold of the weekly step and the phase move when the mean
        next-morning pain of the last 7 days rose on the 7 days before; None otherwise."""
        rise = pain.morning_rise(d)
        if rise is None:
            return None
        before, last = rise
        return (
            "R9",
            _(
                "your pain on waking has risen week on week (an average of {before:.1f} the week "
                "before, {last:.1f} this week)",
                before=float(before),
                last=float(last),
            ),
            _("it stops rising"),
        )

    def holds(self, zone: Zone | None) -> bool:
        """Whether progress (a dose increase, a phase move, a strength step) waits today."""
        return self.level > 0 or zone in (Zone.amber, Zone.red)

    def on_day(
        self,
        d: int,
        pain: PainDiary,
        zone: Zone | None,
        reported: bool,
        flags: set[Flag],
        decisions: list[Decision],
        *,
        whole: bool = True,
    ) -> None:
        """Apply R9 to day `d`, whose zone is `zone` (`reported` when a report of that day set it).

        Without `whole`, the pain that is not green is on one side only: an amber day still
        counts against the calm days, but its hold is that side's (`engine.pain_sides`)."""
        red_zone = reported and zone is Zone.red
        flare = pain.flare(d)
        if red_zone or flare:
            before = self.level
            self.level = min(MAX_REGRESSION_LEVEL, self.level + 1)
            self.calm_days = 0
            flags.add(Flag.pain_flare)
            if self.level > before:
                step = _(
                    "the plan steps down one level ({level} below the programmed doses)",
                    level=self.level,
                )
            else:
                step = _(
                    "the plan stays at its easiest ({level} levels below the programmed doses)",
                    level=self.level,
                )
            if red_zone:
                decisions.append(
                    decide(
                        "R9",
                        _(
                            "Pain of {score}/10 today is in the red zone (above {amber_max}): "
                            "stop today's workout and rest. From tomorrow {step}, with no "
                            "progression until pain settles.",
                            score=pain.worst[d],
                            amber_max=AMBER_MAX,
                            step=step,
                        ),
                    )
                )
            if flare:
                score, base = flare
                decisions.append(
                    decide(
                        "R9",
                        _(
                            "This morning's pain of {score}/10 is {above} above your usual "
                            "{base}/10, a sign the last workout was too much: {step}.",
                            score=score,
                            above=score - base,
                            base=base,
                            step=step,
                        ),
                    )
                )
            return
        if zone is Zone.amber and not whole:
            self.calm_days = 0
            return
        if zone is Zone.amber:
            self.calm_days = 0
            last = pain.last_report(d)
            score = last[1] if last else 0
            if reported:
                said = _(
                    "Pain of {score}/10 today is in the amber zone ({low}–{high})",
                    score=score,
                    low=GREEN_MAX + 1,
                    high=AMBER_MAX,
                )
            else:
                ago = d - last[0] if last else 0
                said = ngettext(
                    "Your last pain report ({score}/10, {days} day ago) has not yet "
                    "been followed by one of 3 or less",
                    "Your last pain report ({score}/10, {days} days ago) has not yet "
                    "been followed by one of 3 or less",
                    ago,
                    score=score,
                    days=ago,
                )
            decisions.append(
                decide(
                    "R9",
                    _(
                        "{said}: keep going at the current doses, but no dose increase and no "
                        "move to the next phase until pain is back to {green_max} or less.",
                        said=said,
                        green_max=GREEN_MAX,
                    ),
                )
            )
            return
        if self.level == 0:
            self.calm_days += 1
            return
        unsettled = pain.unsettled(d)
        if unsettled is not None:
            # a flare's level is won back only when pain on waking is back to the usual level
            score, base = unsettled
            self.calm_days = 0
            decisions.append(
                decide(
                    "R9",
                    _(
                        "Still {levels} easier after the flare, with no "
                        "progression: your latest pain at rest or on waking ({score}/10) has not "
                        "come back to your usual {base}/10. It steps back up after {days} days "
                        "without amber or red pain once your pain on waking is within {margin} "
                        "of your usual level: report it each morning.",
                        levels=_levels(self.level),
                        score=score,
                        base=base,
                        days=RECOVERY_DAYS,
                        margin=SETTLED_MARGIN,
                    ),
                )
            )
            return
        self.calm_days += 1
        if self.calm_days >= RECOVERY_DAYS:
            self.level -= 1
            self.calm_days = 0
            to = (
                _("the programmed doses")
                if self.level == 0
                else _("{level} below programmed", level=self.level)
            )
            decisions.append(
                decide(
                    "R9",
                    _(
                        "{days} days without amber or red pain: the plan steps back up one "
                        "level, to {to}.",
                        days=RECOVERY_DAYS,
                        to=to,
                    ),
                )
            )
        else:
            decisions.append(
                decide(
                    "R9",
                    _(
                        "Still {levels} easier after the flare, with no "
                        "progression; it steps back up after {days} days without amber or "
                        "red pain ({calm} so far).",
                        levels=_levels(self.level),
                        days=RECOVERY_DAYS,
                        calm=self.calm_days,
                    ),
                )
            )
