"""The today page, the "running after this" switch, the morning check and the player page."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import time_machine
from django.utils import timezone

from hipcoach.tracking.models import PainReport
from hipcoach.tracking.records import stored_key
from hipcoach.tracking.workouts import log_workout

pytestmark = pytest.mark.django_db


def test_today_shows_the_phase_exercises_minutes_and_a_start_button(as_alice):
    page = as_alice.get("/today/").content.decode()
    assert "Mobility" in page
    assert re.search(r"Today's workout · \d+ exercises?, about \d+ minutes", page)
    assert 'id="start-workout"' in page and "/today/player/" in page
    assert page.count('<span class="name">') >= 3
    assert "each side" in page
    assert "To move to the next phase" in page


def test_running_after_this_switches_to_the_pre_run_plan(as_alice):
    as_alice.post("/today/pre-run/", {"pre_run": "on"})
    page = as_alice.get("/today/").content.decode()
    assert 'role="switch" id="pre-run" name="pre_run" checked' in page
    # the long holds are not dropped: they move to after the run, and the page says when (R8)
    assert "After your run" in page and "later in the day" in page
    data = _player_data(as_alice)
    assert data["plan"]["pre_run"] is True
    after = [e for e in data["plan"]["exercises"] if e["after_run"]]
    assert after and data["plan"]["exercises"][-len(after) :] == after
    as_alice.post("/today/pre-run/", {})
    assert _player_data(as_alice)["plan"]["pre_run"] is False


def _player_data(client) -> dict:
    page = client.get("/today/player/").content.decode()
    found = re.search(
        r'<script id="player-data" type="application/json">(.*?)</script>', page, re.S
    )
    return json.loads(found.group(1))


def test_the_player_gets_the_day_plan_and_each_exercises_how_to(as_alice):
    data = _player_data(as_alice)
    assert set(data["plan"]) >= {
        "day",
        "date",
        "phase",
        "stop",
        "flags",
        "minutes",
        "exercises",
        "decisions",
    }
    assert data["log_url"] == "/api/v1/workouts"
    first = data["plan"]["exercises"][0]["id"]
    how = data["exercises"][first]
    assert how["steps"] and how["cues"] and how["faults"][0]["fix"]


def test_the_player_pace_comes_from_the_environment(as_alice, settings):
    settings.PLAYER_PACE = 20.0
    assert _player_data(as_alice)["pace"] == 20.0


def test_the_morning_after_a_workout_asks_for_pain_in_one_tap(client, alice):
    start = timezone.localdate()
    coach_day = start
    with time_machine.travel(dt.datetime.combine(coach_day, dt.time(18), tzinfo=dt.UTC)):
        client.force_login(alice)
        response = client.post(
            "/api/v1/workouts",
            {"date": coach_day.isoformat(), "status": "done"},
            content_type="application/json",
        )
        assert response.status_code == 201
        assert "this morning" not in client.get("/today/").content.decode()
    tomorrow = coach_day + dt.timedelta(days=1)
    with time_machine.travel(dt.datetime.combine(tomorrow, dt.time(8), tzinfo=dt.UTC)):
        page = client.get("/today/").content.decode()
        assert "How does your hip feel this morning?" in page
        assert "Only one side, or one place? (optional)" in page
        response = client.post("/pain/", {"when": "next_morning", "score": "2"})
        assert response.status_code == 302
        report = PainReport.objects.get(person=alice, when="next_morning")
        assert (report.date, report.score) == (tomorrow, 2)
        assert "this morning" not in client.get("/today/").content.decode()


def test_a_pain_score_out_of_range_is_refused_politely(as_alice, alice):
    response = as_alice.post("/pain/", {"when": "rest", "score": "11"}, follow=True)
    assert "Choose a pain score from 0 to 10." in response.content.decode()
    assert not PainReport.objects.filter(person=alice, when="rest").exists()


def test_a_pain_score_may_say_its_side_and_place_without_costing_a_tap(as_alice, alice):
    page = as_alice.get("/today/player/").content.decode()
    assert 'name="side"' in page and 'name="place"' in page  # the player's pain check asks too
    as_alice.post("/pain/", {"when": "rest", "score": "4", "side": "left", "place": "buttock"})
    as_alice.post("/pain/", {"when": "rest", "score": "1"})  # one tap: the whole person
    stored = list(PainReport.objects.filter(person=alice).values_list("score", "side", "place"))
    assert sorted(stored) == [(1, "both", "unspecified"), (4, "left", "buttock")]


def test_a_pain_side_or_place_not_in_the_list_is_refused_and_nothing_saved(as_alice, alice):
    response = as_alice.post(
        "/pain/", {"when": "rest", "score": "2", "side": "middle"}, follow=True
    )
    assert "Choose the side from the list." in response.content.decode()
    response = as_alice.post("/pain/", {"when": "rest", "score": "2", "place": "x"}, follow=True)
    assert "Choose the place from the list." in response.content.decode()
    assert not PainReport.objects.filter(person=alice).exists()


def test_client_keys_are_stored_per_person(alice, bob):
    assert stored_key(alice, "k1") != stored_key(bob, "k1")
    assert stored_key(alice, "k1") == stored_key(alice, "k1")
    assert stored_key(alice, "k1", "pain") != stored_key(alice, "k1")
    assert stored_key(alice, None) is None


def test_today_says_when_the_workout_is_logged(as_alice, alice):
    day = timezone.localdate()
    log_workout(alice, on=day, status="partial", today=day, key="t1")
    page = as_alice.get("/today/").content.decode()
    assert "Today's workout is logged: partly done" in page and "Start again" in page


def test_running_after_this_resets_the_next_day(client, alice):
    today = timezone.localdate()
    with time_machine.travel(dt.datetime.combine(today, dt.time(7), tzinfo=dt.UTC)):
        client.force_login(alice)
        client.post("/today/pre-run/", {"pre_run": "on"})
        assert _player_data(client)["plan"]["pre_run"] is True
    tomorrow = today + dt.timedelta(days=1)
    with time_machine.travel(dt.datetime.combine(tomorrow, dt.time(7), tzinfo=dt.UTC)):
        assert _player_data(client)["plan"]["pre_run"] is False


def test_today_offers_a_short_lesson_for_the_phase(as_alice):
    page = as_alice.get("/today/").content.decode()
    assert '<details class="lesson"><summary>Learn: ' in page
