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
"""

from __future__ import annotations

from bisect import bisect_left
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
        self.worst: dict[int, int] = {}
        self.morning: dict[int, int] = {}  # next-morning report of a day
        self.during: dict[int, int] = {}  # the highest report during a day's workout
        baseline_reports: dict[int, int] = {}  # rest or next-morning, the highest of a day
        for report in reports:
            day = report.date.toordinal()
            self.worst[day] = max(self.worst.get(day, report.score), report.score)
            if report.when == "during":
                self.during[day] = max(self.during.get(day, report.score), report.score)
            if report.when == "next_morning":
                self.morning[day] = max(self.morning.get(day, report.score), report.score)
            if report.when in ("next_morning", "rest"):
                baseline_reports[day] = max(baseline_reports.get(day, report.score), report.score)
        self._base_days = sorted(baseline_reports)
        self._base_scores = [baseline_reports[d] for d in self._base_days]
        self._report_days = sorted(self.worst)
        self._morning_days = sorted(self.morning)

    def baseline(self, day: int) -> int | None:
        """The usual (next-morning baseline) pain for `day`, from reports strictly before it:
        the lowest weekly median of the anchor window (weeks with enough reports), else the
        window's median, else the latest earlier report."""
        end = bisect_left(self._base_days, day)
        if end == 0:
            return None
        start = bisect_left(self._base_days, day - BASELINE_ANCHOR_DAYS)
        if start == end:
            return self._base_scores[end - 1]
        weekly = []
        for week in range(BASELINE_ANCHOR_DAYS // 7):
            lo = bisect_left(self._base_days, day - 7 * (week + 1))
            hi = bisect_left(self._base_days, day - 7 * week)
            if hi - lo >= BASELINE_WEEK_MIN_REPORTS:
                weekly.append(median_low(self._base_scores[lo:hi]))
        if weekly:
            return min(weekly)
        return median_low(self._base_scores[start:end])

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
        for lo, hi in ((day - 13, day - 7), (day - 6, day)):
            i, j = bisect_left(self._morning_days, lo), bisect_left(self._morning_days, hi + 1)
            scores = [self.morning[d] for d in self._morning_days[i:j]]
            if len(scores) < MORNING_RISE_MIN_REPORTS:
                return None
            weeks.append(sum(scores) / len(scores))
        before, last = weeks
        return (before, last) if last - before >= MORNING_RISE_STEP else None

    def flare(self, day: int) -> tuple[int, int] | None:
        """(next-morning score, baseline) when today's morning pain is a flare, else None."""
        score = self.morning.get(day)
        if score is None:
            return None
        base = self.baseline(day)
        if base is None or score < base + FLARE_RISE:
            return None
        return score, base

    def zone_of(self, day: int) -> tuple[Zone | None, bool]:
        """The day's zone and whether it was reported that day (False: carried or unknown)."""
        score = self.worst.get(day)
        if score is not None:
            return zone(score), True
        i = bisect_left(self._report_days, day)
        if i == 0:
            return None, False
        last = self._report_days[i - 1]
        if day - last > PAIN_CARRY_DAYS:
            return None, False
        carried = zone(self.worst[last])
        return (Zone.amber if carried is Zone.red else carried), False

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
        days = self._report_days[lo:hi]
        return sum(self.worst[d] for d in days) / len(days)
