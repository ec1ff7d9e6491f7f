"""The API's edges: 401 (not a CSRF 403) for writes from no one, JSON 413 for a body over the
limit, and no silent type changes (`score: true`, `date: 0` are refused with 422)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

WRITES = [
    ("/api/v1/pain", {"date": "2026-01-05", "when": "rest", "score": 2}),
    ("/api/v1/workouts", {"date": "2026-01-05", "status": "done"}),
    ("/api/v1/screens", {"date": "2026-01-05", "answers": {}}),
]


@pytest.mark.parametrize(("url", "body"), WRITES)
def test_a_write_from_no_one_is_401_not_a_csrf_403(url, body):
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 401
    assert "log in" in response.json()["detail"]


def test_a_logged_in_cookie_write_without_the_csrf_token_is_still_403(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    url, body = WRITES[0]
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 403


@pytest.mark.parametrize("content_type", ["application/json", "application/x-www-form-urlencoded"])
def test_an_oversized_body_is_json_413(client, alice_token, settings, content_type):
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
    body = json.dumps({"date": "2026-01-05", "when": "rest", "score": 2, "pad": "x" * size})
    response = client.post(
        "/api/v1/pain",
        body,
        content_type=content_type,
        HTTP_AUTHORIZATION=f"Bearer {alice_token}",
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert "too big" in response.json()["detail"]


def today() -> str:
    return timezone.localdate().isoformat()


@pytest.mark.parametrize(
    ("url", "body", "field", "words"),
    [
        ("/api/v1/pain", {"when": "rest", "score": True}, "score", "whole number, not true"),
        ("/api/v1/pain", {"when": "rest", "score": 2.0}, "score", "whole number, not 2.0"),
        ("/api/v1/pain", {"when": "rest", "score": "2"}, "score", "whole number"),
        ("/api/v1/pain", {"when": "rest", "score": 2, "date": 0}, "date", "YYYY-MM-DD, not 0"),
        ("/api/v1/pain", {"when": "rest", "score": 2, "date": "0"}, "date", "YYYY-MM-DD"),
        ("/api/v1/pain", {"when": "rest", "score": 2, "date": "1672531200"}, "date", "YYYY"),
        ("/api/v1/workouts", {"status": "done", "pain_during": False}, "pain_during", "whole"),
        ("/api/v1/workouts", {"status": "done", "pre_run": 1}, "pre_run", "true or false"),
        (
            "/api/v1/workouts",
            {
                "status": "done",
                "exercises": [
                    {"exercise": "ninety-ninety", "side": "left", "status": "done", "sets": True}
                ],
            },
            "sets",
            "whole number",
        ),
        ("/api/v1/screens", {"answers": {"trauma": 1}}, "answers", "true or false"),
        (
            "/api/v1/measurements",
            {"position": "prone", "method": "phone", "left": ["30"], "right": [30]},
            "left",
            "must be a number",
        ),
    ],
)
def test_values_keep_their_json_kinds(as_alice, url, body, field, words):
    body = {"date": today()} | body
    response = as_alice.post(url, body, content_type="application/json")
    assert response.status_code == 422, response.content
    detail = json.dumps(response.json()["detail"])
    assert field in detail and words in detail


def test_right_kinds_still_pass(as_alice):
    response = as_alice.post(
        "/api/v1/pain",
        {"date": today(), "when": "rest", "score": 3},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["score"] == 3
    response = as_alice.post(
        "/api/v1/measurements",
        {
            "date": today(),
            "position": "prone",
            "method": "phone",
            "left": [30, 31.5, 30],
            "right": [35, 34, 36],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
