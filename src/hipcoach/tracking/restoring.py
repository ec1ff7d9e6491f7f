"""Restoring a backup: the person's records replaced by the backup's, all or nothing.

The file is read with a size limit and every record checked (`record_format.read_backup`)
before anything is written. Then, in one transaction, the records here are compared with the backup's, record
by record: if any record here is not in the backup (made after it was taken, or on another
device), restoring would lose it, so the restore is refused unless forced. A timestamp written
in the file decides nothing. Last, the person's records are deleted and the backup's written
in batches; a refusal at any point leaves the records here as they were.

Whose records they are comes from the account being restored into, never from the file.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Iterable
from typing import Any, BinaryIO

from django.contrib.auth.models import User
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Model
from django.utils import timezone

from hipcoach.tracking import plan_cache
from hipcoach.tracking.database import sqlstate
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.models import Enrollment, ExerciseLog, Profile, WorkoutLog
from hipcoach.tracking.record_fields import Window
from hipcoach.tracking.record_format import (
    KINDS,
    Exercise,
    Records,
    check_header,
    read_backup,
)
from hipcoach.tracking.record_format import Profile as ProfileRecord

RESTORE_BATCH = 500  # rows a statement writes: short statements, one transaction

# A year of daily workouts, every exercise and side logged, is about 6,000 exercise records and
# a 2.5 MB backup (benchmarks/bench_long_history.py): these allow a decade and more.
MAX_BACKUP_BYTES = 32 * 1024 * 1024
READ_CHUNK = 1024 * 1024

RESTORED_MODELS: tuple[type[Model], ...] = (
    Exercise.table,
    *(kind.table for kind in KINDS.values()),
    ProfileRecord.table,
)
"""Every kind of record a restore replaces, in the order they are deleted (children first)."""


def restore(
    person: User,
    stream: BinaryIO,
    *,
    today: dt.date,
    now: dt.datetime | None = None,
    force: bool = False,
) -> dict[str, int]:
    """Replace `person`'s records with those of the backup read from `stream`.

    Returns how many records of each kind were restored. Raises InputError (nothing written)
    when the file is too big, not a backup, or any record fails the checks every input gets,
    and when a record here is not in the backup, unless `force`.
    """
    document = parse_backup(read_limited(stream))
    try:
        backup = read_backup(document, Window(today, now or timezone.now())).data
    except InputError as exc:
        raise InputError(f"not restored: {exc}") from None
    outermost = not connection.in_atomic_block  # a snapshot is chosen before any query
    try:
        with transaction.atomic():
            if outermost:
                _one_snapshot()
            if not force:
                refuse_losing(person, backup)
            _delete(person)
            counts = _write(person, backup)
            plan_cache.records_changed(person.pk)
    except (OperationalError, IntegrityError) as exc:
        if sqlstate(exc) not in _CHANGED_MEANWHILE:
            raise
        raise InputError(
            "not restored: your records changed while restoring (another device or window "
            "saved something); nothing was restored: try again"
        ) from None
    return counts


# PostgreSQL's answers when another transaction changed what the restore read or is writing:
# a serialization failure, and a unique record (one workout a day) written meanwhile.
_CHANGED_MEANWHILE = frozenset({"40001", "23505"})


def _one_snapshot() -> None:
    """On PostgreSQL, read and delete from one snapshot (repeatable read): a record another
    device writes after the comparison is then not deleted unseen; it stays, or the restore
    fails as a whole. SQLite lets one writer in at a time, so there is nothing to do there."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


# --- Reading the file ----------------------------------------------------------------------


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
    """The backup's JSON, its header checked (`record_format.check_header`); the records not
    yet checked."""
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
    return check_header(document)


# --- What would be lost --------------------------------------------------------------------


def _frozen(value: Any) -> Any:
    """A value as something hashable that compares as the value does."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


def _same(record: Any, fields: Iterable[str]) -> tuple:
    return tuple(_frozen(getattr(record, f)) for f in fields)


def records_not_in(person: User, backup: Records) -> dict[str, list[dt.date | None]]:
    """The records here the backup does not have, by kind, with their dates."""
    missing: dict[str, list[dt.date | None]] = {}

    def compare(label: str, here: Iterable[tuple], there: Iterable[tuple], day_at: int) -> None:
        left = Counter(_frozen(list(r)) for r in here) - Counter(there)
        for record, count in left.items():
            missing.setdefault(label, []).extend([record[day_at]] * count)

    for name, kind in KINDS.items():
        fields = kind.compared()
        rows = kind.table._default_manager.filter(person=person).values_list(*fields)
        day_at = fields.index("date" if "date" in fields else "start")
        compare(kind.label, rows, (_same(r, fields) for r in backup.of_kind(name)), day_at)
    fields = Exercise.compared()
    compare(
        Exercise.label,
        ExerciseLog.objects.filter(workout__person=person).values_list("workout__date", *fields),
        ((w.date, *_same(e, fields)) for w in backup.workouts for e in w.exercises),
        0,
    )
    fields = ProfileRecord.compared()
    profile = Profile.objects.filter(person=person).values_list(*fields).first()
    if profile is not None and (
        backup.profile is None or _frozen(list(profile)) != _same(backup.profile, fields)
    ):
        missing["your profile (goals, pain areas, age)"] = [None]
    return missing


def refuse_losing(person: User, backup: Records) -> None:
    """An InputError naming what would be lost, when any record here is not in the backup."""
    missing = records_not_in(person, backup)
    if not missing:
        return
    total = sum(len(days) for days in missing.values())
    kinds = ", ".join(
        f"{len(days)} {label}{'s' if len(days) > 1 and label.isalpha() else ''}"
        if days != [None]
        else label
        for label, days in missing.items()
    )
    dates = [d for days in missing.values() for d in days if d is not None]
    newest = f", the newest of {max(dates)}" if dates else ""
    them = "them" if total > 1 else "it"
    raise InputError(
        f"not restored: {total} record{'s' if total > 1 else ''} here "
        f"{'are' if total > 1 else 'is'} not in the backup ({kinds}{newest}), made after the "
        f"backup was taken or on another device: restoring would lose {them}. Back "
        f"{them} up first (`hipcoach backup NEW-FILE`), or add --force to replace {them}"
    )


# --- Writing -------------------------------------------------------------------------------


def _delete(person: User) -> None:
    """The person's records gone, children first, each kind in one statement.

    The plan cache's signals are not sent row by row (a year of history is thousands of rows);
    the caller moves the person's revision once instead.
    """
    ExerciseLog.objects.filter(workout__person=person)._raw_delete(ExerciseLog.objects.db)
    for model in RESTORED_MODELS[1:]:
        model._default_manager.filter(person=person)._raw_delete(model._default_manager.db)


def _fresh_keys(model: type[Model], rows: list[dict]) -> None:
    """A new client key for any record whose key already belongs to someone else here (a
    backup restored into a second account): the record is restored, the other left alone."""
    keys = [r["client_key"] for r in rows]
    taken: set[uuid.UUID] = set()
    for first in range(0, len(keys), RESTORE_BATCH):
        chunk = keys[first : first + RESTORE_BATCH]
        taken |= set(
            model._default_manager.filter(client_key__in=chunk).values_list("client_key", flat=True)
        )
    for row in rows:
        if row["client_key"] in taken:
            row["client_key"] = uuid.uuid4()


def _enrollment_on(enrollments: list[Enrollment], day: dt.date) -> Enrollment | None:
    """The program the person was on that day (the latest started, if two overlap)."""
    on = [e for e in enrollments if e.start <= day and (e.ended is None or day <= e.ended)]
    return max(on, key=lambda e: e.start) if on else None


def _write(person: User, backup: Records) -> dict[str, int]:
    counts = {"profile": 0}
    if backup.profile is not None:
        Profile.objects.create(person=person, **backup.profile.row())
        counts["profile"] = 1
    made = Enrollment.objects.bulk_create(
        [Enrollment(person=person, **e.row()) for e in backup.enrollments],
        batch_size=RESTORE_BATCH,
    )
    enrollments = list(Enrollment.objects.filter(person=person)) if made else []
    workouts = [w.row() for w in backup.workouts]
    _fresh_keys(WorkoutLog, workouts)
    WorkoutLog.objects.bulk_create(
        [
            WorkoutLog(person=person, enrollment=_enrollment_on(enrollments, w["date"]), **w)
            for w in workouts
        ],
        batch_size=RESTORE_BATCH,
    )
    workout_ids = dict(WorkoutLog.objects.filter(person=person).values_list("date", "id"))
    exercises = [(workout_ids[w.date], e.row()) for w in backup.workouts for e in w.exercises]
    _fresh_keys(ExerciseLog, [e for _, e in exercises])
    ExerciseLog.objects.bulk_create(
        [ExerciseLog(workout_id=workout_id, **e) for workout_id, e in exercises],
        batch_size=RESTORE_BATCH,
    )
    counts["enrollments"], counts["workouts"] = len(made), len(workouts)
    counts["exercises"] = len(exercises)
    for name, kind in KINDS.items():
        if name in ("enrollments", "workouts"):
            continue  # written above: a workout is linked to its program, and has exercises
        rows = [r.row() for r in backup.of_kind(name)]
        if "client_key" in kind.model_fields:
            _fresh_keys(kind.table, rows)
        kind.table._default_manager.bulk_create(
            [kind.table(person=person, **r) for r in rows], batch_size=RESTORE_BATCH
        )
        counts[name] = len(rows)
    return counts
