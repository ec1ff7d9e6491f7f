"""The backup format, declared once: a model per kind of record.

A backup is a header and the person's records:

    {"format": "hipcoach-backup", "version": 1, "taken": "<ISO time>", "data": {...}}

and its `data` (`Records`) is the JSON export. Each kind of record is a model here whose fields
are the fields of the file, in the file's order, each with its check (`record_fields`). The
declaration is the one source of the format:

- the export, the backup and the CSV table are the person's rows written through these models
  (`exchange`; each record gives its own rows of the table, `Record.table_rows`);
- a backup is read back through them (`read_backup`): every value checked as every other door
  checks it, unknown fields refused, then what no single record shows (`Records`), and the
  first mistake told in words naming the record (its kind and number, from 1) and the field;
- a restore stores `Record.row()` in `Record.table` and compares the records here with the
  backup's on `Record.compared()` (`restoring`).

Who the records belong to is never read from the file.
"""

from __future__ import annotations

import datetime as dt
import typing
import uuid
from typing import Annotated, Any, ClassVar, Self

from django.db.models import Model
from django.utils import timezone
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from hipcoach.engine.types import ExerciseLog as ExerciseDone
from hipcoach.tracking import inputs, models
from hipcoach.tracking.days import check_zone
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.record_fields import (
    IGNORED,
    ClientKey,
    Day,
    Moment,
    Number,
    OptionalDay,
    OptionalMoment,
    Window,
    names,
    one_of,
    shown,
    text,
    whole,
    whole_number,
)
from hipcoach.vocabulary import (
    MEASURED_SIDES,
    Goal,
    Kind,
    Method,
    PainArea,
    PainPlace,
    PainTiming,
    Position,
    RedFlag,
    Side,
    WorkoutStatus,
    values,
)

BACKUP_FORMAT = "hipcoach-backup"
BACKUP_VERSION = 1
"""The version written. Version 1 is the only one there has been; files written before a kind
of record or a field existed (clearances, a profile's time zone, a measurement's kind) read as
they did, the missing ones empty or their default."""

MAX_RECORDS = 100_000  # of each kind, exercises too
MAX_EXERCISES_PER_WORKOUT = 100  # as the API's workout body


def _new_key() -> Any:
    return Field(default_factory=uuid.uuid4)


def _written_now() -> Any:
    return Field(default_factory=timezone.now)


class Record(BaseModel):
    """One record of a kind: its fields as the file holds them (no person, no row id)."""

    model_config = ConfigDict(extra="forbid")

    label: ClassVar[str]
    """The kind in words, for messages and the CSV ("pain report")."""
    table: ClassVar[type[Model]]
    """The table its rows are stored in."""
    not_compared: ClassVar[frozenset[str]] = frozenset({"client_key"})
    """Fields that do not make two records different: a record keeps its content when it gets
    a new key, and values worked out from the others are worked out again."""
    nested: ClassVar[dict[str, type[Record]]] = {}
    """Fields holding records of another kind, stored in their own table."""

    @classmethod
    def stored(cls) -> tuple[str, ...]:
        """The fields stored in `table`'s columns of the same names."""
        return tuple(f for f in cls.model_fields if f not in cls.nested)

    @classmethod
    def compared(cls) -> tuple[str, ...]:
        """The fields that make two records the same record (restore's "would it be lost?")."""
        return tuple(f for f in cls.stored() if f not in cls.not_compared)

    @classmethod
    def written(cls, values: dict[str, Any]) -> Record:
        """A stored row as a record, unchecked (the export: what is stored was checked)."""
        return cls.model_construct(**values)

    def row(self) -> dict[str, Any]:
        """The values to store, by column."""
        return {f: getattr(self, f) for f in self.stored()}

    def table_rows(self) -> list[tuple[Any, ...]]:
        """The record's rows in the CSV table (`exchange.CSV_COLUMNS`)."""
        raise NotImplementedError


def _one_to_80(value: str) -> str:
    if not 1 <= len(value) <= 80:
        raise InputError(f"'{value}' is not a program id")
    return value


class Enrollment(Record):
    """A person on a program version from a start date; every earlier one has ended."""

    label = "enrollment"
    table = models.Enrollment

    program: Annotated[str, text(_one_to_80)]
    version: Annotated[int, whole(1, 1_000_000)]
    start: Day
    ended: OptionalDay = None
    created: Moment = _written_now()

    def table_rows(self) -> list[tuple[Any, ...]]:
        return [
            (self.start, "enrollment", self.program, "", self.version, "version", self.ended or "")
        ]


def _exercise_id(value: str) -> str:
    from hipcoach.tracking.programs import library

    exercises = library().exercises
    if value not in exercises:
        raise InputError(f"unknown exercise '{value}'{inputs.did_you_mean(value, exercises)}")
    return value


Dose = Annotated[int | None, IGNORED]  # checked with the exercise: `_within_limits`


class Exercise(Record):
    """One exercise and side of a workout, with the dose done."""

    label = "exercise"
    table = models.ExerciseLog

    exercise: Annotated[str, text(_exercise_id)]
    side: Annotated[str, one_of(values(Side), "side")]
    status: Annotated[str, one_of(values(WorkoutStatus), "status")]
    sets: Dose = None
    reps: Dose = None
    hold_s: Dose = None
    time_s: Dose = None
    client_key: ClientKey = _new_key()
    created: Moment = _written_now()

    @model_validator(mode="after")
    def _within_limits(self) -> Self:
        """Each dose within what a person can do (`DONE_LIMITS`), as the players check it."""
        doses = (self.sets, self.reps, self.hold_s, self.time_s)
        inputs.done_dose(
            ExerciseDone(self.exercise, Side(self.side), WorkoutStatus(self.status), *doses)
        )
        return self

    def dose(self) -> str:
        shown_dose = ((k, getattr(self, k)) for k in ("sets", "reps", "hold_s", "time_s"))
        return ", ".join(f"{k} {v}" for k, v in shown_dose if v is not None)


def _list_of(what: str, most: int, holds: str) -> BeforeValidator:
    """A list of at most `most` records, refused before any is read when longer."""

    def check(value: Any) -> Any:
        if not isinstance(value, list):
            raise InputError(f"must be a list of {what}, not {shown(value)}")
        if len(value) > most:
            raise InputError(f"{len(value):,} {what}, more than the {most:,} {holds}")
        return value

    return BeforeValidator(check)


class Workout(Record):
    """One day's workout as done, with each exercise and side."""

    label = "workout"
    table = models.WorkoutLog
    nested = {"exercises": Exercise}

    date: Day
    status: Annotated[str, one_of(values(WorkoutStatus), "status")]
    client_key: ClientKey = _new_key()
    created: Moment = _written_now()
    updated: Moment = _written_now()
    exercises: Annotated[
        list[Exercise], _list_of("exercises", MAX_EXERCISES_PER_WORKOUT, "a workout holds")
    ] = Field(default_factory=list)

    def table_rows(self) -> list[tuple[Any, ...]]:
        return [(self.date, "workout", "", "", self.status, "", "")] + [
            (self.date, "exercise", e.exercise, e.side, e.status, "", e.dose())
            for e in self.exercises
        ]


def _pain_score(value: Any, info: ValidationInfo) -> int:
    return inputs.pain_score(value, info.data.get("when", ""))


class Pain(Record):
    """Pain 0–10 at one moment of a day, on one side or both, and where. A backup written
    before sides and places were asked has neither: its reports read as both sides and an
    unsaid place, the whole person, as they were then."""

    label = "pain report"
    table = models.PainReport

    date: Day
    when: Annotated[str, one_of(values(PainTiming), "pain moment")]
    score: Annotated[int, PlainValidator(_pain_score)]  # checked with its moment
    side: Annotated[str, one_of(values(Side), "pain side")] = Side.both.value
    place: Annotated[str, one_of(values(PainPlace), "pain place")] = PainPlace.unspecified.value
    client_key: ClientKey = _new_key()
    created: Moment = _written_now()

    def table_rows(self) -> list[tuple[Any, ...]]:
        return [(self.date, "pain", self.when, self.side, self.score, "0-10", self.place)]


def _trials(value: Any, info: ValidationInfo) -> list[float]:
    if not isinstance(value, list) or not value:
        raise InputError(f"must be a list of one to {inputs.TRIALS_MAX} angles in degrees")
    return list(inputs.trials(value, info.data.get("side", "tested")))


class Measurement(Record):
    """One test of one side: the trials in degrees, and their mean (worked out again)."""

    label = "measurement"
    table = models.Measurement
    not_compared = frozenset({"client_key", "mean"})

    date: Day
    side: Annotated[str, one_of(values(MEASURED_SIDES), "side")]
    position: Annotated[str, one_of(values(Position), "position")]
    method: Annotated[str, one_of(values(Method), "method")]
    kind: Annotated[str, one_of(values(Kind), "kind")] = Kind.ir.value
    trials: Annotated[list[float], PlainValidator(_trials)]
    mean: Number = 0.0
    client_key: ClientKey = _new_key()
    created: Moment = _written_now()

    @model_validator(mode="after")
    def _mean_of_trials(self) -> Self:
        """The mean is the app's to work out from the trials, never the file's to say."""
        self.mean = models.engine_measurement(
            self.date, self.side, self.position, self.method, self.trials, self.kind
        ).mean
        return self

    def table_rows(self) -> list[tuple[Any, ...]]:
        name = f"{self.kind} {self.position} {self.method}"
        trials = "; ".join(f"{t:g}" for t in self.trials)
        return [
            (
                self.date,
                "measurement",
                name,
                self.side,
                round(self.mean, 1),
                "deg",
                f"trials {trials}",
            )
        ]


def _activity_score(value: Any, info: ValidationInfo) -> int:
    return inputs.rating(value, info.data.get("activity", "the activity"))


class Activity(Record):
    """How well the person can do an activity of their own, 0–10."""

    label = "activity rating"
    table = models.ActivityRating

    date: Day
    activity: Annotated[str, text(inputs.activity_name)]
    score: Annotated[int, PlainValidator(_activity_score)]  # checked with its activity
    client_key: ClientKey = _new_key()
    created: Moment = _written_now()

    def table_rows(self) -> list[tuple[Any, ...]]:
        return [(self.date, "activity", self.activity, "", self.score, "0-10", "")]


def _answers(value: Any) -> dict[str, bool]:
    if not isinstance(value, dict):
        raise InputError(f"must be the questions' answers, not {shown(value)}")
    for key, yes in value.items():
        inputs.choice(key, values(RedFlag), "red-flag question")
        if not isinstance(yes, bool):
            raise InputError(f"the answer to '{key}' must be true or false, not {shown(yes)}")
    return {key: bool(value.get(key, False)) for key in values(RedFlag)}


class Screen(Record):
    """The answers to the red-flag questions on a day (a question left out: "no")."""

    label = "red-flag screen"
    table = models.RedFlagScreen
    not_compared = frozenset({"positive"})

    date: Day
    answers: Annotated[dict[str, bool], PlainValidator(_answers)]
    positive: Annotated[bool, IGNORED] = False  # worked out with the profile: `Records`
    created: Moment = _written_now()

    def table_rows(self) -> list[tuple[Any, ...]]:
        yes = [k for k, v in self.answers.items() if v]
        return [(self.date, "red_flag_screen", "", "", "yes" if yes else "no", "", "; ".join(yes))]


class Clearance(Record):
    """A clinician cleared the person to exercise after a red flag."""

    label = "clearance"
    table = models.Clearance

    date: Day
    note: Annotated[str, text(inputs.clearance_note)] = ""
    created: Moment = _written_now()

    def table_rows(self) -> list[tuple[Any, ...]]:
        return [(self.date, "clearance", "", "", "cleared", "", self.note)]


class Note(Record):
    """A note on a day, in the person's words."""

    label = "note"
    table = models.Note

    date: Day
    text: Annotated[str, text(inputs.note_text)]
    created: Moment = _written_now()

    def table_rows(self) -> list[tuple[Any, ...]]:
        return [(self.date, "note", "", "", "", "", self.text)]


def _age(value: Any) -> int | None:
    return None if value is None else inputs.age(whole_number(value, 0, 10_000))


def _language(value: str) -> str:
    """A language hipcoach speaks (settings.LANGUAGES), or "" for the browser's."""
    from django.conf import settings

    if value and value not in dict(settings.LANGUAGES):
        offered = ", ".join(dict(settings.LANGUAGES))
        raise InputError(f"'{value}' is not a language hipcoach speaks ({offered}, or empty)")
    return value


class Profile(Record):
    """What the coach knows about the person besides their history."""

    label = "profile"
    table = models.Profile
    not_compared = frozenset({"time_zone"})  # the web keeps it up to date from the browser

    goals: Annotated[list[str], names(values(Goal), "goal")]
    pain_areas: Annotated[list[str], names(values(PainArea), "pain area")]
    age: Annotated[int | None, PlainValidator(_age)] = None
    time_zone: Annotated[str, text(check_zone)] = ""
    language: Annotated[str, text(_language)] = ""  # "" follows the browser (translation.md)
    created: Moment = _written_now()
    updated: Moment = _written_now()


def _records(value: Any, info: ValidationInfo) -> Any:
    name = info.field_name
    if not isinstance(value, list):
        raise InputError(f"the backup's '{name}' is not a list of records")
    if len(value) > MAX_RECORDS:
        label = KINDS[name].label if name in KINDS else name
        raise InputError(
            f"the backup has {len(value):,} {label} records, more than the {MAX_RECORDS:,} a "
            "backup can hold"
        )
    return value


Many = BeforeValidator(_records)


class Records(BaseModel):
    """A person's records: the JSON export, and a backup's `data`.

    Each kind is a list of records (a kind left out: none). Read from a file, the records are
    checked together as well (`_together`), and each screen's `positive` is worked out.
    """

    model_config = ConfigDict(extra="forbid")

    person: Annotated[Any, IGNORED] = None  # the account's name when written; it decides nothing
    profile: Profile | None = None
    enrollments: Annotated[list[Enrollment], Many] = Field(default_factory=list)
    workouts: Annotated[list[Workout], Many] = Field(default_factory=list)
    pain: Annotated[list[Pain], Many] = Field(default_factory=list)
    measurements: Annotated[list[Measurement], Many] = Field(default_factory=list)
    activities: Annotated[list[Activity], Many] = Field(default_factory=list)
    screens: Annotated[list[Screen], Many] = Field(default_factory=list)
    clearances: Annotated[list[Clearance], Many] = Field(default_factory=list)
    notes: Annotated[list[Note], Many] = Field(default_factory=list)

    def of_kind(self, name: str) -> list[Record]:
        return getattr(self, name)

    @model_validator(mode="after")
    def _together(self) -> Self:
        """What no single record shows: one program at a time, the current one a program this
        hipcoach has, one workout a day and none before a program started, a client key once.
        Then each screen's `positive`, as when it is answered: whether its "yes" answers stop
        the program for this person (R17 reads a painful hop or a jump in training only in the
        picture), never taken from the file."""
        from hipcoach.tracking.safety import screen_stops

        _one_program_at_a_time(self.enrollments)
        _one_workout_a_day(self.workouts, min((e.start for e in self.enrollments), default=None))
        for name, kind in KINDS.items():
            rows = self.of_kind(name)
            for field, inner in kind.nested.items():
                _keys_once([r for row in rows for r in getattr(row, field)], inner.label)
            if "client_key" in kind.model_fields:
                _keys_once(rows, kind.label)
        about = self.profile
        for screen in self.screens:
            screen.positive = screen_stops(
                screen.answers,
                about.goals if about else (),
                about.pain_areas if about else (),
                about.age if about else None,
            )
        return self


def _one_program_at_a_time(enrollments: list[Enrollment]) -> None:
    from hipcoach.tracking.programs import program

    active = [n for n, e in enumerate(enrollments, 1) if e.ended is None]
    if len(active) > 1:
        raise InputError(
            f"enrollments {active[0]} and {active[1]} are both current: a person follows one "
            "program at a time (every earlier one has an 'ended' date)"
        )
    for n, e in enumerate(enrollments, 1):
        if e.ended is not None and e.ended < e.start:
            raise InputError(f"enrollment {n}, ended: {e.ended} is before its start {e.start}")
        if e.ended is None:
            try:
                program(e.program)  # the current program must be one this hipcoach has
            except InputError as exc:
                raise InputError(f"enrollment {n}, program: {exc}") from None


def _one_workout_a_day(workouts: list[Workout], first_start: dt.date | None) -> None:
    seen_days: dict[dt.date, int] = {}
    for n, w in enumerate(workouts, 1):
        if first_start is None or w.date < first_start:
            raise InputError(
                f"workout {n}, date: {w.date} is before any program in the backup started"
                + (f" ({first_start})" if first_start else "")
            )
        if w.date in seen_days:
            raise InputError(
                f"workouts {seen_days[w.date]} and {n} are both on {w.date}: a day has one workout"
            )
        seen_days[w.date] = n


def _keys_once(rows: list[Any], label: str) -> None:
    seen: dict[uuid.UUID, int] = {}
    for n, row in enumerate(rows, 1):
        if row.client_key in seen:
            raise InputError(
                f"{label}s {seen[row.client_key]} and {n} have the same client key {row.client_key}"
            )
        seen[row.client_key] = n


KINDS: dict[str, type[Record]] = {
    name: typing.get_args(field.annotation)[0]
    for name, field in Records.model_fields.items()
    if name not in ("person", "profile")
}
"""The kinds of record in a backup's `data`, by their name there, in the file's order."""


class Backup(BaseModel):
    """A backup: the header, and the person's records (`Records`)."""

    model_config = ConfigDict(extra="forbid")

    format: str = BACKUP_FORMAT
    version: int = BACKUP_VERSION
    taken: OptionalMoment = None  # when it was taken; it decides nothing
    data: Records


def read_backup(document: dict[str, Any], window: Window) -> Backup:
    """A backup whose header is checked (`check_header`) as checked records; an InputError
    naming the first mistake, its record and field, when there is one."""
    try:
        return READS[document["version"]].model_validate(document, context=window)
    except ValidationError as error:
        raise InputError(mistake(error)) from None


def mistake(error: ValidationError) -> str:
    """The first mistake in a backup, in words: where (the header, the profile, `workout 3`,
    `workout 3, exercises: exercise 2`), which field, and what is wrong with it."""
    first = error.errors(include_url=False)[0]
    kind, loc = first["type"], list(first["loc"])
    reason = str(first["ctx"]["error"]) if kind == "value_error" else first["msg"]
    model: type[BaseModel] = Backup
    where = "the backup's header"
    if loc[:1] == ["data"]:
        model, where, loc = Records, "the backup's data", loc[1:]
        if loc[:1] == ["profile"]:
            model, where, loc = Profile, "the profile", loc[1:]
        elif len(loc) >= 2 and loc[0] in KINDS:
            model = KINDS[str(loc[0])]
            where, loc = f"{model.label} {int(loc[1]) + 1}", loc[2:]
    while len(loc) >= 2 and issubclass(model, Record) and loc[0] in model.nested:
        field, n = str(loc[0]), int(loc[1])
        model = model.nested[field]
        where, loc = f"{where}, {field}: {model.label} {n + 1}", loc[2:]
    if not loc:
        if kind in ("model_type", "model_attributes_type", "dict_type"):
            return f"{where} is not a record (an object with fields): {shown(first['input'])}"
        return reason if model is Records else f"{where}: {reason}"
    field = ", ".join(str(part) for part in loc)
    if kind == "extra_forbidden":
        if model is Records:
            return f"the backup's data has an unknown kind of record '{field}'"
        if model is Backup:
            return f"the backup's header has an unknown field '{field}'"
        return (
            f"{where} has an unknown field '{field}' (its fields: {', '.join(model.model_fields)})"
        )
    if kind == "missing":
        return f"{where} has no '{field}'"
    if model is Records and kind == "value_error":
        return reason
    return f"{where}, {field}: {reason}"


READS: dict[int, type[Backup]] = {1: Backup}
"""The backup versions this hipcoach reads, and the declaration each is read with."""


def check_header(document: Any) -> dict[str, Any]:
    """`document` if it is a backup of a version this hipcoach reads, with records to read."""
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise InputError("not a hipcoach backup: write one with `hipcoach backup FILE`")
    version = document.get("version")
    if isinstance(version, bool) or version not in READS:
        raise InputError(
            f"backup version {shown(version)} is not one this hipcoach reads "
            f"({', '.join(map(str, READS))})"
        )
    if not isinstance(document.get("data"), dict):
        raise InputError("the backup is damaged: its 'data' is missing")
    return document
