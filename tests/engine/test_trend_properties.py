"""Properties of measurement by trend over random people (hypothesis): R5 never for a normal
hip nor after a higher value was recorded; an implausible jump changes no phase or dose; a gate's
range target is met only by tests of the baseline's method or a more precise one."""

from __future__ import annotations

import datetime as dt

from enginekit import LIBRARY, MINI
from hypothesis import given
from hypothesis import strategies as st
from test_properties import PROGRAMS, PROPERTY_SETTINGS, SHIPPED, START

from hipcoach.content.schema import Measure
from hipcoach.engine.constants import NORMAL_IR_MIN_DEG
from hipcoach.engine.measurement import mdc
from hipcoach.engine.planner import plan_days
from hipcoach.engine.types import History, Measurement, PainReport, Profile, WorkoutLog

RANGE_PROGRAMS = [(MINI, LIBRARY), (SHIPPED.programs["hip-foundations"], SHIPPED.exercises)]


def _date(day: int) -> dt.date:
    return START + dt.timedelta(days=day)


def _test(day: int, position: str, method: str, left: float, right: float, kind: str = "ir"):
    return tuple(
        Measurement(_date(day), side, position, method, (value,) * 3, kind)
        for side, value in (("left", left), ("right", right))
    )


def _plans(program, library, days: int, measurements, *, pain=(), workouts=None):
    workouts = workouts if workouts is not None else {d: "done" for d in range(days + 1)}
    history = History(
        measurements=tuple(m for test in measurements for m in test),
        pain=tuple(PainReport(_date(d), "during", s) for d, s in pain),
        workouts=tuple(WorkoutLog(_date(d), status) for d, status in workouts.items()),
    )
    return plan_days(program, library, Profile(), history, START, _date(days))


@st.composite
def normal_hips(draw):
    """Someone whose every IR test is within the normal range for its position (any ER)."""
    program, library = draw(st.sampled_from(PROGRAMS))
    days = draw(st.integers(28, 100))
    tests = []
    for _ in range(draw(st.integers(1, 10))):
        day = draw(st.integers(0, days))
        position = draw(st.sampled_from(sorted(NORMAL_IR_MIN_DEG)))
        method = draw(st.sampled_from(["inclinometer", "goniometer", "phone"]))
        floor = NORMAL_IR_MIN_DEG[position]
        ir = st.floats(floor, 60, allow_nan=False)
        tests.append(_test(day, position, method, draw(ir), draw(ir)))
        if draw(st.booleans()):  # external rotation far beyond: still no bony block
            er = st.floats(floor + 20, 90, allow_nan=False)
            tests.append(_test(day, position, method, draw(er), draw(er), "er"))
    return program, library, days, tests


@PROPERTY_SETTINGS
@given(normal_hips())
def test_no_bony_block_is_suspected_for_a_hip_within_the_normal_range(person) -> None:
    program, library, days, tests = person
    for plan in _plans(program, library, days, tests):
        assert "bony_block_suspected" not in plan.flags
        assert all(d.rule != "R5" for d in plan.decisions)


@st.composite
def gained_then_anything(draw):
    """A limited left hip that records a real, plausible gain, then tests anything at all."""
    program, library = draw(st.sampled_from(RANGE_PROGRAMS))
    method = draw(st.sampled_from(["inclinometer", "phone"]))
    first = draw(st.integers(5, 20))
    higher_day = draw(st.integers(21, 35))
    gain = draw(st.integers(int(mdc(method)), int(mdc(method)) + 4))
    later = draw(st.lists(st.tuples(st.integers(1, 60), st.integers(5, 30)), max_size=6))
    tests = [
        _test(0, "prone", method, first, 45),
        _test(higher_day, "prone", method, first + gain, 45),
    ] + [_test(higher_day + d, "prone", method, v, 45) for d, v in later]
    return program, library, higher_day, higher_day + 70, tests


@PROPERTY_SETTINGS
@given(gained_then_anything())
def test_no_r5_after_a_higher_value_was_recorded(person) -> None:
    program, library, higher_day, days, tests = person
    for plan in _plans(program, library, days, tests)[higher_day:]:
        assert "bony_block_suspected" not in plan.flags, plan.day


@st.composite
def a_jump(draw):
    """Weekly, steady tests; and the same person with one reading far off between two of them."""
    program, library = draw(st.sampled_from(PROGRAMS))
    weeks = draw(st.integers(2, 10))
    level = draw(st.integers(12, 35))
    method = draw(st.sampled_from(["inclinometer", "goniometer", "phone"]))
    steady = [
        _test(7 * w, "prone", method, level + draw(st.integers(-2, 2)), level + 4)
        for w in range(weeks + 1)
    ]
    week = draw(st.integers(0, weeks - 1))
    jump_day = 7 * week + draw(st.integers(1, 6))
    size = draw(st.integers(22, 35)) * draw(st.sampled_from([1, -1]))
    jumped = max(0, level + size)
    if abs(jumped - level) < 22:
        jumped = level + 25
    jump = _test(jump_day, "prone", method, jumped, level + 4)
    pain = draw(st.lists(st.tuples(st.integers(0, 7 * weeks), st.integers(0, 6)), max_size=20))
    workouts = draw(
        st.dictionaries(
            st.integers(0, 7 * weeks), st.sampled_from(["done", "done", "partial", "skipped"])
        )
    )
    return program, library, 7 * weeks + 6, steady, jump, pain, workouts


@PROPERTY_SETTINGS
@given(a_jump())
def test_an_implausible_jump_changes_no_phase_or_dose(person) -> None:
    program, library, days, steady, jump, pain, workouts = person
    without = _plans(program, library, days, steady, pain=pain, workouts=workouts)
    with_jump = _plans(program, library, days, [*steady, jump], pain=pain, workouts=workouts)
    assert [(p.phase, p.stop, p.exercises) for p in without] == [
        (p.phase, p.stop, p.exercises) for p in with_jump
    ]
    jump_day = (jump[0].date - START).days
    assert "reassess" in with_jump[jump_day].flags


@st.composite
def mixed_devices(draw):
    """Face-down tests by several devices, green pain and every workout done."""
    program, library = draw(st.sampled_from(RANGE_PROGRAMS))
    days = draw(st.integers(14, 40))
    tests = sorted(
        draw(
            st.lists(
                st.tuples(
                    st.integers(0, days),
                    st.sampled_from(["goniometer", "inclinometer", "phone", "camera"]),
                    st.integers(10, 45),
                    st.integers(10, 45),
                ),
                min_size=1,
                max_size=8,
                unique_by=lambda t: (t[0], t[1]),
            )
        )
    )
    return program, library, days, tests


def _counts(base_method: str, method: str) -> bool:
    return method == base_method or mdc(method) < mdc(base_method)


@PROPERTY_SETTINGS
@given(mixed_devices())
def test_a_range_target_is_met_only_by_the_baseline_s_method_or_a_more_precise_one(
    person,
) -> None:
    program, library, days, tests = person
    gate = program.phases[0].gate
    [target] = [c.at_least for c in gate.criteria if c.measure is Measure.ir_prone]
    measurements = [_test(d, "prone", m, left, right) for d, m, left, right in tests]
    plans = _plans(program, library, days, measurements, pain=[(d, 1) for d in range(days + 1)])
    base_method = tests[0][1]
    for plan in plans:
        counted = [
            min(left, right)
            for d, m, left, right in tests
            if d <= plan.day and _counts(base_method, m)
        ]
        for check in plan.gate:
            if "rotation" in check.name.lower() and check.value is not None:
                assert check.value in counted
        moved = any(d.rule == "gate" for d in plan.decisions)
        waived = any(d.rule == "R7" and "not needed" in d.reason for d in plan.decisions)
        if moved and not waived and plans[plan.day - 1].phase == program.phases[0].id:
            assert any(value >= target for value in counted)
