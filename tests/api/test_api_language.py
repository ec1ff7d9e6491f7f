"""The API's error messages in the caller's language: the account's when chosen, else the
request's Accept-Language, else British English; the status codes and the machine-readable
error types are the same in every language."""

from __future__ import annotations

import pytest
from django.test import Client

from hipcoach.tracking.models import PainReport, Profile

pytestmark = pytest.mark.django_db

BAD_DAY = {"date": "2099-01-05", "when": "rest", "score": 2}  # refused by the services: 400
BAD_KIND = {"when": "rest", "score": True}  # refused by the schema: 422


def post(client: Client, body: dict, **headers: str):
    return client.post("/api/v1/pain", body, content_type="application/json", **headers)


def test_the_browsers_language_when_the_account_has_none(alice) -> None:
    browser = Client()
    browser.force_login(alice)
    english = post(browser, BAD_DAY, HTTP_ACCEPT_LANGUAGE="en-GB")
    german = post(browser, BAD_DAY, HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert english.status_code == german.status_code == 400
    assert "2099-01-05 is in the future" in english.json()["detail"]
    assert "2099-01-05 liegt in der Zukunft" in german.json()["detail"]
    kinds = [post(browser, BAD_KIND, HTTP_ACCEPT_LANGUAGE=lang) for lang in ("en", "de")]
    assert [answer.status_code for answer in kinds] == [422, 422]
    english_error, german_error = (answer.json()["detail"][0] for answer in kinds)
    assert english_error["type"] == german_error["type"] == "strict_kind"  # the code, unchanged
    assert "must be a whole number" in english_error["msg"]
    assert "muss eine ganze Zahl sein" in german_error["msg"]
    assert not PainReport.objects.exists()


def test_a_tokens_account_language_wins(alice, alice_token) -> None:
    Profile.objects.filter(person=alice).update(language="de")
    script = Client(HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    answer = post(script, BAD_DAY, HTTP_ACCEPT_LANGUAGE="en-US")
    assert answer.status_code == 400 and "liegt in der Zukunft" in answer.json()["detail"]
    missing = script.get("/api/v1/workouts/999999")
    assert missing.status_code == 404 and missing.json() == {
        "detail": "dieses Workout gibt es nicht"
    }


def test_no_one_is_told_in_their_browsers_language(alice) -> None:
    answer = Client().get("/api/v1/reminders", HTTP_ACCEPT_LANGUAGE="de")
    assert answer.status_code == 401
    assert answer.json()["detail"].startswith("melde dich an oder sende ein gültiges API-Token")
