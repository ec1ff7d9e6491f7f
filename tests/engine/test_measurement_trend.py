"""Measurement by trend: each test against the previous and the best like-for-like test (R2),
implausible jumps re-tested, R5 "no gain" on the trend of a limited hip only, gate range targets
by the baseline's method or a more precise one, asymmetry ended by an at-least-as-precise test."""

from __future__ import annotations

import datetime as dt

from enginekit import Diary, reasons, simulate

from hipcoach.engine import measurement as maths
from hipcoach.engine.trend import LOSS_WORDS, RETEST_WORDS, Series, latest_words, slope_per_week

DAY = dt.date(2026, 1, 5)


def _test(day: int, left: float, right: float, method: str = "inclinometer") -> maths.Test:
    return maths.Test(DAY + dt.timedelta(days=day), "ir", "prone", method, left, right, 3)


def _adherent(days: int) -> Diary:
    return Diary().works_out_daily(0, days).hurts_daily(0, days, 2)


def test_a_normal_hip_that_stays_at_40_is_never_suspected_bony() -> None:
    diary = _adherent(42)
    for week in range(7):
        diary.measure(7 * week, 40, 41)
    plans = simulate(diary, 42)
    assert not any("bony_block_suspected" in p.flags for p in plans)
    assert "no detectable change" in reasons(plans[28], "R2")


def test_a_limited_hip_gaining_a_degree_a_week_is_on_its_way_up() -> None:
    diary = _adherent(42)
    for week in range(7):
        diary.measure(7 * week, 18 + week, 19 + week)
    plans = simulate(diary, 42)
    assert not any("bony_block_suspected" in p.flags for p in plans)
    assert "left 20° → 21°: no detectable change" in reasons(plans[21], "R2")
    assert "Since your first, on 2026-01-05: left 18° → 24° (+6°): a real gain" in reasons(
        plans[42], "R2"
    )


def test_a_hip_that_reached_its_target_and_stays_there_is_not_suspected() -> None:
    diary = _adherent(49)
    for week, value in enumerate([22, 25, 29, 31, 31, 31, 31, 31]):
        diary.measure(7 * week, value, value + 1)
    plans = simulate(diary, 49)
    assert not any("bony_block_suspected" in p.flags for p in plans)


def test_a_stuck_limited_hip_still_gets_r5() -> None:
    diary = _adherent(30).measure(0, 18, 21).measure(14, 19, 22).measure(28, 19, 22)
    plans = simulate(diary, 30)
    assert "bony_block_suspected" not in plans[27].flags
    assert {"bony_block_suspected", "refer"} <= set(plans[28].flags)


def test_a_real_loss_since_the_best_is_reported_and_holds_the_phase() -> None:
    # 20° → 29° in 12 days; a week later 22°: 7° below the best, beyond the 6° error
    diary = _adherent(30).measure(0, 20, 36).measure(7, 26, 36).measure(12, 29, 36)
    diary.measure(19, 22, 36)
    plans = simulate(diary, 30)
    assert LOSS_WORDS in reasons(plans[19], "R2")
    assert LOSS_WORDS in reasons(plans[25], "R2")  # said every day it holds
    assert all(p.phase == "mobility" for p in plans[19:31])  # not even the day-21 waiver moves it
    assert any(not g.met and "real loss" in g.name for g in plans[21].gate)
    # a later test with the range back near its best lifts the hold
    diary.measure(28, 27, 36)
    later = simulate(diary, 28)
    assert LOSS_WORDS not in reasons(later[28], "R2")
    assert later[28].phase == "activation"


def test_a_clinician_ends_the_hold_of_a_loss() -> None:
    diary = _adherent(30).measure(0, 20, 36).measure(7, 26, 36).measure(12, 29, 36)
    diary.measure(19, 22, 36).cleared(23)
    plans = simulate(diary, 30)
    assert plans[22].phase == "mobility"
    assert plans[23].phase == "activation"  # the waiver day has passed; pain is green


def test_an_implausible_jump_asks_for_a_re_test_and_changes_nothing() -> None:
    base = _adherent(30).measure(0, 33, 40).measure(7, 33, 40)
    jumped = _adherent(30).measure(0, 33, 40).measure(7, 33, 40).measure(13, 60, 40)
    plain, with_jump = simulate(base, 30), simulate(jumped, 30)
    assert RETEST_WORDS in reasons(with_jump[13], "R2")
    assert "reassess" in with_jump[13].flags and "reassess" in with_jump[16].flags
    assert [(p.phase, p.exercises) for p in plain] == [(p.phase, p.exercises) for p in with_jump]
    assert "real gain" not in reasons(with_jump[13], "R2")


def test_a_re_test_that_agrees_confirms_the_jump() -> None:
    diary = _adherent(30).measure(0, 20, 36).measure(7, 21, 36).measure(13, 40, 40)
    diary.measure(15, 39, 40)
    plans = simulate(diary, 16)
    assert "Your re-test agrees" in reasons(plans[15], "R2")
    assert "a real gain" in reasons(plans[15], "R2")
    assert plans[16].phase == "activation"  # 39° meets the target


def test_the_range_target_is_not_met_by_a_rougher_method_than_the_baseline() -> None:
    diary = _adherent(20).measure(0, 22, 24, method="goniometer")
    diary.measure(14, 35, 36, method="phone")
    plans = simulate(diary, 20)
    assert plans[20].phase == "mobility"
    [line] = [g for g in plans[20].gate if "rotation" in g.name.lower()]
    assert not line.met and line.value == 22 and "by goniometer" in (line.target or "")
    diary.measure(20, 31, 33, method="goniometer")
    assert simulate(diary, 20)[20].phase == "activation"


def test_a_phone_asymmetry_ends_on_a_level_goniometer_test() -> None:
    diary = _adherent(20).measure(0, 20, 35, method="phone").measure(3, 21, 35, method="phone")
    diary.measure(7, 30, 31, method="goniometer")
    plans = simulate(diary, 10)
    assert "asymmetry" in plans[6].flags
    assert "asymmetry" not in plans[7].flags
    assert "at least as precise" in reasons(plans[7], "R3")


def test_a_goniometer_asymmetry_does_not_end_on_a_phone_reading() -> None:
    diary = _adherent(20).measure(0, 20, 35, method="goniometer")
    diary.measure(3, 21, 35, method="goniometer").measure(7, 30, 31, method="phone")
    plans = simulate(diary, 10)
    assert "asymmetry" in plans[7].flags


def test_the_slope_is_degrees_a_week() -> None:
    values = [(DAY + dt.timedelta(days=7 * w), 18.0 + w) for w in range(5)]
    assert round(slope_per_week(values), 6) == 1.0


def test_the_series_compares_with_the_previous_and_the_best() -> None:
    series = Series()
    for t in (_test(0, 20, 30), _test(14, 28, 30)):
        series.assess(t)
    assessment = series.assess(_test(21, 21, 30))
    assert [loss.side for loss in assessment.losses] == ["left"]
    text = str(assessment.words())
    assert "Since your last prone, inclinometer test on 2026-01-19" in text
    assert "a real loss since your best (28° on 2026-01-19 → 21°" in text


def test_the_progress_verdict_is_the_engine_s_words() -> None:
    assert "no detectable change" in str(latest_words([_test(0, 20, 30), _test(7, 22, 31)]))
    assert RETEST_WORDS in str(latest_words([_test(0, 33, 40), _test(6, 60, 40)]))
    assert str(latest_words([])).startswith("No measurement yet")


def test_a_rise_at_every_test_is_steady_and_noise_around_a_level_is_not() -> None:
    from hipcoach.engine.trend import steady_rise

    assert steady_rise([16, 17, 18, 19, 20])  # five tests, each higher
    assert steady_rise([18, 19, 19, 20, 21, 22, 23])  # one flat step
    assert not steady_rise([18, 19, 21])  # three tests are too few to tell
    assert not steady_rise([20, 22, 19, 21, 20, 22])  # noise around a level
    assert not steady_rise([22, 21, 20, 19, 18])  # a fall is no gain
