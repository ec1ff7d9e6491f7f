"""The guided camera test on the pages: offered when the pose model is installed (served by the
app itself, cached long, with its licence), not offered and said why when it is not; stored as
`camera_guided`, seated, through the same form and checks as typed numbers."""

from __future__ import annotations

import pytest

from hipcoach.engine.constants import MDC_CAMERA_SEATED_DEG
from hipcoach.tracking.models import Measurement
from hipcoach.web import pose

pytestmark = pytest.mark.django_db

INSTALLED = pose.available()
needs_model = pytest.mark.skipif(INSTALLED is None, reason="the npm package is not installed")


@pytest.fixture
def no_model(settings, tmp_path):
    settings.POSE_ASSETS_DIR = tmp_path / "missing"
    yield
    pose._found.cache_clear()


@needs_model
def test_the_measure_page_offers_the_camera_way_with_its_own_method_and_error(as_alice):
    response = as_alice.get("/measure/")
    page = response.content.decode()
    assert "Start the camera test" in page
    assert 'data-camera-method="camera_guided"' in page
    assert f'data-camera-error="{MDC_CAMERA_SEATED_DEG:g}"' in page
    assert f'data-pose="/pose/{INSTALLED.version}/"' in page
    assert '<script src="/static/web/measure-camera.js" defer></script>' in page
    assert "'wasm-unsafe-eval'" in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"].replace(
        "'wasm-unsafe-eval'", ""
    )


def test_without_the_model_the_page_says_why_and_the_sensor_way_stays(as_alice, no_model):
    response = as_alice.get("/measure/")
    page = response.content.decode()
    assert "Start the camera test" not in page
    assert "the pose model it needs is not installed" in page
    assert "Start the guided test" in page
    assert "wasm-unsafe-eval" not in response["Content-Security-Policy"]


@needs_model
def test_the_model_files_are_served_with_long_caching_and_the_licence(client):
    base = f"/pose/{INSTALLED.version}/"
    wasm = client.get(base + "pose_solution_simd_wasm_bin.wasm")
    assert wasm.status_code == 200
    assert wasm["Content-Type"] == "application/wasm"
    assert "max-age=31536000" in wasm["Cache-Control"] and "immutable" in wasm["Cache-Control"]
    licence = client.get(base + "LICENSE.txt").content.decode()
    assert "@mediapipe/pose" in licence and "Apache License" in licence
    # Only the listed files, and only at the installed version
    assert client.get(base + "package.json").status_code == 404
    assert client.get(base + "pose_landmark_heavy.tflite").status_code == 404
    assert client.get("/pose/0.0.1/pose.js").status_code == 404


def test_no_model_no_files(client, no_model):
    assert client.get("/pose/0.5.1675469404/pose.js").status_code == 404


def test_a_camera_test_is_stored_seated_by_camera_guided(as_alice, alice):
    trials = {"left_1": "20", "left_2": "21", "left_3": "20"}
    trials |= {"right_1": "30", "right_2": "31", "right_3": "30"}
    response = as_alice.post(
        "/measure/", {"position": "seated", "method": "camera_guided"} | trials
    )
    assert "Saved." in response.content.decode()
    left = Measurement.objects.get(person=alice, side="left", method="camera_guided")
    assert (left.position, left.method) == ("seated", "camera_guided")


def test_the_service_worker_keeps_the_model_for_a_re_test_offline(client):
    worker = client.get("/sw.js").content.decode()
    assert 'url.pathname.indexOf("/pose/") === 0' in worker


@needs_model
def test_the_camera_way_speaks_german_on_a_german_page(as_alice):
    """Its words on the page and its sentences for the scripts (`camera_words`), through the
    catalogue: German on a German page, none of them marked as English."""
    import json
    import re

    from hipcoach.web.words import camera_words

    page = as_alice.get("/measure/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Kameratest starten" in page
    assert "Ja, die Linie liegt auf meinem Unterschenkel" in page
    assert "Start the camera test" not in page
    camera_part = page.split('id="camera-h"', 1)[1].split('id="guided-message"', 1)[0]
    live_part = page.split('id="camera-view"', 1)[1].split('id="guided-reading"', 1)[0]
    assert "Oder mit der Kamera des Handys" in camera_part
    assert 'lang="en"' not in camera_part + live_part
    found = re.search(r'<script id="camera-words" type="application/json">(.*?)</script>', page)
    words = json.loads(found.group(1))
    assert set(words) == set(camera_words())
    assert words["confirm_left"].startswith("Liegt die gezeichnete Linie auf deinem linken")
    assert "{why}" in words["not_found_right"]
    english = json.loads(
        re.search(
            r'<script id="camera-words" type="application/json">(.*?)</script>',
            as_alice.get("/measure/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode(),
        ).group(1)
    )
    assert not set(words.values()) & set(english.values())  # every sentence is translated
