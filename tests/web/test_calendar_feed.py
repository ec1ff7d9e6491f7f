"""The coming workouts in the person's own calendar: a private iCalendar feed at a secret
address, read back here with the `icalendar` parser as a calendar app would."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

pytestmark = pytest.mark.django_db


def make_address(client: Client, action: str = "new") -> str:
    page = client.post("/account/calendar/", {"action": action}).content.decode()
    found = re.search(r'<code class="feed-url"[^>]*>(http://[^<]+)</code>', page)
    assert found, page
    return found.group(1).removeprefix("http://testserver")


def events(url: str) -> list:
    response = Client().get(url)  # a calendar app: no log-in
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_feed_has_the_coming_workouts_with_minutes_and_a_reminder(as_alice):
    url = make_address(as_alice)
    found = events(url)
    today = timezone.localdate()
    assert found and found[0]["DTSTART"].dt == today
    assert all(0 <= (e["DTSTART"].dt - today).days < 14 for e in found)
    first = found[0]
    assert re.match(r"Hip workout · about \d+ min · mobility", str(first["SUMMARY"]))
    assert "Brettzel" in str(first["DESCRIPTION"]) or ":" in str(first["DESCRIPTION"])
    (alarm,) = first.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    again = events(url)
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in found]  # stable


def test_a_changed_plan_updates_the_same_day_in_the_calendar(as_alice):
    url = make_address(as_alice)
    before = events(url)[0]
    as_alice.post("/check/", {"red_flags": ["constant_or_night_pain"]})
    after = events(url)[0]
    assert str(after["UID"]) == str(before["UID"])
    assert str(after["SUMMARY"]) == "hipcoach: no workout today"
    assert "clinician" in str(after["DESCRIPTION"]) or "doctor" in str(after["DESCRIPTION"])


def test_a_new_address_ends_the_old_one_and_stopping_ends_both(as_alice):
    old = make_address(as_alice)
    new = make_address(as_alice)
    assert Client().get(old).status_code == 404
    assert events(new)
    as_alice.post("/account/calendar/", {"action": "end"})
    assert Client().get(new).status_code == 404
    assert "Make my calendar address" in as_alice.get("/account/").content.decode()


def test_the_secret_address_is_the_key_and_a_made_up_one_is_404(as_alice, alice, bob):
    url = make_address(as_alice)
    client = Client()
    client.force_login(bob)
    assert client.get(url).status_code == 200  # the address is the key, whoever asks
    assert client.get("/calendar/cal_madeup.ics").status_code == 404
    assert client.get("/calendar/" + "x" * 300 + ".ics").status_code == 404
    bobs = make_address(client)
    assert events(bobs) and bobs != url


def test_making_an_address_needs_a_log_in_and_a_post(client):
    assert client.post("/account/calendar/", {"action": "new"}).status_code == 302  # log in
    assert client.get("/account/calendar/").status_code in (302, 405)
