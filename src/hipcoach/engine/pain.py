"""Pain zones (R9) and the pain reports indexed by day.

Zones follow the pain-monitoring model (Silbernagel 2007): 0–3 green (may progress), 4–5
amber (hold), above 5 red (stop the day's loading and regress). A day's zone is that of its
worst report. A day with no report takes the zone of the last report for up to
`PAIN_CARRY_DAYS` days, red carrying as amber: red stops only the day it was reported, and
the days after hold until a report says pain has settled. With no report in that time the zone
is unknown: it does not hold progress back, but it does not count as a green day either.

The next-morning baseline is the median of the rest and next-morning reports of the
`BASELINE_WINDOW_DAYS` days before (so it follows a slow drift), or, with none in that window,
the latest earlier such report. A first report has no baseline to compare with.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from enum import Enum
from statistics import median_low

from hipcoach.engine.constants import (
    AMBER_MAX,
    BASELINE_WINDOW_DAYS,
    FLARE_RISE,
    GREEN_MAX,
    PAIN_CARRY_DAYS,
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
        baseline_reports: dict[int, int] = {}  # rest or next-morning, the highest of a day
        for report in reports:
            day = report.date.toordinal()
            self.worst[day] = max(self.worst.get(day, report.score), report.score)
            if report.when == "next_morning":
                self.morning[day] = max(self.morning.get(day, report.score), report.score)
            if report.when in ("next_morning", "rest"):
                baseline_reports[day] = max(baseline_reports.get(day, report.score), report.score)
        self._base_days = sorted(baseline_reports)
        self._base_scores = [baseline_reports[d] for d in self._base_days]
        self._report_days = sorted(self.worst)

    def baseline(self, day: int) -> int | None:
        """The next-morning baseline for `day`, from reports strictly before it."""
        end = bisect_left(self._base_days, day)
        if end == 0:
            return None
        start = bisect_left(self._base_days, day - BASELINE_WINDOW_DAYS)
        if start < end:
            return median_low(self._base_scores[start:end])
        return self._base_scores[end - 1]

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
