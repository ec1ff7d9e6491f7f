"""Today is the person's own day: the browser's time zone (a cookie app.js sets) is used."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

pytestmark = pytest.mark.django_db

# 12:00 UTC: already the next day in Kiribati (UTC+14), still the same day in Hawaii (UTC-10).
NOON_UTC = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def at_noon_utc():
    """Frozen before the cast is made, so everyone starts on the UTC day."""
    with time_machine.travel(NOON_UTC, tick=False):
        yield


def today_of(client, zone: str | None) -> str:
    if zone is None:
        client.cookies.pop("hipcoach_tz", None)
    else:
        client.cookies["hipcoach_tz"] = zone
    return client.get("/api/v1/today").json()["date"]


def test_today_follows_the_browsers_time_zone(at_noon_utc, as_alice):
    assert today_of(as_alice, "Pacific/Kiritimati") == "2026-03-11"
    assert today_of(as_alice, "Pacific/Honolulu") == "2026-03-10"


@pytest.mark.parametrize(
    "zone", [None, "Nowhere/Special", "../../etc/passwd", "zone.tab", "x" * 200]
)
def test_a_missing_or_bad_zone_falls_back_to_the_servers_day(at_noon_utc, as_alice, zone):
    assert today_of(as_alice, zone) == "2026-03-10"
