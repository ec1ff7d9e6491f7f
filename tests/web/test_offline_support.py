"""The web app manifest, the service worker and the offline page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_manifest_describes_an_installable_app(client):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["start_url"] == "/today/" and manifest["display"] == "standalone"
    assert manifest["icons"][0]["src"].startswith("/static/")


def test_the_service_worker_keeps_today_and_the_player(client):
    response = client.get("/sw.js")
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    body = response.content.decode()
    assert '"/today/"' in body and '"/today/player/"' in body and "/static/web/player.js" in body
    assert "hipcoach-pages-" in body


def test_pages_of_a_logged_in_person_register_the_worker(as_alice):
    page = as_alice.get("/today/").content.decode()
    assert 'data-sw="/sw.js"' in page and 'rel="manifest"' in page


def test_static_files_are_served_by_the_app(client):
    response = client.get("/static/web/player.js")
    assert response.status_code == 200
