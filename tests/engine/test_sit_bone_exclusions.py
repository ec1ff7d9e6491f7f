"""R11: sit-bone (high hamstring) pain leaves out deep-flexion and compression exercises."""

from __future__ import annotations

from enginekit import Diary, entries, program, reasons, simulate

from hipcoach.engine.types import Profile

SIT_BONE = Profile(goals=("running",), pain_areas=("high_hamstring", "glute"))


def test_pigeon_is_swapped_for_the_first_safe_regression() -> None:
    [plan] = simulate(Diary(), 0, profile=SIT_BONE)
    assert not entries(plan, "pigeon") and not entries(plan, "figure-four")
    wall = entries(plan, "wall-glute")
    assert wall and wall[0].replaces == "pigeon"
    assert "sit-bone (high hamstring) pain" in reasons(plan, "R11")


def test_an_exercise_with_no_safe_regression_is_left_out_and_said_so() -> None:
    hamstring = program(mobility_blocks=[{"exercise": "hamstring-stretch"}, {"exercise": "bridge"}])
    [plan] = simulate(Diary(), 0, profile=SIT_BONE, program=hamstring)
    assert not entries(plan, "hamstring-stretch")
    assert "nothing replaces it" in reasons(plan, "R11")


def test_without_that_pain_area_nothing_is_excluded() -> None:
    [plan] = simulate(Diary(), 0, profile=Profile(pain_areas=("glute",)))
    assert entries(plan, "pigeon")
    assert "R11" not in {d.rule for d in plan.decisions}


def test_deep_flexion_comes_back_after_eight_green_weeks() -> None:
    diary = Diary().hurts_daily(0, 60, 1).works_out_daily(0, 60)
    plans = simulate(
        diary,
        60,
        profile=SIT_BONE,
        program=program(mobility_gate={"min_days": 180, "criteria": []}),
    )
    assert not entries(plans[55], "figure-four")
    # day 56: deep flexion is back, but ischial compression still rules the pigeon out
    assert entries(plans[56], "figure-four")
    assert "come back" in reasons(plans[56], "R11")
