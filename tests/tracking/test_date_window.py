"""Dates outside the window are refused with the same message on every path: web, API, CLI.

The window: records from `EARLIEST_DATE` to today; plans from the program's start to a year
ahead, and no more than `PLAN_DAYS_MAX` days after the start (the planner passes every day).
"""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from django.test import Client
from django.utils import timezone
from typer.testing import CliRunner

from hipcoach.tracking import inputs
from hipcoach.tracking.inputs import EARLIEST_DATE, PLAN_DAYS_MAX, InputError
from hipcoach.tracking.models import (
    Clearance,
    Enrollment,
    Measurement,
    Note,
    PainReport,
    RedFlagScreen,
    WorkoutLog,
)

TOO_EARLY = "0001-01-01"
TABLES = (Clearance, Enrollment, Measurement, Note, PainReport, RedFlagScreen, WorkoutLog)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


@pytest.fixture(autouse=True)
def web_defaults(own_data_home, fast_hashing):
    """Each test: its own data home and fast password hashing (tests/conftest.py)."""


def test_the_window_checks_name_the_date_and_the_bounds() -> None:
    today = dt.date(2026, 6, 1)
    with pytest.raises(InputError, match="date 0001-01-01 is too long ago: give a date from 2000"):
        inputs.not_future(dt.date(1, 1, 1), today)
    with pytest.raises(InputError, match="in the future"):
        inputs.not_future(dt.date(2026, 6, 2), today)
    assert inputs.not_future(EARLIEST_DATE, today) == EARLIEST_DATE
    with pytest.raises(InputError, match="more than a year ahead: plans go up to 2027-06-02"):
        inputs.plan_date(dt.date(9999, 12, 30), today)
    assert inputs.plan_date(dt.date(2027, 6, 2), today)
    with pytest.raises(InputError, match="more than a year ago: start from 2025-05-31"):
        inputs.start_date(dt.date(2025, 5, 30), today)
    with pytest.raises(InputError, match="years after your program started"):
        inputs.plan_span(dt.date(2020, 1, 1), dt.date(2020, 1, 1) + dt.timedelta(PLAN_DAYS_MAX + 1))
    with pytest.raises(InputError, match="before your program started"):
        inputs.plan_span(dt.date(2020, 1, 1), dt.date(2019, 12, 31))


# --- The API ---------------------------------------------------------------------------------


def post(client, url: str, body: dict):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    "url, body",
    [
        ("/api/v1/pain", {"date": TOO_EARLY, "when": "rest", "score": 1}),
        ("/api/v1/workouts", {"date": TOO_EARLY, "status": "done"}),
        (
            "/api/v1/measurements",
            {"date": TOO_EARLY, "position": "prone", "method": "phone", "left": [30]},
        ),
        ("/api/v1/screens", {"date": TOO_EARLY, "answers": {}}),
        ("/api/v1/clearances", {"date": TOO_EARLY}),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_the_api_refuses_a_record_dated_year_one(as_alice, url, body) -> None:
    before = counts()
    response = post(as_alice, url, body)
    assert response.status_code == 400, response.content
    detail = response.json()["detail"]
    assert "0001-01-01" in detail and ("too long ago" in detail or "before your program" in detail)
    assert counts() == before


def test_the_api_refuses_a_plan_past_the_window(as_alice, alice) -> None:
    assert as_alice.get("/api/v1/today?date=9999-12-30").status_code == 400
    Enrollment.objects.filter(person=alice).update(start=dt.date(1970, 1, 1))
    began = time.perf_counter()
    response = as_alice.get("/api/v1/today")
    assert time.perf_counter() - began < 2  # refused at once, not planned day by day
    assert response.status_code == 400
    assert "years after your program started (1970-01-01)" in response.json()["detail"]


# --- The web pages ---------------------------------------------------------------------------


def test_the_clearance_form_refuses_year_one(alice) -> None:
    from hipcoach.tracking.safety import record_screen

    record_screen(
        alice, answers={"trauma": True}, on=timezone.localdate(), today=timezone.localdate()
    )
    client = Client()
    client.force_login(alice)
    response = client.post("/stop/cleared/", {"confirm": "on", "date": TOO_EARLY, "note": ""})
    assert response.status_code == 400
    assert "date 0001-01-01 is too long ago" in response.content.decode()
    assert not Clearance.objects.exists()


def test_the_today_page_explains_a_program_run_too_long(alice) -> None:
    Enrollment.objects.filter(person=alice).update(start=dt.date(1970, 1, 1))
    client = Client()
    client.force_login(alice)
    response = client.get("/today/", follow=True)
    assert response.status_code == 200 and response.redirect_chain[-1][0] == "/start/"
    assert "years after your program started" in response.content.decode()


# --- The terminal ----------------------------------------------------------------------------

M = ["measure", "--position", "prone", "--method", "phone", "--left", "30"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["today", "--date", "9999-12-30"], "--date 9999-12-30 is more than a year ahead"),
        (["go", "--yes", "--date", "9999-12-30"], "--date 9999-12-30 is more than a year ahead"),
        (["pain", "--rest", "2", "--date", TOO_EARLY], "--date 0001-01-01 is too long ago"),
        ([*M, "--date", TOO_EARLY], "--date 0001-01-01 is too long ago"),
        (["log", "--date", TOO_EARLY], "--date 0001-01-01 is too long ago"),
        (["note", "hello", "--date", TOO_EARLY], "--date 0001-01-01 is too long ago"),
        (["activities", "--rate", "run=3", "--date", TOO_EARLY], "is too long ago"),
        (["screen", "--yes", "--date", TOO_EARLY], "--date 0001-01-01 is too long ago"),
        (
            ["init", "--yes", "--restart", "--program", "hip-ir-primer", "--start", "1970-01-01"],
            "--start 1970-01-01 is too long ago",
        ),
        (
            ["init", "--yes", "--restart", "--program", "hip-ir-primer", "--start", "2020-01-01"],
            "more than a year ago",
        ),
    ],
    ids=lambda v: v[0] if isinstance(v, list) else "",
)
def test_the_terminal_refuses_dates_outside_the_window(alice, monkeypatch, args, message) -> None:
    from hipcoach.cli import app

    monkeypatch.setenv("HIPCOACH_USER", "alice")
    before = counts()
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().startswith("error: ") and message in result.stderr
    assert "Traceback" not in result.output
    assert counts() == before


def test_today_with_a_1970_start_is_refused_at_once(alice, monkeypatch) -> None:
    from hipcoach.cli import app

    monkeypatch.setenv("HIPCOACH_USER", "alice")
    Enrollment.objects.filter(person=alice).update(start=dt.date(1970, 1, 1))
    began = time.perf_counter()
    result = CliRunner().invoke(app, ["today"])
    assert time.perf_counter() - began < 2
    assert result.exit_code == 1 and "years after your program started" in result.stderr


@pytest.mark.parametrize("text", ["GP\x00 said fine", "bell\x07", "del\x7f"])
def test_text_with_a_control_character_is_refused_by_every_text_input(text) -> None:
    for check in (inputs.note_text, inputs.clearance_note, inputs.activity_name):
        with pytest.raises(InputError, match="control character"):
            check(text)
    assert inputs.note_text("line one\nline two\tand a tab") == "line one\nline two\tand a tab"
