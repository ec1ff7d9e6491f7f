"""A clinician's hold and advance of a phase, acted on by the planner: a hold keeps a person in
their phase when the checklist is met; an advance moves them on without it, but never over a
stop, a referral, a pain hold or a readiness check not passed."""

from __future__ import annotations

from enginekit import reasons, simulate, steady

from hipcoach.engine.choices import Choice
from hipcoach.engine.phases import ClinicianPhase, _advance_waits
from hipcoach.engine.types import GateCheck

BY = "Lena Ortiz, PT, Riverside Physio"


def test_without_choices_the_checklist_moves_them_on() -> None:
    plans = simulate(steady(20), 20)
    assert plans[13].phase == "mobility" and plans[14].phase == "activation"


def test_a_hold_keeps_them_in_the_phase_until_it_ends() -> None:
    diary = steady(24)
    hold = Choice("hold", diary.date(10), BY, "hip still irritable on stairs", until=diary.date(17))
    plans = simulate(diary, 24, choices=(hold,))
    assert all(p.phase == "mobility" for p in plans[:18])
    assert "your clinician holds you in it" in reasons(plans[14], "clinician")
    assert plans[18].phase == "activation"  # the hold ended on day 17: the checklist decides


def test_an_advance_moves_them_on_without_the_checklist() -> None:
    diary = steady(10)
    advance = Choice("advance", diary.date(5), BY, "range is fine on my goniometer", "mobility")
    plans = simulate(diary, 10, choices=(advance,))
    assert plans[4].phase == "mobility" and plans[5].phase == "activation"
    said = reasons(plans[5], "clinician")
    assert "Your clinician's choice: the mobility phase is done" in said
    assert "range is fine on my goniometer" in said and "Days in this phase" in said
    # spent once they moved: it does not move them on again
    assert all(p.phase == "activation" for p in plans[5:])


def test_advance_while_a_red_flag_is_on_the_stop_wins() -> None:
    diary = steady(10).answers(4, constant_or_night_pain=True)
    advance = Choice("advance", diary.date(5), BY, "doing well", "mobility")
    plans = simulate(diary, 10, choices=(advance,))
    from hipcoach.engine.choices import apply

    for plan in plans[5:]:
        assert plan.stop and plan.phase == "mobility" and plan.exercises == ()
        shown = apply(plan, (advance,))
        assert shown.stop and "today's stop stands over their choice" in reasons(shown, "clinician")


def test_an_advance_waits_for_pain_to_be_green_and_then_moves() -> None:
    diary = steady(18)
    diary.hurts_daily(4, 6, 4)  # days 4-6 amber
    advance = Choice("advance", diary.date(5), BY, "doing well", "mobility")
    plans = simulate(diary, 18, choices=(advance,))
    assert plans[5].phase == "mobility" and not plans[5].stop
    assert "the move waits" in reasons(plans[5], "clinician")
    assert "(R9)" in reasons(plans[5], "clinician")
    moved = next(p for p in plans if p.phase == "activation")
    assert 7 <= moved.day < 14 and "Your clinician's choice" in reasons(moved, "clinician")


def test_an_advance_lapses_after_two_weeks() -> None:
    diary = steady(30).answers(2, constant_or_night_pain=True)
    advance = Choice("advance", diary.date(3), BY, "doing well", "mobility")
    plans = simulate(diary, 30, choices=(advance,))
    assert all(p.phase == "mobility" for p in plans)


def test_an_advance_never_skips_a_readiness_check_not_passed() -> None:
    advance = Choice("advance", steady(1).date(0), BY, "ready", "mobility")
    hop = GateCheck("Hop readiness check", False, reading="not passed: 4/10")
    waits = _advance_waits(ClinicianPhase(advance=advance), False, None, None, (hop,))
    assert waits is not None and "readiness check is not passed" in str(waits)
    passed = GateCheck("Hop readiness check", True, reading="passed")
    assert _advance_waits(ClinicianPhase(advance=advance), False, None, None, (passed,)) is None
    stopped = ClinicianPhase(advance=advance, stopped=True)
    assert "stop or referral" in str(_advance_waits(stopped, False, None, None, (passed,)) or "")
