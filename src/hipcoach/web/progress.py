"""The progress page: IR left and right over time with the measurement-error band and the
target, pain over time, an adherence calendar, the gate checklist and the asymmetry verdict.
A clinician's page of a person shows the same sections and charts (`sections`, `ir_svg`,
`pain_svg`), for that person and their day.

Charts are drawn on the server by pygal as SVG files the page shows as images (with the same
numbers in a table for screen readers); no script, no CDN, and they work in any browser.
"""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from hipcoach.engine import measurement as maths
from hipcoach.engine.constants import GREEN_MAX
from hipcoach.engine.words import rendered
from hipcoach.tracking import own_records, reports
from hipcoach.tracking.days import today as todays_date
from hipcoach.tracking.progress import Progress, ir_tests, progress, range_target, where_words
from hipcoach.tracking.records import current_enrollment
from hipcoach.vocabulary import MEASURED_SIDES, Method, PainTiming, Position, Side
from hipcoach.web.people import person_of
from hipcoach.web.words import active_words, term_label

CALENDAR_WEEKS = 6
CHART_REPORTS = 400  # pain reports drawn, the latest


WHEN_WORDS = {timing.value: timing.label.capitalize() for timing in PainTiming}  # in English


def when_words() -> dict[str, str]:
    """When a pain was felt, in the request's language: "During the workout", ..."""
    return {timing.value: capfirst(term_label(timing)) for timing in PainTiming}


# The charts' own size. A phone shows them about 360 px wide, so at 420 the 15 px labels are
# drawn at about 13 px (legible, ≥ 12 px; at 600 they were 9 px). Wider screens scale them up.
CHART_WIDTH, CHART_HEIGHT = 420, 320
LEGEND_FONT_PX = 15
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def calendar(workouts: list[tuple[dt.date, str]], today: dt.date) -> list[list[dict]]:
    """Weeks (Monday first) of the last CALENDAR_WEEKS, each day with its workout status."""
    first = today - dt.timedelta(days=today.weekday() + 7 * (CALENDAR_WEEKS - 1))
    status = {d: s for d, s in workouts if d >= first}
    weeks = []
    for w in range(CALENDAR_WEEKS):
        week = []
        for d in range(7):
            day = first + dt.timedelta(days=7 * w + d)
            week.append({"date": day, "status": status.get(day, ""), "future": day > today})
        weeks.append(week)
    return weeks


def sections(person: User, found: Progress) -> dict[str, object]:
    """What the progress sections (`web/_progress.html`) show of `found`, the progress of
    `person`: the person's own page and a clinician's page of them both render these."""
    latest = found.latest_test
    pain = list(own_records.pain_reports(person).filter(date__lte=found.today)[:14])[::-1]
    return {
        "chart_size": (CHART_WIDTH, CHART_HEIGHT),
        "weekdays": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        "tests": found.ir_tests,
        "latest": found.latest_test,
        "target": found.target,
        "error": found.measurement_error,
        "verdict": rendered(found.verdict, active_words()),
        "change": rendered(found.change, active_words()),
        "position_words": term_label(Position(latest.position)) if latest else "",
        "method_words": term_label(Method(latest.method)) if latest else "",
        "pain": [
            {
                "date": r.date,
                "when": when_words().get(r.when, r.when),
                "score": r.score,
                "where": where_words(r.side, r.place),
            }
            for r in pain
        ],
        "has_pain": bool(pain),
        "pain_sides": found.pain_sides,
        "weeks": calendar(found.workouts, found.today),
        "done_count": found.count("done"),
        "habit": found.habit_words,
        "gate": [check.in_words(active_words()) for check in found.gate],
        # the 30-day monitoring period running today (`reports.monitoring`), if any
        "monitoring": next(
            iter(reports.monitoring(person, today=found.today, first=found.today)), None
        ),
        "days_min": reports.MONITORING_DAYS_MIN,
    }


def page(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    found = progress(person, today=todays_date())
    context = sections(person, found) | {
        "nav": "progress",
        "own": True,
        "ir_chart_url": reverse("ir_chart"),
        "pain_chart_url": reverse("pain_chart"),
    }
    return render(request, "web/progress.html", context)


def _days(person: User, dates, today: dt.date) -> list[dt.date]:
    """The chart's days: those with data, plus the program start and today, so the target
    and zone lines always span the time shown."""
    days = set(dates) | {today}
    enrollment = current_enrollment(person)
    if enrollment is not None:
        days.add(enrollment.start)
    if len(days) == 1:  # a line needs two points
        days.add(min(days) - dt.timedelta(days=1))
    return sorted(days)


def _style():
    from pygal.style import Style

    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#1b2421",
        foreground_strong="#1b2421",
        foreground_subtle="#6b7772",
        colors=("#1f5f5b", "#b5541b", "#555555", "#8a5300", "#1d6b3a"),
        font_family="system-ui, sans-serif",
        label_font_size=15,
        major_label_font_size=15,
        legend_font_size=LEGEND_FONT_PX,
        title_font_size=16,
    )


def _chart(kind, **options):
    return kind(
        style=_style(),
        js=[],  # pygal's tooltips come from a CDN: none here (it must work offline)
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        show_dots=True,
        dots_size=4,
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        truncate_legend=-1,  # a legend's words whole ("During the workout", not "During the work…")
        x_label_rotation=0,
        truncate_label=-1,
        show_minor_x_labels=False,
        x_labels_major_count=7,
        **options,
    )


SCRIPT = re.compile(rb"<script\b.*?</script>", re.S)


def _svg(chart) -> HttpResponse:
    # The SVG is shown as an image, where scripts never run: pygal's tooltip script and its
    # config (which names a CDN) are dropped rather than shipped.
    response = HttpResponse(SCRIPT.sub(b"", chart.render()), content_type="image/svg+xml")
    response["Content-Security-Policy"] = SVG_POLICY
    response["Cache-Control"] = "private, no-cache"
    return response


def ir_chart(request: HttpRequest) -> HttpResponse:
    return ir_svg(person_of(request), todays_date())


def ir_svg(person: User, today: dt.date) -> HttpResponse:
    """The chart of each hip's tests up to `today`, with the error band and the target."""
    import pygal

    tests = ir_tests(person, until=today)
    enrollment = current_enrollment(person)
    chart = _chart(
        pygal.Line,
        title="How far each hip turns in (°)",
        y_title="degrees",
        range=(0, 60),
        include_x_axis=True,
    )
    by_day = {t.date: t for t in tests}
    days = _days(person, by_day, today)
    chart.x_labels = [d.strftime("%-d %b") for d in days]
    error = maths.mdc(tests[-1].method) if tests else 0
    for side in MEASURED_SIDES:
        values = []
        for day in days:
            value = by_day[day].side(side) if day in by_day else None
            values.append(
                None
                if value is None
                else {"value": round(value, 1), "ci": {"low": value - error, "high": value + error}}
            )
        chart.add(f"{side.capitalize()} hip", values)
    program = enrollment.program if enrollment else None
    if tests and (goal := range_target(program, tests[-1].position)) is not None:
        chart.add(
            f"Target {goal:g}°",
            [goal] * len(days),
            show_dots=False,
            stroke_style={"width": 2, "dasharray": "6,4"},
        )
    return _svg(chart)


def pain_chart(request: HttpRequest) -> HttpResponse:
    return pain_svg(person_of(request), todays_date())


def pain_svg(person: User, today: dt.date) -> HttpResponse:
    """The chart of the latest pain reports up to `today`, worst of each moment a day."""
    import pygal

    latest = own_records.pain_reports(person).filter(date__lte=today)[:CHART_REPORTS]
    reports = list(latest)[::-1]
    days = _days(person, {r.date for r in reports}, today)
    chart = _chart(
        pygal.Line,
        title=f"Pain 0–10 (green: {GREEN_MAX} or less)",
        y_title="pain",
        range=(0, 10),
        include_x_axis=True,
    )
    chart.x_labels = [d.strftime("%-d %b") for d in days]
    for when, name in when_words().items():
        worst: dict[dt.date, int] = {}
        for r in reports:
            if r.when == when:
                worst[r.date] = max(worst.get(r.date, 0), r.score)
        if worst:
            chart.add(name, [worst.get(d) for d in days])
    for side in (Side.left, Side.right):  # pain on one side only, any moment, when there is any
        one_side: dict[dt.date, int] = {}
        for r in reports:
            if r.side == side:
                one_side[r.date] = max(one_side.get(r.date, 0), r.score)
        if one_side:
            only = _("{side} only").format(side=capfirst(term_label(side)))
            chart.add(only, [one_side.get(d) for d in days])
    chart.add(
        "Green zone limit",
        [GREEN_MAX] * len(days),
        show_dots=False,
        stroke_style={"width": 2, "dasharray": "6,4"},
    )
    return _svg(chart)
