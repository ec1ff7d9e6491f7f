"""A person's data out: export (JSON or CSV) and backup.

The functions here are the one export of the app: the terminal's `export` and `backup`, and
the web and API downloads, call them with the person whose data it is.

A backup is the JSON export with a header (format, version, when it was taken). It moves
between SQLite and PostgreSQL because it is plain data, not a database file. Reading one back
is `restoring.restore`, which checks every record and never silently throws away newer work.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from hipcoach.tracking import models
from hipcoach.tracking.record_format import (
    KINDS,
    Backup,
    Exercise,
    Profile,
    Record,
    Records,
    Workout,
)


def _read(kind: type[Record], queryset, link: str = "id") -> list[tuple[int, Any]]:
    """Each row of `queryset` as a `kind` of record, beside its `link` (its id, or its
    workout's)."""
    fields = kind.stored()
    return [
        (row[0], kind.written(dict(zip(fields, row[1:], strict=True))))
        for row in queryset.order_by("created", "id").values_list(link, *fields)
    ]


def records_of(person: User) -> Records:
    """Everything recorded about `person`, as the backup format's records, each kind in the
    order written. Only `person`'s own records: the caller decides who `person` is."""
    profile = _read(Profile, models.Profile.objects.filter(person=person))
    done: dict[int, list[Exercise]] = {}
    exercises = models.ExerciseLog.objects.filter(workout__person=person)
    for workout_id, exercise in _read(Exercise, exercises, link="workout_id"):
        done.setdefault(workout_id, []).append(exercise)
    kinds: dict[str, Any] = {}
    for name, kind in KINDS.items():
        rows = _read(kind, kind.table._default_manager.filter(person=person))
        if kind is Workout:
            for workout_id, workout in rows:
                workout.exercises = done.get(workout_id, [])
        kinds[name] = [record for _, record in rows]
    return Records.model_construct(
        person=person.get_username(), profile=profile[0][1] if profile else None, **kinds
    )


def export_data(person: User) -> dict:
    """Everything recorded about `person`, as JSON-ready data (the JSON export, and the `data`
    of a backup): `records_of` written in the backup format."""
    return records_of(person).model_dump(mode="json")


def export_json(person: User) -> str:
    return json.dumps(export_data(person), indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = ("date", "record", "name", "side", "value", "unit", "detail")

# A spreadsheet runs a cell that begins with one of these as a formula (`=HYPERLINK(...)` in
# a note, say). Such text is written with a leading apostrophe, which spreadsheets show as
# text and do not run. Numbers are written as numbers: a cell that is a plain number, such
# as -3 or 23.5, is never a formula, so it is left as it is and stays usable in a sum.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def spreadsheet_cell(value: Any) -> Any:
    """`value` as a CSV cell that a spreadsheet shows and never runs (see FORMULA_STARTS)."""
    risky = isinstance(value, str) and value.startswith(FORMULA_STARTS)
    return "'" + value if risky and not PLAIN_NUMBER.fullmatch(value) else value


def write_csv(rows: Iterable[Sequence[Any]], columns: Sequence[str]) -> str:
    """A CSV table with a header row, every cell made safe to open in a spreadsheet.

    Any CSV the app writes goes through here, so none of its cells runs as a formula.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([spreadsheet_cell(c) for c in columns])
    writer.writerows([spreadsheet_cell(c) for c in row] for row in rows)
    return out.getvalue()


def export_csv(person: User) -> str:
    """One tidy table: a row per workout, exercise, pain report, side tested, rating, screen, note.

    The web and the API offer the same file as the CLI's `export --format csv`: call this.
    Text cells that a spreadsheet would run as a formula are neutralised (`spreadsheet_cell`).
    """
    records = records_of(person)
    rows = [
        row for name in KINDS for record in records.of_kind(name) for row in record.table_rows()
    ]
    rows.sort(key=lambda r: (r[0], r[1]))
    return write_csv(rows, CSV_COLUMNS)


def backup_document(person: User) -> dict:
    """A backup of everything recorded about `person`: the JSON export with a header
    (`record_format.Backup`). `restoring.restore` reads it back, checking every record."""
    backup = Backup.model_construct(taken=timezone.now(), data=records_of(person))
    return backup.model_dump(mode="json")
