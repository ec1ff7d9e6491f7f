"""A cache of the last day plans, so `hipcoach today` need not load the content and the engine.

Planning needs the content library (pydantic models) and a pass over the whole history: the
imports alone cost more than the rest of the command. A plan depends only on the person's
records, the content files, the engine's code, the date and the pre-run switch, so it is
stored under a key made of all of these and reused while none has changed. The records'
part of the key is one query: per table, how many rows and the latest write. Nothing else
ever has to be invalidated by hand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
from pathlib import Path

from hipcoach.engine.types import DayPlan, Decision, GateCheck, PlannedExercise

KEEP = 8  # plans kept per person (a few dates and both pre-run settings)
_PACKAGE = Path(__file__).resolve().parent.parent


# Each table with a person's records and the column that moves when one is written. The
# names are the models' tables (a test checks they match), so the quick path below can run
# without Django.
STAMPED_TABLES = (
    ("tracking_profile", "updated"),
    ("tracking_enrollment", "created"),
    ("tracking_workoutlog", "updated"),
    ("tracking_painreport", "created"),
    ("tracking_measurement", "created"),
    ("tracking_activityrating", "created"),
    ("tracking_redflagscreen", "created"),
    ("tracking_clearance", "created"),
)
_STAMP_SQL = ", ".join(
    [
        part
        for table, stamp in STAMPED_TABLES
        for part in (
            f'(SELECT COUNT(*) FROM "{table}" WHERE person_id = %(pk)s)',
            f'(SELECT MAX("{stamp}") FROM "{table}" WHERE person_id = %(pk)s)',
        )
    ]
    + [
        '(SELECT COUNT(*) FROM "tracking_exerciselog" e JOIN "tracking_workoutlog" w '
        "ON e.workout_id = w.id WHERE w.person_id = %(pk)s)",
        # Statuses change in place; with a frozen clock (tests) the update time would not show it.
        """(SELECT SUM(CASE "status" WHEN 'done' THEN 2 WHEN 'partial' THEN 1 ELSE 0 END) """
        'FROM "tracking_workoutlog" WHERE person_id = %(pk)s)',
        '(SELECT MAX("ended") FROM "tracking_enrollment" WHERE person_id = %(pk)s)',
    ]
)


def _records_stamp(person) -> list[str]:
    """Per table: the person's row count and latest write time, in one query."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT " + _STAMP_SQL, {"pk": person.pk})
        return [_text(v) for v in cursor.fetchone()]


def _text(value) -> str:
    """A stamp value as text, the same whichever driver read it."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    return str(value)


def code_stamp() -> list:
    """The content files, the engine's code and the migrations, by size and modification time."""
    stamp = []
    for folder in (
        "content/exercises",
        "content/programs",
        "content",
        "engine",
        "tracking/migrations",
    ):
        with os.scandir(_PACKAGE / folder) as entries:
            for entry in entries:
                if entry.is_file() and entry.name.endswith((".py", ".yaml", ".yml")):
                    info = entry.stat()
                    stamp.append(f"{folder}/{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return sorted(stamp)


def _key(pk: int, on: dt.date, pre_run: bool, records: list[str]) -> str:
    data = [pk, on.isoformat(), pre_run, *records, *code_stamp()]
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()


def key(person, on: dt.date, pre_run: bool) -> str:
    return _key(person.pk, on, pre_run, _records_stamp(person))


_PYFORMAT = re.compile(r"%\((\w+)\)s")
ENROLLMENT_SQL = (
    'SELECT "program", "start" FROM "tracking_enrollment" WHERE "person_id" = %(pk)s '
    'AND "ended" IS NULL ORDER BY "created" DESC'
)


def quick_plan(username: str, on: dt.date, pre_run: bool) -> dict | None:
    """The plan for `on` without starting Django: from the cache, or planned and cached.

    Reads straight from SQLite (or PostgreSQL through psycopg) with the same queries as the
    ordinary path (`history`), so the plan is the one `services.day_plan_json` would give.
    Anything unexpected (no database yet, no such person, not enrolled, a date before the
    start, another kind of database, a changed schema) means "not here": the caller then takes
    the ordinary path, which also reports any mistake.
    """
    url = os.environ.get("DATABASE_URL")
    try:
        if url:
            if not url.startswith(("postgres://", "postgresql://")):
                return None
            return _with_postgres(url, username, on, pre_run)
        return _with_sqlite(username, on, pre_run)
    except _driver_errors():
        return None


def _driver_errors() -> tuple[type[Exception], ...]:
    import sqlite3

    errors: list[type[Exception]] = [sqlite3.Error]
    if os.environ.get("DATABASE_URL"):
        import psycopg

        errors.append(psycopg.Error)
    return tuple(errors)


def _with_sqlite(username: str, on: dt.date, pre_run: bool) -> dict | None:
    import sqlite3

    from hipcoach.settings import data_home

    path = data_home() / "hipcoach.sqlite3"
    if not path.exists():
        return None
    db = sqlite3.connect(path, timeout=5)
    try:

        def read(sql: str, params: dict) -> list[tuple]:
            values = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in params.items()}
            return db.execute(_PYFORMAT.sub(r":\1", sql), values).fetchall()

        return _plan(read, username, on, pre_run)
    finally:
        db.close()


def _with_postgres(url: str, username: str, on: dt.date, pre_run: bool) -> dict | None:
    import psycopg

    with psycopg.connect(url, connect_timeout=5, autocommit=True) as db:
        return _plan(lambda sql, params: db.execute(sql, params).fetchall(), username, on, pre_run)


def _plan(read, username: str, on: dt.date, pre_run: bool) -> dict | None:
    from hipcoach.tracking.history import history_from, profile_from
    from hipcoach.tracking.programs import library, planner

    users = read(
        'SELECT "id" FROM "auth_user" WHERE "username" = %(username)s', {"username": username}
    )
    if not users:
        return None
    pk = users[0][0]
    cache_key = _key(
        pk, on, pre_run, [_text(v) for v in read("SELECT " + _STAMP_SQL, {"pk": pk})[0]]
    )
    cached = _load(pk, cache_key)
    if cached is not None:
        return cached
    enrollments = read(ENROLLMENT_SQL, {"pk": pk})
    if not enrollments:
        return None
    program_id, start = enrollments[0]
    start = start if isinstance(start, dt.date) else dt.date.fromisoformat(start)
    program = library().programs.get(program_id)
    if program is None or on < start:
        return None
    plan = planner()(
        program,
        library().exercises,
        profile_from(read, pk),
        history_from(read, pk, on),
        start,
        on,
        pre_run=pre_run,
    ).to_json()
    _store(pk, cache_key, plan)
    return plan


def _file_for(pk: int) -> Path:
    from hipcoach.settings import data_home

    return data_home() / "cache" / f"plans-{pk}.json"


def load(person, cache_key: str) -> dict | None:
    return _load(person.pk, cache_key)


def _load(pk: int, cache_key: str) -> dict | None:
    try:
        entries = json.loads(_file_for(pk).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return entries.get(cache_key) if isinstance(entries, dict) else None


def store(person, cache_key: str, plan: dict) -> None:
    _store(person.pk, cache_key, plan)


def _store(pk: int, cache_key: str, plan: dict) -> None:
    """Keep `plan` under `cache_key` (best effort: a cache that cannot be written is skipped)."""
    path = _file_for(pk)
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        entries = entries if isinstance(entries, dict) else {}
    except (OSError, ValueError):
        entries = {}
    entries.pop(cache_key, None)
    entries[cache_key] = plan
    entries = dict(list(entries.items())[-KEEP:])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(entries), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass


def _known(cls, data: dict) -> dict:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def plan_from_json(data: dict) -> DayPlan:
    """A `DayPlan` back from its JSON (fields the dataclasses do not know are left out)."""
    return DayPlan(
        day=data["day"],
        date=dt.date.fromisoformat(data["date"]),
        program=data["program"],
        phase=data["phase"],
        workout=data.get("workout"),
        stop=data["stop"],
        flags=tuple(data.get("flags", ())),
        minutes=data["minutes"],
        exercises=tuple(
            PlannedExercise(**_known(PlannedExercise, e)) for e in data.get("exercises", ())
        ),
        decisions=tuple(Decision(**_known(Decision, d)) for d in data.get("decisions", ())),
        gate=tuple(GateCheck(**_known(GateCheck, g)) for g in data.get("gate", ())),
        pre_run=data.get("pre_run", False),
    )
