"""Pages for an unknown address (404) and for a failure (500): the app's own look and a way
back, with DEBUG off as in production."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


def test_an_unknown_address_shows_the_apps_404_with_a_way_back_to_today(as_alice):
    response = as_alice.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Page not found</h1>" in page
    assert '<a class="button primary" href="/today/">Back to today\'s workout</a>' in page
    assert "/static/web/app.css" in page and 'aria-label="Main"' in page  # the app's own base


def test_someone_not_logged_in_is_sent_back_to_the_start_page(client):
    page = client.get("/no-such-page/").content.decode()
    assert "<h1>Page not found</h1>" in page
    assert '<a class="button primary" href="/">Back to the start page</a>' in page


def test_a_failure_shows_the_apps_500_with_a_way_back(as_alice, settings):
    settings.ROOT_URLCONF = "error_page_urls"
    as_alice.raise_request_exception = False
    response = as_alice.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>Something went wrong</h1>" in page
    assert '<a class="button primary" href="/">Back to the start page</a>' in page
    assert "/static/web/app.css" in page and "a bug in a view" not in page


@pytest.mark.parametrize(
    "address", ["/api/v1/no-such-thing", "/api/v1/workouts/\n", "/api/v1/workouts/x/y"]
)
def test_an_unknown_api_address_answers_json_not_a_page(as_alice, address):
    response = as_alice.get(address)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Not Found"}


def test_a_failure_under_the_api_answers_json_without_the_cause(as_alice, settings):
    settings.ROOT_URLCONF = "error_page_urls"
    as_alice.raise_request_exception = False
    response = as_alice.get("/api/broken/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Server error"}


def test_a_request_refused_before_any_view_answers_json_under_the_api(as_alice):
    for response in (
        as_alice.get("/api/v1/today", HTTP_HOST="not-this-server.example"),
        as_alice.get("/api/v1/today?" + "field=1&" * 2000),  # past DATA_UPLOAD_MAX_NUMBER_FIELDS
    ):
        assert response.status_code == 400
        assert response["Content-Type"].startswith("application/json")
        assert response.json() == {"detail": "Bad Request"}


def test_a_request_refused_elsewhere_keeps_django_s_page(as_alice):
    response = as_alice.get("/today/", HTTP_HOST="not-this-server.example")
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")


def test_a_forbidden_request_under_the_api_answers_json(as_alice, settings):
    settings.ROOT_URLCONF = "error_page_urls"
    response = as_alice.get("/api/forbidden/")
    assert response.status_code == 403
    assert response.json() == {"detail": "Forbidden"}  # the reason stays on the server


@pytest.mark.parametrize("address", ["/api/restarting/", "/api/closed/"])
def test_a_database_gone_away_answers_503_with_retry_after_not_500(as_alice, settings, address):
    settings.ROOT_URLCONF = "error_page_urls"
    as_alice.raise_request_exception = False
    response = as_alice.get(address)
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "same Idempotency-Key" in response.json()["detail"]


def test_the_page_for_a_database_gone_away_says_to_look_before_saving_again(as_alice, settings):
    settings.ROOT_URLCONF = "error_page_urls"
    as_alice.raise_request_exception = False
    response = as_alice.get("/restarting/")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    page = response.content.decode()
    assert "<h1>Back in a moment</h1>" in page and "may or may not have been saved" in page


def test_an_outage_is_logged_once_not_per_request(as_alice, settings, caplog):
    from hipcoach.tracking import database

    database._last_failure[0] = float("-inf")
    settings.ROOT_URLCONF = "error_page_urls"
    as_alice.raise_request_exception = False
    with caplog.at_level("ERROR", logger="hipcoach.database"):
        for _ in range(5):
            assert as_alice.get("/api/restarting/").status_code == 503
    assert [r.getMessage() for r in caplog.records if r.name == "hipcoach.database"] == [
        "the database cannot be reached: terminating connection due to administrator command"
    ]


def test_an_api_write_during_a_restart_is_503_and_a_resend_settles_it(as_alice, monkeypatch):
    """The pain report may not have been stored: the same Idempotency-Key again stores it once."""
    from django.db import OperationalError
    from django.utils import timezone

    import hipcoach.api.views as views

    def gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    real = views.store_pain
    monkeypatch.setattr(views, "store_pain", gone)
    body = {"date": timezone.localdate().isoformat(), "when": "rest", "score": 3}

    def send():
        return as_alice.post(
            "/api/v1/pain", body, content_type="application/json", headers={"Idempotency-Key": "r1"}
        )

    refused = send()
    assert refused.status_code == 503 and refused["Retry-After"] == "5"
    monkeypatch.setattr(views, "store_pain", real)
    assert send().status_code == 201 and send().status_code == 201
    assert len(as_alice.get("/api/v1/pain").json()) == 1


def test_the_apis_answers_outside_any_view_are_in_the_callers_language(as_alice, settings):
    """400, 403, 404 and 500 under /api/: the `detail` in the request's language (German for
    `de`, English as it always was for `en-GB`), the status and the JSON's shape unchanged."""
    as_alice.raise_request_exception = False

    def answers(language: str) -> list:
        settings.ROOT_URLCONF = "hipcoach.urls"
        found = [
            as_alice.get("/api/v1/today?" + "field=1&" * 2000, HTTP_ACCEPT_LANGUAGE=language),
            as_alice.get("/api/v1/no-such-thing", HTTP_ACCEPT_LANGUAGE=language),
        ]
        settings.ROOT_URLCONF = "error_page_urls"
        found += [
            as_alice.get("/api/forbidden/", HTTP_ACCEPT_LANGUAGE=language),
            as_alice.get("/api/broken/", HTTP_ACCEPT_LANGUAGE=language),
        ]
        return found

    for language, details in (
        (
            "de-DE,de;q=0.9",
            ["Ungültige Anfrage", "Nicht gefunden", "Nicht erlaubt", "Serverfehler"],
        ),
        ("en-GB", ["Bad Request", "Not Found", "Forbidden", "Server error"]),
    ):
        found = answers(language)
        assert [answer.status_code for answer in found] == [400, 404, 403, 500]
        for answer, detail in zip(found, details, strict=True):
            assert answer["Content-Type"].startswith("application/json")
            assert answer.json() == {"detail": detail}


def test_a_tokens_account_language_wins_for_an_unknown_api_address(client, alice):
    """A script with a token of a German account, its HTTP library asking for English: the
    account's language, as for every other API message; a wrong token changes nothing."""
    from hipcoach.accounts.models import ApiToken
    from hipcoach.tracking.models import Profile

    token = ApiToken.issue(alice, "script")[1]
    Profile.objects.filter(person=alice).update(language="de")
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en-US"}
    answer = client.get("/api/v1/no-such-thing", headers=headers)
    assert answer.status_code == 404 and answer.json() == {"detail": "Nicht gefunden"}
    wrong = {"Authorization": "Bearer hc_wrong", "Accept-Language": "en-US"}
    assert client.get("/api/v1/no-such-thing", headers=wrong).json() == {"detail": "Not Found"}
