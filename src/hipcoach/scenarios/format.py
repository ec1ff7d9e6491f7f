"""The scenario file format: one virtual person, as pydantic models.

A scenario describes one person: the program, the start date (day 0), the profile and a list
of events by day (red-flag answers, tests, pain, workouts, runs, PSFS scores), plus optional
`expect` lines that tests check against the plans. The format is in `docs/scenarios.md`;
`scenario_json_schema()` gives its JSON Schema (`docs/scenario.schema.json`).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from hipcoach.content.schema import SLUG_PATTERN
from hipcoach.engine.types import GOALS, KINDS, METHODS, PAIN_AREAS, POSITIONS, Flag

MAX_DAY = 3650


def _enum(name: str, values: tuple[str, ...]) -> Any:
    return Enum(name, [(v, v) for v in values], type=str)


Goal = _enum("Goal", GOALS)
PainArea = _enum("PainArea", PAIN_AREAS)
Position = _enum("Position", POSITIONS)
Method = _enum("Method", METHODS)
Kind = _enum("Kind", KINDS)
Side = _enum("Side", ("left", "right", "both"))
Status = _enum("Status", ("done", "skipped", "partial"))

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
    goals: list[Goal] = Field(default_factory=list)  # type: ignore[valid-type]
    pain_areas: list[PainArea] = Field(default_factory=list)  # type: ignore[valid-type]
    age: int | None = Field(None, ge=10, le=110)


class MeasureModel(_Strict):
    """One test: each side's trials (one number or a list), at one position, by one method."""

    position: Position  # type: ignore[valid-type]
    method: Method  # type: ignore[valid-type]
    kind: Kind = Field(Kind("ir"), description="ir (internal rotation, the default) or er.")  # type: ignore[valid-type]
    left: Trials | None = None
    right: Trials | None = None

    @model_validator(mode="after")
    def _has_a_side(self) -> MeasureModel:
        if self.left is None and self.right is None:
            raise ValueError("a measure needs left, right or both")
        return self


class PainModel(_Strict):
    during: Score | None = None
    next_morning: Score | None = None
    rest: Score | None = None

    @model_validator(mode="after")
    def _has_a_score(self) -> PainModel:
        if self.during is None and self.next_morning is None and self.rest is None:
            raise ValueError("pain needs during, next_morning or rest")
        return self


class ExerciseLogModel(_Strict):
    """One exercise of a logged workout, for one side or both."""

    id: str = Field(pattern=SLUG_PATTERN)
    side: Side = Side("both")  # type: ignore[valid-type]
    status: Status = Status("done")  # type: ignore[valid-type]
    sets: int | None = Field(None, ge=0, le=20)
    reps: int | None = Field(None, ge=0, le=200)
    hold_s: int | None = Field(None, ge=0, le=600)
    time_s: int | None = Field(None, ge=0, le=3600)


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
    pain: PainModel | None = None
    workout: Status | None = None  # type: ignore[valid-type]
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
    sets: dict[str, dict[Side, int]] = Field(  # type: ignore[valid-type]
        default_factory=dict, description="Exercise id → side → sets."
    )
    loads: dict[str, str] = Field(default_factory=dict, description="Exercise id → load words.")
    max_minutes: float | None = None
    first_side: Side | None = Field(  # type: ignore[valid-type]
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
