"""The person's data as a file to download, the same from every door (the web's buttons and
the API's export): everything as the backup document that `hipcoach restore` reads, as the
one tidy table of `hipcoach export --format csv`, as a FHIR R4 Bundle (`hipcoach export
--format fhir`), or the PDF report of a period (`hipcoach report --pdf`)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.http import HttpResponse

from hipcoach.tracking import exchange, fhir_export, report_pdf, reports


@dataclass(frozen=True)
class Download:
    """A file of the person's own data: its name, its text and its type."""

    name: str
    text: str | bytes
    content_type: str

    def response(self) -> HttpResponse:
        """The file as an attachment that no shared cache keeps (it is health data)."""
        answer = HttpResponse(self.text, content_type=self.content_type)
        answer["Content-Disposition"] = f'attachment; filename="{self.name}"'
        answer["Cache-Control"] = "no-store"
        return answer


def _name(person: User, today: dt.date, suffix: str) -> str:
    return f"hipcoach-{person.get_username()}-{today:%Y-%m-%d}.{suffix}"


def backup(person: User, *, today: dt.date) -> Download:
    """Everything, as the backup document of `hipcoach backup`."""
    text = json.dumps(exchange.backup_document(person), indent=2, ensure_ascii=False) + "\n"
    return Download(_name(person, today, "json"), text, "application/json; charset=utf-8")


def table(person: User, *, today: dt.date) -> Download:
    """Everything as one tidy table, as `hipcoach export --format csv` writes it."""
    return Download(
        _name(person, today, "csv"), exchange.export_csv(person), "text/csv; charset=utf-8"
    )


def fhir(person: User, *, today: dt.date) -> Download:
    """The tests, pain scores and program as a FHIR R4 Bundle (`fhir_export`)."""
    return Download(
        _name(person, today, "fhir.json"),
        fhir_export.bundle_json(person, today=today),
        "application/fhir+json; charset=utf-8",
    )


def report(
    person: User, *, today: dt.date, first: dt.date | None = None, last: dt.date | None = None
) -> Download:
    """The PDF report of `first` to `last` (`reports.period` checks them: InputError)."""
    within = reports.period(person, today=today, first=first, last=last)
    data = report_pdf.render(reports.report(person, today=today, within=within))
    name = f"hipcoach-report-{person.get_username()}-{within.first:%Y-%m-%d}-{within.last:%Y-%m-%d}.pdf"
    return Download(name, data, "application/pdf")
