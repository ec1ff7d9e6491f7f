"""Today is the person's own day. The browser's zone is tested in a real browser
(tests/browser/test_the_persons_own_day.py); here, the zone of a script's token (the profile's)
and how a zone name is read."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from hipcoach.tracking import days
from hipcoach.tracking.models import Profile

pytestmark = pytest.mark.django_db

# 12:00 UTC: already the next day in Kiribati (UTC+14), still the same day in Hawaii (UTC-10).
NOON_UTC = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def at_noon_utc():
    """Frozen before the cast is made, so everyone starts on the UTC day."""
    with time_machine.travel(NOON_UTC, tick=False):
        yield


@pytest.fixture
def alice_token(alice):
    from hipcoach.accounts.models import ApiToken

    return ApiToken.issue(alice, "script")[1]


def today_by_token(client, token: str) -> str:
    return client.get("/api/v1/today", headers={"Authorization": f"Bearer {token}"}).json()["date"]


def test_a_scripts_today_is_the_profiles_day(at_noon_utc, client, alice, alice_token):
    Profile.objects.filter(person=alice).update(time_zone="Pacific/Kiritimati")
    assert today_by_token(client, alice_token) == "2026-03-11"
    Profile.objects.filter(person=alice).update(time_zone="Pacific/Honolulu")
    assert today_by_token(client, alice_token) == "2026-03-10"


def test_with_no_zone_known_the_servers_day_is_used(at_noon_utc, client, alice, alice_token):
    assert Profile.objects.get(person=alice).time_zone == ""
    assert today_by_token(client, alice_token) == "2026-03-10"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Pacific/Kiritimati", "Pacific/Kiritimati"),
        ("Pacific%2FKiritimati", "Pacific/Kiritimati"),  # what an older app.js stored
        ("America/Los_Angeles", "America/Los_Angeles"),
    ],
)
def test_a_zone_name_is_read_plain_or_url_encoded(name, key):
    zone = days.zone_named(name)
    assert zone is not None and zone.key == key


@pytest.mark.parametrize(
    "name",
    [None, "", "Nowhere/Special", "../../etc/passwd", "/etc/localtime", "zone.tab", "x" * 200],
)
def test_a_missing_or_bad_zone_is_no_zone(name):
    assert days.zone_named(name) is None


def test_the_day_is_the_date_in_the_zone_at_that_instant():
    late = dt.datetime(2026, 1, 13, 7, 40, tzinfo=dt.UTC)  # 23:40 on the 12th in Los Angeles
    assert days.day_in(days.zone_named("America/Los_Angeles"), late) == dt.date(2026, 1, 12)
    assert days.day_in(days.zone_named("Pacific/Kiritimati"), late) == dt.date(2026, 1, 13)


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", 14, ["UTC"]])
def test_a_saved_zone_must_be_a_zone_name(name):
    from hipcoach.tracking.inputs import InputError

    with pytest.raises(InputError, match="profile time zone: .* is not a time zone name"):
        days.check_zone(name, "profile time zone")
