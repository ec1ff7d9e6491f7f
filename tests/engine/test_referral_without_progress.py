"""R13: no meaningful improvement after 6 weeks, or pain worse two weeks running → refer."""

from __future__ import annotations

from enginekit import Diary, reasons, simulate

from hipcoach.engine.words import Words


def _worked(diary: Diary, days: int) -> Diary:
    return diary.works_out_daily(0, days)


def test_pain_that_has_not_fallen_by_two_after_six_weeks_is_referred() -> None:
    diary = _worked(Diary(), 50).hurts_daily(0, 50, 5, "rest")
    plans = simulate(diary, 50)
    assert "refer" not in plans[41].flags
    assert "refer" in plans[42].flags
    assert "less than the 2 points" in reasons(plans[42], "R13")


def test_pain_that_fell_by_two_is_not_referred() -> None:
    diary = _worked(Diary(), 50).hurts_daily(0, 20, 5, "rest").hurts_daily(21, 50, 3, "rest")
    plans = simulate(diary, 50)
    assert all("refer" not in p.flags for p in plans)


def test_a_psfs_gain_of_two_counts_as_improvement() -> None:
    diary = (
        _worked(Diary(), 50).hurts_daily(0, 50, 5, "rest").scores_psfs(0, 4).scores_psfs(42, 6.5)
    )
    plans = simulate(diary, 50)
    assert "refer" not in plans[45].flags


def test_low_pain_from_the_start_is_not_judged_on_pain() -> None:
    diary = _worked(Diary(), 50).hurts_daily(0, 50, 2, "rest")
    plans = simulate(diary, 50)
    assert all("refer" not in p.flags for p in plans)


def test_pain_rising_two_weeks_running_is_referred_at_the_weekly_check() -> None:
    diary = _worked(Diary(), 30).hurts_daily(0, 6, 1, "rest").hurts_daily(7, 13, 2, "rest")
    diary.hurts_daily(14, 30, 3, "rest")
    plans = simulate(diary, 30)
    assert "refer" not in plans[20].flags
    assert all("refer" in p.flags for p in plans[21:28])
    assert "risen 2 weeks running (weekly average 1.0 → 2.0 → 3.0)" in reasons(plans[21], "R13")
    # steady at 3: no longer rising, but still up, so the referral stays (its reason stands)
    assert all("refer" in p.flags for p in plans[28:])
    assert "not come back down" in reasons(plans[28], "R13")


def test_the_weekly_averages_take_the_readers_decimal_mark() -> None:
    """The averages are kept as numbers, so a reader whose decimal mark is a comma sees
    "1,0 → 2,0 → 3,0", while the English stays "1.0 → 2.0 → 3.0"."""
    diary = _worked(Diary(), 35).hurts_daily(0, 6, 1, "rest").hurts_daily(7, 13, 2, "rest")
    diary.hurts_daily(14, 35, 3, "rest")
    plans = simulate(diary, 35)
    comma = Words(decimal=",", english=False)
    rising = [d.in_words(comma).reason for d in plans[21].decisions if d.rule == "R13"]
    assert rising and "(weekly average 1,0 → 2,0 → 3,0)" in rising[0]
    # a week later, still up: the earlier run and the new week, each with the comma
    still = [d.in_words(comma).reason for d in plans[28].decisions if d.rule == "R13"]
    assert "1,0 → 2,0 → 3,0 → 3,0" in still[0] and "." not in still[0].split("average")[1][:20]
    assert "(weekly average 1.0 → 2.0 → 3.0 → 3.0)" in reasons(plans[28], "R13")


def test_the_rising_pain_referral_ends_when_pain_comes_back_down() -> None:
    diary = _worked(Diary(), 45).hurts_daily(0, 6, 1, "rest").hurts_daily(7, 13, 2, "rest")
    diary.hurts_daily(14, 27, 3, "rest").hurts_daily(28, 45, 1, "rest")
    plans = simulate(diary, 45)
    assert all("refer" in p.flags for p in plans[21:35])  # week 4 still averaged 3
    assert all("refer" not in p.flags for p in plans[35:])  # week 5 back to 1


def test_a_small_rise_is_not_worsening() -> None:
    diary = _worked(Diary(), 30).hurts_daily(0, 6, 2, "rest").hurts_daily(7, 13, 2, "rest")
    diary.hurts_daily(14, 30, 3, "rest")
    plans = simulate(diary, 30)
    assert all("refer" not in p.flags for p in plans)
