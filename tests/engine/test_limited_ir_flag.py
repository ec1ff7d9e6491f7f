"""R4: markedly limited internal rotation is flagged with advice to get it checked."""

from __future__ import annotations

from enginekit import Diary, reasons, simulate


def test_under_15_degrees_in_any_position_is_flagged() -> None:
    plans = simulate(Diary().measure(0, 14, 30, position="seated"), 1)
    assert "limited_ir" in plans[0].flags
    assert "ask a physiotherapist or doctor to check" in reasons(plans[0], "R4")
    assert not plans[0].stop  # the program goes on


def test_under_10_degrees_prone_gets_the_hip_extension_wording() -> None:
    [plan] = simulate(Diary().measure(0, 9, 30), 0)
    assert "limited_ir" in plan.flags
    assert "with the hip straight" in reasons(plan, "R4")


def test_15_degrees_or_more_is_not_flagged() -> None:
    [plan] = simulate(Diary().measure(0, 15, 30), 0)
    assert "limited_ir" not in plan.flags


def test_the_flag_follows_the_latest_test_at_that_position() -> None:
    plans = simulate(Diary().measure(0, 12, 30).measure(14, 18, 30), 15)
    assert "limited_ir" in plans[13].flags
    assert "limited_ir" not in plans[14].flags
