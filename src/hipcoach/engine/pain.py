"""Pain zones (R9) and the pain reports indexed by day.

Zones follow the pain-monitoring model (Silbernagel 2007): 0–3 green (may progress), 4–5
amber (hold), above 5 red (stop the day's loading and regress). A day's zone is that of its
worst report. A day with no report takes the zone of the last report for up to
`PAIN_CARRY_DAYS` days, red carrying as amber: red stops only the day it was reported, and
the days after hold until a report says pain has settled. With no report in that time the zone
is unknown: it does not hold progress back, but it does not count as a green day either.

The next-morning baseline (the person's usual pain) is anchored to the lowest settled level:
the lowest weekly median of the rest and next-morning reports of the `BASELINE_ANCHOR_DAYS`
before, counting the weeks with at least `BASELINE_WEEK_MIN_REPORTS` reports; with no such
week, the median of the window's reports; with none, the latest earlier report. A slow rise
therefore stays a rise instead of becoming the new usual. A first report has no baseline.

A report has a side (left, right, or both: the whole person) and a place. The day's zone, the
baseline, flares and every safety rule read every report, whatever its side. Each side also has
its own zone (`side_zone`): that of the latest report covering it (its own side or both),
carried the same way, so a later report of the other side does not settle it; the sides whose
zone is amber or red are the painful sides (`painful_sides`). Knee reports also have a zone of
their own (`knee_painful`): a knee that hurts is not knelt on. A report of no place
(`unspecified`) counts as the hip, as every report did before places were asked.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from enum import Enum
from statistics import median_low

from hipcoach.engine.constants import (
    AMBER_MAX,
    BASELINE_ANCHOR_DAYS,
    BASELINE_WEEK_MIN_REPORTS,
    FLARE_RISE,
    GREEN_MAX,
    MORNING_RISE_MIN_REPORTS,
    MORNING_RISE_STEP,
    PAIN_CARRY_DAYS,
    SETTLED_MARGIN,
)
from hipcoach.engine.types import PainReport
from hipcoach.vocabulary import PainPlace, Side

ONE_SIDE: tuple[Side, Side] = (Side.left, Side.right)
NOT_THE_HIP: frozenset[PainPlace] = frozenset({PainPlace.knee, PainPlace.other})
"""Places that are not the hip: their pain says nothing of which hip hurts."""


_LOWEST = float("-inf")  # below any score: a day's first report is its highest so far
_BOTH = Side.both
_KNEE = PainPlace.knee
_BOTH_SIDES: frozenset[Side] = frozenset(ONE_SIDE)
_NO_SIDE: frozenset[Side] = frozenset()


class Zone(str, Enum):
    green = "green"
    amber = "amber"
    red = "red"


def zone(score: float) -> Zone:
    """The zone of an NPRS score (R9)."""
    if score <= GREEN_MAX:
        return Zone.green
    if score <= AMBER_MAX:
        return Zone.amber
    return Zone.red


class PainDiary:
    """Pain reports indexed by day number (date ordinals), built once per plan."""

    def __init__(self, reports: Iterable[PainReport]) -> None:
        reports = self._all = tuple(reports)
        self.worst: dict[int, int] = {}
        self.morning: dict[int, int] = {}  # next-morning report of a day
        self.during: dict[int, int] = {}  # the highest report during a day's workout
        baseline_reports: dict[int, int] = {}  # rest or next-morning, the highest of a day
        # per side, the worst report covering it (its own side or both), by day
        self.sided: dict[Side, dict[int, int]] = {side: {} for side in ONE_SIDE}
        self._by_day: dict[int, list[PainReport]] | None = None  # `reports`, once asked for
        self.knee: dict[int, int] = {}  # the worst knee report of a day, either side
        # per side, the days with hip pain (above 0, at a hip place or none said) covering it
        self.hip_days: dict[Side, set[int]] = {side: set() for side in ONE_SIDE}
        # each dict keeps a day's highest score, the first of equals (`score > kept`)
        worst, during, morning, knee = self.worst, self.during, self.morning, self.knee
        sided, hip_days = self.sided, self.hip_days
        # no report of one side (every report before sides were asked): the sides are the day's
        self.one_sided = False
        for report in reports:
            day = report.date.toordinal()
            score = report.score
            if score > worst.get(day, _LOWEST):
                worst[day] = score
            hip = score > 0 and report.place not in NOT_THE_HIP
            on = report.side
            if on != _BOTH:
                self.one_sided = True
            for side in ONE_SIDE if on == _BOTH else (on,):
                of_side = sided[side]
                if score > of_side.get(day, _LOWEST):
                    of_side[day] = score
                if hip:
                    hip_days[side].add(day)
            if report.place == _KNEE and score > knee.get(day, _LOWEST):
                knee[day] = score
            when = report.when
            if when == "during":
                if score > during.get(day, _LOWEST):
                    during[day] = score
            elif when == "next_morning":
                if score > morning.get(day, _LOWEST):
                    morning[day] = score
                if score > baseline_reports.get(day, _LOWEST):
                    baseline_reports[day] = score
            elif when == "rest" and score > baseline_reports.get(day, _LOWEST):
                baseline_reports[day] = score
        self._base_days = sorted(baseline_reports)
        self._base_scores = [baseline_reports[d] for d in self._base_days]
        # no baseline is below the lowest of these scores: a morning under it by less than
        # `FLARE_RISE` is no flare, whatever the day's baseline (`flare` skips working it out)
        self._lowest_base = min(self._base_scores, default=None)
        self._report_days = sorted(self.worst)
        self._morning_days = sorted(self.morning)
        self._side_days = {side: sorted(self.sided[side]) for side in ONE_SIDE}
        self._knee_days = sorted(self.knee)
        self._hip_sorted = {side: sorted(days) for side, days in self.hip_days.items()}
        # Built once per plan and asked about every day: what a day's question shares with
        # another day's is kept. Each week's median of the usual level, by the day after it
        # ends (a day's four weeks are the next week's last three); each week's next-morning
        # scores, by its first day (a day's two weeks come back a week later); the running sum
        # of the daily worst scores, so a mean over days costs two look-ups.
        self._week_medians: dict[int, int | None] = {}
        self._baselines: dict[int, int | None] = {}
        self._morning_weeks: dict[int, float | None] = {}
        self._worst_sums: list[int] | None = None
        self._zones: dict[int, tuple[Zone | None, bool]] = {}
        if all(type(self.worst[d]) is int for d in self._report_days):  # exact sums only
            self._worst_sums = [0]
            for d in self._report_days:
                self._worst_sums.append(self._worst_sums[-1] + self.worst[d])
        # the same of the next-morning scores, for a week's mean (`_morning_week`)
        self._morning_sums: list[int] | None = None
        if all(type(self.morning[d]) is int for d in self._morning_days):
            self._morning_sums = [0]
            for d in self._morning_days:
                self._morning_sums.append(self._morning_sums[-1] + self.morning[d])

    @property
    def reports(self) -> dict[int, list[PainReport]]:
        """The reports by day, for where the pain was (made when first asked: seldom)."""
        if self._by_day is None:
            self._by_day = {}
            for report in self._all:
                self._by_day.setdefault(report.date.toordinal(), []).append(report)
        return self._by_day

    def baseline(self, day: int) -> int | None:
        """The usual (next-morning baseline) pain for `day`, from reports strictly before it:
        the lowest weekly median of the anchor window (weeks with enough reports), else the
        window's median, else the latest earlier report."""
        if day in self._baselines:
            return self._baselines[day]
        base = self._baseline(day)
        self._baselines[day] = base
        return base

    def _baseline(self, day: int) -> int | None:
        end = bisect_left(self._base_days, day)
        if end == 0:
            return None
        start = bisect_left(self._base_days, day - BASELINE_ANCHOR_DAYS)
        if start == end:
            return self._base_scores[end - 1]
        weekly = []
        medians = self._week_medians
        for week in range(BASELINE_ANCHOR_DAYS // 7):
            week_end = day - 7 * week
            median = medians[week_end] if week_end in medians else self._week_median(week_end)
            if median is not None:
                weekly.append(median)
        if weekly:
            return min(weekly)
        return median_low(self._base_scores[start:end])

    def _week_median(self, end: int) -> int | None:
        """The median of the usual-level scores of the 7 days before `end`, when the week has
        `BASELINE_WEEK_MIN_REPORTS` of them, else None."""
        if end in self._week_medians:
            return self._week_medians[end]
        lo = bisect_left(self._base_days, end - 7)
        hi = bisect_left(self._base_days, end)
        # `median_low` (the lower middle of the sorted scores), without its call: asked daily
        median = (
            sorted(self._base_scores[lo:hi])[(hi - lo - 1) // 2]
            if hi - lo >= BASELINE_WEEK_MIN_REPORTS
            else None
        )
        self._week_medians[end] = median
        return median

    def unsettled(self, day: int) -> tuple[int, int] | None:
        """(latest rest or next-morning score on or before `day`, the usual level) when that
        report is more than `SETTLED_MARGIN` above the usual level, else None (settled, or
        nothing to judge by)."""
        end = bisect_left(self._base_days, day + 1)
        if end == 0:
            return None
        last = self._base_days[end - 1]
        base = self.baseline(last)
        score = self._base_scores[end - 1]
        if base is None or score <= base + SETTLED_MARGIN:
            return None
        return score, base

    def morning_rise(self, day: int) -> tuple[float, float] | None:
        """(the mean next-morning pain of the 7 days before the last 7, of the last 7) when it
        rose by at least `MORNING_RISE_STEP`, each week with enough reports; else None."""
        weeks = []
        for first in (day - 13, day - 6):
            mean = self._morning_weeks.get(first, False)
            if mean is False:
                mean = self._morning_week(first)
            if mean is None:
                return None
            weeks.append(mean)
        before, last = weeks
        return (before, last) if last - before >= MORNING_RISE_STEP else None

    def _morning_week(self, first: int) -> float | None:
        """The mean next-morning score of days first..first + 6, or None when fewer than
        `MORNING_RISE_MIN_REPORTS` were reported; kept for the day a week later."""
        i = bisect_left(self._morning_days, first)
        j = bisect_left(self._morning_days, first + 7, i)
        if j - i < MORNING_RISE_MIN_REPORTS:
            mean = None
        elif self._morning_sums is not None:  # whole scores: the running sum is exact
            mean = (self._morning_sums[j] - self._morning_sums[i]) / (j - i)
        else:
            mean = sum(self.morning[d] for d in self._morning_days[i:j]) / (j - i)
        self._morning_weeks[first] = mean
        return mean

    def flare(self, day: int) -> tuple[int, int] | None:
        """(next-morning score, baseline) when today's morning pain is a flare, else None."""
        score = self.morning.get(day)
        if score is None:
            return None
        lowest = self._lowest_base
        if lowest is None or score < lowest + FLARE_RISE:
            return None  # (no baseline at all, or none it could be that far above)
        base = self.baseline(day)
        if base is None or score < base + FLARE_RISE:
            return None
        return score, base

    def zone_of(self, day: int) -> tuple[Zone | None, bool]:
        """The day's zone and whether it was reported that day (False: carried or unknown)."""
        found = self._zones.get(day)
        if found is None:
            found = self._zones[day] = _carried(self._report_days, self.worst, day)
        return found

    def side_zone(self, day: int, side: Side) -> Zone | None:
        """The zone of one side on `day`: of the latest report covering it, carried as
        `zone_of` carries the day's."""
        return _carried(self._side_days[side], self.sided[side], day)[0]

    def painful_sides(self, day: int) -> frozenset[Side]:
        """The sides whose zone on `day` is amber or red."""
        if not self.one_sided:
            painful = self.zone_of(day)[0] in (Zone.amber, Zone.red)
            return _BOTH_SIDES if painful else _NO_SIDE
        return frozenset(
            side for side in ONE_SIDE if self.side_zone(day, side) in (Zone.amber, Zone.red)
        )

    def side_report(self, day: int, side: Side) -> tuple[int, int, tuple[PainPlace, ...]] | None:
        """(day, score, places) of the latest report covering `side` on or before `day`."""
        days = self._side_days[side]
        i = bisect_left(days, day + 1)
        if i == 0:
            return None
        last = days[i - 1]
        score = self.sided[side][last]
        found = {
            r.place for r in self.reports[last] if r.score == score and r.side in (side, Side.both)
        }
        return last, score, tuple(p for p in PainPlace if p in found)

    def hip_pain_only_on(self, day: int, side: Side, days: int) -> bool:
        """Whether the hip pain reported in the `days` days up to `day` is all on `side`: at
        least one report of it, and none covering the other side."""
        first = day - days + 1
        other = next(s for s in ONE_SIDE if s != side)
        mine, theirs = self._hip_sorted[side], self._hip_sorted[other]
        return bisect_left(mine, first) < bisect_right(mine, day) and not (
            bisect_left(theirs, first) < bisect_right(theirs, day)
        )

    def knee_painful(self, day: int) -> bool:
        """Whether knee pain is amber or red on `day` (reported, or carried as `zone_of`)."""
        if not self.knee:
            return False
        return _carried(self._knee_days, self.knee, day)[0] in (Zone.amber, Zone.red)

    def last_report(self, day: int) -> tuple[int, int] | None:
        """(day, worst score) of the latest report on or before `day`, or None."""
        i = bisect_left(self._report_days, day + 1)
        if i == 0:
            return None
        last = self._report_days[i - 1]
        return last, self.worst[last]

    def mean_between(self, first: int, last: int) -> float | None:
        """The mean of the daily worst scores reported in days first..last (inclusive)."""
        lo = bisect_left(self._report_days, first)
        hi = bisect_left(self._report_days, last + 1)
        if lo == hi:
            return None
        if self._worst_sums is not None:
            return (self._worst_sums[hi] - self._worst_sums[lo]) / (hi - lo)
        days = self._report_days[lo:hi]
        return sum(self.worst[d] for d in days) / len(days)


def _carried(days: list[int], worst: dict[int, int], day: int) -> tuple[Zone | None, bool]:
    """The zone on `day` of the reports `worst` (by day; `days` sorted): that day's, else the
    latest one's for up to `PAIN_CARRY_DAYS`, red carrying as amber; and whether reported."""
    score = worst.get(day)
    if score is not None:
        return zone(score), True
    i = bisect_left(days, day)
    if i == 0:
        return None, False
    last = days[i - 1]
    if day - last > PAIN_CARRY_DAYS:
        return None, False
    carried = zone(worst[last])
    return (Zone.amber if carried is Zone.red else carried), False
