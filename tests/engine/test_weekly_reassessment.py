"""R7: a reassessment every 7 days, and strength after week 3 on green pain without the range."""

from __future__ import annotations

from enginekit import Diary, reasons, simulate, steady


def test_every_seventh_day_asks_for_a_retest() -> None:
    plans = simulate(Diary().measure(0, 20, 30), 21)
    flagged = [p.day for p in plans if "reassess" in p.flags]
    assert flagged == [7, 14, 21]
    assert "prone, inclinometer, as before" in reasons(plans[7], "R7")


def test_range_stops_blocking_at_the_gates_max_days_on_green_pain() -> None:
    diary = (
        Diary().works_out_daily(0, 30).hurts_daily(0, 30, 1).measure(0, 20, 22).measure(14, 22, 24)
    )
    plans = simulate(diary, 30)
    assert [p.phase for p in plans[:21]] == ["mobility"] * 21
    assert plans[21].phase == "activation"
    assert "The range target was not needed" in reasons(plans[21], "R7")


def test_meeting_the_range_target_opens_the_gate_at_min_days() -> None:
    plans = simulate(steady(30), 30)
    moved = next(p.day for p in plans if p.phase != "mobility")
    assert moved == 14
    assert "gate" in {d.rule for d in plans[14].decisions}
    assert "range target was not needed" not in reasons(plans[14], "R7")


def test_the_waiver_needs_green_pain() -> None:
    diary = Diary().works_out_daily(0, 30).hurts_daily(0, 30, 4).measure(0, 20, 22)
    plans = simulate(diary, 30)
    assert all(p.phase == "mobility" for p in plans)


def test_without_a_test_the_first_week_asks_for_one() -> None:
    plans = simulate(Diary(), 8)
    asking = [p.day for p in plans if "No measurement of your hips yet" in reasons(p, "R7")]
    assert asking == [0, 1, 2, 3, 4, 5, 6]
    assert "in the next 7 days" in reasons(plans[0], "R7")
    assert "today" in reasons(plans[6], "R7")
    assert "again" not in reasons(plans[7], "R7")  # the week 1 check is the first test


def test_once_measured_the_plan_stops_asking() -> None:
    plans = simulate(Diary().measure(2, 20, 30), 7)
    asking = [p.day for p in plans if "No measurement of your hips yet" in reasons(p, "R7")]
    assert asking == [0, 1]
