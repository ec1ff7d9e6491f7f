"""`hipcoach export`, `backup` and `restore`: your data out, and back in safely."""

from __future__ import annotations

from pathlib import Path

import typer

from hipcoach.cli import collect_again
from hipcoach.cli.common import handled, local_person, refresh_plans, say, today
from hipcoach.cli.output import fail


def export(
    format: str = typer.Option(
        "json", "--format", "-f", help="csv (one tidy table) or json (everything)."
    ),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Write to this file (default: print it); never an existing one."
    ),
    force: bool = typer.Option(False, "--force", help="Replace the --out file if it exists."),
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
    _write(text, out, force=force)
    if out is not None:
        say(f"Exported to {out}.")


def backup(
    file: Path = typer.Argument(..., help="The backup file to write (JSON): a new one."),
    force: bool = typer.Option(False, "--force", help="Replace the file if it exists."),
) -> None:
    """Save a backup of everything recorded, to restore here or on another machine.

    An existing file is never replaced without --force (and never one that is not a plain file).

    Example: hipcoach backup ~/hipcoach-backup.json
    """
    import json

    with handled():
        from hipcoach.tracking.exchange import backup_document

        document = backup_document(local_person())
    _write(json.dumps(document, indent=2, ensure_ascii=False) + "\n", file, force=force)
    data = document["data"]
    say(
        f"Backed up to {file}: {_counted(len(data['workouts']), 'workout')}, "
        f"{_counted(len(data['pain']), 'pain report')}, "
        f"{_counted(len(data['measurements']), 'measurement')}."
    )


def restore(
    file: Path = typer.Argument(..., help="A file written by `hipcoach backup`."),
    force: bool = typer.Option(
        False, "--force", help="Replace records here that the backup does not have."
    ),
) -> None:
    """Restore a backup, replacing what is recorded here.

    Every record is checked as anything you type is (dates, ranges, known programs and
    exercises); a mistake names the record and field, and nothing is changed. It refuses when
    a record here is not in the backup (say which, and exits 1), unless --force.

    Example: hipcoach restore ~/hipcoach-backup.json
    """
    try:
        stream = file.expanduser().open("rb")
    except OSError as exc:
        fail([f"error: cannot read {file}: {exc.strerror or exc}"])
    with stream, handled():
        from django.db import transaction

        from hipcoach.tracking.restoring import restore as load

        collect_again()  # a backup may hold years of records
        try:
            with transaction.atomic():  # a refused restore leaves no new person behind
                person = local_person(create=True)
                counts = load(person, stream, today=today(), force=force)
        except OSError as exc:  # a read error partway (a directory, a device that fails)
            fail([f"error: cannot read {file}: {exc.strerror or exc}"])
        refresh_plans(person)
    say(
        f"Restored from {file}: {_counted(counts['workouts'], 'workout')}, "
        f"{_counted(counts['pain'], 'pain report')}, "
        f"{_counted(counts['measurements'], 'measurement')}."
    )


def _counted(count: int, thing: str) -> str:
    return f"{count} {thing}{'' if count == 1 else 's'}"


def _write(text: str, out: Path | None, *, force: bool = False) -> None:
    """`text` to standard output, or to the file `out`: a new file, or with `force` a plain
    file replaced whole (written beside it, then moved over it, so a failure leaves the old one
    and a link is replaced, not followed). Never a folder, a device or a pipe."""
    import os
    import sys
    import tempfile

    if out is None:
        sys.stdout.write(text)
        return
    path = out.expanduser()
    try:
        if path.is_symlink() or path.exists():
            if not path.is_symlink() and not path.is_file():
                fail([f"error: {out} is not a plain file: choose a file name"])
            if not force:
                fail([f"error: {out} already exists: choose another name, or add --force"])
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
            ) as partial:
                partial.write(text)
            os.replace(partial.name, path)
            return
        with path.open("x", encoding="utf-8") as new:  # "x": never one made meanwhile
            new.write(text)
    except OSError as exc:
        fail([f"error: cannot write {out}: {exc.strerror or exc}"])
