"""A clinician's choices applied to a day's plan (`engine.choices`): each in the reasons as the
clinician's, a leave-out takes the exercise and its minutes away, and a stopped day stays as
the rules left it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hipcoach.engine.choices import Choice, apply
from hipcoach.engine.types import DayPlan, Decision, PlannedExercise
from hipcoach.vocabulary import Side

DAY = dt.date(2026, 3, 2)
BY = "Lena Ortiz, PT, Riverside Physio"
PLAN = DayPlan(
    day=10,
    date=DAY,
    program="hip-foundations",
    phase="mobility",
    workout="mobility-a",
    stop=False,
    flags=(),
    minutes=8.0,
    exercises=(
        PlannedExercise("pigeon-stretch", "Pigeon stretch", Side.left, 2, hold_s=30),
        PlannedExercise("pigeon-stretch", "Pigeon stretch", Side.right, 2, hold_s=30),
        PlannedExercise("glute-bridge", "Glute bridge", Side.both, 2, reps=10),
    ),
    decisions=(Decision("R9", "Pain is green.", "Smith 2009"),),
)


def test_no_choice_leaves_the_plan_as_it_is() -> None:
    later = Choice("retest", DAY + dt.timedelta(days=3), BY)
    assert apply(PLAN, ()) is PLAN and apply(PLAN, (later,)) is PLAN


def test_a_leave_out_takes_the_exercise_and_its_minutes() -> None:
    out = apply(
        PLAN, (Choice("leave_out", DAY - dt.timedelta(days=2), BY, "sore knee", "pigeon-stretch"),)
    )
    assert [e.id for e in out.exercises] == ["glute-bridge"]
    assert 0 < out.minutes < PLAN.minutes
    assert out.decisions[-1] == Decision(
        "clinician", "Your clinician's choice: Pigeon stretch is left out (sore knee).", BY
    )
    ended = Choice(
        "leave_out",
        DAY - dt.timedelta(days=5),
        BY,
        exercise="pigeon-stretch",
        until=DAY - dt.timedelta(days=1),
    )
    assert apply(PLAN, (ended,)) is PLAN


def test_a_retest_date_asks_for_a_test_that_day() -> None:
    out = apply(PLAN, (Choice("retest", DAY, BY),))
    assert "reassess" in out.flags and out.check_reason
    assert out.decisions[-1].rule == "clinician" and "measure both hips" in out.decisions[-1].reason


def test_a_note_shows_for_a_week() -> None:
    note = Choice("note", DAY - dt.timedelta(days=6), BY, "Keep the bridges slow.")
    assert "Keep the bridges slow." in apply(PLAN, (note,)).decisions[-1].reason
    assert apply(PLAN, (dataclasses.replace(note, date=DAY - dt.timedelta(days=7)),)) is PLAN


def test_the_safety_stops_stand_over_every_choice() -> None:
    stopped = dataclasses.replace(PLAN, stop=True, flags=("red_flag",), exercises=(), minutes=0.0)
    out = apply(
        stopped,
        (Choice("retest", DAY, BY), Choice("leave_out", DAY, BY, exercise="glute-bridge")),
    )
    assert out is stopped
    noted = apply(stopped, (Choice("note", DAY, BY, "Call me."),))
    assert noted.stop and noted.flags == ("red_flag",) and "Call me." in noted.decisions[-1].reason


def test_a_swap_puts_the_chosen_exercise_in_its_place_with_its_own_dose() -> None:
    bird = PlannedExercise("bird-dog", "Bird dog", Side.both, 2, reps=8)
    out = apply(
        PLAN,
        (Choice("swap", DAY, BY, "knee", "pigeon-stretch", "Pigeon stretch", swap_to=bird),),
    )
    # a "both" exercise takes the place of the left and right ones once
    assert [(e.id, e.side, e.replaces) for e in out.exercises] == [
        ("bird-dog", Side.both, "pigeon-stretch"),
        ("glute-bridge", Side.both, None),
    ]
    assert out.exercises[0].reps == 8 and out.exercises[0].hold_s is None
    assert out.minutes != PLAN.minutes
    assert out.decisions[-1] == Decision(
        "clinician", "Your clinician's choice: Bird dog instead of Pigeon stretch (knee).", BY
    )
    sided = dataclasses.replace(bird, id="clam", name="Clam", side=Side.left)
    out = apply(PLAN, (Choice("swap", DAY, BY, exercise="glute-bridge", swap_to=sided),))
    assert [(e.id, e.side) for e in out.exercises][-2:] == [
        ("clam", Side.left),
        ("clam", Side.right),
    ]


def test_a_cap_is_a_ceiling_never_a_raise() -> None:
    cap = Choice("cap", DAY, BY, "calf", "pigeon-stretch", cap_sets=1, cap_seconds=20)
    out = apply(PLAN, (cap,))
    capped = [e for e in out.exercises if e.id == "pigeon-stretch"]
    assert [(e.sets, e.hold_s) for e in capped] == [(1, 20), (1, 20)]
    assert out.minutes < PLAN.minutes
    assert "Pigeon stretch at most 1 set, 20 s" in out.decisions[-1].reason
    high = Choice("cap", DAY, BY, exercise="glute-bridge", cap_sets=5, cap_reps=50)
    assert apply(PLAN, (high,)).exercises == PLAN.exercises


def test_a_swap_or_a_cap_leaves_a_stopped_day_alone() -> None:
    stopped = dataclasses.replace(PLAN, stop=True, flags=("red_flag",), exercises=(), minutes=0.0)
    bird = PlannedExercise("bird-dog", "Bird dog", Side.both, 2, reps=8)
    chosen = (
        Choice("swap", DAY, BY, exercise="glute-bridge", swap_to=bird),
        Choice("cap", DAY, BY, exercise="glute-bridge", cap_sets=1),
    )
    assert apply(stopped, chosen) is stopped
