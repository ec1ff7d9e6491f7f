"""Both players play the same steps: the web page's timeline is the one `hipcoach go` plays."""

from __future__ import annotations

import json
import re

import pytest

from hipcoach.cli import player as terminal
from hipcoach.cli.common import local_person


class Spy(terminal.Player):
    """The terminal player, keeping what it was given to play."""

    played: list = []

    def __init__(self, console, timeline, **kwargs) -> None:
        Spy.played.append(timeline)
        super().__init__(console, timeline, **kwargs)


@pytest.fixture
def spy(monkeypatch):
    Spy.played = []
    monkeypatch.setattr(terminal, "Player", Spy)
    return Spy


def web_timeline(client) -> dict:
    client.force_login(local_person())
    page = client.get("/today/player/").content.decode()
    found = re.search(
        r'<script id="player-data" type="application/json">(.*?)</script>', page, re.S
    )
    assert found, "the player page embeds its data"
    return json.loads(found.group(1))["timeline"]


def test_the_web_and_the_terminal_players_play_the_same_steps(enrolled, spy, client) -> None:
    enrolled("go", "--pace", "0", "--yes")
    [played] = spy.played
    web = web_timeline(client)
    assert web == json.loads(json.dumps(played.to_json()))
    assert len(web["steps"]) > 20 and web["exercises"] >= 3


def test_the_terminal_plays_each_step_and_says_its_cue(enrolled, spy) -> None:
    text = " ".join(enrolled("go", "--pace", "0", "--yes").stdout.split())
    [played] = spy.played
    for step in played.steps:
        if step.rep is None:  # reps are timed together when no one is at the keyboard
            assert f"{step.say} — {step.seconds} s" in text


def test_an_exercises_tempo_reaches_both_players(enrolled, spy, client) -> None:
    # The program's leg swings are authored at 2 s a rep (the default tempo is 3 s).
    enrolled("go", "--pace", "0", "--yes")
    [played] = spy.played
    swings = [e.index for e in played.entries if e.item.id == "leg-swings-front-back"]
    assert swings and all(played.entries[i].item.tempo_s == 2 for i in swings)
    web = web_timeline(client)
    reps = [s["seconds"] for s in web["steps"] if s["entry"] in swings and s["kind"] == "rep"]
    assert reps and set(reps) == {2}
