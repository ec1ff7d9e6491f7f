"""R9: pain above 5 stops the day's loading, regresses the next days and holds progression."""

from __future__ import annotations

from enginekit import entries, reasons, simulate, steady


def test_red_pain_stops_the_day() -> None:
    diary = steady(10)
    diary.hurts(4, 7)
    plans = simulate(diary, 10)
    assert plans[4].stop and plans[4].exercises == () and plans[4].minutes == 0
    assert "pain_flare" in plans[4].flags
    assert "stop today's workout" in reasons(plans[4], "R9")


def test_the_next_day_is_one_level_easier() -> None:
    diary = steady(10)
    diary.hurts(4, 7)
    plans = simulate(diary, 10)
    assert not plans[5].stop
    assert entries(plans[5], "ir-activation-easy")
    assert entries(plans[5], "figure-four")  # the pigeon's first regression
    assert not entries(plans[5], "pigeon")


def test_a_non_regressable_exercise_loses_a_set() -> None:
    diary = steady(10)
    diary.hurts(4, 7)
    plans = simulate(diary, 10)
    assert entries(plans[3], "bridge")[0].sets == 2
    assert entries(plans[5], "bridge")[0].sets == 1


def test_no_progression_the_day_after_red() -> None:
    diary = steady(16)
    diary.hurts(13, 7)
    plans = simulate(diary, 16)
    assert plans[14].phase == "mobility"  # the gate would have opened on day 14
    assert "week" not in {d.rule for d in plans[14].decisions}
