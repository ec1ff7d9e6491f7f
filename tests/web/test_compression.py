"""Text goes out compressed to a browser that accepts gzip; images compressed already do not."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

import hipcoach.web

pytestmark = pytest.mark.django_db
STATIC = Path(hipcoach.web.__file__).parent / "static"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_static_script_is_sent_gzipped_and_unpacks_to_the_file(client):
    response = client.get("/static/web/player.js", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip" and "Accept-Encoding" in response["Vary"]
    packed = body(response)
    original = (STATIC / "web" / "player.js").read_bytes()
    assert gzip.decompress(packed) == original and len(packed) < len(original) / 2


def test_the_today_page_is_sent_gzipped(as_alice):
    response = as_alice.get("/today/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "<h1" in gzip.decompress(body(response)).decode()


def test_a_browser_that_does_not_accept_gzip_gets_it_plain(client):
    response = client.get("/static/web/app.css")
    assert not response.has_header("Content-Encoding")
    assert body(response) == (STATIC / "web" / "app.css").read_bytes()


def test_a_figure_png_is_sent_as_it_is(as_alice):
    page = as_alice.get("/exercises/glute-bridge/").content.decode()
    start = page.index("/figures/glute-bridge/")
    url = page[start : page.index('"', start)]
    response = as_alice.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert not response.has_header("Content-Encoding")
