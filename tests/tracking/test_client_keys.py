"""A record sent twice with the same client key (a phone's offline queue) is stored once; two
people's keys never meet."""

from __future__ import annotations

import datetime as dt

import pytest

from cast import START
from hipcoach.engine.types import ExerciseLog as EngineExerciseLog
from hipcoach.tracking.models import ExerciseLog, PainReport, WorkoutLog
from hipcoach.tracking.records import stored_key
from hipcoach.tracking.workouts import log_exercise, log_workout, report_pain
from hipcoach.vocabulary import Side, WorkoutStatus

DAY1 = START + dt.timedelta(days=1)


def test_a_pain_report_sent_twice_is_stored_once(alice) -> None:
    key = "queue-entry-1"
    first = report_pain(alice, on=DAY1, when="during", score=3, today=DAY1, key=key)
    again = report_pain(alice, on=DAY1, when="during", score=3, today=DAY1, key=key)
    assert first.pk == again.pk and PainReport.objects.count() == 1


def test_a_workout_sent_twice_is_stored_once(alice) -> None:
    key = "queue-entry-2"
    log_workout(alice, on=DAY1, status="done", today=DAY1, key=key)
    _, created = log_workout(alice, on=DAY1, status="done", today=DAY1, key=key)
    assert not created and WorkoutLog.objects.get().client_key == stored_key(alice, key)


def test_an_exercise_sent_twice_is_stored_once(alice) -> None:
    key = "queue-entry-3"
    for _ in range(2):
        log_exercise(
            alice,
            on=DAY1,
            done=EngineExerciseLog("prone-ir-activation", Side.left, WorkoutStatus.done),
            today=DAY1,
            key=key,
        )
    assert ExerciseLog.objects.count() == 1
    assert WorkoutLog.objects.get().status == "partial"  # the day's workout, until finished


def test_two_people_with_the_same_key_each_keep_their_own_record(alice, bob) -> None:
    report_pain(alice, on=DAY1, when="rest", score=1, today=DAY1, key="same")
    report_pain(bob, on=DAY1, when="rest", score=4, today=DAY1, key="same")
    assert sorted(PainReport.objects.values_list("person__username", "score")) == [
        ("alice", 1),
        ("bob", 4),
    ]


def test_logging_a_day_again_changes_its_status(alice) -> None:
    log_workout(alice, on=DAY1, status="partial", today=DAY1)
    row, created = log_workout(alice, on=DAY1, status="done", today=DAY1)
    assert not created and row.status == "done" and WorkoutLog.objects.count() == 1


def test_a_key_sent_again_with_a_different_pain_score_is_refused(alice) -> None:
    from hipcoach.tracking.inputs import KeyReused

    report_pain(alice, on=DAY1, when="during", score=3, today=DAY1, key="k")
    with pytest.raises(KeyReused, match="already used for a different pain report"):
        report_pain(alice, on=DAY1, when="during", score=8, today=DAY1, key="k")
    assert list(PainReport.objects.values_list("score", flat=True)) == [3]


def test_a_key_sent_again_with_a_different_exercise_record_is_refused(alice) -> None:
    from hipcoach.tracking.inputs import KeyReused

    done = EngineExerciseLog("prone-ir-activation", Side.left, WorkoutStatus.done)
    log_exercise(alice, on=DAY1, done=done, today=DAY1, key="e")
    other = EngineExerciseLog("prone-ir-activation", Side.right, WorkoutStatus.done)
    with pytest.raises(KeyReused):
        log_exercise(alice, on=DAY1, done=other, today=DAY1, key="e")
    assert ExerciseLog.objects.count() == 1


def test_a_second_run_skipped_through_records_no_skips_over_done_work(alice) -> None:
    """Start again on a done day, then skip through: the day's record stays what was done."""
    for side in (Side.left, Side.right):
        done = EngineExerciseLog("prone-ir-activation", side, WorkoutStatus.done)
        log_exercise(alice, on=DAY1, done=done, today=DAY1, key=f"first-{side}")
    for side in (Side.left, Side.right):
        skipped = EngineExerciseLog("prone-ir-activation", side, WorkoutStatus.skipped)
        row, created = log_exercise(alice, on=DAY1, done=skipped, today=DAY1, key=f"again-{side}")
        assert not created and row.status == "done"
    assert sorted(ExerciseLog.objects.values_list("side", "status")) == [
        ("left", "done"),
        ("right", "done"),
    ]
    again = EngineExerciseLog("prone-ir-activation", Side.left, WorkoutStatus.done)
    assert log_exercise(alice, on=DAY1, done=again, today=DAY1, key="third")[1]  # real work: kept
