"""Restoring a backup: the person's records replaced by the backup's, all or nothing.

The file is read with a size limit and every record checked (`backup_checks`) before anything
is written. Then, in one transaction, the records here are compared with the backup's, record
by record: if any record here is not in the backup (made after it was taken, or on another
device), restoring would lose it, so the restore is refused unless forced. A timestamp written
in the file decides nothing. Last, the person's records are deleted and the backup's written
in batches; a refusal at any point leaves the records here as they were.

Whose records they are comes from the account being restored into, never from the file.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Iterable
from typing import Any, BinaryIO

from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Model
from django.utils import timezone

from hipcoach.tracking import plan_cache
from hipcoach.tracking.backup_checks import (
    KINDS,
    CheckedBackup,
    check_backup,
    parse_backup,
    read_limited,
)
from hipcoach.tracking.database import sqlstate
from hipcoach.tracking.exchange import EXERCISE_FIELDS, FIELDS
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.models import (
    Enrollment,
    ExerciseLog,
    Profile,
    WorkoutLog,
)

RESTORE_BATCH = 500  # rows a statement writes: short statements, one transaction

MODELS = {name: model for name, (model, _) in FIELDS.items()}
RESTORED_MODELS: tuple[type[Model], ...] = (ExerciseLog, *MODELS.values(), Profile)
"""Every kind of record a restore replaces, in the order they are deleted (children first)."""

# What makes two records the same record: their content and when they were written, that is
# every exported field but the client key (a record keeps its content when it gets a new key)
# and the values worked out from others (a measurement's mean, a screen's "positive").
NOT_COMPARED = frozenset({"client_key", "mean", "positive"})
SAME_RECORD = {
    name: tuple(f for f in fields if f not in NOT_COMPARED) for name, (_, fields) in FIELDS.items()
}
SAME_EXERCISE = tuple(f for f in EXERCISE_FIELDS if f not in NOT_COMPARED)
SAME_PROFILE = ("goals", "pain_areas", "age", "created", "updated")


def restore(
    person, stream: BinaryIO, *, today: dt.date, now: dt.datetime | None = None, force: bool = False
) -> dict[str, int]:
    """Replace `person`'s records with those of the backup read from `stream`.

    Returns how many records of each kind were restored. Raises InputError (nothing written)
    when the file is too big, not a backup, or any record fails the checks every input gets,
    and when a record here is not in the backup, unless `force`.
    """
    document = parse_backup(read_limited(stream))
    try:
        backup = check_backup(document, today=today, now=now or timezone.now())
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


# --- What would be lost --------------------------------------------------------------------


def _frozen(value: Any) -> Any:
    """A value as something hashable that compares as the value does."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


def _same(row: dict, fields: Iterable[str]) -> tuple:
    return tuple(_frozen(row.get(f)) for f in fields)


def records_not_in(person, backup: CheckedBackup) -> dict[str, list[dt.date | None]]:
    """The records here the backup does not have, by kind, with their dates."""
    missing: dict[str, list[dt.date | None]] = {}

    def compare(label: str, here: list[tuple], there: Iterable[tuple], day) -> None:
        left = Counter(here) - Counter(there)
        for record, count in left.items():
            missing.setdefault(label, []).extend([day(record)] * count)

    for name, fields in SAME_RECORD.items():
        rows = MODELS[name]._default_manager.filter(person=person).values_list(*fields)
        date_at = fields.index("start" if name == "enrollments" else "date")
        compare(
            KINDS[name],
            [_frozen(list(r)) for r in rows],
            (_same(r, fields) for r in backup.records[name]),
            lambda record, i=date_at: record[i],
        )
    exercises = ExerciseLog.objects.filter(workout__person=person).values_list(
        "workout__date", *SAME_EXERCISE
    )
    compare(
        "exercise",
        [_frozen(list(r)) for r in exercises],
        (
            (w["date"], *_same(e, SAME_EXERCISE))
            for w in backup.records["workouts"]
            for e in w.get("exercises", [])
        ),
        lambda record: record[0],
    )
    profile = Profile.objects.filter(person=person).values_list(*SAME_PROFILE).first()
    if profile is not None and (
        backup.profile is None or _frozen(list(profile)) != _same(backup.profile, SAME_PROFILE)
    ):
        missing["your profile (goals, pain areas, age)"] = [None]
    return missing


def refuse_losing(person, backup: CheckedBackup) -> None:
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


def _delete(person) -> None:
    """The person's records gone, children first, each kind in one statement.

    The plan cache's signals are not sent row by row (a year of history is thousands of rows);
    the caller moves the person's revision once instead.
    """
    ExerciseLog.objects.filter(workout__person=person)._raw_delete(ExerciseLog.objects.db)
    for model in RESTORED_MODELS[1:]:
        model._default_manager.filter(person=person)._raw_delete(model._default_manager.db)


def _fresh_keys(model, rows: list[dict]) -> None:
    """A new client key for any record whose key already belongs to someone else here (a
    backup restored into a second account): the record is restored, the other left alone."""
    keys = [r["client_key"] for r in rows if r.get("client_key") is not None]
    taken: set[uuid.UUID] = set()
    for first in range(0, len(keys), RESTORE_BATCH):
        chunk = keys[first : first + RESTORE_BATCH]
        taken |= set(
            model.objects.filter(client_key__in=chunk).values_list("client_key", flat=True)
        )
    for row in rows:
        if row.get("client_key") in taken:
            row["client_key"] = uuid.uuid4()


def _enrollment_on(enrollments: list[Enrollment], day: dt.date) -> Enrollment | None:
    """The program the person was on that day (the latest started, if two overlap)."""
    on = [e for e in enrollments if e.start <= day and (e.ended is None or day <= e.ended)]
    return max(on, key=lambda e: e.start) if on else None


def _write(person, backup: CheckedBackup) -> dict[str, int]:
    counts = {"profile": 0}
    if backup.profile is not None:
        Profile.objects.create(person=person, **backup.profile)
        counts["profile"] = 1
    made = Enrollment.objects.bulk_create(
        [Enrollment(person=person, **row) for row in backup.records["enrollments"]],
        batch_size=RESTORE_BATCH,
    )
    enrollments = list(Enrollment.objects.filter(person=person)) if made else []
    workouts = [
        {k: v for k, v in w.items() if k != "exercises"} for w in backup.records["workouts"]
    ]
    _fresh_keys(WorkoutLog, workouts)
    WorkoutLog.objects.bulk_create(
        [
            WorkoutLog(person=person, enrollment=_enrollment_on(enrollments, w["date"]), **w)
            for w in workouts
        ],
        batch_size=RESTORE_BATCH,
    )
    workout_ids = dict(WorkoutLog.objects.filter(person=person).values_list("date", "id"))
    exercises = [
        (workout_ids[w["date"]], dict(e))
        for w in backup.records["workouts"]
        for e in w.get("exercises", [])
    ]
    _fresh_keys(ExerciseLog, [e for _, e in exercises])
    ExerciseLog.objects.bulk_create(
        [ExerciseLog(workout_id=workout_id, **e) for workout_id, e in exercises],
        batch_size=RESTORE_BATCH,
    )
    counts["enrollments"], counts["workouts"] = len(made), len(workouts)
    counts["exercises"] = len(exercises)
    for name in ("pain", "measurements", "activities", "screens", "clearances", "notes"):
        model, rows = MODELS[name], [dict(r) for r in backup.records[name]]
        if "client_key" in {f.name for f in model._meta.fields}:
            _fresh_keys(model, rows)
        model._default_manager.bulk_create(
            [model(person=person, **r) for r in rows], batch_size=RESTORE_BATCH
        )
        counts[name] = len(rows)
    return counts
