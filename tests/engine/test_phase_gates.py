"""Phase gates from program data: minimum days, range, pain and adherence."""

from __future__ import annotations

from enginekit import MINI, Diary, reasons, simulate, steady

from hipcoach.content.schema import Gate, Measure
from hipcoach.engine.gates import GateContext, evaluate_gate


def _context(**overrides) -> GateContext:
    values = {
        "days_in_phase": 14,
        "range_ir": {Measure.ir_prone: 31.0, Measure.ir_seated: None, Measure.ir_supine: None},
        "asymmetry": 4.0,
        "green_days": lambda window: 6,
        "adherence": lambda window: 0.8,
        "pain_green": True,
    }
    return GateContext(**(values | overrides))


GATE = MINI.phases[0].gate
assert isinstance(GATE, Gate)


def test_the_gate_opens_when_every_line_is_met() -> None:
    result = evaluate_gate(GATE, _context())
    assert result.open and not result.waived
    assert [c.met for c in result.checks] == [True, True, True, True]


def test_each_line_can_hold_it_shut() -> None:
    assert not evaluate_gate(GATE, _context(days_in_phase=13)).open
    assert not evaluate_gate(GATE, _context(range_ir={Measure.ir_prone: 29.0})).open
    assert not evaluate_gate(GATE, _context(green_days=lambda w: 4)).open
    assert not evaluate_gate(GATE, _context(adherence=lambda w: 0.6)).open
    assert not evaluate_gate(GATE, _context(adherence=lambda w: None)).open


def test_a_missing_test_does_not_meet_a_range_line() -> None:
    result = evaluate_gate(GATE, _context(range_ir={}))
    assert not result.open
    assert result.checks[1].value is None


def test_from_max_days_range_lines_are_waived() -> None:
    result = evaluate_gate(GATE, _context(days_in_phase=21, range_ir={Measure.ir_prone: 20.0}))
    assert result.open and result.waived
    assert "waived from day 21" in (result.checks[1].target or "")


def test_a_gate_without_pain_lines_needs_green_pain_when_waiving() -> None:
    gate = Gate(min_days=7, max_days=14, criteria=[{"measure": "ir_seated", "at_least": 40}])
    shut = evaluate_gate(gate, _context(days_in_phase=14, pain_green=False))
    assert not shut.open
    assert evaluate_gate(gate, _context(days_in_phase=14, pain_green=True)).open


def test_the_plan_shows_the_checklist_of_the_current_phase() -> None:
    plans = simulate(steady(20), 20)
    assert [c.name for c in plans[3].gate][0] == "Days in this phase"
    assert plans[3].gate[0].reading == "3 of 14 days"
    assert plans[14].phase == "activation"
    assert plans[14].gate[0].reading == "0 of 7 days"


def test_too_few_workouts_keep_the_gate_shut() -> None:
    diary = steady(30)
    diary.workouts = [w for w in diary.workouts if (w.date - diary.start).days % 3 == 0]
    plans = simulate(diary, 30)
    assert all(p.phase == "mobility" for p in plans)
    assert "three fixed days a week" in reasons(plans[20], "R20")


def test_half_the_workouts_move_on_once_the_phase_s_worth_is_done() -> None:
    # R20: every other day is short of the adherence share, but the work done counts
    diary = steady(40)
    diary.workouts = [w for w in diary.workouts if (w.date - diary.start).days % 2 == 0]
    plans = simulate(diary, 40)
    moved = next(p for p in plans if p.phase != "mobility")
    assert moved.day > 14
    assert "the work done counts" in reasons(moved, "R20")


def test_the_last_phase_has_no_checklist() -> None:
    diary = steady(80)
    plans = simulate(diary, 80)
    last = plans[-1]
    assert last.phase == "function" and last.gate == ()


def test_phases_come_in_order_and_never_skip() -> None:
    plans = simulate(steady(80), 80)
    order = [p.id for p in MINI.phases]
    seen = [p.phase for p in plans]
    indices = [order.index(phase) for phase in seen]
    assert all(b - a in (0, 1) for a, b in zip(indices, indices[1:], strict=False))


def test_a_day_before_the_start_is_refused() -> None:
    import datetime as dt

    import pytest

    from hipcoach.engine.planner import plan
    from hipcoach.engine.types import Profile

    with pytest.raises(ValueError, match="before the start"):
        plan(MINI, {}, Profile(), Diary().history(), dt.date(2026, 1, 5), dt.date(2026, 1, 4))


def test_each_line_reads_its_value_against_the_target() -> None:
    result = evaluate_gate(GATE, _context(days_in_phase=9, range_ir={Measure.ir_prone: 23.0}))
    readings = [c.reading for c in result.checks]
    assert readings == ["9 of 14 days", "23° of 30°", "6 of 5 days", "80% of 70%"]
    assert all(c.reading and c.name not in c.reading for c in result.checks)
    missing = evaluate_gate(GATE, _context(range_ir={}))
    assert missing.checks[1].reading == "not measured yet"


def test_workouts_done_count_from_yesterday_back_and_say_so_on_day_one() -> None:
    """Today's workout is not in the window (it may not be done when the plan is made), so on
    the first day the line says there is nothing before today, not that nothing is planned."""
    first_day = evaluate_gate(GATE, _context(adherence=lambda window: None))
    assert first_day.checks[3].reading == "no workout planned before today yet"
