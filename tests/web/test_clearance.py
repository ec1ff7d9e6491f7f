"""After a red flag: a clinician's clearance, recorded on the stop page, lets onboarding go on."""

from __future__ import annotations

import pytest
from test_onboarding import about

from hipcoach.tracking.models import Clearance

pytestmark = pytest.mark.django_db


def test_the_stop_page_offers_to_record_a_clearance(as_charlie_client):
    assert about(as_charlie_client, "trauma")["Location"] == "/stop/"
    page = as_charlie_client.get("/stop/").content.decode()
    assert "I have been cleared" in page


def test_a_clearance_must_be_confirmed(as_charlie_client, charlie):
    about(as_charlie_client, "trauma")
    response = as_charlie_client.post("/stop/cleared/", {"note": "GP"})
    assert response.status_code == 400
    assert not Clearance.objects.filter(person=charlie).exists()
    assert as_charlie_client.get("/today/")["Location"] == "/stop/"


def test_once_cleared_onboarding_goes_on(as_charlie_client, charlie):
    about(as_charlie_client, "trauma")
    response = as_charlie_client.post(
        "/stop/cleared/", {"confirm": "on", "note": "GP: no fracture"}
    )
    assert response.status_code == 302
    assert Clearance.objects.get(person=charlie).note == "GP: no fracture"
    assert as_charlie_client.get("/today/")["Location"] == "/start/"
    assert about(as_charlie_client)["Location"] == "/start/measure/"
    trials = {f"{side}_{n}": "30" for side in ("left", "right") for n in (1, 2, 3)}
    as_charlie_client.post("/start/measure/", {"position": "prone", "method": "phone"} | trials)
    assert (
        as_charlie_client.post("/start/program/", {"program": "hip-ir-primer"})["Location"]
        == "/today/"
    )
    page = as_charlie_client.get("/today/").content.decode()
    assert "No workout today" not in page
    assert 'id="start-workout"' in page


def test_nothing_to_clear_is_refused_with_a_message(as_alice):
    response = as_alice.post("/stop/cleared/", {"confirm": "on"})
    assert response.status_code == 400
    assert "nothing to clear" in response.content.decode()


def test_the_weekly_safety_check_stops_on_a_yes_and_a_clearance_resumes(as_alice, alice):
    from test_onboarding import CLEAR, flags

    assert as_alice.get("/check/").status_code == 200
    assert as_alice.post("/check/", CLEAR)["Location"] == "/today/"
    assert "No workout today" not in as_alice.get("/today/").content.decode()
    assert as_alice.post("/check/", flags("constant_or_night_pain"))["Location"] == "/today/"
    page = as_alice.get("/today/").content.decode()
    assert "No workout today" in page and "I have been cleared" in page
    assert as_alice.post("/stop/cleared/", {"confirm": "on"})["Location"] == "/today/"
    assert "No workout today" not in as_alice.get("/today/").content.decode()


def test_the_safety_check_asks_every_question_again(as_alice):
    response = as_alice.post("/check/", {})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_a_referral_for_pain_offers_no_clearance_that_would_be_refused(client):
    """R13 stops today's workout and refers: the page says so, and offers nothing that the
    services would refuse (a clearance does not end a referral for pain)."""
    from django.utils import timezone

    from cast import in_constant_pain

    dana = in_constant_pain("Dana", timezone.localdate())
    client.force_login(dana)
    page = client.get("/today/").content.decode()
    assert "No workout today" in page and "R13" not in page.split("No workout today")[0]
    assert "days" in page and "physiotherapist or doctor" in page
    assert "I have been cleared" not in page
    refused = client.post("/stop/cleared/", {"confirm": "on"})
    assert refused.status_code == 400 and "nothing to clear" in refused.content.decode()
    assert not Clearance.objects.filter(person=dana).exists()


def test_the_clearance_form_is_offered_where_the_plan_says_a_clearance_ends_the_stop(
    as_alice, alice
):
    from test_onboarding import flags

    assert "I have been cleared" not in as_alice.get("/today/").content.decode()
    as_alice.post("/check/", flags("constant_or_night_pain"))
    page = as_alice.get("/today/").content.decode()
    assert "No workout today" in page and "I have been cleared" in page
