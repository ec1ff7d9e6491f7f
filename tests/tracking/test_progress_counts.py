"""Adherence and streak: what counts, and what does not count yet."""

from __future__ import annotations

import datetime as dt

from hipcoach.tracking.progress import adherence, streak

D = dt.date(2026, 1, 5)


def days(*offsets: int, status: str = "done") -> dict[dt.date, str]:
    return {D + dt.timedelta(days=o): status for o in offsets}


def test_today_counts_only_once_logged() -> None:
    assert adherence(days(0, 1), D, D + dt.timedelta(days=2)) == (1.0, 2)
    assert adherence(days(0, 1, 2), D, D + dt.timedelta(days=2)) == (1.0, 3)


def test_a_partial_workout_counts_half() -> None:
    assert adherence(days(0, status="partial") | days(1), D, D + dt.timedelta(days=1)) == (0.75, 2)


def test_nothing_is_due_on_day_zero() -> None:
    assert adherence({}, D, D) == (None, 0)


def test_the_window_is_the_last_28_days() -> None:
    share, counted = adherence(days(*range(40)), D, D + dt.timedelta(days=40))
    assert counted == 27 and share == 1.0


def test_the_streak_ends_today_or_yesterday() -> None:
    assert streak(days(0, 1, 2), D + dt.timedelta(days=3)) == 3
    assert streak(days(0, 1, 2, 3), D + dt.timedelta(days=3)) == 4
    assert streak(days(0, 2), D + dt.timedelta(days=3)) == 1
    assert streak(days(0, 1), D + dt.timedelta(days=3)) == 0
