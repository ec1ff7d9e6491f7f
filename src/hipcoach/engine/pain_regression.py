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


def _plural(n: float, word: str) -> str:
    return f"{n:g} {word}" if n == 1 else f"{n:g} {word}s"


class PainRegression:
    """The regression level (0: the programmed doses) and the calm days towards the next step up.

    A lapse does not reset it: a lapse restarts the program's progress, not what today's pain
    allows (R9 still holds after a red day).
    """

    def __init__(self) -> None:
        self.level = 0  # levels below the programmed doses
        self.calm_days = 0  # consecutive days without amber or red

    def morning_rise(self, d: int, pain: PainDiary) -> tuple[str, str, str] | None:
        """R9: the (rule, why, until) hold of the weekly step and the phase move when the mean
        next-morning pain of the last 7 days rose on the 7 days before; None otherwise."""
        rise = pain.morning_rise(d)
        if rise is None:
            return None
        before, last = rise
        return (
            "R9",
            f"your pain on waking has risen week on week (an average of {before:.1f} the week "
            f"before, {last:.1f} this week)",
            "it stops rising",
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
                step = f"the plan steps down one level ({self.level} below the programmed doses)"
            else:
                step = f"the plan stays at its easiest ({self.level} levels below the programmed doses)"
            if red_zone:
                decisions.append(
                    decide(
                        "R9",
                        f"Pain of {pain.worst[d]}/10 today is in the red zone (above {AMBER_MAX}): "
                        f"stop today's workout and rest. From tomorrow {step}, with no progression "
                        "until pain settles.",
                    )
                )
            if flare:
                score, base = flare
                decisions.append(
                    decide(
                        "R9",
                        f"This morning's pain of {score}/10 is {score - base} above your usual "
                        f"{base}/10, a sign the last workout was too much: {step}.",
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
                said = (
                    f"Pain of {score}/10 today is in the amber zone ({GREEN_MAX + 1}–{AMBER_MAX})"
                )
            else:
                ago = d - last[0] if last else 0
                said = (
                    f"Your last pain report ({score}/10, {_plural(ago, 'day')} ago) has not yet "
                    "been followed by one of 3 or less"
                )
            decisions.append(
                decide(
                    "R9",
                    f"{said}: keep going at the current doses, but no dose increase and no move to "
                    f"the next phase until pain is back to {GREEN_MAX} or less.",
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
                    f"Still {_plural(self.level, 'level')} easier after the flare, with no "
                    f"progression: your latest pain at rest or on waking ({score}/10) has not come "
                    f"back to your usual {base}/10. It steps back up after {RECOVERY_DAYS} days "
                    f"without amber or red pain once your pain on waking is within {SETTLED_MARGIN} "
                    "of your usual level: report it each morning.",
                )
            )
            return
        self.calm_days += 1
        if self.calm_days >= RECOVERY_DAYS:
            self.level -= 1
            self.calm_days = 0
            to = "the programmed doses" if self.level == 0 else f"{self.level} below programmed"
            decisions.append(
                decide(
                    "R9",
                    f"{RECOVERY_DAYS} days without amber or red pain: the plan steps back up one "
                    f"level, to {to}.",
                )
            )
        else:
            decisions.append(
                decide(
                    "R9",
                    f"Still {_plural(self.level, 'level')} easier after the flare, with no "
                    f"progression; it steps back up after {RECOVERY_DAYS} days without amber or "
                    f"red pain ({self.calm_days} so far).",
                )
            )
