"""A backup file read and checked before anything is written: the same checks as every input.

A backup is the person's own file, but it may have been edited, damaged or made by someone
else, so nothing in it is trusted. It is read with a size limit (an endless or huge input is
refused when the limit is passed, never read whole), parsed, and each record is checked field
by field with the checks the web pages, the API and the terminal use (`inputs`, the vocabulary,
the shipped programs and exercises). Who the records belong to is never read from the file.

The result is the records as they will be stored; a mistake is an `InputError` naming the
record (its kind and number, counted from 1 in the file) and the field.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from hipcoach.engine.types import ExerciseLog as EngineExerciseLog
from hipcoach.engine.types import Measurement as EngineMeasurement
from hipcoach.tracking import inputs
from hipcoach.tracking.days import check_zone
from hipcoach.tracking.inputs import InputError
from hipcoach.vocabulary import (
    MEASURED_SIDES,
    Goal,
    Kind,
    Method,
    PainArea,
    PainTiming,
    Position,
    RedFlag,
    Side,
    WorkoutStatus,
    values,
)

BACKUP_FORMAT = "hipcoach-backup"
BACKUP_VERSION = 1

# A year of daily workouts, every exercise and side logged, is about 6,000 exercise records and
# a 2.5 MB backup (benchmarks/bench_long_history.py): these allow a decade and more.
MAX_BACKUP_BYTES = 32 * 1024 * 1024
MAX_RECORDS = 100_000  # of each kind, exercises too
MAX_EXERCISES_PER_WORKOUT = 100  # as the API's workout body
CLOCK_SLACK = dt.timedelta(days=1)  # a backup from a machine whose clock runs a little ahead
READ_CHUNK = 1024 * 1024

# The kinds of record in a backup's `data`, in the file's words for messages.
KINDS = {
    "enrollments": "enrollment",
    "workouts": "workout",
    "pain": "pain report",
    "measurements": "measurement",
    "activities": "activity rating",
    "screens": "red-flag screen",
    "clearances": "clearance",
    "notes": "note",
}


# --- Reading -------------------------------------------------------------------------------


def read_limited(stream: BinaryIO, limit: int = MAX_BACKUP_BYTES) -> bytes:
    """At most `limit` bytes of `stream`; an InputError as soon as there are more."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(min(READ_CHUNK, limit + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise InputError(
                f"not restored: the file is bigger than {limit // (1024 * 1024)} MB, far more "
                "than any hipcoach backup; check that it is the file `hipcoach backup` wrote"
            )
    return b"".join(chunks)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number a backup can hold")


def parse_backup(raw: bytes) -> dict:
    """The backup's JSON, its header checked (format and version); the data not yet checked."""
    if not raw.strip():
        raise InputError("not a hipcoach backup: the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not a hipcoach backup: the file is not text (byte {exc.start + 1} is not UTF-8)"
        ) from None
    try:
        document = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        # The parser stops at the end of a file cut short, or inside a string left open there.
        cut = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        ending = "; the file ends too early: is it cut short?" if cut else ""
        raise InputError(
            f"not a hipcoach backup: the file is not JSON ({exc.msg}, line {exc.lineno}, "
            f"column {exc.colno}){ending}"
        ) from None
    except RecursionError:
        raise InputError("not a hipcoach backup: the JSON is nested too deeply") from None
    except ValueError as exc:  # NaN, Infinity, a number of thousands of digits
        raise InputError(f"not a hipcoach backup: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise InputError("not a hipcoach backup: write one with `hipcoach backup FILE`")
    if document.get("version") != BACKUP_VERSION:
        raise InputError(
            f"backup version {_shown(document.get('version'))} is not one this hipcoach reads "
            f"({BACKUP_VERSION})"
        )
    unknown = sorted(set(document) - {"format", "version", "taken", "data"})
    if unknown:
        raise InputError(f"the backup's header has an unknown field '{unknown[0]}'")
    if not isinstance(document.get("data"), dict):
        raise InputError("the backup is damaged: its 'data' is missing")
    return document


# --- Checking ------------------------------------------------------------------------------


@dataclass
class CheckedBackup:
    """The records of a backup, checked, as the values of their database rows.

    No row carries a person: the caller stores them for the account being restored into.
    Workouts carry their exercises under "exercises".
    """

    taken: dt.datetime | None
    profile: dict[str, Any] | None
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if value is not None else "nothing"
    return text if len(text) <= 40 else text[:37] + "..."


Check = Callable[[Any], Any]


class _Checks:
    """The field checks, with the day and the moment the restore happens."""

    def __init__(self, today: dt.date, now: dt.datetime) -> None:
        self.today = today
        self.now = now

    # Each check takes the value as read from JSON and gives the value to store.

    def date(self, value: Any) -> dt.date:
        if not isinstance(value, str):
            raise InputError(f"{_shown(value)} is not a date written YYYY-MM-DD")
        return inputs.not_future(inputs.parse_date(value), self.today)

    def optional_date(self, value: Any) -> dt.date | None:
        return None if value is None else self.date(value)

    def moment(self, value: Any) -> dt.datetime:
        """A time a record was written: ISO 8601, not in the future, not before the window."""
        try:
            when = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            when = None
        if when is None:
            raise InputError(f"{_shown(value)} is not a time written YYYY-MM-DDTHH:MM:SS")
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        if when > self.now + CLOCK_SLACK:
            raise InputError(f"{value} is in the future (now is {self.now:%Y-%m-%d %H:%M} UTC)")
        inputs.not_too_early(when.date(), "time")
        return when

    @staticmethod
    def client_key(value: Any) -> uuid.UUID:
        if not isinstance(value, str):
            raise InputError(f"{_shown(value)} is not a client key (a UUID)")
        try:
            return uuid.UUID(value)
        except ValueError:
            raise InputError(f"client key '{value}' is not a UUID") from None

    @staticmethod
    def whole(value: Any, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InputError(f"must be a whole number from {low} to {high}, not {_shown(value)}")
        return value

    @staticmethod
    def number(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InputError(f"must be a number, not {_shown(value)}")
        return value

    @staticmethod
    def text(value: Any) -> str:
        if not isinstance(value, str):
            raise InputError(f"must be text, not {_shown(value)}")
        return value

    @staticmethod
    def one_of(terms, what: str) -> Check:
        def check(value: Any) -> str:
            return inputs.choice(_Checks.text(value), terms, what)

        return check

    @staticmethod
    def names(terms, what: str) -> Check:
        def check(value: Any) -> list[str]:
            if not isinstance(value, list):
                raise InputError(f"must be a list of {what}s, not {_shown(value)}")
            return list(inputs.choices([_Checks.text(v) for v in value], terms, what))

        return check


def _fields(row: Any, spec: Mapping[str, tuple[Check, bool]], where: str) -> dict[str, Any]:
    """The fields of one record checked against `spec` (name: (check, required?))."""
    if not isinstance(row, dict):
        raise InputError(f"{where} is not a record (an object with fields): {_shown(row)}")
    unknown = sorted(set(row) - set(spec))
    if unknown:
        raise InputError(
            f"{where} has an unknown field '{unknown[0]}' (its fields: {', '.join(spec)})"
        )
    checked: dict[str, Any] = {}
    for name, (check, required) in spec.items():
        if name not in row:
            if required:
                raise InputError(f"{where} has no '{name}'")
            continue
        try:
            checked[name] = check(row[name])
        except InputError as exc:
            raise InputError(f"{where}, {name}: {exc}") from None
    return checked


def _list(data: dict, name: str, limit: int = MAX_RECORDS) -> list:
    rows = data.get(name, [])
    if not isinstance(rows, list):
        raise InputError(f"the backup's '{name}' is not a list of records")
    if len(rows) > limit:
        raise InputError(
            f"the backup has {len(rows):,} {KINDS.get(name, name)} records, more than the "
            f"{limit:,} a backup can hold"
        )
    return rows


def check_backup(document: dict, *, today: dt.date, now: dt.datetime) -> CheckedBackup:
    """Every record of a parsed backup checked; an InputError naming the first mistake."""
    c = _Checks(today, now)
    data = document["data"]
    unknown = sorted(set(data) - {"person", "profile", *KINDS})
    if unknown:
        raise InputError(f"the backup's data has an unknown kind of record '{unknown[0]}'")
    taken = None
    if "taken" in document:
        try:
            taken = c.moment(document["taken"])
        except InputError as exc:
            raise InputError(f"the backup's header, taken: {exc}") from None
    profile = None
    if data.get("profile") is not None:
        profile = _fields(data["profile"], _profile_spec(c), "the profile")
    records: dict[str, list[dict[str, Any]]] = {name: [] for name in KINDS}
    check_record = _record_checks(c)
    for name in KINDS:
        for n, row in enumerate(_list(data, name), 1):
            records[name].append(check_record[name](row, f"{KINDS[name]} {n}"))
    _check_together(records)
    _stopping(records["screens"], profile)
    return CheckedBackup(taken, profile, records)


def _stopping(screens: list[dict[str, Any]], profile: dict[str, Any] | None) -> None:
    """Each screen's `positive`, worked out as when it is answered: whether its "yes" answers
    stop the program for this person (a painful hop or a jump in training only in R17's
    picture), never taken from the file."""
    from hipcoach.tracking.safety import screen_stops

    about = profile or {}
    for screen in screens:
        screen["positive"] = screen_stops(
            screen["answers"], about.get("goals", ()), about.get("pain_areas", ()), about.get("age")
        )


def _profile_spec(c: _Checks) -> dict[str, tuple[Check, bool]]:
    def age(value: Any) -> int | None:
        return None if value is None else inputs.age(c.whole(value, 0, 10_000))

    return {
        "goals": (c.names(Goal, "goal"), True),
        "pain_areas": (c.names(PainArea, "pain area"), True),
        "age": (age, False),
        "time_zone": (lambda value: check_zone(c.text(value)), False),
        "created": (c.moment, False),
        "updated": (c.moment, False),
    }


def _record_checks(c: _Checks) -> dict[str, Callable[[Any, str], dict]]:
    """Per kind of record: a function checking one record at a place named for messages."""
    from hipcoach.tracking.programs import library

    keyed = {"client_key": (c.client_key, False), "created": (c.moment, False)}
    dated = {"date": (c.date, True)}

    def program_id(value: Any) -> str:
        value = c.text(value)
        if not 1 <= len(value) <= 80:
            raise InputError(f"'{value}' is not a program id")
        return value

    enrollment = {
        "program": (program_id, True),
        "version": (lambda v: c.whole(v, 1, 1_000_000), True),
        "start": (c.date, True),
        "ended": (c.optional_date, False),
        "created": (c.moment, False),
    }

    def exercise_id(value: Any) -> str:
        value = c.text(value)
        if value not in library().exercises:
            hint = inputs.did_you_mean(value, library().exercises)
            raise InputError(f"unknown exercise '{value}'{hint}")
        return value

    def dose(value: Any) -> int | None:
        return None if value is None else c.whole(value, 0, 1_000_000)

    exercise = {
        "exercise": (exercise_id, True),
        "side": (c.one_of(Side, "side"), True),
        "status": (c.one_of(WorkoutStatus, "status"), True),
        **{name: (dose, False) for name in ("sets", "reps", "hold_s", "time_s")},
        **keyed,
    }

    def exercises(value: Any) -> list[dict]:
        if not isinstance(value, list):
            raise InputError(f"must be a list of exercises, not {_shown(value)}")
        if len(value) > MAX_EXERCISES_PER_WORKOUT:
            raise InputError(
                f"{len(value)} exercises, more than the {MAX_EXERCISES_PER_WORKOUT} a workout holds"
            )
        done = []
        for n, row in enumerate(value, 1):
            checked = _fields(row, exercise, f"exercise {n}")
            try:
                inputs.done_dose(
                    EngineExerciseLog(
                        checked["exercise"],
                        checked["side"],
                        checked["status"],
                        *(checked.get(k) for k in ("sets", "reps", "hold_s", "time_s")),
                    )
                )
            except InputError as exc:
                raise InputError(f"exercise {n}: {exc}") from None
            done.append(checked)
        return done

    workout = {
        **dated,
        "status": (c.one_of(WorkoutStatus, "status"), True),
        "exercises": (exercises, False),
        "updated": (c.moment, False),
        **keyed,
    }

    def pain_row(row: Any, where: str) -> dict:
        checked = _fields(row, pain, where)
        try:
            inputs.pain_score(checked["score"], checked["when"])
        except InputError as exc:
            raise InputError(f"{where}, score: {exc}") from None
        return checked

    pain = {
        **dated,
        "when": (c.one_of(PainTiming, "pain moment"), True),
        "score": (lambda v: v, True),  # checked with its moment, in pain_row
        **keyed,
    }

    def trials(value: Any) -> list[float]:
        if not isinstance(value, list) or not value:
            raise InputError(f"must be a list of one to {inputs.TRIALS_MAX} angles in degrees")
        return list(inputs.trials(value, "the"))

    measurement = {
        **dated,
        "side": (c.one_of(MEASURED_SIDES, "side"), True),
        "position": (c.one_of(Position, "position"), True),
        "method": (c.one_of(Method, "method"), True),
        "kind": (c.one_of(Kind, "kind"), False),
        "trials": (trials, True),
        "mean": (c.number, False),  # worked out again from the trials
        **keyed,
    }

    def measurement_row(row: Any, where: str) -> dict:
        checked = _fields(row, measurement, where)
        checked.setdefault("kind", Kind.ir.value)
        # The mean is the app's to work out from the trials, never the file's to say.
        checked["mean"] = EngineMeasurement(
            checked["date"],
            checked["side"],
            checked["position"],
            checked["method"],
            tuple(checked["trials"]),
        ).mean
        return checked

    activity = {
        **dated,
        "activity": (lambda v: inputs.activity_name(c.text(v)), True),
        "score": (lambda v: v, True),
        **keyed,
    }

    def activity_row(row: Any, where: str) -> dict:
        checked = _fields(row, activity, where)
        try:
            inputs.rating(checked["score"], checked["activity"])
        except InputError as exc:
            raise InputError(f"{where}, score: {exc}") from None
        return checked

    def answers(value: Any) -> dict[str, bool]:
        if not isinstance(value, dict):
            raise InputError(f"must be the questions' answers, not {_shown(value)}")
        for key, yes in value.items():
            inputs.choice(key, RedFlag, "red-flag question")
            if not isinstance(yes, bool):
                raise InputError(f"the answer to '{key}' must be true or false, not {_shown(yes)}")
        return {key: bool(value.get(key, False)) for key in values(RedFlag)}

    screen = {
        **dated,
        "answers": (answers, True),
        "positive": (lambda v: v, False),  # worked out from the answers
        "created": (c.moment, False),
    }

    def screen_row(row: Any, where: str) -> dict:
        return _fields(row, screen, where)  # "positive" comes with the profile: _stopping

    clearance = {
        **dated,
        "note": (lambda v: inputs.clearance_note(c.text(v)), False),
        "created": (c.moment, False),
    }
    note = {
        **dated,
        "text": (lambda v: inputs.note_text(c.text(v)), True),
        "created": (c.moment, False),
    }

    def plain(spec):
        return lambda row, where: _fields(row, spec, where)

    return {
        "enrollments": plain(enrollment),
        "workouts": plain(workout),
        "pain": pain_row,
        "measurements": measurement_row,
        "activities": activity_row,
        "screens": screen_row,
        "clearances": plain(clearance),
        "notes": plain(note),
    }


def _check_together(records: dict[str, list[dict]]) -> None:
    """What no single record shows: one program at a time, one workout a day, the workouts
    inside a program, a client key once."""
    from hipcoach.tracking.programs import program

    enrollments = records["enrollments"]
    active = [n for n, e in enumerate(enrollments, 1) if e.get("ended") is None]
    if len(active) > 1:
        raise InputError(
            f"enrollments {active[0]} and {active[1]} are both current: a person follows one "
            "program at a time (every earlier one has an 'ended' date)"
        )
    for n, e in enumerate(enrollments, 1):
        if e.get("ended") is not None and e["ended"] < e["start"]:
            raise InputError(
                f"enrollment {n}, ended: {e['ended']} is before its start {e['start']}"
            )
        if e.get("ended") is None:
            try:
                program(e["program"])  # the current program must be one this hipcoach has
            except InputError as exc:
                raise InputError(f"enrollment {n}, program: {exc}") from None
    first_start = min((e["start"] for e in enrollments), default=None)
    seen_days: dict[dt.date, int] = {}
    for n, w in enumerate(records["workouts"], 1):
        if first_start is None or w["date"] < first_start:
            raise InputError(
                f"workout {n}, date: {w['date']} is before any program in the backup started"
                + (f" ({first_start})" if first_start else "")
            )
        if w["date"] in seen_days:
            raise InputError(
                f"workouts {seen_days[w['date']]} and {n} are both on {w['date']}: a day has one "
                "workout"
            )
        seen_days[w["date"]] = n
    for name, label in KINDS.items():
        rows = records[name]
        if name == "workouts":
            _unique_keys([e for w in rows for e in w.get("exercises", [])], "exercise")
        _unique_keys(rows, label)


def _unique_keys(rows: list[dict], label: str) -> None:
    seen: dict[uuid.UUID, int] = {}
    for n, row in enumerate(rows, 1):
        key = row.get("client_key")
        if key is None:
            continue
        if key in seen:
            raise InputError(f"{label}s {seen[key]} and {n} have the same client key {key}")
        seen[key] = n
