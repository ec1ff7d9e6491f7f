"""A person's data out and back in: export (JSON or CSV), backup and restore.

A backup is the JSON export with a header (format, version, when it was taken). It moves
between SQLite and PostgreSQL because it is plain data, not a database file. A restore replaces
the person's records with the backup's, and refuses when the database holds changes made after
the backup was taken, unless forced: it never silently throws away newer work.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from hipcoach.tracking import inputs
from hipcoach.tracking.inputs import InputError
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
from hipcoach.vocabulary import Goal, PainArea, RedFlag

BACKUP_FORMAT = "hipcoach-backup"
BACKUP_VERSION = 1

# What a record carries in an export, per table (the person and the row id are left out).
FIELDS: dict[str, tuple[type, tuple[str, ...]]] = {
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
PROFILE_FIELDS = ("goals", "pain_areas", "age", "created", "updated")


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
    profile = Profile.objects.filter(person=person)
    data: dict[str, Any] = {
        "person": person.get_username(),
        "profile": (_rows(profile, PROFILE_FIELDS) or [None])[0],
    }
    for name, (model, fields) in FIELDS.items():
        data[name] = _rows(model.objects.filter(person=person).order_by("created", "id"), fields)
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


def latest_change(person) -> dt.datetime | None:
    """When anything about `person` was last written (None: nothing recorded)."""
    stamps = [
        Profile.objects.filter(person=person).aggregate(t=Max("updated"))["t"],
        WorkoutLog.objects.filter(person=person).aggregate(t=Max("updated"))["t"],
        ExerciseLog.objects.filter(workout__person=person).aggregate(t=Max("created"))["t"],
    ]
    for model, _ in FIELDS.values():
        stamps.append(model.objects.filter(person=person).aggregate(t=Max("created"))["t"])
    stamps = [s for s in stamps if s is not None]
    return max(stamps) if stamps else None


def backup_document(person) -> dict:
    return {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "taken": timezone.now().isoformat(),
        "data": export_data(person),
    }


def read_backup(text: str) -> dict:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not a hipcoach backup: the file is not JSON ({exc.msg}, line {exc.lineno})"
        ) from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise InputError("not a hipcoach backup: write one with `hipcoach backup FILE`")
    if document.get("version") != BACKUP_VERSION:
        raise InputError(
            f"backup version {document.get('version')} is not one this hipcoach reads ({BACKUP_VERSION})"
        )
    try:
        taken = dt.datetime.fromisoformat(document["taken"])
        document["data"]["workouts"]  # noqa: B018 - the shape is checked as it is read
    except (KeyError, TypeError, ValueError):
        raise InputError("the backup is damaged: its header or data is missing") from None
    document["taken"] = taken
    return document


def restore(person, text: str, *, force: bool = False) -> dict[str, int]:
    """Replace `person`'s records with the backup's; counts restored per table.

    Refuses (InputError, nothing changed) when the database has changes newer than the backup,
    unless `force`.
    """
    document = read_backup(text)
    newest = latest_change(person)
    if newest is not None and newest > document["taken"] and not force:
        raise InputError(
            f"not restored: this database has changes from {newest:%Y-%m-%d %H:%M} UTC, after the "
            f"backup was taken ({document['taken']:%Y-%m-%d %H:%M} UTC); restoring would lose "
            "them. Back them up first, or add --force to replace them"
        )
    data = document["data"]
    try:
        with transaction.atomic():
            _delete(person)
            counts = _load(person, data)
    except IntegrityError:
        raise InputError(
            "not restored: records in this backup already belong to someone else here"
        ) from None
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"not restored: the backup is damaged ({exc})") from None
    return counts


def _delete(person) -> None:
    for model, _ in FIELDS.values():
        model.objects.filter(person=person).delete()
    Profile.objects.filter(person=person).delete()


def _load(person, data: dict) -> dict[str, int]:
    counts: dict[str, int] = {}
    if data.get("profile"):
        # The contract values the database does not constrain are checked as every input is.
        inputs.choices(data["profile"].get("goals", []), Goal, "goal")
        inputs.choices(data["profile"].get("pain_areas", []), PainArea, "pain area")
        Profile.objects.create(person=person, **data["profile"])
        counts["profile"] = 1
    for name, (model, fields) in FIELDS.items():
        rows = data.get(name, [])
        for row in rows:
            values = {f: row[f] for f in fields if f in row}
            if model is RedFlagScreen:
                for key in values["answers"]:
                    inputs.choice(key, RedFlag, "red-flag question")
            made = model.objects.create(person=person, **values)
            if model is WorkoutLog:
                for e in row.get("exercises", []):
                    ExerciseLog.objects.create(
                        workout=made, **{f: e[f] for f in EXERCISE_FIELDS if f in e}
                    )
        counts[name] = len(rows)
    return counts
