"""The person's data is theirs, through the API: every kind of record read back (screens,
clearances, notes and activity ratings, beside the workouts, pain and measurements of
`hipcoach.api.views`), everything exported at once (the backup document `hipcoach restore`
reads, the CSV table of `hipcoach export`, or a FHIR R4 Bundle), the PDF report of a period
with the remote-monitoring day counts, and the account deleted with everything in it.
The operations join the one API (`hipcoach.api.urls` imports this module): a read and a write of
the same path must live in one router.

Exports are made by `hipcoach.tracking.exchange`, the same functions as the terminal's, and
answered as the web's downloads are (`hipcoach.tracking.downloads`), so the three ways out
(terminal, web, API) cannot drift apart.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Model
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Query, Schema, Status
from pydantic import Field

from hipcoach.accounts import limits
from hipcoach.accounts.deletion import delete_person, in_words
from hipcoach.api.schemas import Error, Strict
from hipcoach.api.strictness import QueryDate
from hipcoach.api.views import api, caller, with_errors
from hipcoach.tracking import days, downloads, exchange, reports
from hipcoach.tracking.models import ActivityRating, Clearance, Note, RedFlagScreen

TAGS = ["your data"]


class ScreenRecordOut(Schema):
    id: int
    date: dt.date
    answers: dict[str, bool]
    positive: bool


class ClearanceRecordOut(Schema):
    id: int
    date: dt.date
    note: str


class NoteOut(Schema):
    id: int
    date: dt.date
    text: str


class ActivityOut(Schema):
    id: int
    date: dt.date
    activity: str
    score: int


class DeleteAccountIn(Strict):
    """The account's password, asked again, from a freshly logged-in session: a token alone,
    or a session alone, cannot delete."""

    password: str = Field(max_length=4096)


class DeletedOut(Schema):
    detail: str
    removed: dict[str, int]


def _rows(model: type[Model], person: User, since: dt.date | None, limit: int) -> list:
    rows = model._default_manager.filter(person=person).order_by("-date", "-created")
    return list((rows.filter(date__gte=since) if since else rows)[:limit])


@api.get("/screens", tags=TAGS, response=with_errors({200: list[ScreenRecordOut]}))
def screens(
    request: HttpRequest, since: QueryDate | None = None, limit: int = Query(100, ge=1, le=1000)
):
    """The red-flag screens answered, newest first."""
    return _rows(RedFlagScreen, caller(request), since, limit)


@api.get("/clearances", tags=TAGS, response=with_errors({200: list[ClearanceRecordOut]}))
def clearances(
    request: HttpRequest, since: QueryDate | None = None, limit: int = Query(100, ge=1, le=1000)
):
    """A clinician's clearances after a red flag, newest first."""
    return _rows(Clearance, caller(request), since, limit)


@api.get("/notes", tags=TAGS, response=with_errors({200: list[NoteOut]}))
def notes(
    request: HttpRequest, since: QueryDate | None = None, limit: int = Query(100, ge=1, le=1000)
):
    """Notes of the days, newest first."""
    return _rows(Note, caller(request), since, limit)


@api.get("/activities", tags=TAGS, response=with_errors({200: list[ActivityOut]}))
def activities(
    request: HttpRequest, since: QueryDate | None = None, limit: int = Query(100, ge=1, le=1000)
):
    """Ratings of the person's own activities (0–10), newest first."""
    return _rows(ActivityRating, caller(request), since, limit)


@api.get(
    "/export",
    tags=TAGS,
    response=with_errors({200: dict}),
    openapi_extra={
        "responses": {
            200: {
                "description": "Everything recorded: the backup document of `hipcoach backup` "
                "(format, version, taken, data), which `hipcoach restore` reads.",
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        }
    },
)
def export(request: HttpRequest):
    """Everything recorded about you, as a downloadable backup (JSON)."""
    return downloads.backup(caller(request), today=days.today()).response()


@api.get(
    "/export/csv",
    tags=TAGS,
    response=with_errors({}),
    openapi_extra={
        "responses": {
            200: {
                "description": "One row per record: " + ", ".join(exchange.CSV_COLUMNS) + ".",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def export_table(request: HttpRequest):
    """Everything recorded about you, as one CSV table (as `hipcoach export --format csv`)."""
    return downloads.table(caller(request), today=days.today()).response()


@api.get(
    "/export/fhir",
    tags=TAGS,
    response=with_errors({}),
    openapi_extra={
        "responses": {
            200: {
                "description": "A FHIR R4 Bundle (type collection): a Patient with only a record "
                "number local to this install, an Observation per hip internal-rotation test "
                "and side, one per pain score (LOINC 72514-3), and the CarePlan of today's "
                "exercises (docs/interop.md).",
                "content": {"application/fhir+json": {"schema": {"type": "object"}}},
            }
        }
    },
)
def export_fhir(request: HttpRequest):
    """Your tests, pain scores and program as FHIR R4, for a clinic's record system."""
    return downloads.fhir(caller(request), today=days.today()).response()


@api.get(
    "/report",
    tags=TAGS,
    response=with_errors({}),
    openapi_extra={
        "responses": {
            200: {
                "description": "The PDF report of the period: each hip's internal rotation "
                "with its measurement error, pain by day, adherence, phases, the plan's "
                "decisions and the remote-monitoring day counts.",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def report(request: HttpRequest, first: QueryDate | None = None, last: QueryDate | None = None):
    """The PDF report of `first` to `last` (default: the last 90 days, from your program's
    start when later; a year at most, ending by today; 400 with the reason otherwise)."""
    return downloads.report(caller(request), today=days.today(), first=first, last=last).response()


class MonitoringOut(Schema):
    first: dt.date
    last: dt.date
    days_with_data: int
    reached: bool = Field(description="16 days or more: the count US remote monitoring codes ask")
    open: bool = Field(description="the period runs on after today")


@api.get("/monitoring", tags=TAGS, response=with_errors({200: list[MonitoringOut]}))
def monitoring(request: HttpRequest):
    """Days with data (a workout, a pain score, a test, an activity rating) in each 30-day
    period from your program's start, oldest first."""
    return [m.to_json() for m in reports.monitoring(caller(request), today=days.today())]


@api.post(
    "/account/delete",
    tags=TAGS,
    response=with_errors({200: DeletedOut, 403: Error}),
    url_name="delete_account",
)
def delete_account(request: HttpRequest, body: DeleteAccountIn):
    """Delete your account and every record of yours (profile, enrollments, workouts, pain,
    tests, ratings, screens, clearances, notes, saved plans, tokens, sessions), for good.

    It needs a fresh log-in: the log-in session of a browser (its cookie, with the X-CSRFToken
    header) that logged in within the last 10 minutes; an API token alone is refused (403), so
    a stolen token can neither delete nor guess the password. Your password is asked again;
    wrong ones count towards your account's back-off and your network's log-in limit (429 with
    Retry-After past them)."""
    person = caller(request)
    if not limits.logged_in_recently(request, person):
        minutes = settings.FRESH_LOGIN_SECONDS // 60
        return Status(
            403,
            {
                "detail": _(
                    "deleting an account needs a fresh log-in: log in again (within {minutes} "
                    "minutes) and send this with that log-in session, not an API token; "
                    "nothing was deleted"
                ).format(minutes=minutes)
            },
        )
    if not limits.check_password(request, person, body.password):
        return Status(403, {"detail": _("that is not your password: nothing was deleted")})
    name = person.get_username()
    removed = delete_person(person)
    return JsonResponse(
        {
            "detail": f"Deleted the account {name} and everything in it: {in_words(removed)}.",
            "removed": removed,
        }
    )
