"""`hipcoach export`, `backup`, `report` and `restore`: your data out, and back in safely."""

from __future__ import annotations

from pathlib import Path

import typer

from hipcoach.cli import collect_again
from hipcoach.cli.common import (
    handled,
    local_person,
    refresh_plans,
    say,
    speak_terminal_language,
    today,
)
from hipcoach.cli.helptext import described, gettext_noop
from hipcoach.cli.output import fail
from hipcoach.tracking.inputs import gettext as _


@described(
    gettext_noop(
        """\
Export everything recorded: workouts, exercises, pain, measurements, ratings, screens, notes.

The CSV has one row per record: date, record, name, side, value, unit, detail. FHIR is a
Bundle for a clinic's record system: your rotation tests and pain scores as Observations
and your program as a CarePlan, with no name in it (docs/interop.md).

Examples:
  hipcoach export --format csv --out hipcoach.csv
  hipcoach export --format json > hipcoach.json
  hipcoach export --format fhir --out hipcoach-fhir.json
"""
    )
)
def export(
    format: str = typer.Option(
        "json",
        "--format",
        "-f",
        help=gettext_noop(
            "csv (one tidy table), json (everything) or fhir (tests, pain and program as FHIR R4)."
        ),
    ),
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        help=gettext_noop("Write to this file (default: print it); never an existing one."),
    ),
    force: bool = typer.Option(
        False, "--force", help=gettext_noop("Replace the --out file if it exists.")
    ),
) -> None:
    from hipcoach.tracking.inputs import choice

    with handled():
        speak_terminal_language()
        choice(format, ("csv", "json", "fhir"), "format")
        from hipcoach.tracking.exchange import export_csv, export_json

        person = local_person()
        if format == "fhir":
            from hipcoach.tracking.fhir_export import bundle_json

            text = bundle_json(person, today=today())
        else:
            text = export_csv(person) if format == "csv" else export_json(person)
    _write(text, out, force=force)
    if out is not None:
        say(_("Exported to {file}.").format(file=out))


@described(
    gettext_noop(
        """\
Save a backup of everything recorded, to restore here or on another machine.

An existing file is never replaced without --force (and never one that is not a plain file).

Example: hipcoach backup ~/hipcoach-backup.json
"""
    )
)
def backup(
    file: Path = typer.Argument(
        ..., help=gettext_noop("The backup file to write (JSON): a new one.")
    ),
    force: bool = typer.Option(
        False, "--force", help=gettext_noop("Replace the file if it exists.")
    ),
) -> None:
    import json

    with handled():
        from hipcoach.tracking.exchange import backup_document

        speak_terminal_language()
        document = backup_document(local_person())
    _write(json.dumps(document, indent=2, ensure_ascii=False) + "\n", file, force=force)
    data = document["data"]
    say(
        _("Backed up to {file}: {counts}.").format(
            file=file,
            counts=_counts(len(data["workouts"]), len(data["pain"]), len(data["measurements"])),
        )
    )


@described(
    gettext_noop(
        """\
Write a PDF report of a period to give your clinician: rotation of each hip with its
measurement error, pain by day, workouts week by week, phases, the plan's decisions and
the remote-monitoring day counts.

The period is at most a year and ends by today; by default the last 90 days (from your
program's start when that is later). An existing file is never replaced without --force.

Examples:
  hipcoach report --pdf report.pdf
  hipcoach report --pdf report.pdf --from 2026-01-05 --to 2026-03-31
"""
    )
)
def report(
    pdf: Path = typer.Option(..., "--pdf", help=gettext_noop("The PDF file to write: a new one.")),
    first: str | None = typer.Option(
        None,
        "--from",
        help=gettext_noop("The period's first day, YYYY-MM-DD (default: 90 days back)."),
    ),
    last: str | None = typer.Option(
        None, "--to", help=gettext_noop("The period's last day, YYYY-MM-DD (default: today).")
    ),
    force: bool = typer.Option(
        False, "--force", help=gettext_noop("Replace the file if it exists.")
    ),
) -> None:
    with handled():
        from hipcoach.tracking import report_pdf, reports
        from hipcoach.tracking.inputs import parse_date

        speak_terminal_language()
        start = parse_date(first, "--from date") if first is not None else None
        end = parse_date(last, "--to date") if last is not None else None
        person = local_person()
        within = reports.period(person, today=today(), first=start, last=end)
        data = report_pdf.render(reports.report(person, today=today(), within=within))
    _write(data, pdf, force=force)
    say(_("Wrote the report of {period} to {file}.").format(period=within.said, file=pdf))


@described(
    gettext_noop(
        """\
Restore a backup, replacing what is recorded here.

Every record is checked as anything you type is (dates, ranges, known programs and
exercises); a mistake names the record and field, and nothing is changed. It refuses when
a record here is not in the backup (say which, and exits 1), unless --force.

Example: hipcoach restore ~/hipcoach-backup.json
"""
    )
)
def restore(
    file: Path = typer.Argument(..., help=gettext_noop("A file written by `hipcoach backup`.")),
    force: bool = typer.Option(
        False, "--force", help=gettext_noop("Replace records here that the backup does not have.")
    ),
) -> None:
    try:
        stream = file.expanduser().open("rb")
    except OSError as exc:
        fail(
            [
                _("error: cannot read {file}: {problem}").format(
                    file=file, problem=exc.strerror or exc
                )
            ]
        )
    with stream, handled():
        from django.db import transaction

        from hipcoach.tracking.restoring import restore as load

        speak_terminal_language()
        collect_again()  # a backup may hold years of records
        try:
            with transaction.atomic():  # a refused restore leaves no new person behind
                person = local_person(create=True)
                counts = load(person, stream, today=today(), force=force)
        except OSError as exc:  # a read error partway (a directory, a device that fails)
            fail(
                [
                    _("error: cannot read {file}: {problem}").format(
                        file=file, problem=exc.strerror or exc
                    )
                ]
            )
        refresh_plans(person)
    say(
        _("Restored from {file}: {counts}.").format(
            file=file,
            counts=_counts(counts["workouts"], counts["pain"], counts["measurements"]),
        )
    )


def _counts(workouts: int, pain: int, measurements: int) -> str:
    """ "3 workouts, 1 pain report, 0 measurements", in the active language."""
    from django.utils.translation import ngettext

    return ", ".join(
        (
            ngettext("{count} workout", "{count} workouts", workouts).format(count=workouts),
            ngettext("{count} pain report", "{count} pain reports", pain).format(count=pain),
            ngettext("{count} measurement", "{count} measurements", measurements).format(
                count=measurements
            ),
        )
    )


def _write(text: str | bytes, out: Path | None, *, force: bool = False) -> None:
    """`text` (or bytes) to standard output, or to the file `out`: a new file, or with `force` a plain
    file replaced whole (written beside it, then moved over it, so a failure leaves the old one
    and a link is replaced, not followed). Never a folder, a device or a pipe."""
    import os
    import sys
    import tempfile

    data = text.encode("utf-8") if isinstance(text, str) else text
    if out is None:
        if isinstance(text, str):
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        return
    path = out.expanduser()
    try:
        if path.is_symlink() or path.exists():
            if not path.is_symlink() and not path.is_file():
                fail([_("error: {file} is not a plain file: choose a file name").format(file=out)])
            if not force:
                fail(
                    [
                        _(
                            "error: {file} already exists: choose another name, or add --force"
                        ).format(file=out)
                    ]
                )
            with tempfile.NamedTemporaryFile(
                "wb", dir=path.parent, prefix=f".{path.name}.", delete=False
            ) as partial:
                partial.write(data)
            os.replace(partial.name, path)
            return
        with path.open("xb") as new:  # "x": never one made meanwhile
            new.write(data)
    except OSError as exc:
        fail(
            [
                _("error: cannot write {file}: {problem}").format(
                    file=out, problem=exc.strerror or exc
                )
            ]
        )
