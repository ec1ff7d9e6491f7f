"""The weekly look back: adherent weeks (counted for R5), the review of pain and function
(R13: worsening, or no improvement after `REVIEW_AFTER_DAYS`) and the weekly reassessment (R7).

Weeks are counted from the episode start: the enrollment start, or the return after a lapse.
"""

from __future__ import annotations

from functools import partial

from hipcoach.engine.constants import (
    ADHERENT_WEEK_MIN_DAYS,
    AMBER_MAX,
    NPRS_MIN_IMPROVEMENT,
    NPRS_REVIEW_MIN_START,
    PSFS_MIN_IMPROVEMENT,
    REASSESS_EVERY_DAYS,
    RED_MIN_REPORTS,
    RED_REFER_SHARE,
    RED_REVIEW_DAYS,
    REVIEW_AFTER_DAYS,
    WORSENING_STEP,
    WORSENING_WEEKS,
)
from hipcoach.engine.history_by_day import HistoryByDay
from hipcoach.engine.measure_watch import MeasureWatch
from hipcoach.engine.measurement import method_code, position_code
from hipcoach.engine.pain import Zone
from hipcoach.engine.rules import decide, decide_later
from hipcoach.engine.types import Decision, Flag
from hipcoach.engine.words import Listed, Said
from hipcoach.engine.words import said as _


def _averages(*weeks: float | Said) -> Said:
    """Weekly averages one after another ("2.0 → 3.0"), each number with the reader's decimal
    mark (`Words.decimal`: "2,0 → 3,0"), an earlier run of them (a `Said`) as it is."""
    slots = tuple((f"w{n}", week) for n, week in enumerate(weeks))
    text = " → ".join(
        "{" + key + ("}" if isinstance(week, Said) else ":.1f}") for key, week in slots
    )
    return Said(text, slots)


class Review:
    """What the weekly look back carries: adherent weeks, and the pain trend when it is rising."""

    def __init__(self) -> None:
        self.adherent_weeks = 0
        self.worsening: Said | None = None  # R13: the weekly averages when pain keeps rising
        self.worsening_from: float | None = None  # the mean of the week before the rise began
        self.still_up = False  # the rise has stopped but pain has not come back down
        self.red_days = 0  # R13: red-zone days in the window of the last weekly check
        self.reported_days = 0  # R13: days with a pain report in that window
        # the worsening referral as decided, with the (worsening, still_up) it says: the same
        # decision every day until they change (derived: not in a checkpoint)
        self.said: tuple[Said, bool, Decision] | None = None

    def restart(self) -> None:
        """A new run of the program (after a lapse)."""
        self.adherent_weeks = 0
        self.worsening = None
        self.worsening_from = None
        self.still_up = False
        self.red_days = 0
        self.reported_days = 0

    def _settled(self, last: float | None) -> bool:
        """Pain has come back to within a step of where it was before the rise (R13)."""
        if last is None or self.worsening_from is None:
            return False
        return last < self.worsening_from + WORSENING_STEP

    def count_adherent_week(self, d: int, episode_start: int, days: HistoryByDay) -> None:
        """At each weekly mark, count the week just ended if enough of it was done (R5)."""
        since = d - episode_start
        if since <= 0 or since % 7:
            return
        done = sum(days.credit(d - k) for k in range(1, 8))
        if done >= ADHERENT_WEEK_MIN_DAYS:
            self.adherent_weeks += 1

    def review(
        self,
        d: int,
        episode_start: int,
        days: HistoryByDay,
        flags: set[Flag],
        decisions: list[Decision],
    ) -> None:
        """R13: refer when pain keeps rising, or when nothing has improved after the review time."""
        pain = days.pain
        since = d - episode_start
        if since >= 7 * (WORSENING_WEEKS + 1) and since % 7 == 0:
            # judged at each weekly check over the last complete weeks, so the answer holds
            # for the week that follows instead of flickering with a rolling window
            means = [
                pain.mean_between(d - 7 * k, d - 7 * k + 6)
                for k in range(WORSENING_WEEKS + 1, 0, -1)
            ]
            weeks = [w for w in means if w is not None]
            rising = len(weeks) == len(means) and all(
                b - a >= WORSENING_STEP for a, b in zip(weeks, weeks[1:], strict=False)
            )
            self.still_up = False
            last = means[-1]
            if rising:
                self.worsening = _averages(*weeks)
                self.worsening_from = weeks[0]
            elif self.worsening is not None and not self._settled(last):
                # the referral stays while its reason does: the last week is still up by at
                # least a step on the week before the rise began (or was not reported)
                if last is not None:
                    self.worsening = _averages(self.worsening, last)
                self.still_up = True
            else:
                self.worsening = None
        if self.worsening:
            flags.add(Flag.refer)
            decisions.append(self._worsening(self.worsening))
            return
        if self._mostly_red(d, since, days, flags, decisions):
            return
        if since < REVIEW_AFTER_DAYS:
            return
        first = pain.mean_between(episode_start, episode_start + 6)
        now = pain.mean_between(d - 6, d)
        psfs = days.psfs_between(episode_start, d)
        psfs_gain = psfs[-1] - psfs[0] if len(psfs) >= 2 else None
        nprs_known = first is not None and now is not None and first >= NPRS_REVIEW_MIN_START
        if not nprs_known and psfs_gain is None:
            return
        nprs_better = (
            first is not None
            and now is not None
            and nprs_known
            and first - now >= NPRS_MIN_IMPROVEMENT
        )
        psfs_better = psfs_gain is not None and psfs_gain >= PSFS_MIN_IMPROVEMENT
        if nprs_better or psfs_better:
            return
        pain_now = (float(first or 0), float(now or 0)) if nprs_known else None
        gain = float(psfs_gain) if psfs_gain is not None else None
        flags.add(Flag.refer)
        # made again every day of the referral, with numbers that move: in words when read
        decisions.append(
            decide_later("R13", partial(_no_improvement_words, since // 7, pain_now, gain))
        )

    def _worsening(self, averages: Said) -> Decision:
        """R13's referral while pain keeps rising (or has not come back down)."""
        said = self.said
        if said is not None and said[0] is averages and said[1] == self.still_up:
            return said[2]
        still = (
            _(" and has not come back down to where it was before the rise")
            if self.still_up
            else ""
        )
        decision = decide(
            "R13",
            _(
                "Your pain has risen {weeks} weeks running (weekly average "
                "{averages}){still}. Please see a physiotherapist or doctor to find "
                "out why; ease off anything that makes it worse.",
                weeks=WORSENING_WEEKS,
                averages=averages,
                still=still,
            ),
        )
        self.said = (averages, self.still_up, decision)
        return decision

    def _mostly_red(
        self, d: int, since: int, days: HistoryByDay, flags: set[Flag], decisions: list[Decision]
    ) -> bool:
        """R13: refer when pain was in the red zone on most of the days it was reported in the
        last two weeks (with enough reports to say so), judged at each weekly check (it holds
        for the week that follows). A day without a report is unknown, not pain-free."""
        if since >= RED_REVIEW_DAYS and since % 7 == 0:
            zones = [days.pain.zone_of(d - k) for k in range(1, RED_REVIEW_DAYS + 1)]
            self.reported_days = sum(1 for _, reported in zones if reported)
            self.red_days = sum(1 for z in zones if z == (Zone.red, True))
        if (
            self.reported_days < RED_MIN_REPORTS
            or self.red_days < RED_REFER_SHARE * self.reported_days
        ):
            return False
        if self.reported_days == RED_REVIEW_DAYS:
            share = _("{red} of the last {days} days", red=self.red_days, days=RED_REVIEW_DAYS)
        else:
            share = _(
                "{red} of the {reported} days you reported it in the last {days}",
                red=self.red_days,
                reported=self.reported_days,
                days=RED_REVIEW_DAYS,
            )
        flags.add(Flag.refer)
        decisions.append(
            decide(
                "R13",
                _(
                    "Your pain was above {amber_max}/10 on {share}: "
                    "more than exercise should ever cause, and too often to wait and see. Please "
                    "see a physiotherapist or doctor in the next few days to find out why; until "
                    "then, rest what hurts and keep to the plan's easier days.",
                    amber_max=AMBER_MAX,
                    share=share,
                ),
            )
        )
        return True


def _no_improvement_words(weeks: int, pain: tuple[float, float] | None, gain: float | None) -> Said:
    """R13's words after `weeks` without a real improvement: the average pain (first week,
    last week) and the activity scores' `gain`, each when known."""
    parts: list[Said] = []
    if pain is not None:
        parts.append(
            _(
                "pain has gone from an average of {first:.1f} to {now:.1f}",
                first=pain[0],
                now=pain[1],
            )
        )
    if gain is not None:
        parts.append(_("your activity scores have moved {gain:+.1f}", gain=gain))
    return _(
        "After {weeks} weeks, {parts}: less than the "
        "{points:g} points that shows a real improvement. Please see a "
        "physiotherapist or sports doctor to look at why; you can carry on meanwhile.",
        weeks=weeks,
        parts=Listed(tuple(parts), _(" and "), last=False),
        points=float(NPRS_MIN_IMPROVEMENT),
    )


def is_reassessment_day(n: int) -> bool:
    """Day `n` of the enrollment is a weekly check (R7)."""
    return n > 0 and n % REASSESS_EVERY_DAYS == 0


def reassessment(n: int, watch: MeasureWatch) -> Decision:
    """R7: the weekly check asks for both sides again, in the setups tested before."""
    setups = sorted(
        {(k[1], k[2]) for k in watch.asym_tests if k[0] == "ir"}, key=lambda k: f"{k[0]}, {k[1]}"
    )
    how = (
        _(
            " again ({setups}, as before)",
            setups=Listed(
                tuple(
                    _("{position}, {method}", position=position_code(p), method=method_code(m))
                    for p, m in setups
                ),
                "; ",
                last=False,
            ),
        )
        if setups
        else ""
    )
    return decide(
        "R7",
        _(
            "Week {week} check: test internal rotation on both sides"
            "{how}, three trials a side, and answer the red-flag questions.",
            week=n // REASSESS_EVERY_DAYS,
            how=how,
        ),
    )


def first_test_due(n: int, watch: MeasureWatch) -> Decision | None:
    """R7: with no internal-rotation test on record, each day of the first week asks for one
    (the program starts without it: "measure later"); None otherwise."""
    if n >= REASSESS_EVERY_DAYS or any(setup[0] == "ir" for setup in watch.asym_tests):
        return None
    days_left = REASSESS_EVERY_DAYS - n
    when = _("today") if days_left <= 1 else _("in the next {days} days", days=days_left)
    return decide(
        "R7",
        _(
            "No measurement of your hips yet: when you have five minutes, "
            "{when}, test how far each hip turns in (both sides, three trials a side). Until then "
            "the plan cannot see a stiffer side or check the range target.",
            when=when,
        ),
    )
