"""Progress: IR left/right with the error band and target, pain, the calendar, the verdict."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from hipcoach.tracking.progress import asymmetry_verdict, ir_tests
from hipcoach.tracking.workouts import log_played_workout

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_verdict_the_table_and_the_calendar(as_alice, alice):
    day = timezone.localdate()
    log_played_workout(alice, on=day, status="done", today=day, pain_during=2, key="p1")
    page = as_alice.get("/progress/").content.decode()
    assert "Your left hip turns in" in page and "a real difference" in page
    assert "23.0°" in page and "35.0°" in page
    assert "1 workout done in all" in page
    assert 'class="done"' in page
    assert "/progress/ir.svg" in page and "/progress/pain.svg" in page


def test_the_charts_are_svg_from_pygal_with_no_outside_links(as_alice, alice):
    day = timezone.localdate()
    log_played_workout(alice, on=day, status="done", today=day, pain_during=2, key="p2")
    for url in ("/progress/ir.svg", "/progress/pain.svg"):
        response = as_alice.get(url)
        assert response["Content-Type"] == "image/svg+xml"
        svg = response.content.decode()
        assert "<svg" in svg and "pygal" in svg
        assert "kozea.github.io" not in svg and "<script" not in svg
    ir = as_alice.get("/progress/ir.svg").content.decode()
    assert "Left hip" in ir and "Target 30°" in ir


def test_the_verdict_says_no_detectable_difference_within_error(bob):
    assert "no detectable difference" in str(asymmetry_verdict(ir_tests(bob)[-1]))


def test_a_person_with_nothing_yet_sees_an_empty_but_working_page(client, charlie):
    client.force_login(charlie)
    page = client.get("/progress/").content.decode()
    assert "No measurement yet" in page
    assert client.get("/progress/ir.svg").status_code == 200


def test_measuring_again_says_whether_the_change_is_real(as_alice, alice):
    page = as_alice.get("/measure/").content.decode()
    assert 'value="prone" selected' in page  # like for like with the last test
    week_later = dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=7), dt.time(9), tzinfo=dt.UTC
    )
    with time_machine.travel(week_later):
        response = as_alice.post(
            "/measure/",
            {
                "position": "prone",
                "method": "phone",
                "left_1": "25",
                "left_2": "25",
                "left_3": "26",
                "right_1": "36",
                "right_2": "35",
                "right_3": "35",
            },
        )
    text = response.content.decode()
    assert response.status_code == 200 and "Saved." in text
    assert "Left: 23° → 25.3°: no detectable change (a phone can be out by 10°)" in text
    assert len(ir_tests(alice)) == 2


def test_measuring_refuses_a_side_with_no_trials(as_alice):
    response = as_alice.post("/measure/", {"position": "prone", "method": "phone", "left_1": "25"})
    assert "This field is required" in response.content.decode()


def test_the_streak_and_adherence_are_the_terminals_words(as_alice, alice):
    """One computation for the web and `hipcoach progress`: the same line on both."""
    from hipcoach.tracking.progress import progress

    day = timezone.localdate()
    log_played_workout(alice, on=day, status="done", today=day, key="s1")
    line = progress(alice, today=day).habit_words
    assert line.startswith("Workouts done: ") and "streak: 1 day" in line
    assert line in as_alice.get("/progress/").content.decode()


def test_the_pain_chart_s_legend_is_whole_and_inside_the_chart(as_alice, alice):
    """Every series of the pain chart is named in full in its legend (pygal cut "During the
    workout" to "During the work…"), and each name ends inside the chart's width."""
    import re

    from hipcoach.tracking.workouts import report_pain
    from hipcoach.web.progress import CHART_WIDTH, LEGEND_FONT_PX, WHEN_WORDS

    day = timezone.localdate()
    for n, when in enumerate(WHEN_WORDS):
        report_pain(alice, on=day, when=when, score=2 + n, today=day, key=f"legend-{n}")
    report_pain(alice, on=day, when="rest", score=1, today=day, key="legend-r", side="right")
    svg = as_alice.get("/progress/pain.svg").content.decode()
    left = float(
        re.search(r'<g transform="translate\(([\d.]+), [\d.]+\)" class="legends">', svg)[1]
    )
    legends = re.findall(
        r'<g id="activate-serie-\d+" class="legend[^"]*">.*?<text x="([\d.]+)"[^>]*>([^<]*)</text>',
        svg,
        re.S,
    )
    names = [name for _, name in legends]
    assert names == [*WHEN_WORDS.values(), "Right side only", "Green zone limit"]
    for x, name in legends:
        # about 0.6 of the font's size a letter: the name ends inside the chart
        assert left + float(x) + len(name) * LEGEND_FONT_PX * 0.6 <= CHART_WIDTH, name


def test_the_page_shows_pain_by_side_and_place(as_alice, alice):
    day = timezone.localdate()
    log_played_workout(
        alice,
        on=day,
        status="done",
        today=day,
        pain_during=4,
        key="p-side",
        pain_side="left",
        pain_place="high_hamstring",
    )
    log_played_workout(alice, on=day, status="done", today=day, pain_during=1, key="p-both")
    page = as_alice.get("/progress/").content.decode()
    assert "<td>left side, the high hamstring</td>" in page and "<td>both sides</td>" in page
    assert (
        "Pain by side, the last 14 days: left side: 1 report, worst 4/10 (the high hamstring); "
        "right side: none; both sides: 1 report, worst 1/10." in page
    )
    chart = as_alice.get("/progress/pain.svg").content.decode()
    assert "Left side only" in chart and "Right side only" not in chart
