"""R5: an ER–IR gap of 20°, or no IR gain after 4 adherent weeks, suggests a bony limit."""

from __future__ import annotations

from enginekit import LIBRARY, Diary, entries, program, reasons, simulate

WITH_END_RANGE = program(
    mobility_blocks=[
        {"exercise": "ir-activation"},
        {"exercise": "end-range-ir"},
        {"exercise": "bridge"},
    ]
)


def test_er_minus_ir_of_20_degrees_flags_and_refers() -> None:
    diary = Diary().measure(0, 25, 30).measure(0, 45, 40, kind="er")
    [plan] = simulate(diary, 0, program=WITH_END_RANGE)
    assert {"bony_block_suspected", "refer"} <= set(plan.flags)
    assert "external rotation is 20° more than internal rotation" in reasons(plan, "R5")


def test_end_range_rotation_work_is_left_out_while_suspected() -> None:
    diary = Diary().measure(0, 25, 30).measure(0, 45, 40, kind="er")
    [plan] = simulate(diary, 0, program=WITH_END_RANGE)
    assert not entries(plan, "end-range-ir")
    assert "Left out: end range ir" in reasons(plan, "R5")


def test_er_measured_another_way_is_not_compared() -> None:
    diary = Diary().measure(0, 25, 30).measure(0, 50, 50, kind="er", method="phone")
    [plan] = simulate(diary, 0, program=WITH_END_RANGE)
    assert "bony_block_suspected" not in plan.flags
    assert entries(plan, "end-range-ir")


def test_no_gain_after_four_adherent_weeks_flags_it() -> None:
    # 20° → 21° → 22°: half a degree a week would not reach the 6° an inclinometer can detect
    # within the 6 weeks allowed for a response
    diary = (
        Diary()
        .works_out_daily(0, 30)
        .hurts_daily(0, 30, 2)
        .measure(0, 20, 34)
        .measure(14, 21, 34)
        .measure(28, 22, 34)
    )
    plans = simulate(diary, 29)
    assert "bony_block_suspected" not in plans[27].flags
    assert "bony_block_suspected" in plans[28].flags
    assert "After 4 weeks of regular work" in reasons(plans[28], "R5")
    assert "not on its way up" in reasons(plans[28], "R5")


def test_a_real_gain_after_four_weeks_is_fine() -> None:
    diary = (
        Diary().works_out_daily(0, 30).hurts_daily(0, 30, 2).measure(0, 20, 34).measure(28, 27, 34)
    )
    plans = simulate(diary, 29)
    assert "bony_block_suspected" not in plans[28].flags


def test_no_gain_without_regular_work_says_nothing() -> None:
    diary = Diary().works_out_daily(0, 10).measure(0, 20, 34).measure(28, 21, 34)
    plans = simulate(diary, 28)
    assert "bony_block_suspected" not in plans[28].flags


def test_library_is_unchanged() -> None:
    assert "end-range-ir" in LIBRARY
