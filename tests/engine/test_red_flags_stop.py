"""R12: any yes in a red-flag screen stops the program from that day on, worded by urgency."""

from __future__ import annotations

import pytest
from enginekit import Diary, reasons, simulate, steady

from hipcoach.engine.safety import URGENCY, Urgency
from hipcoach.vocabulary import RedFlag


def test_every_screen_key_has_an_urgency() -> None:
    assert set(URGENCY) == set(RedFlag)


def test_all_no_answers_change_nothing() -> None:
    [plan] = simulate(Diary().answers(0, trauma=False, cancer_history=False), 0)
    assert not plan.stop and plan.exercises


def test_a_yes_stops_every_day_from_then_on() -> None:
    diary = (
        steady(20).answers(5, constant_or_night_pain=True).answers(12, constant_or_night_pain=False)
    )
    plans = simulate(diary, 20)
    assert not plans[4].stop
    for plan in plans[5:]:
        assert plan.stop and plan.exercises == () and plan.minutes == 0
        assert plan.flags == ("red_flag", "refer")


@pytest.mark.parametrize(
    "key", ["saddle_numbness_or_bladder_bowel_change", "progressive_leg_weakness"]
)
def test_cauda_equina_signs_get_emergency_wording(key: str) -> None:
    [plan] = simulate(Diary().answers(0, **{key: True}), 0)
    assert "emergency" in reasons(plan, "R12")
    assert "now" in reasons(plan, "R12")


@pytest.mark.parametrize(
    "key",
    [
        "trauma",
        "cannot_bear_weight",
        "fever_or_hot_joint",
        "recent_infection_surgery_or_injection",
        "pop_with_bruising",
    ],
)
def test_fracture_infection_and_avulsion_signs_say_today(key: str) -> None:
    [plan] = simulate(Diary().answers(0, **{key: True}), 0)
    assert URGENCY[key] is Urgency.same_day
    assert "today" in reasons(plan, "R12")
    assert "emergency" not in reasons(plan, "R12")


def test_the_most_urgent_wording_comes_first() -> None:
    [plan] = simulate(Diary().answers(0, cancer_history=True, progressive_leg_weakness=True), 0)
    assert len(plan.decisions) == 2
    assert "emergency" in plan.decisions[0].reason
    assert "next few days" in plan.decisions[1].reason


def test_a_clearance_ends_the_stop_from_its_day() -> None:
    plans = simulate(steady(12).answers(3, trauma=True).cleared(6), 12)
    assert all(p.stop for p in plans[3:6])
    assert not any(p.stop for p in plans[6:])
    assert "cleared you" in reasons(plans[6], "R12")


def test_a_yes_after_a_clearance_the_same_day_stops_again() -> None:
    plans = simulate(
        steady(10).answers(3, trauma=True).cleared(6).answers(6, pop_with_bruising=True), 10
    )
    assert all(p.stop for p in plans[3:])
    assert "pop" in reasons(plans[6], "R12") or "bruis" in reasons(plans[6], "R12")


def test_a_clearance_before_the_same_days_yes_does_not_clear_it() -> None:
    plans = simulate(steady(10).cleared(4).answers(4, cannot_bear_weight=True), 10)
    assert all(p.stop for p in plans[4:])
