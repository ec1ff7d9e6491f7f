"""The JSON API: the DayPlan contract, logging with idempotency keys, auth, clear 4xx errors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from hipcoach.tracking.models import ExerciseLog, PainReport, WorkoutLog

pytestmark = pytest.mark.django_db

DAYPLAN_KEYS = {"day", "date", "phase", "stop", "flags", "minutes", "exercises", "decisions"}


def post(client: Client, url: str, body: dict, **headers: str):
    return client.post(url, body, content_type="application/json", **headers)


def test_openapi_document_is_served(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert {
        "/api/v1/today",
        "/api/v1/workouts",
        "/api/v1/pain",
        "/api/v1/measurements",
        "/api/v1/progress",
        "/api/v1/profile",
    } <= set(document["paths"])


def test_today_is_the_dayplan_contract(as_alice):
    plan = as_alice.get("/api/v1/today").json()
    assert set(plan) >= DAYPLAN_KEYS
    assert plan["phase"] == "mobility" and plan["date"] == timezone.localdate().isoformat()
    for exercise in plan["exercises"]:
        assert {"id", "side", "sets", "reps", "hold_s", "time_s"} <= set(exercise)
    for decision in plan["decisions"]:
        assert set(decision) >= {"rule", "reason", "evidence"}
    assert as_alice.get("/api/v1/today?pre_run=true").json()["pre_run"] is True


def test_logging_a_workout_twice_with_one_key_stores_it_once(as_alice, alice):
    body = {
        "date": timezone.localdate().isoformat(),
        "status": "done",
        "pain_during": 2,
        "exercises": [
            {
                "exercise": "pigeon-stretch",
                "side": "left",
                "status": "done",
                "sets": 2,
                "hold_s": 30,
            },
            {
                "exercise": "pigeon-stretch",
                "side": "right",
                "status": "done",
                "sets": 2,
                "hold_s": 30,
            },
        ],
    }
    first = post(as_alice, "/api/v1/workouts", body, HTTP_IDEMPOTENCY_KEY="k-1")
    again = post(as_alice, "/api/v1/workouts", body, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201 and again.status_code == 200
    assert first.json() == again.json()
    assert WorkoutLog.objects.filter(person=alice).count() == 1
    assert ExerciseLog.objects.filter(workout__person=alice).count() == 2
    assert PainReport.objects.filter(person=alice, when="during").count() == 1
    assert [e["side"] for e in first.json()["exercises"]] == ["left", "right"]


def test_pain_and_measurements_round_trip(as_alice):
    today = timezone.localdate().isoformat()
    response = post(as_alice, "/api/v1/pain", {"date": today, "when": "rest", "score": 4})
    assert response.status_code == 201 and response.json()["score"] == 4
    response = post(
        as_alice,
        "/api/v1/measurements",
        {
            "date": today,
            "position": "seated",
            "method": "goniometer",
            "left": [30, 31, 32],
            "right": [35],
        },
    )
    assert response.status_code == 201
    assert {m["side"] for m in response.json()} == {"left", "right"}
    progress = as_alice.get("/api/v1/progress").json()
    assert progress["ir_tests"] and "asymmetry" in progress and progress["gate"]


@pytest.mark.parametrize(
    "body",
    [
        {"date": "2026-13-01", "when": "rest", "score": 1},
        {"date": "yesterday", "when": "rest", "score": 1},
        {"when": "rest", "score": 1},
        {"date": "2026-01-01", "when": "sometimes", "score": 1},
        {"date": "2026-01-01", "when": "rest", "score": 11},
        {"date": "2026-01-01", "when": "rest", "score": -1},
        {"date": "2026-01-01", "when": "rest", "score": "a lot"},
        {"date": "2026-01-01", "when": "rest", "score": 10**30},
        {"date": "2026-01-01", "when": "rest", "score": 1, "extra": True},
        {"date": "2026-01-01", "when": "rest", "score": 1, "side": "middle"},
        {"date": "2026-01-01", "when": "rest", "score": 1, "place": "elbow"},
    ],
)
def test_bad_pain_is_422_with_a_clear_body(as_alice, body):
    response = post(as_alice, "/api/v1/pain", body)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_pain_has_a_side_and_a_place_both_and_unspecified_by_default(as_alice):
    today = timezone.localdate().isoformat()
    body = {"date": today, "when": "during", "score": 4, "side": "left", "place": "high_hamstring"}
    saved = post(as_alice, "/api/v1/pain", body).json()
    assert (saved["side"], saved["place"]) == ("left", "high_hamstring")
    plain = post(as_alice, "/api/v1/pain", {"date": today, "when": "rest", "score": 1}).json()
    assert (plain["side"], plain["place"]) == ("both", "unspecified")
    listed = {(p["side"], p["place"]) for p in as_alice.get("/api/v1/pain").json()}
    assert listed == {("left", "high_hamstring"), ("both", "unspecified")}
    bad = post(as_alice, "/api/v1/pain", {**body, "side": "middle"})
    assert "left" in str(bad.json()["detail"])  # the message names the values allowed


def test_a_workout_carries_the_side_and_place_of_its_pain(as_alice):
    today = timezone.localdate().isoformat()
    body = {"date": today, "status": "done", "pain_during": 5, "pain_side": "right"}
    assert post(as_alice, "/api/v1/workouts", {**body, "pain_place": "knee"}).status_code == 201
    [report] = as_alice.get("/api/v1/pain").json()
    assert (report["score"], report["side"], report["place"]) == (5, "right", "knee")


def test_a_future_date_or_unknown_exercise_is_400(as_alice):
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = post(as_alice, "/api/v1/pain", {"date": future, "when": "rest", "score": 1})
    assert response.status_code == 400 and "future" in response.json()["detail"]
    response = post(
        as_alice,
        "/api/v1/workouts",
        {
            "date": timezone.localdate().isoformat(),
            "status": "done",
            "exercises": [{"exercise": "no-such-move", "side": "left", "status": "done"}],
        },
    )
    assert response.status_code == 400 and "unknown exercise" in response.json()["detail"]


def test_not_json_is_a_4xx(as_alice):
    response = as_alice.post("/api/v1/pain", "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500


def test_no_login_is_401(client):
    response = client.get("/api/v1/today")
    assert response.status_code == 401 and "log in" in response.json()["detail"]


def test_someone_without_a_program_gets_409(client, charlie):
    client.force_login(charlie)
    assert client.get("/api/v1/today").status_code == 409
    assert client.get("/api/v1/profile").json()["program"] is None


def test_cookie_writes_need_the_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    body = {"date": timezone.localdate().isoformat(), "when": "rest", "score": 1}
    assert post(client, "/api/v1/pain", body).status_code == 403
    client.get("/today/")
    token = client.cookies["csrftoken"].value
    assert post(client, "/api/v1/pain", body, HTTP_X_CSRFTOKEN=token).status_code == 201


def test_a_token_works_for_scripts_without_csrf(alice, alice_token):
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    assert client.get("/api/v1/profile").json()["username"] == "alice"
    body = {"date": timezone.localdate().isoformat(), "when": "rest", "score": 1}
    assert post(client, "/api/v1/pain", body).status_code == 201


def test_a_wrong_token_is_401(db):
    client = Client(HTTP_AUTHORIZATION="Bearer hc_not-a-real-token")
    assert client.get("/api/v1/profile").status_code == 401


def test_a_plan_far_from_today_is_refused(as_alice):
    response = as_alice.get("/api/v1/today?date=9999-12-31")
    assert response.status_code == 400 and "more than a year ahead" in response.json()["detail"]
    before_start = (timezone.localdate() - dt.timedelta(days=3)).isoformat()
    assert as_alice.get(f"/api/v1/today?date={before_start}").status_code == 400


def test_an_idempotency_key_sent_again_with_another_body_is_409_and_stores_nothing(as_alice):
    today = timezone.localdate().isoformat()

    def send(score: int):
        return as_alice.post(
            "/api/v1/pain",
            {"date": today, "when": "rest", "score": score},
            content_type="application/json",
            headers={"Idempotency-Key": "the-same-key"},
        )

    assert send(2).status_code == 201
    assert send(2).status_code == 201  # the same body again: the stored record
    refused = send(9)
    assert refused.status_code == 409 and "Idempotency-Key" in refused.json()["detail"]
    assert [p["score"] for p in as_alice.get("/api/v1/pain").json()] == [2]
