"""The scenario file format: one virtual person, as pydantic models.

A scenario describes one person: the program, the start date (day 0), the profile and a list
of events by day (red-flag answers, tests, pain, workouts, runs, PSFS scores), plus optional
`expect` lines that tests check against the plans. The format is in `docs/scenarios.md`;
`scenario_json_schema()` gives its JSON Schema (`docs/scenario.schema.json`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from hipcoach.content.schema import SLUG_PATTERN
from hipcoach.exercise_done import LogSchema, exercise_log_schema
from hipcoach.vocabulary import (
    Flag,
    Goal,
    Kind,
    Method,
    PainArea,
    PainPlace,
    Position,
    Side,
)
from hipcoach.vocabulary import WorkoutStatus as Status

MAX_DAY = 3650


Degrees = Annotated[float, Field(ge=-30, le=120, description="Degrees of rotation.")]


def _listed(value: Any) -> Any:
    """One item where a list is expected becomes a list of one (so errors name one shape)."""
    return value if isinstance(value, list) or value is None else [value]


Trials = Annotated[
    list[Degrees],
    Field(min_length=1, max_length=10, description="One number, or a list of trials."),
    BeforeValidator(_listed, json_schema_input_type=Degrees | list[Degrees]),
]
Day = Annotated[int, Field(ge=0, le=MAX_DAY, description="Days since the start (day 0).")]
Score = Annotated[int, Field(ge=0, le=10, description="Pain, 0 (none) to 10 (worst imaginable).")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProfileModel(_Strict):
    goals: list[Goal] = Field(default_factory=list)
    pain_areas: list[PainArea] = Field(default_factory=list)
    age: int | None = Field(None, ge=10, le=110)


class MeasureModel(_Strict):
    """One test: each side's trials (one number or a list), at one position, by one method."""

    position: Position
    method: Method
    kind: Kind = Field(Kind.ir, description="ir (internal rotation, the default) or er.")
    left: Trials | None = None
    right: Trials | None = None

    @model_validator(mode="after")
    def _has_a_side(self) -> MeasureModel:
        if self.left is None and self.right is None:
            raise ValueError("a measure needs left, right or both")
        return self


class PainModel(_Strict):
    """Pain at one or more moments of the day, on one side or both, in one place."""

    during: Score | None = None
    next_morning: Score | None = None
    rest: Score | None = None
    side: Side = Field(Side.both, description="left, right or both (the default).")
    place: PainPlace = Field(
        PainPlace.unspecified, description="Where it hurts (unspecified: read as the hip)."
    )

    @model_validator(mode="after")
    def _has_a_score(self) -> PainModel:
        if self.during is None and self.next_morning is None and self.rest is None:
            raise ValueError("pain needs during, next_morning or rest")
        return self


if TYPE_CHECKING:
    # Made at run time from the engine's ExerciseLog: the checker sees its base.
    ExerciseLogModel = LogSchema
else:
    ExerciseLogModel = exercise_log_schema(
        "ExerciseLogModel",
        _Strict,
        doc="One exercise of a logged workout, for one side or both.",
        id_field="id",
        defaults={"side": Side.both, "status": Status.done},
    )


class _Repeating(_Strict):
    day: Day
    until: Day | None = Field(None, description="Repeat the entry up to this day (inclusive).")
    every: int = Field(1, ge=1, le=365, description="With until: repeat every this many days.")

    @model_validator(mode="after")
    def _until_after_day(self) -> _Repeating:
        if self.until is not None and self.until < self.day:
            raise ValueError("until must not be before day")
        return self

    def days(self) -> range:
        return range(self.day, (self.until if self.until is not None else self.day) + 1, self.every)


class EventModel(_Repeating):
    """What happened on a day (or, with until, on every `every`-th day up to until)."""

    red_flags: dict[str, bool] | None = Field(
        None, description="Red-flag screen answers; any true stops the program."
    )
    measure: Annotated[
        list[MeasureModel] | None,
        BeforeValidator(_listed, json_schema_input_type=MeasureModel | list[MeasureModel] | None),
    ] = Field(None, description="One test, or a list of tests.")
    pain: Annotated[
        list[PainModel] | None,
        BeforeValidator(_listed, json_schema_input_type=PainModel | list[PainModel] | None),
    ] = Field(None, description="Pain reports: one, or a list (e.g. one per side).")
    workout: Status | None = None
    exercises: list[ExerciseLogModel] = Field(
        default_factory=list, description="Per-exercise logs of the day's workout."
    )
    running: bool | None = Field(None, description="A run follows the day's workout.")
    cleared: bool | None = Field(
        None,
        description="A clinician saw the person and cleared them to exercise: ends the stop of "
        "earlier red flags (R12).",
    )
    psfs: float | None = Field(None, ge=0, le=10, description="The PSFS-style activity score.")
    note: str | None = None

    @model_validator(mode="after")
    def _exercises_need_workout(self) -> EventModel:
        if self.exercises and self.workout is None:
            raise ValueError("exercise logs need a workout status (done, partial or skipped)")
        return self


class DoseExpectModel(_Strict):
    """The dose an exercise must be given: only the fields set are checked."""

    reps: int | None = None
    hold_s: int | None = None
    time_s: int | None = None


class ExpectModel(_Repeating):
    """What the plan of a day (or of each day up to until) must show."""

    phase: str | None = None
    workout: str | None = None
    stop: bool | None = None
    flags: list[Flag] = Field(default_factory=list, description="Flags that must be present.")
    no_flags: list[Flag] = Field(default_factory=list, description="Flags that must be absent.")
    exercises: list[str] = Field(default_factory=list, description="Exercise ids that must appear.")
    no_exercises: list[str] = Field(default_factory=list, description="Exercise ids that must not.")
    rules: list[str] = Field(default_factory=list, description="Rule ids with a decision.")
    no_rules: list[str] = Field(default_factory=list, description="Rule ids without one.")
    says: list[str] = Field(
        default_factory=list, description="Words that must appear in a decision's reason."
    )
    no_says: list[str] = Field(
        default_factory=list, description="Words that must appear in no decision's reason."
    )
    sets: dict[str, dict[Side, int]] = Field(
        default_factory=dict, description="Exercise id → side → sets."
    )
    loads: dict[str, str] = Field(default_factory=dict, description="Exercise id → load words.")
    doses: dict[str, DoseExpectModel] = Field(
        default_factory=dict,
        description="Exercise id → the reps, hold_s or time_s every entry of it must give.",
    )
    side_doses: dict[str, dict[Side, DoseExpectModel]] = Field(
        default_factory=dict,
        description="Exercise id → side → the reps, hold_s or time_s that side's entry must give.",
    )
    after_run: list[str] = Field(
        default_factory=list, description="Exercise ids listed after the run (R8), every entry."
    )
    max_minutes: float | None = None
    first_side: Side | None = Field(
        None, description="The side listed first for every per-side exercise."
    )


class Scenario(_Strict):
    """A virtual person for `hipcoach simulate`."""

    name: str | None = None
    description: str | None = None
    program: str = Field(pattern=SLUG_PATTERN)
    start: dt.date = Field(description="The enrollment start: day 0.")
    profile: ProfileModel = Field(default_factory=ProfileModel)
    events: list[EventModel] = Field(default_factory=list)
    expect: list[ExpectModel] = Field(default_factory=list)


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema of the scenario format."""
    return Scenario.model_json_schema() | {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "hipcoach scenario",
    }
