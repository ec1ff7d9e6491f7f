"""R9: green may progress, amber holds, and a next-morning flare regresses one level."""

from __future__ import annotations

import pytest
from enginekit import Diary, entries, reasons, simulate, steady

from hipcoach.engine.pain import PainDiary, Zone, zone
from hipcoach.engine.types import PainReport


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (0, Zone.green),
        (3, Zone.green),
        (4, Zone.amber),
        (5, Zone.amber),
        (6, Zone.red),
        (10, Zone.red),
    ],
)
def test_zones_follow_the_pain_monitoring_model(score: int, expected: Zone) -> None:
    assert zone(score) is expected


def test_green_days_get_the_weekly_progression() -> None:
    plans = simulate(steady(8), 8)
    assert entries(plans[6], "ir-activation")[0].reps == 8
    assert entries(plans[7], "ir-activation")[0].reps == 10
    assert "week" in {d.rule for d in plans[7].decisions}


def test_amber_pain_holds_the_weekly_progression() -> None:
    diary = (
        Diary()
        .works_out_daily(0, 10)
        .hurts_daily(0, 5, 2)
        .hurts_daily(6, 8, 4)
        .hurts_daily(9, 10, 2)
    )
    plans = simulate(diary, 10)
    assert entries(plans[7], "ir-activation")[0].reps == 8
    assert "held back" in reasons(plans[7], "R9")
    assert entries(plans[9], "ir-activation")[0].reps == 10


def test_amber_pain_holds_the_phase_gate() -> None:
    diary = steady(20)
    diary.hurts(14, 5)
    plans = simulate(diary, 20)
    assert plans[14].phase == "mobility"
    assert "the move waits" in reasons(plans[14], "R9")
    assert plans[15].phase == "activation"


def test_next_morning_pain_two_above_baseline_regresses_one_level() -> None:
    diary = (
        Diary()
        .works_out_daily(0, 10)
        .hurts_daily(0, 4, 1, "next_morning")
        .hurts(5, 3, "next_morning")
    )
    plans = simulate(diary, 6)
    assert "pain_flare" in plans[5].flags
    assert "2 above your usual 1/10" in reasons(plans[5], "R9")
    assert not entries(plans[5], "ir-activation")
    assert entries(plans[5], "ir-activation-easy")[0].replaces == "ir-activation"


def test_next_morning_pain_one_above_baseline_changes_nothing() -> None:
    diary = Diary().hurts_daily(0, 4, 1, "next_morning").hurts(5, 2, "next_morning")
    plans = simulate(diary, 5)
    assert "pain_flare" not in plans[5].flags
    assert entries(plans[5], "ir-activation")


def test_the_level_comes_back_after_three_calm_days() -> None:
    diary = (
        Diary()
        .hurts_daily(0, 4, 1, "next_morning")
        .hurts(5, 3, "next_morning")
        .hurts_daily(6, 12, 1)
        .hurts_daily(6, 12, 1, "next_morning")
    )
    plans = simulate(diary, 12)
    assert entries(plans[7], "ir-activation-easy")
    back = next(p.day for p in plans[6:] if entries(p, "ir-activation"))
    assert back == 8
    assert "steps back up one level" in reasons(plans[8], "R9")


def test_calm_workouts_do_not_end_a_flare_until_the_mornings_settle() -> None:
    diary = (
        Diary()
        .hurts_daily(0, 4, 1, "next_morning")
        .hurts(5, 3, "next_morning")
        .hurts_daily(6, 12, 1)
        .hurts_daily(10, 12, 2, "next_morning")
    )
    plans = simulate(diary, 14)
    assert all(entries(p, "ir-activation-easy") for p in plans[6:12])
    assert "has not come back to your usual 1/10" in reasons(plans[9], "R9")
    assert "steps back up one level" in reasons(plans[12], "R9")


def test_the_usual_pain_is_the_lowest_settled_week_not_a_moving_median() -> None:
    reports = [(d, 1) for d in range(7)] + [(d, 2) for d in range(7, 14)]
    reports += [(d, 3) for d in range(14, 28)]
    diary = PainDiary([PainReport(Diary().date(d), "next_morning", s) for d, s in reports])
    assert diary.baseline(Diary().date(28).toordinal()) == 1
    assert diary.baseline(Diary().date(35).toordinal()) == 2  # week 1 has left the window


def test_the_baseline_is_the_median_of_a_few_recent_morning_and_rest_reports() -> None:
    diary = PainDiary([PainReport(Diary().date(d), "rest", s) for d, s in [(0, 1), (1, 5), (2, 2)]])
    day3 = Diary().date(3).toordinal()
    assert diary.baseline(day3) == 2
    assert diary.baseline(Diary().date(0).toordinal()) is None


def test_a_report_carries_for_a_week_and_red_carries_as_amber() -> None:
    diary = PainDiary([PainReport(Diary().date(0), "during", 7)])
    day0 = Diary().date(0).toordinal()
    assert diary.zone_of(day0) == (Zone.red, True)
    assert diary.zone_of(day0 + 3) == (Zone.amber, False)
    assert diary.zone_of(day0 + 8) == (None, False)
