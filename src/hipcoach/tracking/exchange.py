"""A person's data out: export (JSON or CSV) and backup.

The functions here are the one export of the app: the terminal's `export` and `backup`, and
the web and API downloads, call them with the person whose data it is.

A backup is the JSON export with a header (format, version, when it was taken). It moves
between SQLite and PostgreSQL because it is plain data, not a database file. Reading one back
is `restoring.restore`, which checks every record and never silently throws away newer work.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Model
from django.utils import timezone

from hipcoach.tracking.backup_checks import BACKUP_FORMAT, BACKUP_VERSION
from hipcoach.tracking.models import (
    ActivityRating,
    Clearance,
    Enrollment,
    ExerciseLog,
    Measurement,
    Note,
    PainReport,
    Profile,
    RedFlagScreen,
    WorkoutLog,
)

# What a record carries in an export, per table (the person and the row id are left out).
FIELDS: dict[str, tuple[type[Model], tuple[str, ...]]] = {
    "enrollments": (Enrollment, ("program", "version", "start", "ended", "created")),
    "workouts": (WorkoutLog, ("date", "status", "client_key", "created", "updated")),
    "pain": (PainReport, ("date", "when", "score", "client_key", "created")),
    "measurements": (
        Measurement,
        ("date", "side", "position", "method", "kind", "trials", "mean", "client_key", "created"),
    ),
    "activities": (ActivityRating, ("date", "activity", "score", "client_key", "created")),
    "screens": (RedFlagScreen, ("date", "answers", "positive", "created")),
    "clearances": (Clearance, ("date", "note", "created")),
    "notes": (Note, ("date", "text", "created")),
}
EXERCISE_FIELDS = (
    "exercise",
    "side",
    "status",
    "sets",
    "reps",
    "hold_s",
    "time_s",
    "client_key",
    "created",
)
PROFILE_FIELDS = ("goals", "pain_areas", "age", "time_zone", "created", "updated")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if hasattr(value, "hex") and not isinstance(value, float | int | str):  # a UUID
        return str(value)
    return value


def _rows(queryset, fields: tuple[str, ...]) -> list[dict]:
    return [
        {f: _plain(v) for f, v in zip(fields, row, strict=True)}
        for row in queryset.values_list(*fields)
    ]


def export_data(person) -> dict:
    """Everything recorded about `person`, as JSON-ready data (the JSON export, and the `data`
    of a backup). Only `person`'s own records: the caller decides who `person` is."""
    profile = _rows(Profile.objects.filter(person=person), PROFILE_FIELDS)
    data: dict[str, Any] = {
        "person": person.get_username(),
        "profile": profile[0] if profile else None,
    }
    for name, (model, fields) in FIELDS.items():
        data[name] = _rows(
            model._default_manager.filter(person=person).order_by("created", "id"), fields
        )
    exercises = ExerciseLog.objects.filter(workout__person=person).order_by("created", "id")
    by_workout: dict[str, list[dict]] = {}
    for key, row in zip(
        exercises.values_list("workout__client_key", flat=True),
        _rows(exercises, EXERCISE_FIELDS),
        strict=True,
    ):
        by_workout.setdefault(str(key), []).append(row)
    for workout in data["workouts"]:
        workout["exercises"] = by_workout.get(workout["client_key"], [])
    return data


def export_json(person) -> str:
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


def export_csv(person) -> str:
    """One tidy table: a row per workout, exercise, pain report, side tested, rating, screen, note.

    The web and the API offer the same file as the CLI's `export --format csv`: call this.
    Text cells that a spreadsheet would run as a formula are neutralised (`spreadsheet_cell`).
    """
    data = export_data(person)
    rows: list[tuple] = []
    for w in data["workouts"]:
        rows.append((w["date"], "workout", "", "", w["status"], "", ""))
        for e in w["exercises"]:
            dose = ", ".join(
                f"{k} {e[k]}" for k in ("sets", "reps", "hold_s", "time_s") if e[k] is not None
            )
            rows.append((w["date"], "exercise", e["exercise"], e["side"], e["status"], "", dose))
    for p in data["pain"]:
        rows.append((p["date"], "pain", p["when"], "", p["score"], "0-10", ""))
    for m in data["measurements"]:
        name = f"{m['kind']} {m['position']} {m['method']}"
        trials = "; ".join(f"{t:g}" for t in m["trials"])
        rows.append(
            (
                m["date"],
                "measurement",
                name,
                m["side"],
                round(m["mean"], 1),
                "deg",
                f"trials {trials}",
            )
        )
    for a in data["activities"]:
        rows.append((a["date"], "activity", a["activity"], "", a["score"], "0-10", ""))
    for s in data["screens"]:
        yes = [k for k, v in s["answers"].items() if v]
        rows.append(
            (s["date"], "red_flag_screen", "", "", "yes" if yes else "no", "", "; ".join(yes))
        )
    for c in data.get("clearances", []):
        rows.append((c["date"], "clearance", "", "", "cleared", "", c["note"]))
    for n in data["notes"]:
        rows.append((n["date"], "note", "", "", "", "", n["text"]))
    for e in data["enrollments"]:
        rows.append(
            (e["start"], "enrollment", e["program"], "", e["version"], "version", e["ended"] or "")
        )
    rows.sort(key=lambda r: (r[0], r[1]))
    return write_csv(rows, CSV_COLUMNS)


def backup_document(person) -> dict:
    """A backup of everything recorded about `person`: the JSON export with a header.

    `restoring.restore` reads it back, checking every record as any input is checked.
    """
    return {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "taken": timezone.now().isoformat(),
        "data": export_data(person),
    }
