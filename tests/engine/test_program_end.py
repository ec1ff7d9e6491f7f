"""When the program's planned weeks are over, the plan says so for a week (a day away from the
app does not hide it), and the routine goes on."""

from __future__ import annotations

from enginekit import MINI, simulate, steady

from hipcoach.engine.constants import END_NOTICE_DAYS


def test_the_end_of_the_planned_weeks_is_said_for_a_week() -> None:
    last = MINI.weeks * 7
    days = last + END_NOTICE_DAYS + 2
    plans = simulate(steady(days), days)
    said = [p.day for p in plans if any("planned weeks" in d.reason for d in p.decisions)]
    assert said == list(range(last, last + END_NOTICE_DAYS))
    assert "Today the" in next(d.reason for d in plans[last].decisions if d.rule == "end")
    assert "were done yesterday" in next(
        d.reason for d in plans[last + 1].decisions if d.rule == "end"
    )
    assert plans[last + 1].exercises  # the routine goes on
