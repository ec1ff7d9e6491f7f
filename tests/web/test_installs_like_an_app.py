"""The app installs like an app: PNG icons drawn by the project at the sizes phones and stores
ask for, the iPhone's tags, and the manifest's installability fields."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


def png(client, url: str) -> Image.Image:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png", url
    return Image.open(BytesIO(response.content))


def test_the_manifest_has_what_an_install_needs(client):
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["name"] and manifest["short_name"] and manifest["start_url"] == "/today/"
    assert manifest["display"] == "standalone"
    pngs = [i for i in manifest["icons"] if i["type"] == "image/png"]
    assert {i["sizes"] for i in pngs if "purpose" not in i} >= {"192x192", "512x512"}
    assert {i["sizes"] for i in pngs if i.get("purpose") == "maskable"} == {"192x192", "512x512"}
    for entry in pngs:  # each is the size it says, and is drawn (not blank)
        image = png(client, entry["src"])
        assert f"{image.width}x{image.height}" == entry["sizes"]
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is not None and len(colours) > 3


def test_a_maskable_icon_is_green_to_its_corners_and_a_plain_one_is_clear_there(client):
    maskable = png(client, "/icons/maskable-512.png").convert("RGBA")
    plain = png(client, "/icons/512.png").convert("RGBA")
    assert maskable.getpixel((0, 0)) == (31, 95, 91, 255)
    assert plain.getpixel((0, 0))[3] == 0


def test_the_pages_carry_the_iphone_tags_and_its_square_icon(client):
    page = client.get("/login/").content.decode()
    assert '<link rel="apple-touch-icon" href="/icons/apple-180.png">' in page
    assert 'name="apple-mobile-web-app-capable" content="yes"' in page
    apple = png(client, "/icons/apple-180.png").convert("RGBA")
    assert apple.size == (180, 180) and apple.getpixel((0, 0))[3] == 255  # no clear corners


def test_no_other_size_is_drawn(client):
    assert client.get("/icons/4000.png").status_code == 404
    assert client.get("/icons/maskable-32.png").status_code == 404
    assert client.get("/icons/other-192.png").status_code == 404


def test_the_install_offer_waits_for_a_finished_workout(as_alice, alice):
    from django.utils import timezone

    from hipcoach.tracking.workouts import log_workout

    assert 'id="install-app"' not in as_alice.get("/today/").content.decode()
    day = timezone.localdate()
    log_workout(alice, on=day, status="done", today=day)
    assert 'id="install-app" hidden' in as_alice.get("/today/").content.decode()
