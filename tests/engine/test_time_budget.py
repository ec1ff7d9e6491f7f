"""The time budget: a workout fits its phase's minutes; asymmetry sets may add a little."""

from __future__ import annotations

from enginekit import Diary, program, reasons, simulate

from hipcoach.engine.constants import ASYMMETRY_ALLOWANCE_MIN

LONG = [
    {"exercise": "ir-stretch", "dose": {"sets": 4, "hold_s": 30}},
    {"exercise": "wall-glute", "dose": {"sets": 4, "hold_s": 30}},
    {"exercise": "bridge", "dose": {"sets": 3, "reps": 10}},
]


def test_a_workout_over_budget_loses_sets_from_the_end() -> None:
    tight = program(mobility_blocks=LONG, max_minutes=8)
    [plan] = simulate(Diary(), 0, program=tight)
    assert plan.minutes <= 8
    assert "one set fewer" in reasons(plan, "budget")


def test_a_workout_within_budget_is_untouched() -> None:
    [plan] = simulate(Diary(), 0)
    assert plan.minutes <= 10
    assert "budget" not in {d.rule for d in plan.decisions}


def test_asymmetry_sets_may_go_over_by_the_allowance_only() -> None:
    tight = program(mobility_blocks=LONG, max_minutes=9)
    diary = Diary().measure(0, 20, 35).measure(3, 20, 35)
    plans = simulate(diary, 3, program=tight)
    assert plans[0].minutes <= 9
    assert 9 < plans[3].minutes <= 9 + ASYMMETRY_ALLOWANCE_MIN
