"""`hipcoach progress`: phase and gate checklist, adherence and streak, range and pain charts."""

from __future__ import annotations

import datetime as dt
import math

import typer
from django.utils.translation import gettext as _

from hipcoach.cli.common import (
    active_words,
    handled,
    local_person,
    print_json,
    side_words,
    speak_language,
    today,
)
from hipcoach.cli.helptext import described, gettext_noop
from hipcoach.cli.output import console
from hipcoach.vocabulary import MEASURED_SIDES

CHART_COLUMNS = 60
NAN = float("nan")


@described(
    gettext_noop(
        """\
Is it working? Phase, gate checklist, adherence and streak, IR and pain over time.

The IR chart shows left and right for the position and method you test with most (R1).

Examples:
  hipcoach progress
  hipcoach progress --json
"""
    )
)
def progress(
    as_json: bool = typer.Option(False, "--json", help=gettext_noop("Print the report as JSON.")),
) -> None:
    with handled():
        from hipcoach.tracking.progress import progress as report
        from hipcoach.tracking.records import active_enrollment

        person = local_person()
        speak_language(person)
        active_enrollment(person)  # no program: say what to do
        result = report(person, today=today())
    if as_json:
        print_json(result.to_json())
        return
    for part in render(result):
        console.print(part)


def render(result) -> list:
    from rich.text import Text

    from hipcoach.engine.words import rendered

    plan = result.plan
    if plan is None:  # a program run too long to plan: say so, and show the records
        parts: list = [
            Text(
                _("{program} (started {start})").format(program=result.program, start=result.start),
                style="bold",
            ),
            Text(rendered(result.unplanned, active_words()), style="yellow"),
        ]
    else:
        parts = [
            Text(
                _("Day {number} of {program} (started {start}) · phase: {phase}").format(
                    number=plan.day_number,
                    program=result.program,
                    start=result.start,
                    phase=plan.phase,
                )
                + (_(" · STOPPED") if plan.stop else ""),
                style="bold",
            ),
            _gates(plan),
        ]
    parts.append(Text(result.habit_words))
    parts += _ir_chart(result.ir_tests)
    if result.ir_tests:  # the engine's words about the latest test (sides, then change)
        words = active_words()
        parts.append(Text(f"{rendered(result.verdict, words)}\n{rendered(result.change, words)}"))
    parts += _pain_chart(result.pain)
    if result.pain_sides:
        parts.append(Text(result.pain_sides))
    if result.activities:
        first, last = result.activities[0], result.activities[-1]
        parts.append(
            Text(
                _("Your activities: {first}/10 on {first_date} → {last}/10 on {last_date}").format(
                    first=f"{first[1]:.1f}",
                    first_date=first[0],
                    last=f"{last[1]:.1f}",
                    last_date=last[0],
                )
            )
        )
    return parts


def _gates(plan):
    from rich.text import Text

    if not plan.gate:
        return Text(
            _("Gate: none to pass (the last phase, or the program's only one)."), style="dim"
        )
    text = Text(_("Gate to the next phase:") + "\n", style="bold")
    words = active_words()
    for check in (c.in_words(words) for c in plan.gate):
        mark, style = ("✓", "green") if check.met else ("✗", "red")
        text.append(f"  {mark} ", style=style)
        text.append(check.name)
        if check.reading:  # the plan's own words for the value against the target, as on the web
            text.append(f": {check.reading}", style="dim")
        text.append("\n")
    return text


class _Axis:
    """Dates from `first` to `last` spread over the chart's columns."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.first, self.span = first, max((last - first).days, 1)
        self.columns = (
            min(CHART_COLUMNS, self.span + 1) if self.span >= CHART_COLUMNS else CHART_COLUMNS
        )

    def column(self, day: dt.date) -> int:
        return min(
            self.columns - 1, round((day - self.first).days * (self.columns - 1) / self.span)
        )


def _interpolated(points: list[tuple[int, float]], columns: int) -> list[float]:
    """A value per column, straight lines between the tests, gaps before the first and after the last."""
    series = [NAN] * columns
    for (c0, v0), (c1, v1) in zip(points, points[1:], strict=False):
        for c in range(c0, c1 + 1):
            series[c] = v0 + (v1 - v0) * ((c - c0) / (c1 - c0) if c1 > c0 else 0)
    if points:
        series[points[-1][0]] = points[-1][1]
    return series


def _ir_chart(tests: list) -> list:
    """IR of each side over time, for the set-up (position, method) tested most often (R1)."""
    from rich.text import Text

    if not tests:
        return [Text(_("No IR test yet: run `hipcoach measure`."), style="dim")]
    position, method = tests[-1].position, tests[-1].method
    first, last = tests[0].date, tests[-1].date
    title = _("Internal rotation, {position}, {method} (degrees): left (blue), right (red)").format(
        position=position, method=method
    )
    if first == last:
        means = {side: tests[-1].side(side) for side in MEASURED_SIDES}
        sides = ", ".join(
            f"{side_words(side)} {v:.1f}°" for side, v in means.items() if v is not None
        )
        so_far = _("one test so far ({date}): {sides}").format(date=first, sides=sides)
        return [Text(title, style="bold"), Text(f"  {so_far}")]
    axis = _Axis(first, last)
    series = []
    for side in MEASURED_SIDES:
        by_column: dict[int, list[float]] = {}
        for test in tests:
            if (mean := test.side(side)) is not None:
                by_column.setdefault(axis.column(test.date), []).append(mean)
        points = sorted((c, sum(v) / len(v)) for c, v in by_column.items())
        series.append(_interpolated(points, axis.columns))
    return [Text(title, style="bold"), _chart(series, f"{first} … {last}", "{:6.0f}° ")]


def _pain_chart(pain: list[tuple]) -> list:
    from rich.text import Text

    if not pain:
        return [Text(_("No pain reports yet: `hipcoach pain --rest N`."), style="dim")]
    first, last = pain[0][0], pain[-1][0]
    title = Text(
        _("Pain, the worst report of each day (0–10; 0–3 green, 4–5 amber, over 5 red)"),
        style="bold",
    )
    if first == last:
        return [title, Text(f"  {first}: {max(p[2] for p in pain)}/10")]
    axis = _Axis(first, last)
    worst: dict[dt.date, int] = {}
    for day, _when, score, *_where in pain:
        worst[day] = max(worst.get(day, score), score)
    series = [NAN] * axis.columns
    for day, score in worst.items():
        # a day holds its value until the next day's column (a step line, gaps where unreported)
        lo, hi = axis.column(day), axis.column(day + dt.timedelta(days=1))
        for c in range(lo, max(hi, lo + 1)):
            if c < axis.columns:
                series[c] = score if math.isnan(series[c]) else max(series[c], score)
    return [title, _chart([series], f"{first} … {last}", "{:6.0f}  ", minimum=0, maximum=10)]


def _chart(series: list[list[float]], axis: str, fmt: str, **bounds):
    import asciichartpy
    from rich.text import Text

    config = {"height": 8, "format": fmt, "colors": [asciichartpy.blue, asciichartpy.red]}
    if "minimum" in bounds:
        config |= {"min": bounds["minimum"], "max": bounds["maximum"], "height": 5}
    drawn = asciichartpy.plot(series if len(series) > 1 else series[0], config)
    return Text.from_ansi(drawn + "\n" + " " * 9 + axis)
