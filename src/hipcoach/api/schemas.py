"""The JSON shapes of the API: requests are checked strictly (unknown fields are mistakes).

Values are the contract's (`hipcoach.vocabulary`); an exercise done is the engine's
`ExerciseLog`, with the same limits as everywhere else.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ninja import Schema
from pydantic import ConfigDict, Field

from hipcoach.api.strictness import NoCoercion
from hipcoach.exercise_done import LogSchema, exercise_log_schema
from hipcoach.vocabulary import (
    Kind,
    Method,
    PainPlace,
    PainTiming,
    Position,
    RedFlag,
    Side,
    WorkoutStatus,
    one_of,
)

_PAIN_SIDE = (
    "The side that hurts: left, right or both (the default, the whole person). Pain on one side "
    "holds that side's extra load only; pain on both holds both (R9)."
)
_PAIN_PLACE = (
    f"Where it hurts: {one_of(tuple(PainPlace))}. unspecified (the default) is read as the hip; "
    "knee pain also leaves out kneeling while it is not green (R9)."
)


class Strict(Schema, NoCoercion):
    """A request: unknown fields are mistakes, and values keep their JSON kinds (strictness)."""

    model_config = ConfigDict(extra="forbid")


class Error(Schema):
    detail: str | list


class ProfileOut(Schema):
    username: str
    goals: list[str]
    pain_areas: list[str]
    age: int | None
    time_zone: str  # IANA name, "" when not known yet: the zone of the person's "today"
    program: str | None
    program_version: int | None
    start: dt.date | None


if TYPE_CHECKING:
    # Made at run time from the engine's ExerciseLog: the checker sees their common base.
    ExerciseIn = LogSchema
    ExerciseOut = LogSchema
else:
    ExerciseIn = exercise_log_schema("ExerciseIn", Strict)
    ExerciseOut = exercise_log_schema("ExerciseOut", Schema, limits=False)


class WorkoutIn(Strict):
    date: dt.date
    status: WorkoutStatus
    exercises: list[ExerciseIn] = Field(default_factory=list, max_length=100)
    pain_during: int | None = Field(None, ge=0, le=10)
    pain_side: Side = Field(Side.both, description=_PAIN_SIDE)
    pain_place: PainPlace = Field(PainPlace.unspecified, description=_PAIN_PLACE)
    pre_run: bool = False


class WorkoutOut(Schema):
    id: int
    date: dt.date
    status: str
    exercises: list[ExerciseOut] = Field(
        description="Each exercise and side once: the most complete of what was logged."
    )
    records: int = Field(description="How many exercise records the day holds, every run's.")


class ExerciseLogged(Schema):
    """One exercise and side stored, and the day's workout it joined."""

    workout: int
    date: dt.date
    status: str = Field(description="The day's workout status now.")
    exercise: ExerciseOut


class PainIn(Strict):
    date: dt.date
    when: PainTiming
    score: int = Field(ge=0, le=10)
    side: Side = Field(Side.both, description=_PAIN_SIDE)
    place: PainPlace = Field(PainPlace.unspecified, description=_PAIN_PLACE)


class PainOut(Schema):
    id: int
    date: dt.date
    when: str
    score: int
    side: str = Field(description="left, right or both.")
    place: str = Field(description=f"{one_of(tuple(PainPlace))}.")


class MeasurementIn(Strict):
    date: dt.date
    position: Position
    method: Method
    kind: Kind = Kind.ir
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
    change: str = Field(
        description="The latest test against the previous and the best like-for-like test, in "
        "words: 'no detectable change', 'a real loss since your best', or a request to measure "
        "again when a reading is too different to be real."
    )
    gate: list[GateOut]
    pain: list[PainOut]
    workouts_done: int
    workouts_partial: int
    workouts_skipped: int


class ScreenIn(Strict):
    """The safety questions, answered: a `true` to a red flag stops the program (R12); a
    `true` to a sign of a stressed hip (painful_hop, recent_load_increase) stops it only with
    groin or front-of-hip pain in someone who runs or plays sport (R17)."""

    date: dt.date
    answers: dict[str, bool] = Field(
        description=f"Question key → yes? The keys: {one_of(RedFlag)}; an unanswered key "
        "counts as no, an unknown key is an error."
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


class PainAdviceOut(Schema):
    """What the score changes in the plan: that day's pain decisions, in the plan's words."""

    day: dt.date
    screen_first: bool  # answer the safety questions before any more loading (R18)
    decisions: list[DecisionOut]


class PainSaved(PainOut):
    advice: PainAdviceOut


class RemindersOut(Schema):
    on: bool
    hour: int  # 0-23 on the person's own clock (`time_zone`)
    by_push: bool
    by_email: bool
    devices: int  # browsers subscribed to web push (from the account page)
    address: str  # where e-mail reminders go ("" = none)
    time_zone: str  # the zone of the hour ("" = the server's)


class RemindersIn(Strict):
    """What to change; a field left out stays as it is."""

    on: bool | None = None
    hour: int | None = Field(None, ge=0, le=23)
    by_push: bool | None = None
    by_email: bool | None = None
    address: str | None = Field(None, max_length=254)  # the account's e-mail address


class ReminderTestOut(Schema):
    sent: list[str]  # one entry per device ("push") or address ("email") the test reached
