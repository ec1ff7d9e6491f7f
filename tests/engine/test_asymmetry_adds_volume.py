"""R3: asymmetry on two tests ≥48 h apart adds a set to the limited side until it evens out."""

from __future__ import annotations

from enginekit import Diary, entries, reasons, simulate

from hipcoach.engine.constants import ASYMMETRY_EXTRA_SETS


def test_one_asymmetric_test_is_not_enough() -> None:
    plans = simulate(Diary().measure(0, 20, 35), 3)
    assert all("asymmetry" not in p.flags for p in plans)
    assert "second test" in reasons(plans[0], "R3")


def test_two_tests_less_than_48_hours_apart_do_not_confirm() -> None:
    plans = simulate(Diary().measure(0, 20, 35).measure(1, 20, 35), 3)
    assert all("asymmetry" not in p.flags for p in plans)


def test_two_tests_48_hours_apart_confirm_it() -> None:
    plans = simulate(Diary().measure(0, 20, 35).measure(2, 21, 35), 5)
    assert "asymmetry" not in plans[1].flags
    assert all("asymmetry" in p.flags for p in plans[2:])
    assert "left hip turns in 14° less than your right" in reasons(plans[3], "R3")


def test_the_limited_side_goes_first_with_an_extra_set() -> None:
    plans = simulate(Diary().measure(0, 35, 20).measure(3, 35, 21), 4)
    stretch = entries(plans[4], "ir-stretch")
    assert [e.side for e in stretch] == ["right", "left"]
    assert stretch[0].sets == stretch[1].sets + ASYMMETRY_EXTRA_SETS
    assert [e.side for e in entries(plans[4], "bridge")] == ["both"]


def test_without_asymmetry_both_sides_are_listed_left_first_and_equal() -> None:
    [plan] = simulate(Diary(), 0)
    stretch = entries(plan, "ir-stretch")
    assert [e.side for e in stretch] == ["left", "right"]
    assert stretch[0].sets == stretch[1].sets


def test_the_flag_ends_when_the_sides_are_within_measurement_error() -> None:
    diary = Diary().measure(0, 20, 35).measure(7, 22, 35).measure(14, 26, 34).measure(21, 31, 34)
    plans = simulate(diary, 22)
    assert "asymmetry" in plans[14].flags  # 8° apart: no longer asymmetric, not yet level
    assert "asymmetry" not in plans[21].flags
    assert "level within measurement error" in reasons(plans[21], "R3")


def test_tests_in_another_position_do_not_end_the_flag() -> None:
    diary = Diary().measure(0, 20, 35).measure(7, 21, 35).measure(10, 30, 31, position="seated")
    plans = simulate(diary, 11)
    assert "asymmetry" in plans[11].flags


def test_a_test_of_one_side_keeps_the_flag_and_the_last_test_of_both() -> None:
    """A person re-tests only the stiff left hip after the asymmetry was confirmed: one side
    cannot say the sides are level or not, so the flag and its reason (the last test of both
    sides) stand, and the plan goes on."""
    diary = Diary().measure(0, 20, 35).measure(2, 21, 35).measure(5, 24, None)
    plans = simulate(diary, 7)
    assert all("asymmetry" in p.flags for p in plans[2:])
    assert "left hip turns in 14° less than your right (21° vs 35°" in reasons(plans[6], "R3")
