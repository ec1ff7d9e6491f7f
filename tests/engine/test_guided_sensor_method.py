"""The guided seated test by the phone's own tilt sensor (`Method.sensor`): its own precision
(R2), and compared only with tests by the same method in the same position (R1)."""

from __future__ import annotations

import datetime as dt

from enginekit import Diary, reasons, rules_of, simulate

from hipcoach.engine.constants import MDC_BY_METHOD, MDC_SENSOR_SEATED_DEG
from hipcoach.engine.measurement import Change, group_tests, mdc
from hipcoach.engine.rules import RULES
from hipcoach.engine.types import Measurement
from hipcoach.vocabulary import Method

DAY = dt.date(2026, 1, 5)


def test_every_method_has_its_own_precision() -> None:
    assert set(MDC_BY_METHOD) == set(Method)


def test_the_sensor_is_as_precise_as_the_seated_phone_clinometer_s_conservative_end() -> None:
    # Evidence sheet section 2: seated smartphone clinometer MDC95 5-10°, the 10° end.
    assert mdc(Method.sensor) == MDC_SENSOR_SEATED_DEG == 10
    assert not Change(22, 31, "sensor").real
    assert Change(22, 32, "sensor").real
    assert (
        "no detectable change (a sensor can be out by 10°)" in Change(22, 30, "sensor").describe()
    )


def test_the_rule_table_names_the_sensor_s_error() -> None:
    assert "sensor" in RULES["R2"].in_words().threshold


def test_a_sensor_test_is_its_own_setup() -> None:
    tests = group_tests(
        [
            Measurement(DAY, "left", "seated", "sensor", (22, 23, 22)),
            Measurement(DAY, "left", "seated", "phone", (30,)),
            Measurement(DAY, "left", "prone", "sensor", (25,)),
        ]
    )
    assert sorted(t.setup for t in tests) == [
        ("ir", "prone", "sensor"),
        ("ir", "seated", "phone"),
        ("ir", "seated", "sensor"),
    ]


def test_a_seated_sensor_test_is_compared_with_the_last_seated_sensor_test() -> None:
    diary = (
        Diary()
        .measure(0, 20, 35, position="seated", method="sensor")
        .measure(7, 24, 50, position="prone", method="phone")
        .measure(14, 31, 36, position="seated", method="sensor")
    )
    plans = simulate(diary, 14)
    assert "R2" in rules_of(plans[14])
    text = reasons(plans[14], "R2")
    assert "left 20° → 31° (+11°): a real gain" in text
    assert "right 35° → 36°: no detectable change" in text
    assert "50°" not in text  # the prone phone test is another scale


def test_a_seated_sensor_test_is_never_compared_with_a_prone_or_typed_one() -> None:
    diary = (
        Diary()
        .measure(0, 20, 35, position="prone", method="phone")
        .measure(7, 22, 36, position="seated", method="phone")
        .measure(14, 35, 36, position="seated", method="sensor")
    )
    plans = simulate(diary, 14)
    assert "R2" not in rules_of(plans[14])
    assert "only tests in the same position with the same method are compared" in reasons(
        plans[14], "R1"
    )
