"""Reports a clinic can file: one person over a period, and the remote-monitoring day counts.

`report` gathers what the PDF report shows (`report_pdf` draws it): IR per side over time with
its measurement error, pain by day, adherence week by week and as a calendar, the phases the
plan went through, the engine's decisions day by day (condensed: a run of days with the same
decisions is one line), the remote-monitoring counts, and the clinician's adjustments when any
are recorded. `monitoring` counts the days with data in each 30-day period.

Each takes a person and a period and reads only that person's records: the caller decides who
the person is (the person themselves, on their own data pages, the API's own-data endpoints and
the terminal; or a clinician of a clinic they share with, through `clinic.filing`). The figures are those of the progress page (`progress.progress`,
`progress.ir_tests`, the engine's `measurement.mdc` and its workout credit): one computation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from hipcoach.engine import measurement as maths
from hipcoach.engine.history_by_day import CREDIT
from hipcoach.engine.types import DayPlan
from hipcoach.engine.words import Said
from hipcoach.tracking.inputs import EARLIEST_DATE, InputError, NotSetUp, not_too_early
from hipcoach.tracking.models import ActivityRating, Measurement, PainReport, WorkoutLog
from hipcoach.tracking.plans import days_between
from hipcoach.tracking.progress import Progress, progress
from hipcoach.tracking.records import current_enrollment
from hipcoach.tracking.report_adjustments import (  # noqa: F401 - the hook, named here too
    ADJUSTMENT_SOURCES,
    Adjustment,
    AdjustmentSource,
)
from hipcoach.vocabulary import WorkoutStatus

REPORT_DAYS_DEFAULT = 90  # three monitoring periods: the default span of a report
REPORT_DAYS_MAX = 366  # a year a report at most: its day-by-day decisions stay readable
# US remote therapeutic monitoring: CPT 98977 (musculoskeletal device supply) needs data on 16
# or more days in a 30-day period (CMS therapy update, as summarised in the evidence sheet's
# "Remote therapeutic monitoring (US)"; the primary CMS text not retrieved).
MONITORING_PERIOD_DAYS = 30
MONITORING_DAYS_MIN = 16


@dataclass(frozen=True)
class Period:
    """The days a report covers, `first` to `last`, both included."""

    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first <= day <= self.last

    @property
    def words(self) -> str:
        """The period in English, as a line of the person's trail keeps it ("the PDF report of
        5 Jan 2026 to 25 Jan 2026 (21 days)"): the trail's lines are stored text, read by the
        person and their clinicians each in their own language, and exported, so they stay in
        the one language they were written in (`said` is the reader's)."""
        days = "1 day" if self.days == 1 else f"{self.days} days"
        return f"{self.first:%-d %b %Y} to {self.last:%-d %b %Y} ({days})"

    @property
    def said(self) -> str:
        """The period as the reader says it, in the active language: "5 Jan 2026 to 25 Jan
        2026 (21 days)", "5. Jan 2026 bis 25. Jan 2026 (21 Tage)" (the language's
        `DATE_FORMAT`): the PDF report, the terminal, the report form."""
        from django.utils.formats import date_format
        from django.utils.translation import ngettext

        return ngettext(
            "{first} to {last} ({days} day)", "{first} to {last} ({days} days)", self.days
        ).format(
            first=date_format(self.first, "DATE_FORMAT"),
            last=date_format(self.last, "DATE_FORMAT"),
            days=self.days,
        )


def period(
    person: User, *, today: dt.date, first: dt.date | None = None, last: dt.date | None = None
) -> Period:
    """The period asked for, checked: it ends by today (default: today) and spans at most
    `REPORT_DAYS_MAX` days (default: the last `REPORT_DAYS_DEFAULT`, from the program's start
    when that is later). InputError, with what to change, for anything else."""
    last = last or today
    if first is None:
        first = last - dt.timedelta(days=REPORT_DAYS_DEFAULT - 1)
        enrollment = current_enrollment(person)
        if enrollment is not None and enrollment.start <= last:
            first = max(first, enrollment.start)
        first = max(first, EARLIEST_DATE)
    if first > last:
        raise InputError(
            _(
                "the period starts on {first}, after it ends ({last}): give the earlier date first"
            ).format(first=first.isoformat(), last=last.isoformat())
        )
    if last > today:
        raise InputError(
            _(
                "the period ends on {last}, in the future (today is {today}): a report covers "
                "what has happened"
            ).format(last=last.isoformat(), today=today.isoformat())
        )
    not_too_early(first, "the period's first day")
    if (last - first).days + 1 > REPORT_DAYS_MAX:
        raise InputError(
            _(
                "{first} to {last} is more than {most} days: a report covers a year at most; "
                "make one for each year"
            ).format(first=first.isoformat(), last=last.isoformat(), most=REPORT_DAYS_MAX)
        )
    return Period(first, last)


# --- remote-monitoring counts -------------------------------------------------------------


@dataclass(frozen=True)
class MonitoringPeriod:
    """One 30-day monitoring period, the days in it with data, and whether they reach 16."""

    first: dt.date
    last: dt.date
    days_with_data: int
    open: bool  # it runs on after today: more days may come

    @property
    def reached(self) -> bool:
        return self.days_with_data >= MONITORING_DAYS_MIN

    def to_json(self) -> dict:
        return {
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "days_with_data": self.days_with_data,
            "reached": self.reached,
            "open": self.open,
        }


MONITORED = (WorkoutLog, PainReport, Measurement, ActivityRating)  # what monitoring counts


def days_with_data(person: User, first: dt.date, last: dt.date) -> set[dt.date]:
    """The days from `first` to `last` on which the person recorded anything the monitoring
    counts: a workout (done, partly or skipped), a pain score, a rotation test or an activity
    rating. Notes, screens and clearances are not monitoring data."""
    found: set[dt.date] = set()
    for model in MONITORED:
        found.update(
            model._default_manager.filter(person=person, date__gte=first, date__lte=last)
            .values_list("date", flat=True)
            .distinct()
        )
    return found


def monitoring(
    person: User,
    *,
    today: dt.date,
    first: dt.date | None = None,
    last: dt.date | None = None,
    start: dt.date | None = None,
    days: Callable[[User, dt.date, dt.date], set[dt.date]] = days_with_data,
) -> list[MonitoringPeriod]:
    """The 30-day monitoring periods that overlap `first` to `last` (default: from the anchor
    to today), each with its days with data (none after today counts).

    Periods run back to back from the program's start (monitoring starts with the program),
    or from the first record for a person with no program; none before either. A clinic's list
    calls this with its own period, for one person at a time. `start`: the current program's
    start, when read already; `days`: how the days with data are found (read already, for
    many people at once: the nightly pass)."""
    enrollment = None if start is not None else current_enrollment(person)
    anchor = start or (enrollment.start if enrollment is not None else _first_record(person))
    if anchor is None:
        return []
    first = max(first or anchor, anchor)
    last = min(last or today, today)
    if last < first:
        return []

    def period_start(day: dt.date) -> dt.date:  # of the period that holds `day`
        index = (day - anchor).days // MONITORING_PERIOD_DAYS
        return anchor + dt.timedelta(days=index * MONITORING_PERIOD_DAYS)

    begin = period_start(first)
    span = dt.timedelta(days=MONITORING_PERIOD_DAYS - 1)
    counted = days(person, begin, min(period_start(last) + span, today))
    periods = []
    while begin <= last:
        stop = begin + span
        within = sum(1 for d in counted if begin <= d <= stop)
        periods.append(MonitoringPeriod(begin, stop, within, open=stop > today))
        begin = stop + dt.timedelta(days=1)
    return periods


def _first_record(person: User) -> dt.date | None:
    dates = [
        model._default_manager.filter(person=person)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
        for model in (WorkoutLog, PainReport, Measurement, ActivityRating)
    ]
    found = [d for d in dates if d is not None]
    return min(found) if found else None


# --- the clinician's adjustments: a hook (`report_adjustments`, light enough for start-up) ---


def clinician_adjustments(person: User, first: dt.date, last: dt.date) -> list[Adjustment]:
    """The clinician's adjustments of the person's plan from `first` to `last`, oldest first."""
    found = [a for source in ADJUSTMENT_SOURCES for a in source(person, first, last)]
    return sorted(found, key=lambda a: a.date)


# --- the report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    """One week (Monday first) of the adherence: its days with a status, and the share done."""

    monday: dt.date
    statuses: tuple[str, ...]  # seven: a WorkoutStatus value, "" none logged, "-" outside
    credit: float  # workouts done, a partly done one counting half (the engine's credit)
    due: int  # the days of the week in the period and the program, up to today

    @property
    def done(self) -> int:
        return sum(1 for s in self.statuses if s in ("done", "partial"))


@dataclass(frozen=True)
class PhaseSpan:
    phase: str
    first: dt.date
    last: dt.date
    stopped_days: int  # days of the span the plan stopped (a red flag, a referral)


@dataclass(frozen=True)
class DecisionLine:
    """One decision of the plan (a rule and its reason, word for word) and the days it was
    made: the day-by-day decisions condensed, since most repeat from one day to the next."""

    rule: str
    reason: str  # in English
    first: dt.date
    last: dt.date
    days: int
    said: Said | None = None  # the reason as made: in the reader's words when shown


@dataclass(frozen=True)
class Report:
    person_id: int
    period: Period
    today: dt.date
    progress: Progress  # as of the period's last day: program, phase, gate, the plan
    tests: list[maths.Test]  # the IR tests of the period, in the set-up tested most (R1)
    pain: list[tuple[dt.date, dict[str, int]]]  # each day with pain: the worst by timing
    weeks: list[Week]
    phases: list[PhaseSpan]
    decisions: list[DecisionLine]  # by the day each was first made
    monitoring: list[MonitoringPeriod]
    adjustments: list[Adjustment] = field(default_factory=list)
    # why the period has no plans (no program, run too long): kept as made, or in the active
    # language's words (the report is made and drawn in the reader's language)
    unplanned: Said | str = ""

    @property
    def error(self) -> float | None:
        """The measurement error (MDC, degrees) of the period's latest test's method."""
        return maths.mdc(self.tests[-1].method) if self.tests else None

    @property
    def workouts(self) -> dict[str, int]:
        counts = {status.value: 0 for status in WorkoutStatus}
        for week in self.weeks:
            for status in week.statuses:
                if status in counts:
                    counts[status] += 1
        return counts


def report(person: User, *, today: dt.date, within: Period) -> Report:
    """Everything the PDF report shows of `person` over `within` (a checked `period`)."""
    found = progress(person, today=within.last)
    tests = [t for t in found.ir_tests if t.date in within]
    pain: dict[dt.date, dict[str, int]] = {}
    for day, when, score, _side, _place in found.pain:  # the PDF's chart is the worst by day
        if day in within:
            worst = pain.setdefault(day, {})
            worst[when] = max(worst.get(when, 0), score)
    plans, unplanned = _plans(person, within)
    return Report(
        person_id=person.pk,
        period=within,
        today=today,
        progress=found,
        tests=tests,
        pain=sorted(pain.items()),
        weeks=_weeks(found, within, today),
        phases=_phases(plans),
        decisions=_decisions(plans),
        monitoring=monitoring(person, today=today, first=within.first, last=within.last),
        adjustments=clinician_adjustments(person, within.first, within.last),
        unplanned=unplanned or found.unplanned,
    )


def _plans(person: User, within: Period) -> tuple[list[DayPlan], str]:
    """The plans of the period, or why there are none, in the active language (the report is
    made and drawn in the reader's: `report_pdf`)."""
    from django.utils.formats import date_format

    enrollment = current_enrollment(person)
    if enrollment is None:
        return [], _("no program: the plan's phases and decisions are not part of this report")
    if enrollment.start > within.last:
        return [], _("the program starts on {start}, after this period").format(
            start=date_format(enrollment.start, "DATE_FORMAT")
        )
    try:
        return days_between(person, first=max(within.first, enrollment.start), last=within.last), ""
    except (InputError, NotSetUp) as exc:
        return [], str(exc)


def _weeks(found: Progress, within: Period, today: dt.date) -> list[Week]:
    statuses = {d: s for d, s in found.workouts if d in within}
    start = found.start or within.first
    monday = within.first - dt.timedelta(days=within.first.weekday())
    weeks = []
    while monday <= within.last:
        days = [monday + dt.timedelta(days=i) for i in range(7)]
        counted = [d for d in days if d in within and d >= start and d <= today]
        weeks.append(
            Week(
                monday=monday,
                statuses=tuple(statuses.get(d, "") if d in counted else "-" for d in days),
                credit=sum(CREDIT[WorkoutStatus(statuses[d])] for d in counted if d in statuses),
                due=len(counted),
            )
        )
        monday += dt.timedelta(days=7)
    return weeks


def _phases(plans: list[DayPlan]) -> list[PhaseSpan]:
    spans: list[PhaseSpan] = []
    for plan in plans:
        last = spans[-1] if spans else None
        if last is not None and last.phase == plan.phase:
            spans[-1] = PhaseSpan(
                last.phase, last.first, plan.date, last.stopped_days + int(plan.stop)
            )
        else:
            spans.append(PhaseSpan(plan.phase, plan.date, plan.date, int(plan.stop)))
    return spans


def _decisions(plans: list[DayPlan]) -> list[DecisionLine]:
    lines: dict[tuple[str, str], DecisionLine] = {}
    for plan in plans:
        for decision in plan.decisions:
            key = (decision.rule, decision.reason)
            seen = lines.get(key)
            lines[key] = (
                DecisionLine(*key, first=plan.date, last=plan.date, days=1, said=decision.said)
                if seen is None
                else dataclasses.replace(seen, last=plan.date, days=seen.days + 1)
            )
    return list(lines.values())  # dicts keep the order first seen: by day
