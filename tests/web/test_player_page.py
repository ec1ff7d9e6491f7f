"""The player page: closed, with the reason and what to do instead, for a person whose plan
stops (a red flag); one count of exercises, the engine's, on Today and in the player; what
the workout needs named before Start."""

from __future__ import annotations

import re

from django.utils import timezone

from hipcoach.engine.steps import timeline
from hipcoach.tracking.plans import day_plan
from hipcoach.tracking.safety import record_screen


def test_a_stopped_person_cannot_open_the_player(as_alice, alice):
    today = timezone.localdate()
    record_screen(alice, answers={"trauma": True}, on=today, today=today)
    assert day_plan(alice, on=timezone.localdate()).stop
    page = as_alice.get("/today/player/").content.decode()
    assert "No workout today" in page
    assert 'id="player-data"' not in page and "player.js" not in page
    assert "clinician" in page  # what to do instead
    assert 'href="/today/"' in page


def test_today_and_the_player_count_exercises_the_same_way(as_alice, alice):
    count = timeline(day_plan(alice, on=timezone.localdate())).exercises
    assert count >= 3
    today = as_alice.get("/today/").content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", today, re.S).group(1)
    assert f"{count} exercises" in heading
    player = as_alice.get("/today/player/").content.decode()
    assert f"<strong>{count} exercises</strong>" in player
    rows = len(day_plan(alice, on=timezone.localdate()).exercises)
    assert rows > count  # the sides of one exercise are one exercise, not two


def test_the_player_names_what_the_workout_needs_before_start(as_alice):
    page = as_alice.get("/today/player/").content.decode()
    needs = re.search(r'id="intro-equipment">(.*?)</p>', page, re.S).group(1)
    assert "mat" in needs and "_" not in needs
