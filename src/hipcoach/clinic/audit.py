"""The access trail: every clinician's look at a person and every change, who, whom, what and
when, append-only (`models.AccessEntry`), shown to the person and downloadable by them.

A list view of many people is one line per person a day and clinician (a clinician who opens
their list ten times a day is listed once); a look at one person, and every change, is a line
each time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db.models import QuerySet

from hipcoach.clinic.models import AccessEntry, Action, Clinic, Clinician

TRAIL_SHOWN = 100  # lines on the person's page (the download has them all)


def record(
    person_id: int,
    *,
    clinic: Clinic,
    clinician: Clinician | None,
    action: Action,
    what: str,
    now: dt.datetime,
) -> AccessEntry:
    """Add one line to the person's trail."""
    return AccessEntry.objects.create(
        person_id=person_id,
        clinician=clinician,
        clinician_name=clinician.name if clinician else "",
        clinic_name=clinic.name,
        action=action,
        what=what[:200],
        at=now,
        day=now.date(),
    )


def record_listing(clinician: Clinician, person_ids: Iterable[int], *, now: dt.datetime) -> None:
    """Add "saw you in their list" to each person's trail, once a day per clinician (one
    statement; a line already there today is left as it is)."""
    AccessEntry.objects.bulk_create(
        [
            AccessEntry(
                person_id=person_id,
                clinician=clinician,
                clinician_name=clinician.name,
                clinic_name=clinician.clinic.name,
                action=Action.listed,
                what="phase, pain, range and flags in the list",
                at=now,
                day=now.date(),
            )
            for person_id in person_ids
        ],
        ignore_conflicts=True,
    )


def trail(person: User) -> QuerySet[AccessEntry]:
    """The person's trail, the latest first."""
    return AccessEntry.objects.filter(person=person).order_by("-at", "-id")


def trail_csv(person: User) -> str:
    """The person's whole trail as CSV: when (UTC, ISO 8601), clinician, clinic, action, what."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["when", "clinician", "clinic", "action", "what"])
    for row in trail(person).iterator():
        name = row.clinician_name or "(you)"
        writer.writerow(
            [row.at.astimezone(dt.UTC).isoformat(), name, row.clinic_name, row.action, row.what]
        )
    return out.getvalue()
