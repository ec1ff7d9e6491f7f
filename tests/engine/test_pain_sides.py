"""R9 by side and place: a painful side gets no extra load, the other side is not held back by
it, and pain on both sides and every safety rule stay the whole person's."""

from __future__ import annotations

import pytest
from enginekit import Diary, reasons, rules_of

from hipcoach.content.loader import load_library
from hipcoach.engine.pain import PainDiary, Zone
from hipcoach.engine.planner import plan_days
from hipcoach.engine.types import DayPlan, Profile
from hipcoach.engine.workout import Modifiers, build_workout
from hipcoach.vocabulary import PainPlace, Side


def _day(n: int) -> int:
    return Diary().date(n).toordinal()


def test_each_side_has_the_zone_of_the_latest_report_covering_it() -> None:
    diary = Diary().hurts(0, 5, side="left").hurts(1, 2, side="right")
    pain = PainDiary(diary.pain)
    # the right side's green report the next day does not settle the left side
    assert pain.zone_of(_day(1)) == (Zone.green, True)
    assert pain.side_zone(_day(1), Side.left) is Zone.amber
    assert pain.side_zone(_day(1), Side.right) is Zone.green
    assert pain.painful_sides(_day(1)) == {Side.left}
    # a report of both sides covers each one
    pain = PainDiary(diary.hurts(2, 1).pain)
    assert pain.painful_sides(_day(2)) == frozenset()
    assert pain.side_report(_day(2), Side.left) == (_day(2), 1, (PainPlace.unspecified,))


def test_a_report_of_no_side_is_both_sides_as_before() -> None:
    pain = PainDiary(Diary().hurts(0, 4).pain)
    assert pain.painful_sides(_day(0)) == {Side.left, Side.right}
    assert pain.painful_sides(_day(8)) == frozenset()  # carried a week, no longer


def test_knee_pain_has_its_own_zone_and_names_its_place() -> None:
    pain = PainDiary(Diary().hurts(0, 4, side="right", place="knee").hurts(0, 1, side="left").pain)
    assert pain.knee_painful(_day(3))
    assert not pain.knee_painful(_day(8))
    day, score, places = pain.side_report(_day(0), Side.right)
    assert (score, [p.value for p in places]) == (4, ["knee"])


@pytest.fixture(scope="module")
def library():
    return load_library()


def _primer(library, diary: Diary, days: int) -> list[DayPlan]:
    return plan_days(
        library.programs["hip-ir-primer"],
        library.exercises,
        Profile(),
        diary.history(),
        diary.start,
        diary.date(days),
    )


def _stiff_left(days: int) -> Diary:
    """Every primer done, the left hip 14° stiffer on two sitting tests three days apart."""
    diary = Diary().works_out_daily(0, days)
    for day in (0, 3):
        diary.measure(day, 24, 38, position="seated")
    return diary


def _sets(plan: DayPlan, exercise: str) -> dict[str, int]:
    return {e.side: e.sets for e in plan.exercises if e.id == exercise}


def _reps(plan: DayPlan, exercise: str) -> dict[str, int | None]:
    return {e.side: e.reps for e in plan.exercises if e.id == exercise}


def test_the_painful_stiff_side_gets_no_extra_set_and_keeps_its_week(library) -> None:
    plans = _primer(library, _stiff_left(9).hurts_daily(0, 9, 4, side="left"), 9)
    assert _sets(plans[4], "seated-ir-activation") == {"left": 1, "right": 1}
    assert "the left side has pain that is not green" in reasons(plans[4], "R3")
    # week 2 comes for the right side only
    assert "week" in rules_of(plans[7])
    assert _reps(plans[7], "seated-ir-activation") == {"left": 8, "right": 10}


def test_pain_on_the_other_side_does_not_hold_the_stiff_side(library) -> None:
    plans = _primer(library, _stiff_left(9).hurts_daily(0, 9, 4, side="right"), 9)
    assert _sets(plans[4], "seated-ir-activation") == {"left": 2, "right": 1}
    assert _reps(plans[7], "seated-ir-activation") == {"left": 10, "right": 8}
    assert "The left side has no pain that holds it" in reasons(plans[7], "R9")


def test_pain_on_both_sides_holds_both_as_one_report_of_both_did(library) -> None:
    two = _stiff_left(9).hurts_daily(0, 9, 4, side="left").hurts_daily(0, 9, 4, side="right")
    both = _stiff_left(9).hurts_daily(0, 9, 4)
    for plans in (_primer(library, two, 9), _primer(library, both, 9)):
        assert _sets(plans[4], "seated-ir-activation") == {"left": 1, "right": 1}
        assert _reps(plans[7], "seated-ir-activation") == {"left": 8, "right": 8}
        assert "week" not in rules_of(plans[7])


def test_one_sided_red_pain_stops_the_whole_day_and_regresses_both_sides(library) -> None:
    plans = _primer(library, _stiff_left(9).hurts(5, 7, side="left", place="buttock"), 9)
    assert plans[5].stop and plans[5].exercises == ()
    assert "steps down one level" in reasons(plans[5], "R9")
    assert "pain_flare" in plans[5].flags


def test_one_sided_severe_pain_still_asks_the_safety_questions(library) -> None:
    plans = _primer(library, _stiff_left(9).hurts(5, 8, side="right", place="knee"), 9)
    assert plans[6].stop
    assert "R18" in rules_of(plans[6])
    # R18 holds the whole person: R9 words the day for everyone, not for one side
    assert "no dose increase" in reasons(plans[6], "R9")
    assert "has no pain that holds it" not in reasons(plans[6], "R9")


def test_a_settled_side_catches_up_one_week_at_a_time(library) -> None:
    diary = _stiff_left(20).hurts_daily(0, 9, 4, side="left").hurts_daily(10, 20, 1, side="left")
    plans = _primer(library, diary, 20)
    assert _reps(plans[13], "seated-ir-activation") == {"left": 8, "right": 10}
    # the right side is at week 3 (8 reps held 3 s) when the left side takes week 2, not 3
    assert "steps up to week 2" in reasons(plans[16], "R9")
    left = next(
        e for e in plans[16].exercises if e.id == "prone-ir-activation" and e.side == "left"
    )
    right = next(
        e for e in plans[16].exercises if e.id == "prone-ir-activation" and e.side == "right"
    )
    assert (left.reps, left.hold_s, right.reps, right.hold_s) == (10, 2, 8, 3)


def test_hip_pain_only_on_one_side_needs_a_report_and_none_of_the_other() -> None:
    diary = Diary().hurts(0, 2).hurts_daily(1, 20, 2, side="right", place="buttock")
    diary.hurts(5, 4, side="left", place="knee")  # a knee says nothing of which hip hurts
    pain = PainDiary(diary.pain)
    assert not pain.hip_pain_only_on(_day(13), Side.right, 14)  # day 0's report covers the left
    assert pain.hip_pain_only_on(_day(14), Side.right, 14)
    assert not pain.hip_pain_only_on(_day(14), Side.left, 14)
    assert not PainDiary([]).hip_pain_only_on(_day(14), Side.right, 14)  # no report: no say


def test_the_end_range_set_waits_for_reports_that_put_the_hip_pain_elsewhere(library) -> None:
    diary = _stiff_left(20).hurts_daily(0, 3, 2).hurts_daily(4, 20, 2, side="right")
    plans = plan_days(
        library.programs["hip-ir-primer"],
        library.exercises,
        Profile(pain_areas=("glute",)),
        diary.history(),
        diary.start,
        diary.date(20),
    )
    assert "pain at the hip named at the start" in reasons(plans[16], "R3")
    assert "pain at the hip named at the start" not in reasons(plans[17], "R3")


def test_work_with_both_legs_stays_with_the_painful_side_and_one_side_goes_on(library) -> None:
    phase = next(p for p in library.programs["hip-foundations"].phases if p.id == "activation")
    template = next(w for w in phase.workouts if w.id == "activation-b")
    held = build_workout(
        phase, template, library.exercises, Modifiers(week=2, side_weeks=(("left", 1),)), 12
    )
    free = build_workout(phase, template, library.exercises, Modifiers(week=2), 12)
    reps = {(e.id, e.side): e.reps for e in held.exercises}
    assert reps[("glute-bridge", "both")] == 10 and reps[("dead-bug", "both")] == 10
    assert {(e.id, e.side): e.reps for e in free.exercises}[("glute-bridge", "both")] == 12
    assert "(the left side: week 1's; work with both legs at the lowest)" in reasons(held, "R9")
