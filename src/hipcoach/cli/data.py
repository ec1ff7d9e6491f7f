"""`hipcoach export`, `backup` and `restore`: your data out, and back in safely."""

from __future__ import annotations

from pathlib import Path

import typer

from hipcoach.cli.coach import handled, local_person, refresh_plans, say
from hipcoach.cli.output import fail


def export(
    format: str = typer.Option(
        "json", "--format", "-f", help="csv (one tidy table) or json (everything)."
    ),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Write to this file (default: print it)."
    ),
) -> None:
    """Export everything recorded: workouts, exercises, pain, measurements, ratings, screens, notes.

    The CSV has one row per record: date, record, name, side, value, unit, detail.

    Examples:
      hipcoach export --format csv --out hipcoach.csv
      hipcoach export --format json > hipcoach.json
    """
    from hipcoach.tracking.inputs import choice

    with handled():
        choice(format, ("csv", "json"), "format")
        from hipcoach.tracking.exchange import export_csv, export_json

        person = local_person()
        text = export_csv(person) if format == "csv" else export_json(person)
    _write(text, out)
    if out is not None:
        say(f"Exported to {out}.")


def backup(file: Path = typer.Argument(..., help="The backup file to write (JSON).")) -> None:
    """Save a backup of everything recorded, to restore here or on another machine.

    Example: hipcoach backup ~/hipcoach-backup.json
    """
    import json

    with handled():
        from hipcoach.tracking.exchange import backup_document

        document = backup_document(local_person())
    _write(json.dumps(document, indent=2, ensure_ascii=False) + "\n", file)
    data = document["data"]
    say(
        f"Backed up to {file}: {len(data['workouts'])} workouts, {len(data['pain'])} pain reports, "
        f"{len(data['measurements'])} measurements."
    )


def restore(
    file: Path = typer.Argument(..., help="A file written by `hipcoach backup`."),
    force: bool = typer.Option(
        False, "--force", help="Replace data recorded after the backup was taken."
    ),
) -> None:
    """Restore a backup, replacing what is recorded here.

    It refuses when this database has changes made after the backup was taken (say which, and
    exits 1), unless --force.

    Example: hipcoach restore ~/hipcoach-backup.json
    """
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail([f"error: cannot read {file}: {getattr(exc, 'strerror', None) or exc}"])
    with handled():
        from hipcoach.tracking.database import ensure_ready

        ensure_ready()
        from django.db import transaction

        from hipcoach.tracking.exchange import restore as load

        with transaction.atomic():  # a refused restore leaves no new person behind
            person = local_person(create=True)
            counts = load(person, text, force=force)
        refresh_plans(person)
    say(
        f"Restored from {file}: {counts.get('workouts', 0)} workouts, {counts.get('pain', 0)} pain "
        f"reports, {counts.get('measurements', 0)} measurements."
    )


def _write(text: str, out: Path | None) -> None:
    import sys

    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.expanduser().write_text(text, encoding="utf-8")
    except OSError as exc:
        fail([f"error: cannot write {out}: {exc.strerror or exc}"])
