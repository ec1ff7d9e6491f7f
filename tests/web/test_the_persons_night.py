"""The person's day ends when they sleep: a workout begun before midnight is finished as that
evening's, and "this morning" is asked after the night, never minutes after a workout.

Time is set with time-machine on the server; no zone cookie, so the person's zone is the
server's (UTC), as for a script's token with no zone saved."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client

from cast import onboard, person

pytestmark = pytest.mark.django_db

FRIDAY = dt.date(2026, 1, 16)
SATURDAY = FRIDAY + dt.timedelta(days=1)


def at(day: dt.date, hour: int, minute: int = 0, second: int = 0):
    return time_machine.travel(
        dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=dt.UTC), tick=False
    )


@pytest.fixture
def erin() -> Client:
    """Erin, set up on Monday, logged in."""
    user = person("Erin")
    onboard(user, start=FRIDAY - dt.timedelta(days=4), today=FRIDAY)
    client = Client()
    client.force_login(user)
    return client


def player_date(client: Client, query: str = "") -> str:
    page = client.get("/today/player/" + query).content.decode()
    found = re.search(
        r'<script id="player-data" type="application/json">(.*?)</script>', page, re.S
    )
    assert found, page[:500]
    return re.search(r'"date": "([0-9-]+)"', found.group(1)).group(1)


def log_first_exercise(client: Client, day: dt.date) -> None:
    plan = client.get("/api/v1/today").json()
    first = plan["exercises"][0]
    body = {"exercise": first["id"], "side": first["side"], "status": "done", "sets": 1}
    answer = client.post(
        f"/api/v1/workouts/{day.isoformat()}/exercises", body, content_type="application/json"
    )
    assert answer.status_code == 201, answer.content


def test_a_workout_begun_at_23_58_resumes_after_midnight_as_that_evenings(erin):
    with at(FRIDAY, 23, 58):
        log_first_exercise(erin, FRIDAY)
    with at(SATURDAY, 0, 0, 20):
        assert player_date(erin) == FRIDAY.isoformat()  # the same run: it resumes
        page = erin.get("/today/").content.decode()
        assert "is not finished" in page and "finish it now" in page
        assert player_date(erin, "?day=today") == SATURDAY.isoformat()
    with at(SATURDAY, 4, 30):  # the night is over: today's workout
        assert player_date(erin) == SATURDAY.isoformat()
        assert "is not finished" not in erin.get("/today/").content.decode()


def test_a_finished_evening_is_not_offered_again(erin):
    with at(FRIDAY, 23, 40):
        log_first_exercise(erin, FRIDAY)
        erin.post(
            "/api/v1/workouts",
            {"date": FRIDAY.isoformat(), "status": "done"},
            content_type="application/json",
        )
    with at(SATURDAY, 0, 10):
        assert player_date(erin) == SATURDAY.isoformat()


def test_this_morning_is_asked_after_the_night_not_minutes_after_a_late_workout(erin):
    with at(FRIDAY, 23, 49):
        log_first_exercise(erin, FRIDAY)
    with at(SATURDAY, 0, 10):
        assert "this morning" not in erin.get("/today/").content.decode()
    with at(SATURDAY, 8, 0):
        assert "How does your hip feel this morning?" in erin.get("/today/").content.decode()


def test_a_night_owl_is_asked_about_this_morning_only_hours_after_the_workout(erin):
    """Friday's workout begun at 23:30 and finished at 01:30: at 05:10 the night has been
    too short to tell the next-morning pain; by 06:00 it has not."""
    with at(FRIDAY, 23, 30):
        log_first_exercise(erin, FRIDAY)
    with at(SATURDAY, 1, 30):
        log_first_exercise(erin, FRIDAY)  # the same evening's workout, finished after midnight
    with at(SATURDAY, 5, 10):
        assert "this morning" not in erin.get("/today/").content.decode()
    with at(SATURDAY, 6, 0):
        assert "this morning" in erin.get("/today/").content.decode()
