"""The PDF report of one person over a period, drawn with ReportLab from `reports.report`.

Pages: the summary (program, phase, period, workouts, the monitoring counts), IR per side over
time with the measurement-error band (MDC) and the program's target, pain by day, adherence
week by week with its calendar, the phases the plan went through, the engine's decisions
(each reason once, with the days it was made), and the clinician's adjustments when there are
any. Every chart's figures are also printed as a table, so the numbers can be read and copied.

The text is set in Bitstream Vera, which ships with ReportLab (the same output on any machine);
the few characters it lacks are written out (`_plain`).
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Sequence

from hipcoach.engine.constants import GREEN_MAX
from hipcoach.tracking.progress import range_target
from hipcoach.tracking.reports import MONITORING_DAYS_MIN, MONITORING_PERIOD_DAYS, Report
from hipcoach.vocabulary import MEASURED_SIDES, Method, PainTiming, Position

FONT, BOLD = "HipcoachVera", "HipcoachVera-Bold"
INK, SUBTLE, GRID = "#1b2421", "#6b7772", "#d5dbd8"
SIDE_COLOURS = {"left": "#1f5f5b", "right": "#b5541b"}
WHEN_COLOURS = {"during": "#1f5f5b", "next_morning": "#b5541b", "rest": "#555555"}
CHART_WIDTH, CHART_HEIGHT = 460, 190  # points (1/72 inch): the text column of an A4 page
STATUS_MARKS = {"done": "done", "partial": "half", "skipped": "skip", "": "", "-": ""}
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


def render(found: Report) -> bytes:
    """The report as the bytes of a PDF file."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    _fonts()
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"hipcoach report, {found.period.first} to {found.period.last}",
        author="hipcoach",
        subject="Hip internal rotation, pain, adherence and the plan's decisions over a period",
        invariant=True,  # the same records give the same bytes (no creation time, fixed ids)
    )
    document.build(_story(found), onFirstPage=_footer(found), onLaterPages=_footer(found))
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

    def draw(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(SUBTLE)
        canvas.drawString(
            document.leftMargin,
            8 * mm,
            _plain(
                f"hipcoach record {found.person_id} · {found.period.words} · made "
                f"{found.today:%-d %b %Y} · page {document.page}"
            ),
        )
        canvas.restoreState()

    return draw


def _story(found: Report) -> list:
    s = _styles()
    story: list = [_p("Hip mobility report", s["title"])]
    story += _summary(found, s)
    story += _range(found, s)
    story += _pain(found, s)
    story += _adherence(found, s)
    story += _phases(found, s)
    story += _decisions(found, s)
    if found.adjustments:  # only when a clinician recorded some
        story += _adjustments(found, s)
    return story


def _summary(found: Report, s: dict) -> list:
    p = found.progress
    plan = p.plan
    lines = [f"Period: {found.period.words}. Made on {found.today:%-d %B %Y}."]
    if p.program is None:
        lines.append("No program at the end of the period.")
    else:
        where = f", day {plan.day_number}, phase {plan.phase}" if plan else ""
        lines.append(f"Program: {p.program} (started {p.start:%-d %b %Y}){where}.")
        if plan is not None and plan.stop:
            lines.append("At the end of the period the plan was stopped (see the decisions).")
    counts = found.workouts
    lines.append(
        f"Workouts logged in the period: {counts['done']} done, {counts['partial']} partly "
        f"done, {counts['skipped']} skipped."
    )
    if found.unplanned:
        unplanned = str(found.unplanned)
        lines.append(unplanned[0].upper() + unplanned[1:] + ".")
    story = [_p(line, s["body"]) for line in lines]
    if found.monitoring:
        story.append(_p("Remote-monitoring days", s["h2"]))
        story.append(
            _p(
                f"Days with data (a workout, a pain score, a test or an activity rating) in "
                f"each {MONITORING_PERIOD_DAYS}-day period from the program's start, against "
                f"the {MONITORING_DAYS_MIN} days US remote therapeutic monitoring codes ask.",
                s["small"],
            )
        )
        rows = [["Period", "Days with data", f"{MONITORING_DAYS_MIN} or more"]]
        for m in found.monitoring:
            rows.append(
                [
                    f"{m.first:%-d %b %Y} – {m.last:%-d %b %Y}",
                    f"{m.days_with_data}" + (" so far" if m.open else ""),
                    "yes" if m.reached else "not yet" if m.open else "no",
                ]
            )
        story.append(_table(rows, (200, 110, 110), style=s["cell"]))
    return story


def _range(found: Report, s: dict) -> list:
    story = [_p("Hip internal rotation, each side", s["h2"])]
    if not found.tests:
        return [*story, _p("No rotation test in this period.", s["body"])]
    latest = found.tests[-1]
    error = found.error or 0.0
    target = range_target(found.progress.program, latest.position)
    story.append(
        _p(
            f"Tests {Position(latest.position).label}, by {Method(latest.method).label} (the "
            f"set-up tested most: tests are compared like for like). The band around each line "
            f"is the measurement error of that method, ±{error:g}° (the minimal detectable "
            "change): a change inside it is not a real change."
            + (f" Dashed: the program's target, {target:g}°." if target is not None else ""),
            s["small"],
        )
    )
    series = {
        side: [(t.date, v) for t in found.tests if (v := t.side(side)) is not None]
        for side in MEASURED_SIDES
    }
    top = max([60.0, *(v + error for points in series.values() for _, v in points)])
    story.append(
        _chart(
            found,
            {f"{side.capitalize()} hip": (SIDE_COLOURS[side], pts) for side, pts in series.items()},
            band=error,
            top=top,
            unit="°",
            guide=(target, f"target {target:g}°") if target is not None else None,
        )
    )
    rows = [["Date", "Left", "Right", "Difference", "Error (±)"]]
    for t in found.tests:
        rows.append(
            [
                f"{t.date:%-d %b %Y}",
                _deg(t.side("left")),
                _deg(t.side("right")),
                _deg(t.difference),
                f"{error:g}°",
            ]
        )
    story.append(_table(rows, (110, 80, 80, 90, 80), style=s["cell"]))
    return story


def _deg(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}°"


def _pain(found: Report, s: dict) -> list:
    story = [_p("Pain by day (0–10)", s["h2"])]
    if not found.pain:
        return [*story, _p("No pain reported in this period.", s["body"])]
    story.append(
        _p(
            f"The worst score of each day, by when it was felt. Dashed: {GREEN_MAX}, the top "
            "of the green zone of the pain-monitoring model.",
            s["small"],
        )
    )
    series = {}
    for timing in PainTiming:
        points = [(d, float(w[timing.value])) for d, w in found.pain if timing.value in w]
        if points:
            series[timing.label.capitalize()] = (WHEN_COLOURS[timing.value], points)
    story.append(
        _chart(found, series, band=0.0, top=10.0, unit="", guide=(GREEN_MAX, "green zone"))
    )
    header = ["Date", *(t.label.capitalize() for t in PainTiming)]
    rows = [header]
    for day, worst in found.pain:
        rows.append([f"{day:%-d %b %Y}", *(str(worst.get(t.value, "")) for t in PainTiming)])
    story.append(_table(rows, (110, 110, 110, 110), style=s["cell"]))
    return story


def _adherence(found: Report, s: dict) -> list:
    story = [
        _p("Adherence", s["h2"]),
        _p(
            "Each week (Monday first): the days with a workout done or partly done, of the "
            "days counted (in the period and the program, up to today). In the calendar, done, "
            "half (partly done) or skip; empty: nothing logged.",
            s["small"],
        ),
    ]
    if any(week.due for week in found.weeks):
        story.append(_week_bars(found))
    rows = [["Week of", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Done"]]
    for week in found.weeks:
        rows.append(
            [
                f"{week.monday:%-d %b %Y}",
                *(STATUS_MARKS.get(status, status) for status in week.statuses),
                f"{week.done} of {week.due}" if week.due else "—",
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
        f"{week.monday:%-d %b}" if i % every == 0 else "" for i, week in enumerate(found.weeks)
    ]
    drawing.add(chart)
    return drawing


def _phases(found: Report, s: dict) -> list:
    story = [_p("Phases", s["h2"])]
    if not found.phases:
        return [*story, _p("No plan in this period.", s["body"])]
    rows = [["Phase", "From", "To", "Days stopped"]]
    for span in found.phases:
        rows.append(
            [
                span.phase,
                f"{span.first:%-d %b %Y}",
                f"{span.last:%-d %b %Y}",
                str(span.stopped_days),
            ]
        )
    story.append(_table(rows, (160, 100, 100, 80), style=s["cell"]))
    return story


def _decisions(found: Report, s: dict) -> list:
    story = [
        _p("The plan's decisions", s["h2"]),
        _p(
            "Each decision of the plan once, word for word, with the days it was made (the "
            "rule ids are those of the rule table, docs/rules.md).",
            s["small"],
        ),
    ]
    if not found.decisions:
        return [*story, _p("No plan in this period.", s["body"])]
    rows = [["Days", "Rule", "Decision"]]
    rows += [[line.when, line.rule, line.reason] for line in found.decisions]
    story.append(_table(rows, (95, 40, 330), style=s["cell"]))
    return story


def _adjustments(found: Report, s: dict) -> list:
    rows = [["Date", "Clinician", "Change", "Why"]]
    rows += [[f"{a.date:%-d %b %Y}", a.clinician, a.what, a.why] for a in found.adjustments]
    return [_p("Clinician adjustments", s["h2"]), _table(rows, (70, 90, 170, 135), style=s["cell"])]


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
                x(day), bottom - 12, f"{day:%-d %b}", fontName=FONT, fontSize=7, textAnchor="middle"
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
            String(right, y(guide[0]) + 3, guide[1], fontName=FONT, fontSize=7, textAnchor="end")
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
        drawing.add(String(legend_x + 18, 3, name, fontName=FONT, fontSize=8))
        legend_x += 30 + len(name) * 5
    return drawing


def _ticks(first: dt.date, last: dt.date, count: int = 6) -> list[dt.date]:
    span = (last - first).days
    if span <= 0:
        return [first]
    return sorted({first + dt.timedelta(days=round(span * i / (count - 1))) for i in range(count)})
