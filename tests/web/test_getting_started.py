"""Getting started in two minutes without equipment: measure later, the safety questions as one
list, the recommended program first, answers filled in again, and a clearance that lets
onboarding go on (with a plain word on what happens after a new "yes")."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from test_onboarding import about, flags

from hipcoach.tracking.models import Clearance, Enrollment, Measurement, RedFlagScreen
from hipcoach.vocabulary import RedFlag

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_measure_later_starts_the_program_and_the_plan_asks_for_the_test(
    as_charlie_client, charlie
):
    client = as_charlie_client
    assert about(client)["Location"] == "/start/measure/"
    assert "Measure later" in text(client.get("/start/measure/"))
    assert client.post("/start/measure/", {"later": "1"})["Location"] == "/start/program/"
    assert "No measurement yet" in text(client.get("/start/program/"))
    assert client.post("/start/program/", {"program": "hip-ir-primer"})["Location"] == "/today/"
    assert Enrollment.objects.filter(person=charlie).exists()
    assert not Measurement.objects.filter(person=charlie).exists()
    page = text(client.get("/today/"))
    assert "started without a measurement" in page  # the message, once
    assert "No measurement of your hips yet" in page  # the plan's own decision (R7)
    assert 'id="start-workout"' in page


def test_the_safety_questions_are_one_list_with_none_of_these(as_charlie_client):
    page = text(as_charlie_client.get("/start/"))
    assert page.count('type="checkbox" name="red_flags"') == len(RedFlag)
    assert "None of these" in page
    assert 'type="radio"' not in page


def test_a_tick_and_none_of_these_together_are_refused(as_charlie_client, charlie):
    data = {"goals": ["running"], "red_flags": ["trauma"], "none_of_these": "on"}
    response = as_charlie_client.post("/start/", data)
    assert response.status_code == 200
    assert "untick one of them" in text(response)
    assert not RedFlagScreen.objects.filter(person=charlie).exists()


def test_each_tick_is_a_yes_and_the_rest_are_no(as_charlie_client, charlie):
    about(as_charlie_client, "trauma", "cancer_history")
    answers = RedFlagScreen.objects.get(person=charlie).answers
    assert {k for k, yes in answers.items() if yes} == {"trauma", "cancer_history"}
    assert set(answers) == {flag.value for flag in RedFlag}


def test_the_recommended_program_comes_first_with_why(as_charlie_client):
    about(as_charlie_client)
    as_charlie_client.post("/start/measure/", {"later": "1"})
    page = text(as_charlie_client.get("/start/program/"))
    first_card = page.split('<div class="card')[1]
    assert "Recommended" in first_card and "Why we recommend it" in first_card


def test_update_your_answers_opens_the_form_filled_in(as_alice):
    page = text(as_alice.get("/start/"))
    assert re.search(r'name="goals" value="running"[^>]*checked', page)
    assert re.search(r'name="pain_areas" value="high_hamstring"[^>]*checked', page)
    assert 'name="age" value="34"' in page


def test_once_cleared_onboarding_goes_on_without_asking_again(as_charlie_client, charlie):
    client = as_charlie_client
    about(client, "cancer_history")  # true for good: asking again would stop it again
    response = client.post("/stop/cleared/", {"confirm": "on"}, follow=True)
    page = text(response)
    assert response.redirect_chain[-1][0] == "/start/"
    assert "Recorded: a clinician cleared you to exercise on" in page
    assert 'name="red_flags"' not in page and "the safety questions are not asked" in page
    assert 'name="goals" value="running"' in page and "checked" in page
    assert client.post("/start/", {"goals": ["running"]})["Location"] == "/start/measure/"
    client.post("/start/measure/", {"later": "1"})
    assert client.post("/start/program/", {"program": "hip-ir-primer"})["Location"] == "/today/"
    assert RedFlagScreen.objects.filter(person=charlie).count() == 1  # no new screen
    page = text(client.get("/today/"))
    assert 'id="start-workout"' in page and "No workout today" not in page


def test_a_yes_after_a_clearance_says_plainly_what_happens_now(as_charlie_client, charlie):
    client = as_charlie_client
    about(client, "trauma")
    client.post("/stop/cleared/", {"confirm": "on"})
    answer = client.post(
        "/api/v1/screens",
        {"date": timezone.localdate().isoformat(), "answers": {"trauma": True}},
        content_type="application/json",
    )
    assert answer.status_code in (200, 201), answer.content
    assert client.get("/today/")["Location"] == "/stop/"
    page = text(client.get("/stop/"))
    assert "cleared you to exercise on" in page and "What happens now" in page
    # The same day, the clinician's clearance can be recorded again: onboarding goes on.
    assert client.post("/stop/cleared/", {"confirm": "on"})["Location"] == "/start/"
    assert Clearance.objects.filter(person=charlie).count() == 2


def test_the_weekly_check_says_what_a_tick_means(as_alice):
    response = as_alice.post("/check/", flags("constant_or_night_pain"), follow=True)
    assert "stopped until a clinician has seen you" in text(response)
    response = as_alice.post("/stop/cleared/", {"confirm": "on"}, follow=True)
    assert "Welcome back" in text(response)


def test_a_young_person_who_measures_later_waits_for_the_test(as_charlie_client, charlie):
    # R15 (Peck 2017): a 14-year-old with knee pain gets no workout before both hips are measured.
    client = as_charlie_client
    data = {"goals": ["running"], "pain_areas": ["knee"], "age": "14", "none_of_these": "on"}
    assert client.post("/start/", data)["Location"] == "/start/measure/"
    client.post("/start/measure/", {"later": "1"})
    assert client.post("/start/program/", {"program": "hip-ir-primer"})["Location"] == "/today/"
    page = text(client.get("/today/"))
    assert "No workout today" in page and "measure both hips" in page
    assert "Time for a check (before the first workout)" in page
    assert "started without a measurement" not in page  # not "this week": before any workout
    assert 'href="/measure/"' in page and 'id="start-workout"' not in page
    assert "No workout today" in text(client.get("/today/player/"))
    first = text(client.get("/measure/"))
    assert "<h1>Measure your hips</h1>" in first and "as before" not in first
    trials = {
        f"{side}_{n}": value for side, value in (("left", 35), ("right", 36)) for n in (1, 2, 3)
    }
    response = client.post("/measure/", {"position": "seated", "method": "goniometer"} | trials)
    assert response.status_code in (200, 302)
    page = text(client.get("/today/"))
    assert "No workout today" not in page and 'id="start-workout"' in page
