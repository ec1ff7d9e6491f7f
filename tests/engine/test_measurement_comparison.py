"""R1 and R2: tests compared only like for like, and a change called real only past the MDC."""

from __future__ import annotations

import datetime as dt

import pytest
from enginekit import Diary, reasons, rules_of, simulate

from hipcoach.engine.constants import MDC_DEVICE_DEG, MDC_SELF_DEG, MDC_SENSOR_SEATED_DEG
from hipcoach.engine.measurement import Change, group_tests, is_asymmetric, mdc, within_error
from hipcoach.engine.types import Measurement

DAY = dt.date(2026, 1, 5)


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("inclinometer", MDC_DEVICE_DEG),
        ("goniometer", MDC_DEVICE_DEG),
        ("phone", MDC_SELF_DEG),
        ("sensor", MDC_SENSOR_SEATED_DEG),
        ("camera", MDC_SELF_DEG),
        ("estimate", MDC_SELF_DEG),
    ],
)
def test_the_mdc_depends_on_the_method(method: str, expected: float) -> None:
    assert mdc(method) == expected


def test_a_test_is_the_mean_of_its_trials() -> None:
    [test] = group_tests(
        [
            Measurement(DAY, "left", "prone", "inclinometer", (22, 24, 23)),
            Measurement(DAY, "right", "prone", "inclinometer", (35, 36, 34)),
        ]
    )
    assert (test.left, test.right, test.trials) == (23, 35, 3)
    assert test.limited_side == "left"


def test_tests_of_different_positions_or_methods_are_kept_apart() -> None:
    tests = group_tests(
        [
            Measurement(DAY, "left", "prone", "inclinometer", (20,)),
            Measurement(DAY, "left", "seated", "inclinometer", (30,)),
            Measurement(DAY, "left", "prone", "phone", (25,)),
        ]
    )
    assert len(tests) == 3


def test_a_change_below_the_mdc_is_no_detectable_change() -> None:
    change = Change(20, 25, "inclinometer")
    assert not change.real
    assert "no detectable change" in change.describe()


def test_a_change_at_the_mdc_is_real() -> None:
    assert Change(20, 26, "inclinometer").real
    assert not Change(20, 26, "phone").real
    assert Change(20, 30, "phone").real


def test_asymmetry_needs_ten_degrees_and_more_than_the_mdc() -> None:
    [inclinometer] = group_tests(
        [
            Measurement(DAY, "left", "prone", "inclinometer", (25,)),
            Measurement(DAY, "right", "prone", "inclinometer", (35,)),
        ]
    )
    [phone] = group_tests(
        [
            Measurement(DAY, "left", "prone", "phone", (25,)),
            Measurement(DAY, "right", "prone", "phone", (35,)),
        ]
    )
    assert is_asymmetric(inclinometer)
    assert not is_asymmetric(phone)  # 10° is within a phone's 10° error
    assert within_error(phone)


def test_the_plan_reports_real_change_against_the_first_like_for_like_test() -> None:
    diary = Diary().measure(0, 20, 35).measure(14, 27, 36)
    plans = simulate(diary, 14)
    assert "R2" in rules_of(plans[14])
    text = reasons(plans[14], "R2")
    assert "left 20° → 27° (+7°): a real gain" in text
    assert "right 35° → 36°: no detectable change" in text


def test_a_test_with_another_method_is_not_compared() -> None:
    diary = Diary().measure(0, 20, 35).measure(14, 30, 36, method="phone")
    plans = simulate(diary, 14)
    assert "R2" not in rules_of(plans[14])
    assert "only tests in the same position with the same method are compared" in reasons(
        plans[14], "R1"
    )


def test_fewer_than_three_trials_is_pointed_out() -> None:
    plans = simulate(Diary().measure(0, 20, 35, trials=1), 0)
    assert "next time take 3" in reasons(plans[0], "R1")
