"""Onboarding: about you with the red-flag screen, the baseline test, the program."""

from __future__ import annotations

import pytest
from django.test import Client

from hipcoach.tracking.models import Enrollment, Measurement, Profile, RedFlagScreen

pytestmark = pytest.mark.django_db

CLEAR = {"none_of_these": "on"}


def flags(*keys: str) -> dict:
    """The safety answers: each key ticked as a "yes", or "none of these" when none."""
    return {"red_flags": list(keys)} if keys else CLEAR


def about(client: Client, *yes: str):
    data = {"goals": ["running"], "pain_areas": ["high_hamstring", "glute"], "age": "34"}
    return client.post("/start/", data | flags(*yes))


def test_a_new_person_is_sent_to_onboarding(as_charlie_client):
    response = as_charlie_client.get("/today/")
    assert response.status_code == 302 and response["Location"] == "/start/"


def test_it_takes_three_steps_to_a_program(as_charlie_client, charlie):
    client = as_charlie_client
    assert about(client)["Location"] == "/start/measure/"
    page = client.get("/start/measure/").content.decode()
    assert "How to do the test at home" in page
    response = client.post(
        "/start/measure/",
        {
            "position": "prone",
            "method": "phone",
            "left_1": "22",
            "left_2": "24",
            "left_3": "23",
            "right_1": "35",
            "right_2": "36",
            "right_3": "34",
        },
    )
    assert response["Location"] == "/start/program/"
    page = client.get("/start/program/").content.decode()
    assert "Recommended" in page and "Why we recommend it" in page
    response = client.post("/start/program/", {"program": "hip-foundations"})
    assert response["Location"] == "/today/"
    assert Enrollment.objects.get(person=charlie).program == "hip-foundations"
    assert Profile.objects.get(person=charlie).goals == ["running"]
    assert sorted(Measurement.objects.filter(person=charlie).values_list("side", flat=True)) == [
        "left",
        "right",
    ]
    assert client.get("/today/").status_code == 200


def test_missing_answers_are_asked_again(as_charlie_client):
    response = as_charlie_client.post("/start/", {"goals": ["running"]})
    assert response.status_code == 200
    assert "Tick each question that is true for you, or “None of these”" in (
        response.content.decode()
    )


def test_a_baseline_angle_out_of_range_is_refused(as_charlie_client):
    about(as_charlie_client)
    response = as_charlie_client.post(
        "/start/measure/",
        {"position": "prone", "method": "phone", "left_1": "400", "right_1": "30"},
    )
    assert response.status_code == 200 and "less than or equal to 90" in response.content.decode()


def test_a_red_flag_stops_with_whom_to_see_and_no_program(as_charlie_client, charlie):
    response = about(as_charlie_client, "saddle_numbness_or_bladder_bowel_change")
    assert response["Location"] == "/stop/"
    page = as_charlie_client.get("/stop/").content.decode()
    assert "emergency" in page
    assert not Enrollment.objects.filter(person=charlie).exists()
    assert RedFlagScreen.objects.get(person=charlie).positive
    assert as_charlie_client.get("/today/")["Location"] == "/stop/"
    assert as_charlie_client.get("/api/v1/today").status_code == 409


def test_skipping_ahead_goes_back_to_the_first_step(as_charlie_client):
    assert as_charlie_client.get("/start/program/")["Location"] == "/start/"
    assert as_charlie_client.get("/start/measure/")["Location"] == "/start/"


def test_measure_later_promises_only_what_holds_for_the_person(as_charlie_client):
    """An adult may start without the test; a 15-year-old with knee pain is told that the
    workouts wait for it (R15), as they then do."""
    client = as_charlie_client
    about(client)
    adult = client.get("/start/measure/").content.decode()
    assert "Start without it" in adult and "the workouts wait for this test" not in adult
    young = {"goals": ["running"], "pain_areas": ["knee"], "age": "15"}
    assert client.post("/start/", young | CLEAR)["Location"] == "/start/measure/"
    page = client.get("/start/measure/").content.decode()
    assert "the workouts wait for this test" in page and "Start without it" not in page
    client.post("/start/measure/", {"later": "1"})
    assert client.post("/start/program/", {"program": "hip-foundations"})["Location"] == "/today/"
    assert "No workout today" in client.get("/today/").content.decode()
