"""The files a clinic keeps of one person: the PDF report of a period and the FHIR R4 Bundle,
for a clinician of a clinic the person shares with; and the clinician's adjustments as every
PDF report lists them, the person's own too.

The files are the person's own (`tracking.downloads`: the same functions as their account's
downloads), made on the person's own day, only through an open share (`access.share_for`:
NoAccess, a 404, without one; any scope may, as reading the person's page does). Each file
made is a line of the person's trail ("looked at": which file, which period); a period that
does not fit is an InputError before anything is made or written.

`adjustments_between` is what the clinic app registers in `tracking.reports.ADJUSTMENT_SOURCES`
at start-up, so tracking never imports the clinic.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hipcoach.clinic import audit
from hipcoach.clinic.access import share_for
from hipcoach.clinic.adjusting import SPANS
from hipcoach.clinic.models import Action, Adjustment, Clinician
from hipcoach.clinic.reading import person_today
from hipcoach.tracking import downloads, reports
from hipcoach.tracking.days import day_in, profile_zone
from hipcoach.tracking.downloads import Download


def period_of(clinician: Clinician, person_id: int, *, now: dt.datetime) -> reports.Period:
    """The period a report covers when no dates are given (the last 90 days, from the
    program's start when later), for the form that asks; NoAccess without an open share.
    Nothing is logged: no record is read but the program's start."""
    person = share_for(clinician, person_id).person
    return reports.period(person, today=person_today(person, now))


def report(
    clinician: Clinician,
    person_id: int,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    now: dt.datetime,
) -> Download:
    """The PDF report of person `person_id` from `first` to `last` (defaults and limits of
    `reports.period`: InputError, nothing made or logged); a line of their trail."""
    share = share_for(clinician, person_id)
    person = share.person
    today = person_today(person, now)
    within = reports.period(person, today=today, first=first, last=last)
    made = downloads.report(person, today=today, first=within.first, last=within.last)
    audit.record(
        person_id,
        clinic=share.clinic,
        clinician=clinician,
        action=Action.read,
        what=f"the PDF report of {within.words}",
        now=now,
    )
    return made


def fhir(clinician: Clinician, person_id: int, *, now: dt.datetime) -> Download:
    """Person `person_id`'s tests, pain scores and program as a FHIR R4 Bundle (the file of
    their own account's "Download for a clinic"); a line of their trail."""
    share = share_for(clinician, person_id)
    made = downloads.fhir(share.person, today=person_today(share.person, now))
    audit.record(
        person_id,
        clinic=share.clinic,
        clinician=clinician,
        action=Action.read,
        what="the FHIR record: rotation tests, pain scores and the program",
        now=now,
    )
    return made


def adjustments_between(person: User, first: dt.date, last: dt.date) -> list[reports.Adjustment]:
    """Every choice a clinician made for the person's plan that belongs to the days `first` to
    `last`, of any clinic, ended or not (a report is history: a choice ended since still
    shaped those days), by the day it was decided (the person's day): one decided in the
    period (a re-test set today for next week too), one dated in it, and a leave-out, swap,
    cap, hold or move on in force on any day of it. In the active language, as the whole
    report is (the reader's: `tracking.report_pdf`); the why is the clinician's own words."""
    zone = profile_zone(person)
    found = []
    for row in Adjustment.objects.filter(person=person).order_by("created", "id"):
        decided = day_in(zone, row.created)
        ran = row.kind in SPANS and (row.until is None or row.until >= row.date)
        in_force = ran and row.date <= last and (row.until is None or row.until >= first)
        if not (first <= decided <= last or first <= row.date <= last or in_force):
            continue
        if row.kind in SPANS and not ran:
            continue  # ended before its first day: it never applied (`adjusting._close`)
        what = row.change
        if row.kind in SPANS and row.until is not None:
            what += _(", to {date}").format(date=date_format(row.until, "DATE_FORMAT"))
        elif row.ended is not None and row.kind != "program":
            ended = date_format(day_in(zone, row.ended), "DATE_FORMAT")
            what += _(" (withdrawn {date})").format(date=ended)
        why = "" if row.kind == "note" else row.text
        found.append(reports.Adjustment(date=decided, clinician=row.by, what=what, why=why))
    return found
