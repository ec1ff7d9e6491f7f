"""The JSON shapes of the API: requests are checked strictly (unknown fields are mistakes)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

Side = Literal["left", "right", "both"]
Status = Literal["done", "skipped", "partial"]
When = Literal["during", "next_morning", "rest"]
Position = Literal["prone", "seated", "supine"]
Method = Literal["goniometer", "inclinometer", "phone", "camera", "estimate"]
Slug = Field(min_length=1, max_length=80, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
Count = Field(None, ge=0, le=1000)
Degrees = Field(ge=0, le=90)


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class Error(Schema):
    detail: str | list


class ProfileOut(Schema):
    username: str
    goals: list[str]
    pain_areas: list[str]
    age: int | None
    program: str | None
    program_version: int | None
    start: dt.date | None


class ExerciseIn(Strict):
    exercise: str = Slug
    side: Side
    status: Status
    sets: int | None = Count
    reps: int | None = Count
    hold_s: int | None = Count
    time_s: int | None = Count


class WorkoutIn(Strict):
    date: dt.date
    status: Status
    exercises: list[ExerciseIn] = Field(default_factory=list, max_length=100)
    pain_during: int | None = Field(None, ge=0, le=10)
    pre_run: bool = False


class ExerciseOut(Schema):
    exercise: str
    side: str
    status: str
    sets: int | None
    reps: int | None
    hold_s: int | None
    time_s: int | None


class WorkoutOut(Schema):
    id: int
    date: dt.date
    status: str
    exercises: list[ExerciseOut]


class PainIn(Strict):
    date: dt.date
    when: When
    score: int = Field(ge=0, le=10)


class PainOut(Schema):
    id: int
    date: dt.date
    when: str
    score: int


class MeasurementIn(Strict):
    date: dt.date
    position: Position
    method: Method
    kind: Literal["ir", "er"] = "ir"
    left: list[float] = Field(default_factory=list, max_length=5)
    right: list[float] = Field(default_factory=list, max_length=5)


class MeasurementOut(Schema):
    id: int
    date: dt.date
    side: str
    position: str
    method: str
    kind: str
    trials: list[float]
    mean: float


class TestOut(Schema):
    date: dt.date
    position: str
    method: str
    left: float | None
    right: float | None


class GateOut(Schema):
    name: str
    met: bool
    value: float | None
    target: str | None


class ProgressOut(Schema):
    ir_tests: list[TestOut]
    measurement_error_deg: float | None
    target_deg: float | None
    asymmetry: str
    gate: list[GateOut]
    pain: list[PainOut]
    workouts_done: int
    workouts_partial: int
    workouts_skipped: int


class ScreenIn(Strict):
    """The red-flag questions, answered; any `true` stops the program (R12)."""

    date: dt.date
    answers: dict[str, bool] = Field(
        description="Question key → yes? Keys as in product.md; an unanswered key counts as no."
    )


class DecisionOut(Schema):
    rule: str
    reason: str
    evidence: str


class ScreenOut(Schema):
    date: dt.date
    positive: bool
    decisions: list[DecisionOut]


class ClearanceIn(Strict):
    """A clinician saw the person and cleared them to exercise after a red flag (R12)."""

    date: dt.date
    note: str = Field("", max_length=500)


class ClearanceOut(Schema):
    date: dt.date
    note: str
