"""R14: four weeks without a workout → lapsed: re-test and restart the mobility phase."""

from __future__ import annotations

from enginekit import reasons, simulate, steady


def test_four_weeks_without_a_workout_restarts_mobility() -> None:
    diary = steady(40)
    diary.workouts = [w for w in diary.workouts if not 20 <= (w.date - diary.start).days <= 60]
    diary.works_out_daily(61, 80)
    plans = simulate(diary, 80)
    assert plans[19].phase == "activation"
    assert "lapsed" not in plans[47].flags
    assert {"lapsed", "reassess"} <= set(plans[48].flags)  # 28 days without one: days 20-47
    assert plans[48].phase == "mobility"
    assert "starts over" in reasons(plans[48], "R14")
    assert "lapsed" in plans[61].flags  # the day they come back still says so
    assert "lapsed" not in plans[62].flags
    assert plans[62].phase == "mobility"
    # the restarted phase counts from the return: its 14 days end on day 75 at the earliest
    assert all(p.phase == "mobility" for p in plans[62:75])


def test_never_logging_a_workout_is_a_lapse_after_four_weeks() -> None:
    from enginekit import Diary

    plans = simulate(Diary(), 28)
    assert "lapsed" not in plans[27].flags
    assert "lapsed" in plans[28].flags
