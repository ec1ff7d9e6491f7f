"""The terminal's "today" is the person's own day: the time zone saved by `hipcoach init`."""

from __future__ import annotations

import datetime as dt

from coachkit import INIT

from hipcoach.tracking import days
from hipcoach.tracking.models import Enrollment, Profile


def test_init_saves_the_time_zone_and_today_follows_it(coach) -> None:
    # 12:00 UTC on 5 January is already 02:00 on the 6th in Kiribati (UTC+14).
    coach.traveller.move_to(dt.datetime(2026, 1, 5, 12, 0, tzinfo=dt.UTC))
    result = coach(*INIT, "--time-zone", "Pacific/Kiritimati")
    assert Profile.objects.get().time_zone == "Pacific/Kiritimati"
    assert Enrollment.objects.get().start == dt.date(2026, 1, 6)
    assert coach.json("today", "--json")["date"] == "2026-01-06"
    assert "time zone Pacific/Kiritimati" in result.stdout


def test_west_of_greenwich_the_evening_is_still_today(coach) -> None:
    # 06:30 UTC on 6 January is 22:30 on the 5th in Los Angeles.
    coach.traveller.move_to(dt.datetime(2026, 1, 6, 6, 30, tzinfo=dt.UTC))
    coach(*INIT, "--time-zone", "America/Los_Angeles")
    assert coach.json("today", "--json")["date"] == "2026-01-05"
    coach("log", "--status", "done")
    coach.traveller.move_to(dt.datetime(2026, 1, 6, 15, 0, tzinfo=dt.UTC))  # 07:00 next morning
    assert coach.json("today", "--json")["date"] == "2026-01-06"
    assert coach.json("today", "--json")["day"] == 1


def test_without_a_zone_it_is_the_computers(coach) -> None:
    coach(*INIT)
    assert Profile.objects.get().time_zone == days.computer_zone()
    assert coach.json("today", "--json")["date"] == dt.date.today().isoformat()


def test_an_unknown_time_zone_is_refused_before_anything_is_saved(coach) -> None:
    result = coach(*INIT, "--time-zone", "Mars/Olympus_Mons", ok=False)
    assert result.exit_code == 1
    assert "--time-zone: 'Mars/Olympus_Mons' is not a time zone name" in result.stderr
    assert not Profile.objects.exists()


def test_without_a_baseline_init_says_to_measure_later_and_today_asks(coach) -> None:
    result = coach("init", "--yes", "--program", "hip-ir-primer", "--goal", "running")
    assert "you measure later: the plan asks for the test this week" in result.stdout
    assert "No measurement of your hips yet" in coach("today").stdout
