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
