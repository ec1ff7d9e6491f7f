"""Exercise figures on the web: the library pages, Today's thumbnails, the images themselves and
what the player is given to move them."""

from __future__ import annotations

import json
import re

import pytest

from hipcoach.content.loader import load_library

pytestmark = pytest.mark.django_db


def _player_data(client) -> dict:
    page = client.get("/today/player/").content.decode()
    found = re.search(
        r'<script id="player-data" type="application/json">(.*?)</script>', page, re.S
    )
    return json.loads(found.group(1))


def test_the_library_lists_every_exercise_with_its_figure(as_alice):
    page = as_alice.get("/exercises/").content.decode()
    library = load_library()
    for exercise in library.exercises.values():
        assert f'href="/exercises/{exercise.id}/"' in page
    assert page.count('class="figure-thumb"') == sum(
        1 for e in library.exercises.values() if e.poses is not None
    )


def test_an_exercise_page_shows_figures_steps_cues_faults_why_and_where(as_alice):
    page = as_alice.get("/exercises/prone-ir-activation/").content.decode()
    exercise = load_library().exercises["prone-ir-activation"]
    for side in ("left", "right"):
        assert f"/figures/prone-ir-activation/{side}/0.png?v=" in page
        assert f"/figures/prone-ir-activation/{side}/1.png?v=" in page
    assert "Lying face down, left side working: left knee bent to 90°" in page
    assert "Lying face down, right side working: right knee bent to 90°" in page
    for text in (*exercise.steps[:1], *exercise.cues[:1], exercise.faults[0].fault):
        assert text.replace("'", "&#x27;") in page
    assert "What it is for" in page
    assert "Activation · each side in turn · mat" in page
    library = load_library()
    primer = library.programs["hip-ir-primer"]
    assert f"{primer.name} · {primer.phases[0].name} · " in page


def test_an_unknown_exercise_or_figure_is_not_found(as_alice):
    assert as_alice.get("/exercises/no-such-thing/").status_code == 404
    assert as_alice.get("/figures/no-such-thing/left/0.png").status_code == 404
    assert as_alice.get("/figures/prone-ir-activation/both/0.png").status_code == 404
    assert as_alice.get("/figures/prone-ir-activation/left/9.png").status_code == 404
    assert as_alice.get("/figures/glute-bridge/left/0.png").status_code == 404


def test_a_figure_is_a_png_kept_for_good_only_at_its_current_version(as_alice):
    page = as_alice.get("/exercises/glute-bridge/").content.decode()
    url = re.search(r'src="(/figures/glute-bridge/both/0\.png\?v=\w+)"', page).group(1)
    current = as_alice.get(url)
    assert current.status_code == 200
    assert current["Content-Type"] == "image/png"
    assert current.content.startswith(b"\x89PNG")
    assert "immutable" in current["Cache-Control"]
    stale = as_alice.get("/figures/glute-bridge/both/0.png?v=old")
    assert stale.status_code == 200 and stale["Cache-Control"] == "no-cache"


def test_figures_need_a_login(client):
    assert client.get("/figures/glute-bridge/both/0.png").status_code == 302
    assert client.get("/exercises/").status_code == 302


def test_today_shows_a_thumbnail_per_exercise_and_the_urls_to_keep(as_alice):
    page = as_alice.get("/today/").content.decode()
    rows = page.count("<li>")
    assert page.count('class="figure-thumb"') >= 3
    assert page.count("data-figure") == page.count('class="figure-thumb"') <= rows
    keep = re.search(r'<script id="figure-urls" type="application/json">(.*?)</script>', page, re.S)
    urls = json.loads(keep.group(1))
    assert urls and all(u.startswith("/figures/") and "?v=" in u for u in urls)


def test_each_thumbnail_is_the_pose_its_exercise_names(as_alice):
    """A stretch shows its hold, not the start; an exercise naming none shows its first pose."""
    library = load_library().exercises
    page = as_alice.get("/today/").content.decode()
    shown = re.findall(
        r'<img class="figure-thumb" src="/figures/([^/]+)/(?:left|right|both)/(\d+)', page
    )
    assert shown
    for exercise_id, index in shown:
        poses = library[exercise_id].poses
        expected = [k.name for k in poses.keys].index(poses.thumbnail) if poses.thumbnail else 0
        assert int(index) == expected, exercise_id
    assert any(int(index) > 0 for _, index in shown)
    listed = as_alice.get("/exercises/").content.decode()
    brettzel = re.search(r'src="/figures/brettzel-2/left/(\d+)\.png', listed)
    assert brettzel and int(brettzel.group(1)) == 1  # the library shows the hold too


def test_the_player_gets_each_side_s_figures_and_their_words(as_alice):
    data = _player_data(as_alice)
    figures = data["figures"]
    library = load_library()
    for item in data["plan"]["exercises"]:
        exercise = library.exercises[item["id"]]
        sides = figures[item["id"]]
        wanted = (
            ("left", "right") if item["side"] == "both" and exercise.per_side else (item["side"],)
        )
        for side in wanted:
            assert sides[side]["side"] == side
            assert len(sides[side]["urls"]) == len(exercise.poses.keys)
            assert all(f"/{side}/" in url for url in sides[side]["urls"])
            if side in ("left", "right"):
                assert f"{side} side working" in sides[side]["alt"]


def test_a_figure_asked_for_by_many_at_once_is_drawn_once(own_data_home, monkeypatch) -> None:
    """A page of figures on a cold cache: eight requests at once for one figure draw it once."""
    import threading

    import hipcoach.figures as figures

    exercise = load_library().exercises["prone-ir-activation"]
    drawn = []
    real = figures.images

    def counted(*args, **kwargs):
        drawn.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(figures, "images", counted)
    start = threading.Barrier(8)
    found: list[list[bytes]] = []

    def ask() -> None:
        start.wait()
        found.append(figures.figure_pngs(exercise.poses, "left"))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(drawn) == 1 and len(found) == 8 and all(f == found[0] for f in found)
