"""The guided tilt-sensor test on the pages: offered on the measure page and in getting started,
its script and style the app's own files, and its result (seated, by the phone's sensor, a
fourth trial when the three disagree) stored through the same form and checks as typed numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hipcoach.engine.constants import MDC_SENSOR_SEATED_DEG
from hipcoach.tracking.models import Measurement

pytestmark = pytest.mark.django_db

GUIDED = {"position": "seated", "method": "sensor"}


def test_the_measure_page_offers_the_guided_test_with_the_method_s_error(as_alice):
    page = as_alice.get("/measure/").content.decode()
    assert "Start the guided test" in page
    assert '<script src="/static/web/measure.js" defer></script>' in page
    assert 'href="/static/web/measure.css"' in page
    assert f'data-error="{MDC_SENSOR_SEATED_DEG:g}"' in page
    assert 'data-position="seated" data-method="sensor"' in page
    assert '<option value="sensor">' in page
    # No inline script (CSP); data for the scripts (json_script) is not run.
    assert not re.search(r"<script>|<script (?![^>]*application/json)[^>]*>[^<]", page)


def test_a_guided_test_is_stored_seated_by_sensor_with_its_fourth_trial(as_alice, alice):
    trials = {"left_1": "15", "left_2": "30", "left_3": "20", "left_4": "22"}
    trials |= {"right_1": "30", "right_2": "31", "right_3": "30"}
    response = as_alice.post("/measure/", GUIDED | trials)
    text = response.content.decode()
    assert "Saved." in text
    assert "Left: 15°, 30°, 20°, 22° (spread 15°)" in text
    assert "Right: 30°, 31°, 30° (spread 1°)" in text
    assert "first test in this position with this method" in text  # not compared with prone
    left = Measurement.objects.get(person=alice, side="left", method="sensor")
    assert (left.position, left.trials, left.mean) == ("seated", [15, 30, 20, 22], 21.75)
    assert 'value="sensor" selected' in text  # the next test the same way


def test_the_fourth_trial_is_hidden_until_it_has_a_value(as_alice):
    page = as_alice.get("/measure/").content.decode()
    assert re.search(r'<div class="extra-trial" hidden><label for="id_left_4">', page)


def test_getting_started_offers_the_guided_test(as_charlie_client):
    client = as_charlie_client
    about = {"goals": ["running"], "pain_areas": ["glute"], "age": "34", "none_of_these": "on"}
    assert client.post("/start/", about)["Location"] == "/start/measure/"
    page = client.get("/start/measure/").content.decode()
    assert "Start the guided test" in page
    assert '<script src="/static/web/measure.js" defer></script>' in page
    response = client.post(
        "/start/measure/",
        GUIDED | {"left_1": "22", "left_2": "23", "left_3": "22", "right_1": "35", "right_2": "35"},
    )
    assert response["Location"] == "/start/program/"


def test_docs_state_the_figures_the_script_and_the_engine_use():
    """docs/measurement.md names each of measure.js's constants with its value, and the MDC."""
    root = Path(__file__).resolve().parents[2]
    script = (root / "src/hipcoach/web/static/web/measure.js").read_text(encoding="utf-8")
    docs = (root / "docs/measurement.md").read_text(encoding="utf-8")
    words = {
        "STEADY_DEG": "within {}°",
        "STEADY_MS": "for {} second",
        "PLACE_S": "{} seconds",
        "UPRIGHT_DEG": "within {}° of vertical",
        "MIN_SWING_DEG": "at least {}° from the zero",
        "RETURN_DEG": "back within {}° of the zero",
        "KNEE_DRIFT_DEG": "more than {}°",
        "NO_READING_MS": "within {} seconds",
    }
    for name, phrase in words.items():
        value = float(re.search(rf"var {name} = ([\d.]+);", script).group(1))
        shown = value / 1000 if name.endswith("_MS") else value
        assert f"`{name}`" in docs, name
        assert phrase.format(f"{shown:g}") in docs, (name, shown)
    assert f"**{MDC_SENSOR_SEATED_DEG:g}°**" in docs


def test_the_guided_steps_speak_german_on_a_german_page(as_alice, alice):
    """The steps both ways share and the tilt sensor's sentences reach measure.js in the page's
    language (`camera_words`, json_script), with or without the camera's pose model; the script
    keeps no English sentence of its own."""
    import json

    from hipcoach.web.words import guided_step_words

    alice.profile.language = "de"
    alice.profile.save()
    page = as_alice.get("/measure/").content.decode()
    found = re.search(r'<script id="camera-words" type="application/json">(.*?)</script>', page)
    words = json.loads(found.group(1))
    assert words["side_left"] == "Linkes Bein"
    assert words["trial_of"] == "Versuch {n} von {total}"
    assert words["swing_right"].startswith("Versuch {n}. Halte den Oberschenkel ruhig")
    assert "{apart} Grad auseinander" in words["one_more"]
    assert words["no_sensor"].startswith("Von einem Neigungssensor kam kein Messwert")
    stage = page.split('id="guided-stage"', 1)[1].split("</section>", 1)[0]
    assert 'lang="en"' not in stage
    script = (
        Path(__file__).resolve().parents[2] / "src/hipcoach/web/static/web/measure.js"
    ).read_text(encoding="utf-8")
    for key in guided_step_words():  # a side's sentence is looked up as "swing_" + the side
        assert f'"{re.sub(r"_(left|right)(_apart)?$", "_", key)}' in script, key
    for sentence in ("Trial ", "Zeroing", "Left leg", " degrees", "tilt sensor", "spread "):
        assert f'"{sentence}' not in script and f'{sentence}"' not in script, sentence
