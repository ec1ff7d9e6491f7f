"""The plan cache: reused while nothing changed, never stale once something did."""

from __future__ import annotations

import datetime as dt

import pytest

from cast import START
from hipcoach.engine.types import ExerciseLog as EngineExerciseLog
from hipcoach.tracking import plan_cache
from hipcoach.tracking.measuring import measure
from hipcoach.tracking.models import ExerciseLog, PlanCache, WorkoutLog
from hipcoach.tracking.onboarding import set_up
from hipcoach.tracking.plans import compute_plan, day_plan, day_plan_json
from hipcoach.tracking.safety import record_clearance, record_screen
from hipcoach.tracking.workouts import (
    add_note,
    log_exercise,
    log_workout,
    rate_activities,
    report_pain,
)
from hipcoach.vocabulary import Side, WorkoutStatus

DAY1 = START + dt.timedelta(days=1)
DAY2 = START + dt.timedelta(days=2)


def revision(person) -> int:
    return PlanCache.objects.get(person=person).revision


def test_a_cached_plan_is_the_fresh_plan(alice) -> None:
    fresh = compute_plan(alice, on=DAY1)
    assert day_plan(alice, on=DAY1) == fresh  # computed and kept
    assert PlanCache.objects.get(person=alice).plans  # ... in the cache
    assert day_plan(alice, on=DAY1) == fresh  # read back from it
    assert plan_cache.plan_from_json(fresh.to_json()) == fresh


def test_the_contract_json_read_as_stored_is_the_fresh_plans(alice) -> None:
    """The API answers a kept plan's JSON as stored, without making the plan again: it must be
    exactly what the plan says (the same as `to_json` of the fresh plan), on a miss and a hit."""
    fresh = compute_plan(alice, on=DAY1, pre_run=True).to_json()
    assert day_plan_json(alice, on=DAY1, pre_run=True) == fresh  # computed and kept
    assert PlanCache.objects.get(person=alice).plans
    assert day_plan_json(alice, on=DAY1, pre_run=True) == fresh  # read back as stored
    assert "said" not in fresh and fresh["decisions"]


def test_the_pre_run_switch_and_the_date_have_their_own_plans(alice) -> None:
    plain, pre_run = day_plan(alice, on=DAY1), day_plan(alice, on=DAY1, pre_run=True)
    assert pre_run == compute_plan(alice, on=DAY1, pre_run=True) != plain
    assert day_plan(alice, on=DAY2) == compute_plan(alice, on=DAY2)
    assert len(PlanCache.objects.get(person=alice).plans) == 3


WRITES = {
    "workout": lambda p: log_workout(p, on=START, status="partial", today=DAY1),
    "exercise": lambda p: log_exercise(
        p, on=DAY1, done=EngineExerciseLog("seated-ir-activation", Side.left, WorkoutStatus.done, sets=2),
        today=DAY1,
    ),
    "pain": lambda p: report_pain(p, on=DAY1, when="rest", score=6, today=DAY1),
    "measurement": lambda p: measure(
        p, on=DAY1, today=DAY1, position="prone", method="inclinometer",
        left=(30, 31, 30), right=(36, 35, 36),
    ),
    "activities": lambda p: rate_activities(p, on=DAY1, ratings=[("run 5 km", 4)], today=DAY1),
    "screen": lambda p: record_screen(p, answers={"constant_or_night_pain": True}, on=DAY1, today=DAY1),
    "note": lambda p: add_note(p, on=DAY1, text="stiff after the long drive", today=DAY1),
    "set-up again": lambda p: set_up(
        p, program_id="hip-foundations", goals=["sport"], pain_areas=["glute"], age=40,
        answers={}, baseline=None, start=START, today=DAY1, restart=True,
    ),
}  # fmt: skip


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_kind_of_write_moves_the_revision_and_nothing_stale_is_served(alice, write) -> None:
    before = day_plan(alice, on=DAY1)
    at = revision(alice)
    write(alice)
    assert revision(alice) > at
    assert PlanCache.objects.get(person=alice).plans == {}
    try:
        fresh = compute_plan(alice, on=DAY1)
    except Exception as stopped:  # a red flag ends the enrollment: the same answer both ways
        with pytest.raises(type(stopped)):
            day_plan(alice, on=DAY1)
        return
    assert day_plan(alice, on=DAY1) == fresh
    if write in (WRITES["pain"], WRITES["set-up again"], WRITES["screen"]):
        assert fresh != before


def test_a_clearance_moves_the_revision(alice) -> None:
    record_screen(alice, answers={"constant_or_night_pain": True}, on=DAY1, today=DAY1)
    day_plan(alice, on=DAY1)
    at = revision(alice)
    record_clearance(alice, on=DAY1, today=DAY1)
    assert revision(alice) > at
    assert day_plan(alice, on=DAY1) == compute_plan(alice, on=DAY1)


def test_a_status_changed_in_place_and_a_deletion_move_the_revision(alice) -> None:
    WRITES["exercise"](alice)
    day_plan(alice, on=DAY2)
    at = revision(alice)
    row = ExerciseLog.objects.get(workout__person=alice)
    row.status = "skipped"
    row.save()  # an exercise log reaches its person through its workout
    assert revision(alice) == at + 1
    WorkoutLog.objects.filter(person=alice).delete()  # and its exercise logs with it
    assert revision(alice) > at + 1
    assert day_plan(alice, on=DAY2) == compute_plan(alice, on=DAY2)


def test_a_workout_status_changed_in_place_moves_the_revision(alice) -> None:
    log_workout(alice, on=START, status="partial", today=DAY1)
    day_plan(alice, on=DAY1)  # kept at this revision
    at = revision(alice)
    log_workout(alice, on=START, status="done", today=DAY1)  # the same row, a new status
    assert revision(alice) == at + 1
    assert day_plan(alice, on=DAY1) == compute_plan(alice, on=DAY1)


def test_another_persons_records_leave_the_revision_alone(alice, bob) -> None:
    day_plan(alice, on=DAY1)
    at = revision(alice)
    report_pain(bob, on=DAY1, when="rest", score=6, today=DAY1)
    assert revision(alice) == at


def test_a_plan_computed_before_a_write_is_not_kept(alice) -> None:
    found = plan_cache.lookup(alice.pk, DAY1, False)
    stale = compute_plan(alice, on=DAY1)
    report_pain(alice, on=DAY1, when="rest", score=6, today=DAY1)  # meanwhile, a new record
    plan_cache.keep(found, stale)
    assert PlanCache.objects.get(person=alice).plans == {}
    assert day_plan(alice, on=DAY1) != stale


def test_changed_content_or_code_is_a_new_slot(alice, monkeypatch) -> None:
    day_plan(alice, on=DAY1)
    monkeypatch.setattr(plan_cache, "code_version", lambda: "another-version")
    assert plan_cache.lookup(alice.pk, DAY1, False).plan is None


def test_every_record_model_belongs_to_a_person_and_is_watched() -> None:
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    from hipcoach.tracking.models import NOT_RECORDS

    for model in apps.get_app_config("tracking").get_models():
        if model in NOT_RECORDS:
            continue
        assert plan_cache.owner_path(model) is not None, model
        assert post_save.has_listeners(model) and post_delete.has_listeners(model), model
    assert plan_cache.owner_path(ExerciseLog) == ("workout", "person")


def test_a_stored_plan_reads_back_whole_without_the_planners_classes(alice, tmp_path) -> None:
    """The warm `hipcoach today` reads its plan's reasons back with the words' classes only:
    neither the planner's checkpoint classes nor the content schema (pydantic) are imported."""
    import json
    import os
    import subprocess
    import sys

    measure(
        alice, on=DAY1, today=DAY1, position="prone", method="inclinometer",
        left=(30, 31, 30), right=(36, 35, 36),
    )  # fmt: skip
    plan = compute_plan(alice, on=DAY1)
    assert any(d.rule == "R1" for d in plan.decisions)  # a test's reason, made when read
    stored = tmp_path / "plan.json"
    stored.write_text(json.dumps(plan_cache.plan_to_json(plan)))
    check = (
        "import json, sys\n"
        "from hipcoach.tracking.plan_cache import plan_from_json\n"
        f"plan = plan_from_json(json.loads(open({str(stored)!r}).read()))\n"
        "print(json.dumps([[d.reason, d.said is not None] for d in plan.decisions]))\n"
        "print(' '.join(m for m in ('hipcoach.engine.checkpoint', 'pydantic') if m in sys.modules))"
    )
    env = os.environ | {"HIPCOACH_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", check], env=env, capture_output=True, text=True, check=True
    )
    reasons, heavy = (done.stdout.split("\n") + [""])[:2]
    assert json.loads(reasons) == [[d.reason, d.said is not None] for d in plan.decisions]
    assert heavy.strip() == ""
    back = plan_cache.plan_from_json(plan_cache.plan_to_json(plan))
    assert back == plan and [d.said for d in back.decisions] == [d.said for d in plan.decisions]
