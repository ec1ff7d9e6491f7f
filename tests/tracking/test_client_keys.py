"""A record sent twice with the same client key (a phone's offline queue) is stored once."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from cast import START
from hipcoach.engine.types import ExerciseLog as EngineExerciseLog
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.models import ExerciseLog, PainReport, WorkoutLog
from hipcoach.tracking.services import log_exercise, log_workout, report_pain
from hipcoach.vocabulary import Side, WorkoutStatus

DAY1 = START + dt.timedelta(days=1)


def test_a_pain_report_sent_twice_is_stored_once(alice) -> None:
    key = uuid.uuid4()
    first = report_pain(alice, on=DAY1, when="during", score=3, today=DAY1, client_key=key)
    again = report_pain(alice, on=DAY1, when="during", score=3, today=DAY1, client_key=str(key))
    assert first.pk == again.pk and PainReport.objects.count() == 1


def test_a_workout_sent_twice_is_stored_once(alice) -> None:
    key = uuid.uuid4()
    log_workout(alice, on=DAY1, status="done", today=DAY1, client_key=key)
    _, created = log_workout(alice, on=DAY1, status="done", today=DAY1, client_key=key)
    assert not created and WorkoutLog.objects.get().client_key == key


def test_an_exercise_sent_twice_is_stored_once(alice) -> None:
    key = uuid.uuid4()
    for _ in range(2):
        log_exercise(
            alice,
            on=DAY1,
            done=EngineExerciseLog("prone-ir-activation", Side.left, WorkoutStatus.done),
            today=DAY1,
            client_key=key,
        )
    assert ExerciseLog.objects.count() == 1
    assert WorkoutLog.objects.get().status == "partial"  # the day's workout, until finished


def test_someone_elses_key_is_refused(alice, bob) -> None:
    key = uuid.uuid4()
    report_pain(alice, on=DAY1, when="rest", score=1, today=DAY1, client_key=key)
    with pytest.raises(InputError, match="someone else"):
        report_pain(bob, on=DAY1, when="rest", score=1, today=DAY1, client_key=key)


def test_a_key_must_be_a_uuid(alice) -> None:
    with pytest.raises(InputError, match="not a UUID"):
        report_pain(alice, on=DAY1, when="rest", score=1, today=DAY1, client_key="abc")


def test_logging_a_day_again_changes_its_status(alice) -> None:
    log_workout(alice, on=DAY1, status="partial", today=DAY1)
    row, created = log_workout(alice, on=DAY1, status="done", today=DAY1)
    assert not created and row.status == "done" and WorkoutLog.objects.count() == 1
