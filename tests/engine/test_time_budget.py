"""The time budget: a workout fits its phase's minutes; asymmetry sets are traded within it."""

from __future__ import annotations

from enginekit import Diary, program, reasons, simulate

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


def test_asymmetry_sets_are_traded_within_the_budget_not_added() -> None:
    tight = program(mobility_blocks=LONG, max_minutes=9)
    diary = Diary().measure(0, 20, 35).measure(3, 20, 35)
    plans = simulate(diary, 3, program=tight)
    assert plans[0].minutes <= 9
    assert plans[3].minutes <= 9
    assert "traded within the 9 minutes" in reasons(plans[3], "R3")
    left = {e.id: e.sets for e in plans[3].exercises if e.side == "left"}
    right = {e.id: e.sets for e in plans[3].exercises if e.side == "right"}
    assert any(left[i] > right[i] for i in left)  # the stiff side still gets more
