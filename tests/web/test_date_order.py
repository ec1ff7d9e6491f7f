"""Dates in the reader's order: month first for an American English browser, day first for
everyone else, on the pages and in the player's own words."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from hipcoach.web import words

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("en-US,en;q=0.9", True),
        ("en-GB,en;q=0.9", False),
        ("en", False),
        ("en-AU", False),
        ("fr-FR,en-US;q=0.5", True),  # hipcoach has no French: the next language it has
        ("", False),
    ],
)
def test_the_browser_s_language_decides_the_order(client, header: str, expected: bool) -> None:
    """Django's LocaleMiddleware picks the language (settings.LANGUAGES); only US English
    writes the month first (web/formats)."""
    from django.utils import translation

    answer = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    language = answer.headers["Content-Language"]
    with translation.override(language):
        assert (words.own_format("WEEKDAY_DAY_FORMAT", "") == "l, F j") is expected


@time_machine.travel(dt.datetime(2026, 12, 5, 12, tzinfo=dt.UTC), tick=False)
def test_a_date_in_either_order() -> None:
    from django.utils import translation

    day = dt.date(2026, 12, 1)
    with translation.override("en-gb"):
        assert words.day_words(day) == "Tuesday 1 December"
        assert words.day_words(dt.date(2025, 12, 1), weekday=False) == "1 December 2025"
    with translation.override("en-us"):
        assert words.day_words(day) == "Tuesday, December 1"
        assert words.day_words(dt.date(2025, 12, 1), weekday=False) == "December 1, 2025"
        assert words.dates_in_words("since 2026-01-12") == "since January 12"


def test_today_writes_the_date_in_the_browser_s_order(as_alice, alice) -> None:
    from django.utils import timezone

    from hipcoach.tracking.workouts import log_played_workout

    today = timezone.localdate()
    log_played_workout(alice, on=today, status="done", today=today, key="order")
    british = words.day_words(today)
    american = f"{today:%A}, {today:%B} {today.day}"
    us = as_alice.get("/today/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    gb = as_alice.get("/today/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert american in us.content.decode() and british not in us.content.decode()
    assert british in gb.content.decode() and american not in gb.content.decode()
    assert "Accept-Language" in us["Vary"]
    player = as_alice.get("/today/player/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<html lang="en-us">' in player  # the player's script writes its dates in it
