"""One "exercise done" shape: the engine's `ExerciseLog`, from which the API's and the scenario
file's schemas are derived, which the services store and the database row gives back."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from pydantic import ValidationError

from cast import START
from hipcoach.api.schemas import ExerciseIn, ExerciseOut
from hipcoach.engine.types import DONE_LIMITS, ExerciseLog
from hipcoach.scenarios.format import ExerciseLogModel
from hipcoach.tracking import models
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.workouts import log_exercise
from hipcoach.vocabulary import Side, WorkoutStatus

DAY1 = START + dt.timedelta(days=1)
FIELDS = [f.name for f in dataclasses.fields(ExerciseLog)]


def test_the_schemas_have_the_engine_fields() -> None:
    assert list(ExerciseIn.model_fields) == FIELDS
    assert list(ExerciseOut.model_fields) == FIELDS
    assert list(ExerciseLogModel.model_fields) == ["id", *FIELDS[1:]]  # the file says `id`
    row_fields = {f.name for f in models.ExerciseLog._meta.get_fields()}
    assert set(FIELDS) <= row_fields


@pytest.mark.parametrize("field", sorted(DONE_LIMITS))
def test_api_and_scenario_check_the_same_limits(field: str) -> None:
    most = DONE_LIMITS[field]
    ok = ExerciseIn(exercise="a-b", side="left", status="done", **{field: most})
    assert getattr(ok.to_log(), field) == most
    assert getattr(ExerciseLogModel(id="a-b", **{field: most}).to_log(), field) == most
    with pytest.raises(ValidationError):
        ExerciseIn(exercise="a-b", side="left", status="done", **{field: most + 1})
    with pytest.raises(ValidationError):
        ExerciseLogModel(id="a-b", **{field: most + 1})


def test_the_schemas_give_the_engine_shape() -> None:
    api = ExerciseIn(exercise="a-b", side="right", status="partial", sets=1, reps=8)
    assert api.to_log() == ExerciseLog("a-b", Side.right, WorkoutStatus.partial, 1, 8)
    scenario = ExerciseLogModel(id="a-b")  # the file's defaults: both sides, done
    assert scenario.to_log() == ExerciseLog("a-b", Side.both, WorkoutStatus.done)
    with pytest.raises(ValidationError):
        ExerciseIn(exercise="a-b", side="middle", status="done")


def test_the_service_stores_it_and_the_row_gives_it_back(alice) -> None:
    done = ExerciseLog("prone-ir-activation", Side.left, WorkoutStatus.done, 2, 10, 1)
    row, _ = log_exercise(alice, on=DAY1, done=done, today=DAY1)
    assert row.as_done() == done


def test_the_service_refuses_a_dose_beyond_the_limits(alice) -> None:
    done = ExerciseLog("prone-ir-activation", Side.left, WorkoutStatus.done, sets=99)
    with pytest.raises(InputError, match="sets of 'prone-ir-activation' .* 0 to 20, not 99"):
        log_exercise(alice, on=DAY1, done=done, today=DAY1)
    assert not models.ExerciseLog.objects.exists()
