"""The safety endpoints: red-flag answers stop the plan (R12); a clinician's clearance resumes it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def post(client, url: str, body: dict):
    return client.post(url, body, content_type="application/json")


def test_a_yes_stops_today_and_a_clearance_resumes_it(as_alice):
    today = timezone.localdate().isoformat()
    response = post(as_alice, "/api/v1/screens", {"date": today, "answers": {"trauma": True}})
    assert response.status_code == 201
    body = response.json()
    assert body["positive"] is True and body["decisions"][0]["rule"] == "R12"
    stopped = as_alice.get("/api/v1/today").json()
    assert stopped["stop"] is True and stopped["ended_by"] == ["clearance"]
    assert post(as_alice, "/api/v1/clearances", {"date": today, "note": "GP"}).status_code == 201
    plan = as_alice.get("/api/v1/today").json()
    assert plan["stop"] is False and "red_flag" not in plan["flags"]


def test_an_all_clear_screen_changes_nothing(as_alice):
    today = timezone.localdate().isoformat()
    response = post(as_alice, "/api/v1/screens", {"date": today, "answers": {"trauma": False}})
    assert response.json() == {"date": today, "positive": False, "decisions": []}
    assert as_alice.get("/api/v1/today").json()["stop"] is False


def test_an_unknown_question_is_400_with_its_name(as_alice):
    today = timezone.localdate().isoformat()
    response = post(as_alice, "/api/v1/screens", {"date": today, "answers": {"sore_knee": True}})
    assert response.status_code == 400
    assert "sore_knee" in response.json()["detail"]


def test_a_clearance_with_nothing_to_clear_is_400(as_alice):
    response = post(as_alice, "/api/v1/clearances", {"date": timezone.localdate().isoformat()})
    assert response.status_code == 400
    assert "nothing to clear" in response.json()["detail"]


def test_bob_cannot_clear_alices_red_flag(client, alice, bob):
    today = timezone.localdate().isoformat()
    client.force_login(alice)
    post(client, "/api/v1/screens", {"date": today, "answers": {"trauma": True}})
    client.force_login(bob)
    assert post(client, "/api/v1/clearances", {"date": today}).status_code == 400
    client.force_login(alice)
    assert client.get("/api/v1/today").json()["stop"] is True


def test_a_referral_for_pain_names_nothing_that_ends_it_and_a_clearance_is_400(client):
    """R13: the plan says nothing recorded ends the referral, and the service agrees."""
    from cast import in_constant_pain

    today = timezone.localdate()
    dana = in_constant_pain("Dana", today)
    client.force_login(dana)
    plan = client.get("/api/v1/today").json()
    assert plan["stop"] is True and "refer" in plan["flags"]
    assert "R13" in {d["rule"] for d in plan["decisions"]}
    assert plan["ended_by"] == []
    refused = post(client, "/api/v1/clearances", {"date": today.isoformat(), "note": "GP"})
    assert refused.status_code == 400 and "nothing to clear" in refused.json()["detail"]


def test_a_nul_byte_in_a_clearance_note_is_400_and_stores_nothing(as_alice, alice):
    from hipcoach.tracking.models import Clearance

    today = timezone.localdate().isoformat()
    post(as_alice, "/api/v1/screens", {"date": today, "answers": {"trauma": True}})
    refused = post(as_alice, "/api/v1/clearances", {"date": today, "note": "GP\u0000"})
    assert refused.status_code == 400 and "control character" in refused.json()["detail"]
    assert not Clearance.objects.filter(person=alice).exists()


def test_severe_pain_that_comes_back_names_a_clearance_which_the_service_accepts(client):
    """R19: severe pain on two mornings within two weeks, every safety answer "no": the plan
    names a clinician's clearance as what ends the hold, and recording one ends it."""
    import datetime as dt

    from cast import onboard, person

    today = timezone.localdate()
    dana = person("Dana")
    onboard(dana, start=today - dt.timedelta(days=6), today=today)
    client.force_login(dana)
    clear = {"trauma": False}
    for back in (5, 0):
        day = (today - dt.timedelta(days=back)).isoformat()
        assert post(client, "/api/v1/pain", {"date": day, "when": "next_morning", "score": 8})
        assert post(client, "/api/v1/screens", {"date": day, "answers": clear}).status_code == 201
    plan = client.get("/api/v1/today").json()
    assert "R19" in {d["rule"] for d in plan["decisions"]} and "refer" in plan["flags"]
    assert plan["ended_by"] == ["clearance"]
    assert post(client, "/api/v1/clearances", {"date": today.isoformat()}).status_code == 201
    after = client.get("/api/v1/today").json()
    assert "R19" not in {d["rule"] for d in after["decisions"]} and after["ended_by"] == []


def since_monday(client) -> None:
    """A person set up (and screened) three days ago, logged in on `client`."""
    from cast import onboard, person

    today = timezone.localdate()
    ida = person("Ida")
    onboard(ida, start=today - dt.timedelta(days=3), today=today - dt.timedelta(days=3))
    client.force_login(ida)


def test_a_pain_score_is_answered_with_what_the_plan_now_does(client):
    """9/10 on waking: the answer says the safety questions come first, in the plan's words
    (R18), as the today page will; 1/10 changes nothing and says nothing."""
    since_monday(client)
    as_alice = client
    today = timezone.localdate().isoformat()
    calm = post(as_alice, "/api/v1/pain", {"date": today, "when": "rest", "score": 1}).json()
    assert calm["advice"]["decisions"] == [] and calm["advice"]["screen_first"] is False
    severe = post(as_alice, "/api/v1/pain", {"date": today, "when": "next_morning", "score": 9})
    advice = severe.json()["advice"]
    assert severe.status_code == 201 and advice["screen_first"] is True
    assert advice["day"] == today
    r18 = [d for d in advice["decisions"] if d["rule"] == "R18"]
    plan = as_alice.get("/api/v1/today").json()
    assert r18 and r18[0]["reason"] in [d["reason"] for d in plan["decisions"]]


def test_pain_during_a_workout_is_answered_for_the_next_day(client):
    since_monday(client)
    as_alice = client
    today = timezone.localdate()
    answer = post(
        as_alice, "/api/v1/pain", {"date": today.isoformat(), "when": "during", "score": 8}
    )
    advice = answer.json()["advice"]
    assert advice["day"] == (today + dt.timedelta(days=1)).isoformat()
    assert "R18" in {d["rule"] for d in advice["decisions"]} and advice["screen_first"]
