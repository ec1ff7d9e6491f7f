"""R6: static stretch holds are kept within 15–60 s."""

from __future__ import annotations

from enginekit import Diary, entries, program, reasons, simulate

from hipcoach.engine.constants import HOLD_MAX_S, HOLD_MIN_S


def test_a_hold_over_60_seconds_is_cut_to_60() -> None:
    long_hold = program(
        mobility_blocks=[{"exercise": "ir-stretch", "dose": {"sets": 1, "hold_s": 90}}]
    )
    [plan] = simulate(Diary(), 0, program=long_hold)
    assert {e.hold_s for e in entries(plan, "ir-stretch")} == {HOLD_MAX_S}
    assert "90 s → 60 s" in reasons(plan, "R6")


def test_a_hold_under_15_seconds_is_raised_to_15() -> None:
    short_hold = program(
        mobility_blocks=[{"exercise": "ir-stretch", "dose": {"sets": 4, "hold_s": 10}}]
    )
    [plan] = simulate(Diary(), 0, program=short_hold)
    assert {e.hold_s for e in entries(plan, "ir-stretch")} == {HOLD_MIN_S}


def test_holds_within_the_range_are_left_alone() -> None:
    [plan] = simulate(Diary(), 0)
    assert "R6" not in {d.rule for d in plan.decisions}
    assert {e.hold_s for e in entries(plan, "ir-stretch")} == {30}


def test_a_target_with_less_than_a_minute_of_stretching_is_noted() -> None:
    one_set = program(
        mobility_blocks=[{"exercise": "ir-stretch", "dose": {"sets": 1, "hold_s": 30}}]
    )
    [plan] = simulate(Diary(), 0, program=one_set)
    assert "less than 60 s a side" in reasons(plan, "R6")


def test_more_than_four_minutes_on_a_target_is_noted() -> None:
    lots = program(
        mobility_blocks=[{"exercise": "ir-stretch", "dose": {"sets": 5, "hold_s": 60}}],
        max_minutes=30,
    )
    [plan] = simulate(Diary(), 0, program=lots)
    assert "more than about 4 minutes" in reasons(plan, "R6")


def test_run_days_are_held_to_the_minute_too() -> None:
    """The long holds move to after the run (R8) rather than being cut, so a short day is a
    short day, and R6 says so: a daily runner is never silently under-stretched."""
    one_set = program(
        mobility_blocks=[{"exercise": "hamstring-stretch", "dose": {"sets": 1, "hold_s": 30}}]
    )
    [plan] = simulate(Diary(), 0, program=one_set, pre_run_days=[0])
    assert "less than 60 s a side" in reasons(plan, "R6")
    two_sets = program(
        mobility_blocks=[{"exercise": "hamstring-stretch", "dose": {"sets": 2, "hold_s": 30}}]
    )
    [plan] = simulate(Diary(), 0, program=two_sets, pre_run_days=[0])
    assert "R6" not in {d.rule for d in plan.decisions}
