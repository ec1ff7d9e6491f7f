"""A 422's messages in the caller's language: pydantic's own (a missing field, a wrong kind, a
number out of range, a text too long, an unknown field, a value not offered) said in German
for a German request, their `type`, `loc` and values the same in every language; English as
pydantic words it; the API's description (OpenAPI) the same whoever asks."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from hipcoach.api.invalid import MESSAGES, in_language
from hipcoach.tracking.models import Clearance, Measurement, PainReport

pytestmark = pytest.mark.django_db

DAY = "2026-01-05"

# (method, path, body or None, pydantic's English message, words of the German one)
BAD = [
    ("post", "/api/v1/pain", {"when": "rest", "score": 2}, "Field required", "Pflichtfeld"),
    (
        "post",
        "/api/v1/measurements",
        {"date": DAY, "position": "prone", "method": "phone", "left": "20"},
        "Input should be a valid list",
        "muss eine Liste sein",
    ),
    (
        "get",
        "/api/v1/workouts?limit=many",
        None,
        "Input should be a valid integer, unable to parse string as an integer",
        "muss eine ganze Zahl sein",
    ),
    (
        "post",
        "/api/v1/pain",
        {"date": DAY, "when": "rest", "score": 11},
        "Input should be less than or equal to 10",
        "muss kleiner oder gleich 10 sein",
    ),
    (
        "get",
        "/api/v1/workouts?limit=0",
        None,
        "Input should be greater than or equal to 1",
        "muss größer oder gleich 1 sein",
    ),
    (
        "post",
        "/api/v1/clearances",
        {"date": DAY, "note": "x" * 501},
        "String should have at most 500 characters",
        "höchstens 500 Zeichen",
    ),
    (
        "post",
        "/api/v1/measurements",
        {"date": DAY, "position": "prone", "method": "phone", "left": [20] * 6},
        "List should have at most 5 items after validation, not 6",
        "Liste darf höchstens 5 Einträge haben, nicht 6",
    ),
    (
        "post",
        "/api/v1/pain",
        {"date": DAY, "when": "rest", "score": 2, "mood": "fine"},
        "Extra inputs are not permitted",
        "Unbekanntes Feld",
    ),
    (
        "post",
        "/api/v1/pain",
        {"date": DAY, "when": "rest", "score": 2, "side": "up"},
        "Input should be 'left', 'right' or 'both'",
        "'left', 'right' oder 'both'",
    ),
    (
        "post",
        "/api/v1/pain",
        {"date": "2026-13-05", "when": "rest", "score": 2},
        "Input should be a valid date or datetime, month value is outside expected range of 1-12",
        "Monat liegt nicht zwischen 1 und 12",
    ),
]


def send(client: Client, method: str, path: str, body: dict | None, language: str):
    if method == "get":
        return client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    return client.post(
        path, json.dumps(body), content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )


@pytest.mark.parametrize(("method", "path", "body", "english", "german"), BAD)
def test_a_422_in_german_and_in_english(alice, method, path, body, english, german) -> None:
    browser = Client()
    browser.force_login(alice)
    before = _counts()
    in_english = send(browser, method, path, body, "en-GB")
    in_german = send(browser, method, path, body, "de-DE,de;q=0.9")
    assert in_english.status_code == in_german.status_code == 422
    [english_error] = in_english.json()["detail"]
    [german_error] = in_german.json()["detail"]
    assert english_error["msg"] == english  # pydantic's own words, unchanged
    assert german in german_error["msg"]
    assert german_error["msg"] != english
    # what a client keys on is the same in both: the type, the place and the values
    assert {k: v for k, v in german_error.items() if k != "msg"} == {
        k: v for k, v in english_error.items() if k != "msg"
    }
    assert _counts() == before  # nothing written


def _counts() -> list[int]:
    return [model.objects.count() for model in (PainReport, Measurement, Clearance)]


def test_the_accounts_language_wins_for_a_token(alice, alice_token) -> None:
    from hipcoach.tracking.models import Profile

    Profile.objects.filter(person=alice).update(language="de")
    script = Client(HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    answer = send(script, "post", "/api/v1/pain", {"when": "rest"}, "en-US")
    assert answer.status_code == 422
    said = {error["loc"][-1]: error["msg"] for error in answer.json()["detail"]}
    assert said == {"date": "Pflichtfeld fehlt", "score": "Pflichtfeld fehlt"}


def test_a_body_that_is_not_json_in_german(alice) -> None:
    browser = Client()
    browser.force_login(alice)
    for language, words in (("en", "Cannot parse request body"), ("de", "nicht lesen")):
        answer = browser.post(
            "/api/v1/pain",
            "{not json",
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert answer.status_code == 400 and words in answer.json()["detail"]


def test_an_unknown_type_keeps_pydantics_english() -> None:
    from django.utils import translation

    error = {"type": "uuid_parsing", "loc": ["body", "x"], "msg": "Input should be a valid UUID"}
    own = {"type": "strict_kind", "loc": ["body"], "msg": "score muss eine ganze Zahl sein"}
    with translation.override("de"):
        assert in_language([error, own]) == [error, own]
        # a message whose values pydantic words itself ("not more") stays as pydantic said it
        vague = {
            "type": "too_long",
            "msg": "List should have at most 1 item after validation, not more",
            "ctx": {"field_type": "List", "max_length": 1, "actual_length": None},
        }
        assert in_language([vague]) == [vague]


def test_every_type_of_the_table_has_german_words() -> None:
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("de"):
        untranslated = [kind for kind, english in MESSAGES.items() if gettext(english) == english]
    assert untranslated == []


def test_the_api_description_is_the_same_in_every_language(client) -> None:
    english = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en-GB")
    german = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="de")
    assert english.status_code == german.status_code == 200
    assert english.json() == german.json()
    pain = english.json()["paths"]["/api/v1/pain"]["post"]["responses"]["422"]
    assert pain["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
