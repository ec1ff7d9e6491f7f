"""When the program's planned weeks are over, the plan says so once, and the routine goes on."""

from __future__ import annotations

from enginekit import MINI, simulate, steady


def test_the_end_of_the_planned_weeks_is_said_once() -> None:
    last = MINI.weeks * 7
    plans = simulate(steady(last + 3), last + 3)
    said = [p.day for p in plans if any("planned weeks" in d.reason for d in p.decisions)]
    assert said == [last]
    assert plans[last + 1].exercises  # the routine goes on
