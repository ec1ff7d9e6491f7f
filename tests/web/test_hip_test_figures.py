"""The hip test drawn step by step, in every position the measure pages offer: the pictures are
on the measure page and in getting started, each is served, and each step's pose differs
visibly from the one before and rests on the floor or the chair."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils.html import escape
from PIL import Image
from test_onboarding import about

from hipcoach.figures import MIN_CHANGED_SHARE, changed_share, images
from hipcoach.figures.hip_test import hip_test_figures, hip_test_steps
from hipcoach.figures.placing import problems_of
from hipcoach.tracking.models import Profile
from hipcoach.vocabulary import Position

pytestmark = pytest.mark.django_db
STEP_IMAGE = re.compile(r'<img src="(/figures/hip-test/(\w+)/(\d)\.png\?v=\w+)"')


@pytest.fixture(autouse=True)
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIPCOACH_HOME", str(tmp_path / "home"))


def test_every_position_offered_is_drawn_and_physically_sound() -> None:
    figures = hip_test_figures()
    assert set(figures) == set(Position)
    for position, test in figures.items():
        for key in test.poses.keys:
            assert problems_of(key) == [], (position, key.name)
        pictures = images(test.poses, "left")
        for before, after in zip(pictures, pictures[1:], strict=False):
            assert changed_share(before, after) >= MIN_CHANGED_SHARE, position


def test_getting_started_shows_each_position_step_by_step(as_charlie_client) -> None:
    assert about(as_charlie_client)["Location"] == "/start/measure/"
    shows_each_position(as_charlie_client, "/start/measure/")


def test_the_measure_page_shows_each_position_step_by_step(as_alice) -> None:
    shows_each_position(as_alice, "/measure/")


def test_a_german_persons_measure_page_shows_the_steps_in_german(as_alice, alice) -> None:
    """The words under each step follow the person's language (the content's translation
    file), not marked as English any more; the English page keeps the English words."""
    english = as_alice.get("/measure/").content.decode()
    Profile.objects.filter(person=alice).update(language="de")
    in_german = Client()  # the account's language is read once a login session
    in_german.force_login(alice)
    german = in_german.get("/measure/").content.decode()
    assert "Bauchlage, die Knie zusammen" in german and "Das ist 0°." in german
    for position in Position:
        words = hip_test_figures()[position].steps
        translated = hip_test_steps(position, "de")
        assert all(w != t for w, t in zip(words, translated, strict=True)), position
        for english_words, german_words in zip(words, translated, strict=True):
            assert escape(english_words) in english and escape(english_words) not in german
            assert f"<span>{escape(german_words)}</span>" in german
    assert 'lang="en"' not in german


def shows_each_position(client, url: str) -> None:
    page = client.get(url).content.decode()
    shown = STEP_IMAGE.findall(page)
    positions = {position for _, position, _ in shown}
    assert positions == {p.value for p in Position}
    for position in Position:
        test = hip_test_figures()[position]
        steps = sorted({int(n) for _, p, n in shown if p == position.value})
        assert steps == list(range(len(test.steps)))
        for words in test.steps:
            assert escape(words) in page
    for src, _, _ in shown[:3]:
        response = client.get(src)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert "immutable" in response["Cache-Control"]
        with Image.open(io.BytesIO(response.content)) as image:
            assert image.size == (320, 240)


@pytest.mark.parametrize(
    "url", ["/figures/hip-test/standing/0.png", "/figures/hip-test/prone/9.png"]
)
def test_an_unknown_position_or_step_is_not_found(as_alice, url) -> None:
    assert as_alice.get(url).status_code == 404


def test_the_position_list_names_each_position_whole(as_alice) -> None:
    """Each option is the position's short name, which a phone's select shows whole; its
    set-up is in the drawn steps."""
    page = as_alice.get("/measure/").content.decode()
    options = re.findall(r'<option value="(prone|seated|supine)"[^>]*>([^<]*)</option>', page)
    assert options == [(p.value, p.label.capitalize()) for p in Position]
    assert all(len(label) <= 20 for _, label in options)
