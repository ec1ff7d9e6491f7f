"""The PDF report of one person over a period, drawn with ReportLab from `reports.report`.

Pages: the summary (program, phase, period, workouts, the monitoring counts), IR per side over
time with the measurement-error band (MDC) and the program's target, pain by day, adherence
week by week with its calendar, the phases the plan went through, the engine's decisions
(each reason once, with the days it was made), and the clinician's adjustments when there are
any. Every chart's figures are also printed as a table, so the numbers can be read and copied.

It is written in the active language (the reader's: the person's own report in theirs, a
clinic's filing in the clinician's; docs/translation.md): the headings and labels through the
catalogue, the dates in the language's formats (web/formats: "5 Dec 2026", "5. Dez. 2026",
"Dec 5, 2026"), numbers with its decimal mark, and the engine's reasons, the program's and
phases' names and the contract values through the reader's `Words`; a reason's own dates
("since 2026-01-05") in words as the web's pages say them (`languages.dates_in_words`, one
function for both: "since 5 January", "seit 5. Januar").

The text is set in Bitstream Vera, which ships with ReportLab (the same output on any machine);
it has the Latin-1 letters (German's umlauts and ß), and the few characters it lacks are
written out (`_plain`).
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Sequence

from django.utils import dateformat
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from hipcoach.engine.constants import GREEN_MAX
from hipcoach.engine.words import Words, rendered
from hipcoach.tracking.languages import dates_in_words, own_format, phase_name
from hipcoach.tracking.progress import range_target
from hipcoach.tracking.reports import (
    MONITORING_DAYS_MIN,
    MONITORING_PERIOD_DAYS,
    DecisionLine,
    Report,
)
from hipcoach.vocabulary import MEASURED_SIDES, Method, PainTiming, Position

FONT, BOLD = "HipcoachVera", "HipcoachVera-Bold"
INK, SUBTLE, GRID = "#1b2421", "#6b7772", "#d5dbd8"
SIDE_COLOURS = {"left": "#1f5f5b", "right": "#b5541b"}
SIDE_NAMES = {"left": gettext_noop("Left hip"), "right": gettext_noop("Right hip")}
WHEN_COLOURS = {"during": "#1f5f5b", "next_morning": "#b5541b", "rest": "#555555"}
CHART_WIDTH, CHART_HEIGHT = 460, 190  # points (1/72 inch): the text column of an A4 page
STATUS_MARKS = {
    "done": gettext_noop("done"),
    "partial": gettext_noop("half"),
    "skipped": gettext_noop("skip"),
    "": "",
    "-": "",
}
# characters of the engine's words that Vera has no glyph for, written out
_WRITTEN_OUT = str.maketrans({"→": "->", "✓": "yes", "✗": "no", "…": "...", "\u2009": " "})


def _plain(text: str) -> str:
    return text.translate(_WRITTEN_OUT)


def _fonts() -> None:
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = next(
        path for path in rl_config.TTFSearchPath if os.path.exists(os.path.join(path, "Vera.ttf"))
    )
    pdfmetrics.registerFont(TTFont(FONT, os.path.join(folder, "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, os.path.join(folder, "VeraBd.ttf")))


# -- the reader's dates and numbers ------------------------------------------------------------


def _date(day: dt.date) -> str:
    """A date in a table or a line: "5 Dec 2026" (the language's `DATE_FORMAT`)."""
    return date_format(day, "DATE_FORMAT")


def _day(day: dt.date) -> str:
    """A day of the period without its year: "5 Dec" (`MONTH_DAY_FORMAT`)."""
    return date_format(day, "MONTH_DAY_FORMAT")


def _long(day: dt.date) -> str:
    """A date in full: "5 December 2026" (hipcoach's `DAY_FORMAT` and `YEAR_AFTER`)."""
    return dateformat.format(day, own_format("DAY_FORMAT", "j F") + own_format("YEAR_AFTER", " Y"))


def _number(value: float, spec: str, words: Words) -> str:
    """`value` as `spec` formats it, with the reader's decimal mark."""
    return format(value, spec).replace(".", words.decimal)


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def render(found: Report, words: Words | None = None) -> bytes:
    """The report as the bytes of a PDF file, in the active language (`words`: the engine's
    texts in it; by default the active language's, `tracking.languages.language_words`)."""
    from django.utils import translation
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from hipcoach.tracking.languages import language_words

    if words is None:
        words = language_words(translation.get_language() or "en-gb")
    _fonts()
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=_("hipcoach report, {first} to {last}").format(
            first=found.period.first, last=found.period.last
        ),
        author="hipcoach",
        subject=_("Hip internal rotation, pain, adherence and the plan's decisions over a period"),
        invariant=True,  # the same records give the same bytes (no creation time, fixed ids)
    )
    document.build(_story(found, words), onFirstPage=_footer(found), onLaterPages=_footer(found))
    return out.getvalue()


def _styles() -> dict:
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=17, leading=21),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName=BOLD, fontSize=12.5, leading=16, spaceBefore=10
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=SUBTLE),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
    }


def _p(text: str, style) -> object:
    from xml.sax.saxutils import escape

    from reportlab.platypus import Paragraph

    return Paragraph(escape(_plain(text)), style)


def _table(rows: Sequence[Sequence[str]], widths: Sequence[float] | None = None, *, style):
    from reportlab.platypus import Table, TableStyle

    cells = [[_p(str(cell), style) for cell in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _footer(found: Report):
    from reportlab.lib.units import mm

    # the footer's words, made once in the active language (each page only fills in its number)
    line = _("hipcoach record {person} · {period} · made {today} · page {page}")
    period, today = found.period.said, _date(found.today)

    def draw(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(SUBTLE)
        canvas.drawString(
            document.leftMargin,
            8 * mm,
            _plain(
                line.format(person=found.person_id, period=period, today=today, page=document.page)
            ),
        )
        canvas.restoreState()

    return draw


def _story(found: Report, words: Words) -> list:
    s = _styles()
    story: list = [_p(_("Hip mobility report"), s["title"])]
    story += _summary(found, s, words)
    story += _range(found, s, words)
    story += _pain(found, s, words)
    story += _adherence(found, s)
    story += _phases(found, s, words)
    story += _decisions(found, s, words)
    if found.adjustments:  # only when a clinician recorded some
        story += _adjustments(found, s)
    return story


def _program_name(program: str, words: Words) -> str:
    """The program as the reader's language names it (its id in English, as it always was)."""
    return words.content(("programs", program, "name"), program)


def _summary(found: Report, s: dict, words: Words) -> list:
    p = found.progress
    plan = p.plan
    lines = [
        _("Period: {period}. Made on {today}.").format(
            period=found.period.said, today=_long(found.today)
        )
    ]
    if p.program is None:
        lines.append(_("No program at the end of the period."))
    else:
        where = (
            _(", day {day}, phase {phase}").format(
                day=plan.day_number, phase=phase_name(p.program, plan.phase, words)
            )
            if plan
            else ""
        )
        lines.append(
            _("Program: {program} (started {start}){where}.").format(
                program=_program_name(p.program, words),
                start=_date(p.start) if p.start else "",
                where=where,
            )
        )
        if plan is not None and plan.stop:
            lines.append(_("At the end of the period the plan was stopped (see the decisions)."))
    counts = found.workouts
    lines.append(
        _(
            "Workouts logged in the period: {done} done, {partial} partly done, {skipped} skipped."
        ).format(done=counts["done"], partial=counts["partial"], skipped=counts["skipped"])
    )
    if found.unplanned:
        lines.append(_upper_first(dates_in_words(rendered(found.unplanned, words))) + ".")
    story = [_p(line, s["body"]) for line in lines]
    if found.monitoring:
        story.append(_p(_("Remote-monitoring days"), s["h2"]))
        story.append(
            _p(
                _(
                    "Days with data (a workout, a pain score, a test or an activity rating) in "
                    "each {period}-day period from the program's start, against the {least} "
                    "days US remote therapeutic monitoring codes ask."
                ).format(period=MONITORING_PERIOD_DAYS, least=MONITORING_DAYS_MIN),
                s["small"],
            )
        )
        rows = [
            [
                _("Period"),
                _("Days with data"),
                _("{least} or more").format(least=MONITORING_DAYS_MIN),
            ]
        ]
        for m in found.monitoring:
            rows.append(
                [
                    f"{_date(m.first)} – {_date(m.last)}",
                    f"{m.days_with_data}" + (_(" so far") if m.open else ""),
                    _("yes") if m.reached else _("not yet") if m.open else _("no"),
                ]
            )
        story.append(_table(rows, (200, 110, 110), style=s["cell"]))
    return story


def _range(found: Report, s: dict, words: Words) -> list:
    story = [_p(_("Hip internal rotation, each side"), s["h2"])]
    if not found.tests:
        return [*story, _p(_("No rotation test in this period."), s["body"])]
    latest = found.tests[-1]
    error = found.error or 0.0
    target = range_target(found.progress.program, latest.position)
    story.append(
        _p(
            _(
                "Tests {position}, by {method} (the set-up tested most: tests are compared like "
                "for like). The band around each line is the measurement error of that method, "
                "±{error}° (the minimal detectable change): a change inside it is not a real "
                "change."
            ).format(
                position=words.term(Position(latest.position)),
                method=words.term(Method(latest.method)),
                error=_number(error, "g", words),
            )
            + (
                _(" Dashed: the program's target, {target}°.").format(
                    target=_number(target, "g", words)
                )
                if target is not None
                else ""
            ),
            s["small"],
        )
    )
    series = {
        side: [(t.date, v) for t in found.tests if (v := t.side(side)) is not None]
        for side in MEASURED_SIDES
    }
    top = max([60.0, *(v + error for points in series.values() for _day, v in points)])
    story.append(
        _chart(
            found,
            {_(SIDE_NAMES[side]): (SIDE_COLOURS[side], pts) for side, pts in series.items()},
            band=error,
            top=top,
            unit="°",
            guide=(
                (target, _("target {target}°").format(target=_number(target, "g", words)))
                if target is not None
                else None
            ),
        )
    )
    rows = [[_("Date"), _("Left"), _("Right"), _("Difference"), _("Error (±)")]]
    for t in found.tests:
        rows.append(
            [
                _date(t.date),
                _deg(t.side("left"), words),
                _deg(t.side("right"), words),
                _deg(t.difference, words),
                f"{_number(error, 'g', words)}°",
            ]
        )
    story.append(_table(rows, (110, 80, 80, 90, 80), style=s["cell"]))
    return story


def _deg(value: float | None, words: Words) -> str:
    return "—" if value is None else f"{_number(value, '.1f', words)}°"


def _pain(found: Report, s: dict, words: Words) -> list:
    story = [_p(_("Pain by day (0–10)"), s["h2"])]
    if not found.pain:
        return [*story, _p(_("No pain reported in this period."), s["body"])]
    story.append(
        _p(
            _(
                "The worst score of each day, by when it was felt. Dashed: {most}, the top of "
                "the green zone of the pain-monitoring model."
            ).format(most=GREEN_MAX),
            s["small"],
        )
    )
    series = {}
    for timing in PainTiming:
        points = [(d, float(w[timing.value])) for d, w in found.pain if timing.value in w]
        if points:
            series[_upper_first(words.term(timing))] = (WHEN_COLOURS[timing.value], points)
    story.append(
        _chart(found, series, band=0.0, top=10.0, unit="", guide=(GREEN_MAX, _("green zone")))
    )
    header = [_("Date"), *(_upper_first(words.term(t)) for t in PainTiming)]
    rows = [header]
    for day, worst in found.pain:
        rows.append([_date(day), *(str(worst.get(t.value, "")) for t in PainTiming)])
    story.append(_table(rows, (110, 110, 110, 110), style=s["cell"]))
    return story


def _adherence(found: Report, s: dict) -> list:
    story = [
        _p(_("Adherence"), s["h2"]),
        _p(
            _(
                "Each week (Monday first): the days with a workout done or partly done, of the "
                "days counted (in the period and the program, up to today). In the calendar, "
                "done, half (partly done) or skip; empty: nothing logged."
            ),
            s["small"],
        ),
    ]
    if any(week.due for week in found.weeks):
        story.append(_week_bars(found))
    rows = [[_("Week of"), *(str(WEEKDAYS_ABBR[day]) for day in range(7)), _("Done")]]
    for week in found.weeks:
        rows.append(
            [
                _date(week.monday),
                *(
                    _(mark) if (mark := STATUS_MARKS.get(status, status)) else ""
                    for status in week.statuses
                ),
                _("{done} of {due}").format(done=week.done, due=week.due) if week.due else "—",
            ]
        )
    story.append(_table(rows, (80, *([40] * 7), 60), style=s["cell"]))
    return story


def _week_bars(found: Report):
    """Days done (or partly done) each week, as bars out of 7."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    drawing = Drawing(CHART_WIDTH, 130)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 34, 24, CHART_WIDTH - 44, 96
    chart.data = [[week.done for week in found.weeks]]
    chart.bars[0].fillColor = colors.HexColor(SIDE_COLOURS["left"])
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 7, 1
    chart.valueAxis.labels.fontName = chart.categoryAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = chart.categoryAxis.labels.fontSize = 7
    every = max(1, len(found.weeks) // 8)  # about eight week labels, whatever the period
    chart.categoryAxis.categoryNames = [
        _plain(_day(week.monday)) if i % every == 0 else "" for i, week in enumerate(found.weeks)
    ]
    drawing.add(chart)
    return drawing


def _phases(found: Report, s: dict, words: Words) -> list:
    story = [_p(_("Phases"), s["h2"])]
    if not found.phases:
        return [*story, _p(_("No plan in this period."), s["body"])]
    rows = [[_("Phase"), _("From"), _("To"), _("Days stopped")]]
    for span in found.phases:
        rows.append(
            [
                phase_name(found.progress.program, span.phase, words),
                _date(span.first),
                _date(span.last),
                str(span.stopped_days),
            ]
        )
    story.append(_table(rows, (160, 100, 100, 80), style=s["cell"]))
    return story


def _when(line: DecisionLine) -> str:
    """The days a decision was made: "5 Jan", "5 Jan – 9 Jan (5 days)"."""
    if line.days == 1:
        return _day(line.first)
    return ngettext(
        "{first} – {last} ({days} day)", "{first} – {last} ({days} days)", line.days
    ).format(first=_day(line.first), last=_day(line.last), days=line.days)


def _decisions(found: Report, s: dict, words: Words) -> list:
    story = [
        _p(_("The plan's decisions"), s["h2"]),
        _p(
            _(
                "Each decision of the plan once, word for word, with the days it was made (the "
                "rule ids are those of the rule table, docs/rules.md)."
            ),
            s["small"],
        ),
    ]
    if not found.decisions:
        return [*story, _p(_("No plan in this period."), s["body"])]
    rows = [[_("Days"), _("Rule"), _("Decision")]]
    rows += [
        [_when(line), line.rule, dates_in_words(rendered(line.said or line.reason, words))]
        for line in found.decisions
    ]
    story.append(_table(rows, (95, 40, 330), style=s["cell"]))
    return story


def _adjustments(found: Report, s: dict) -> list:
    rows = [[_("Date"), _("Clinician"), _("Change"), _("Why")]]
    rows += [[_date(a.date), a.clinician, a.what, a.why] for a in found.adjustments]
    return [
        _p(_("Clinician adjustments"), s["h2"]),
        _table(rows, (70, 90, 170, 135), style=s["cell"]),
    ]


def _chart(
    found: Report,
    series: dict[str, tuple[str, list[tuple[dt.date, float]]]],
    *,
    band: float,
    top: float,
    unit: str,
    guide: tuple[float, str] | None,
):
    """A line chart over the period's days: each series a line with dots (and a band of ±`band`
    around it when `band` is not 0), a dashed guide line, the y axis from 0 to `top`."""
    from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, String
    from reportlab.lib import colors

    left, bottom, right, height = 34, 34, CHART_WIDTH - 8, CHART_HEIGHT - 12
    first, days = found.period.first, max(found.period.days - 1, 1)

    def x(day: dt.date) -> float:
        return left + (right - left) * (day - first).days / days

    def y(value: float) -> float:
        return bottom + (height - bottom) * max(0.0, min(value, top)) / top

    drawing = Drawing(CHART_WIDTH, CHART_HEIGHT)
    step = 10 if top > 20 else 2
    for tick in range(0, int(top) + 1, step):
        drawing.add(Line(left, y(tick), right, y(tick), strokeColor=colors.HexColor(GRID)))
        drawing.add(
            String(
                left - 4, y(tick) - 3, f"{tick}{unit}", fontName=FONT, fontSize=7, textAnchor="end"
            )
        )
    for day in _ticks(found.period.first, found.period.last):
        drawing.add(
            String(
                x(day),
                bottom - 12,
                _plain(_day(day)),
                fontName=FONT,
                fontSize=7,
                textAnchor="middle",
            )
        )
    if guide is not None:
        drawing.add(
            Line(
                left,
                y(guide[0]),
                right,
                y(guide[0]),
                strokeColor=colors.HexColor(SUBTLE),
                strokeDashArray=[4, 3],
                strokeWidth=1,
            )
        )
        drawing.add(
            String(
                right,
                y(guide[0]) + 3,
                _plain(guide[1]),
                fontName=FONT,
                fontSize=7,
                textAnchor="end",
            )
        )
    legend_x = left
    for name, (colour, points) in series.items():
        ink = colors.HexColor(colour)
        if band and len(points) == 1:  # one test: its error as a bar
            (d, v), shade = points[0], colors.Color(ink.red, ink.green, ink.blue, alpha=0.35)
            drawing.add(
                Line(x(d), y(v - band), x(d), y(v + band), strokeColor=shade, strokeWidth=6)
            )
        elif band and points:
            upper = [c for d, v in points for c in (x(d), y(v + band))]
            lower = [c for d, v in reversed(points) for c in (x(d), y(v - band))]
            shade = colors.Color(ink.red, ink.green, ink.blue, alpha=0.15)
            drawing.add(Polygon(upper + lower, fillColor=shade, strokeColor=None))
        if len(points) > 1:
            drawing.add(
                PolyLine(
                    [c for d, v in points for c in (x(d), y(v))], strokeColor=ink, strokeWidth=1.5
                )
            )
        for d, v in points:
            drawing.add(Line(x(d) - 2, y(v), x(d) + 2, y(v), strokeColor=ink, strokeWidth=4))
        drawing.add(Line(legend_x, 6, legend_x + 14, 6, strokeColor=ink, strokeWidth=2))
        drawing.add(String(legend_x + 18, 3, _plain(name), fontName=FONT, fontSize=8))
        legend_x += 30 + len(name) * 5
    return drawing


def _ticks(first: dt.date, last: dt.date, count: int = 6) -> list[dt.date]:
    span = (last - first).days
    if span <= 0:
        return [first]
    return sorted({first + dt.timedelta(days=round(span * i / (count - 1))) for i in range(count)})
