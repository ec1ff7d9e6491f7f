"""Reports a clinic can file: the report's figures over a period, and the monitoring counts."""

from __future__ import annotations

import datetime as dt

import pytest

from cast import START
from hipcoach.tracking import reports
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.measuring import measure
from hipcoach.tracking.workouts import log_workout, report_pain

TODAY = START + dt.timedelta(days=40)


def three_weeks(person) -> None:
    """21 days: workouts on weekdays (one partial, one skipped), pain each workout day, a
    second test on day 14."""
    for offset in range(21):
        day = START + dt.timedelta(days=offset)
        if day.weekday() < 5:
            status = {3: "partial", 8: "skipped"}.get(offset, "done")
            log_workout(person, on=day, status=status, today=TODAY)
            report_pain(person, on=day, when="during", score=2 + offset % 3, today=TODAY)
    later = START + dt.timedelta(days=14)
    measure(
        person,
        on=later,
        today=TODAY,
        position="prone",
        method="phone",
        left=[27, 28, 27],
        right=[36, 36, 37],
    )


def test_a_report_holds_the_period_s_figures(alice) -> None:
    three_weeks(alice)
    within = reports.period(alice, today=TODAY, first=START, last=START + dt.timedelta(days=20))
    found = reports.report(alice, today=TODAY, within=within)
    assert [t.date for t in found.tests] == [START, START + dt.timedelta(days=14)]
    assert found.tests[-1].left == pytest.approx(27.33, abs=0.01)
    assert found.error is not None and found.error > 0
    assert found.workouts == {"done": 13, "partial": 1, "skipped": 1}
    assert [(w.done, w.due) for w in found.weeks] == [(5, 7), (4, 7), (5, 7)]
    assert found.weeks[0].credit == 4.5  # a partly done workout counts half, as the gate's
    assert len(found.pain) == 15 and found.pain[0] == (START, {"during": 2})
    assert found.phases and found.phases[0].first == START
    assert found.phases[-1].last == within.last
    assert found.decisions and found.decisions[0].first == START
    swaps = [d for d in found.decisions if d.rule == "R11"]
    assert swaps and max(d.days for d in swaps) > 1  # a repeated decision is one line
    assert [d.first for d in found.decisions] == sorted(d.first for d in found.decisions)
    assert found.adjustments == []


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_shows_the_person_s_own_figures(alice) -> None:
    from hipcoach.tracking import report_pdf

    three_weeks(alice)
    within = reports.period(alice, today=TODAY, first=START, last=START + dt.timedelta(days=20))
    data = report_pdf.render(reports.report(alice, today=TODAY, within=within))
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert "5 Jan 2026 to 25 Jan 2026 (21 days)" in text
    assert "27.3°" in text and "36.3°" in text and "23.0°" in text  # the two tests, each side
    assert "±10°" in text  # a phone's measurement error, the band
    assert "13 done, 1 partly done, 1 skipped" in text
    assert "5 of 7" in text and "4 of 7" in text  # the weeks' adherence
    assert "Glute foam roll".lower() in text.lower().replace("\n", " ")  # a decision, word for word
    assert "Clinician adjustments" not in text  # none recorded: no section, no placeholder
    assert "hipcoach record " + str(alice.pk) in text and alice.email not in text


# each section's heading, in English and in German
HEADINGS = {
    "Hip mobility report": "Bericht zur Hüftbeweglichkeit",
    "Remote-monitoring days": "Tage der Fernüberwachung",
    "Hip internal rotation, each side": "Innenrotation der Hüfte, jede Seite",
    "Pain by day (0–10)": "Schmerz pro Tag (0–10)",
    "Adherence": "Trainingstreue",
    "Phases": "Phasen",
    "The plan's decisions": "Die Entscheidungen des Plans",
}


def test_a_german_readers_pdf_is_in_german(alice) -> None:
    """Headings, labels, dates (German month names from Django's formats), decimal commas,
    the program's and phases' names and the engine's reasons, all in German; the umlauts and
    the ß come out of the PDF as they went in (the font has them)."""
    from django.utils import translation

    from hipcoach.tracking import report_pdf

    three_weeks(alice)
    within = reports.period(alice, today=TODAY, first=START, last=START + dt.timedelta(days=20))
    english = pdf_text(report_pdf.render(reports.report(alice, today=TODAY, within=within)))
    with translation.override("de"):
        text = pdf_text(report_pdf.render(reports.report(alice, today=TODAY, within=within)))
    for heading, german in HEADINGS.items():
        assert heading in english and heading not in text
        assert german in text
    assert "Zeitraum: 5. Jan 2026 bis 25. Jan 2026 (21 Tage). Erstellt am 14. Februar 2026." in text
    assert "Programm: Hüft-Grundlagen (begonnen am 5. Jan 2026), Tag 21, Phase Mobilität." in text
    assert "27,3°" in text and "36,3°" in text and "27.3°" not in text
    assert "13 gemacht, 1 teilweise gemacht, 1 ausgelassen" in text
    flat = text.replace("\n", " ")
    assert "Getauscht: Gesäß mit der Faszienrolle" in flat and "Swapped" not in flat
    assert "Zwei Wiederholungen mehr bei jeder" in flat  # a dose week's own note
    assert "Seite 1" in text and "page 1" not in text
    # a reason's own date (R2's first test) in words, as the web's pages say it, in each
    # language ("5 January", with the year when the report is read in another year)
    assert "Neigungsmesser-App) am 5. Januar" in flat and "2026-01-05" not in text
    assert "phone test on 5 January" in english.replace("\n", " ")
    assert "2026-01-05" not in english


def test_clinician_adjustments_appear_only_when_a_source_finds_some(alice, monkeypatch) -> None:
    from hipcoach.tracking import report_pdf

    def source(person, first, last):
        assert person == alice
        return [reports.Adjustment(first, "Dr Lee", "held the mobility phase", "pain")]

    monkeypatch.setattr(reports, "ADJUSTMENT_SOURCES", [source])
    within = reports.period(alice, today=TODAY, first=START, last=TODAY)
    text = pdf_text(report_pdf.render(reports.report(alice, today=TODAY, within=within)))
    assert "Clinician adjustments" in text and "held the mobility phase" in text


@pytest.mark.parametrize(
    ("first", "last", "words"),
    [
        (START, TODAY + dt.timedelta(days=1), "in the future"),
        (TODAY, START, "after it ends"),
        (START - dt.timedelta(days=400), START, "a year at most"),
    ],
)
def test_a_bad_period_is_refused_in_words(alice, first, last, words) -> None:
    with pytest.raises(InputError, match=words):
        reports.period(alice, today=TODAY, first=first, last=last)


def test_the_default_period_is_the_last_90_days_from_the_start(alice) -> None:
    assert reports.period(alice, today=TODAY) == reports.Period(START, TODAY)
    later = START + dt.timedelta(days=200)
    assert reports.period(alice, today=later).days == reports.REPORT_DAYS_DEFAULT


def test_monitoring_counts_days_with_data_in_each_30_day_period(alice, bob) -> None:
    three_weeks(alice)  # 15 weekdays with a workout and pain, the baseline test on day 0
    for offset in range(30, 40):  # ten more days in the second period
        report_pain(alice, on=START + dt.timedelta(days=offset), when="rest", score=1, today=TODAY)
    periods = reports.monitoring(alice, today=TODAY)
    assert [(p.first, p.days_with_data, p.reached, p.open) for p in periods] == [
        (START, 15, False, False),
        (START + dt.timedelta(days=30), 10, False, True),
    ]
    # a Saturday more reaches 16; a Wednesday already counted counts once
    report_pain(alice, on=START + dt.timedelta(days=5), when="rest", score=1, today=TODAY)
    report_pain(alice, on=START + dt.timedelta(days=2), when="rest", score=1, today=TODAY)
    first = reports.monitoring(alice, today=TODAY)[0]
    assert (first.days_with_data, first.reached) == (16, True)
    # only the person's own records count: Bob has his baseline test only
    assert [p.days_with_data for p in reports.monitoring(bob, today=TODAY)] == [1, 0]


def test_monitoring_of_a_person_with_no_records_is_empty(charlie) -> None:
    assert reports.monitoring(charlie, today=TODAY) == []


def test_a_person_with_no_program_still_gets_a_report_of_their_records(charlie) -> None:
    from hipcoach.tracking import report_pdf

    within = reports.period(charlie, today=TODAY)
    found = reports.report(charlie, today=TODAY, within=within)
    assert found.phases == [] and found.decisions == [] and found.tests == []
    assert found.unplanned.startswith("no program")
    text = pdf_text(report_pdf.render(found))
    assert "No rotation test in this period." in text and "No program" in text


def test_a_period_from_before_the_start_plans_from_the_start(alice) -> None:
    within = reports.period(alice, today=TODAY, first=START - dt.timedelta(days=10), last=TODAY)
    found = reports.report(alice, today=TODAY, within=within)
    assert found.phases[0].first == START and found.phases[-1].last == TODAY
    assert found.weeks[0].statuses[:5] == ("-",) * 5  # before the program: not counted
    assert sum(week.due for week in found.weeks) == (TODAY - START).days + 1
