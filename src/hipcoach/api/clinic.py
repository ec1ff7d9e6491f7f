"""The clinic's side through the API: a person's sharing (make a code, see who has access and
the trail, end an access) and a clinician's (redeem a code, the list by need, one person).

The same use cases as the web's pages (`hipcoach.clinic`), joined to the one API
(`hipcoach.api.urls` imports this module). A person not shared with the caller's clinic answers
404, the same as no one; a caller who is not a clinician, or a read-only share asked to adjust,
403. Wrong codes count against the network's limit (429 with Retry-After past it).
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Schema, Status
from pydantic import Field

from hipcoach.accounts import limits
from hipcoach.api.schemas import Error, Strict
from hipcoach.api.strictness import QueryDate
from hipcoach.api.views import api, caller, with_errors
from hipcoach.clinic import access, adjusting, caseload, filing, reading, sharing
from hipcoach.clinic.models import Share

PERSON_TAGS = ["sharing"]
CLINIC_TAGS = ["clinic"]


@api.exception_handler(access.NoAccess)
def no_access(request: HttpRequest, exc: access.NoAccess):
    return api.create_response(request, {"detail": str(exc)}, status=404)


@api.exception_handler(access.NotAClinician)
@api.exception_handler(access.ReadOnly)
def not_allowed(request: HttpRequest, exc: Exception):
    return api.create_response(request, {"detail": str(exc)}, status=403)


class CodeIn(Strict):
    scope: str = Field(description="read (read only) or adjust (read and adjust the plan)")


class CodeOut(Schema):
    code: str
    scope: str
    expires: dt.datetime


class RedeemIn(Strict):
    code: str = Field(max_length=40, description="the code the person made, e.g. K7QM-3XHD-9TFA")


class SharedOut(Schema):
    person: int
    name: str
    clinic: str
    scope: str


def _share_out(share: Share) -> dict:
    return {
        "id": share.pk,
        "clinic": share.clinic.name,
        "scope": share.scope,
        "created": share.created.isoformat(),
        "revoked": share.revoked.isoformat() if share.revoked else None,
    }


@api.get("/sharing", tags=PERSON_TAGS, response=with_errors({200: dict}))
def my_sharing(request: HttpRequest):
    """Who has access to your record (open and ended), the codes waiting, and the latest lines
    of what clinicians looked at (`trail`, the latest first)."""
    found = sharing.access_of(caller(request), now=timezone.now())
    return {
        "shares": [_share_out(share) for share in found.shares],
        "codes": [
            {"id": c.pk, "scope": c.scope, "expires": c.expires.isoformat()} for c in found.codes
        ],
        "trail": [
            {
                "at": line.at.isoformat(),
                "clinician": line.clinician_name or None,
                "clinic": line.clinic_name,
                "action": line.action,
                "what": line.what,
            }
            for line in found.trail
        ],
        "trail_total": found.trail_total,
    }


@api.post(
    "/sharing/codes", tags=PERSON_TAGS, response=with_errors({201: CodeOut}), url_name="share_code"
)
def make_code(request: HttpRequest, body: CodeIn):
    """A code to give your clinic (shown once; it works once, for a week)."""
    row, code = sharing.make_code(caller(request), scope=body.scope, now=timezone.now())
    return Status(201, {"code": code, "scope": row.scope, "expires": row.expires})


@api.post(
    "/sharing/{share_id}/end",
    tags=PERSON_TAGS,
    response=with_errors({200: dict}),
    url_name="end_share",
)
def end_share(request: HttpRequest, share_id: int):
    """End a clinic's access to your record now."""
    return _share_out(sharing.revoke(caller(request), share_id, now=timezone.now()))


@api.post(
    "/clinic/shares",
    tags=CLINIC_TAGS,
    response=with_errors({201: SharedOut, 403: Error}),
    url_name="redeem_code",
)
def redeem(request: HttpRequest, body: RedeemIn):
    """Redeem the code a person made: they share their record with your clinic."""
    clinician = access.clinician_of(caller(request))
    limits.check(request, "share_code", count=False)
    try:
        share = sharing.redeem(clinician, body.code, now=timezone.now())
    except sharing.WrongCode:
        limits.check(request, "share_code")
        raise
    return Status(
        201,
        {
            "person": share.person_id,
            "name": share.person.get_username(),
            "clinic": share.clinic.name,
            "scope": share.scope,
        },
    )


@api.get("/clinic/people", tags=CLINIC_TAGS, response=with_errors({200: dict, 403: Error}))
def people(
    request: HttpRequest,
    page: int = Query(1, ge=1, le=10**6),
    signed_off: bool = Query(False, description="those you signed off, and not back since"),
):
    """The people sharing with your clinic, the most in need first, a page at a time, each
    with the reasons in words (from the stored statuses); those you signed off are left out
    until a new flag appears (`signed_off=true`: only them)."""
    clinician = access.clinician_of(caller(request))
    found = caseload.caseload(clinician, page=page, signed_off=signed_off, now=timezone.now())
    return found.to_json()


@api.get(
    "/clinic/people/{person_id}",
    tags=CLINIC_TAGS,
    response=with_errors({200: dict, 403: Error, 404: Error}),
)
def person(request: HttpRequest, person_id: int):
    """One person as a therapist reads them: today's plan, the decisions day by day,
    progress, ratings and notes. The person sees that you looked."""
    clinician = access.clinician_of(caller(request))
    return reading.read_person(clinician, person_id, now=timezone.now()).to_json()


@api.get(
    "/clinic/people/{person_id}/report",
    tags=CLINIC_TAGS,
    response=with_errors({403: Error, 404: Error}),
    url_name="clinic_report",
    openapi_extra={
        "responses": {
            200: {
                "description": "The person's PDF report of the period (the file of their own "
                "`GET /report`): each hip's internal rotation with its measurement error, pain "
                "by day, adherence, phases, the plan's decisions, the remote-monitoring day "
                "counts and the clinicians' adjustments.",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def report(
    request: HttpRequest,
    person_id: int,
    first: QueryDate | None = None,
    last: QueryDate | None = None,
):
    """The person's PDF report of `first` to `last` (default: the last 90 days, from their
    program's start when later; a year at most, ending by their today; 400 with the reason
    otherwise). The person sees in their trail that you made it."""
    clinician = access.clinician_of(caller(request))
    found = filing.report(clinician, person_id, first=first, last=last, now=timezone.now())
    return found.response()


@api.get(
    "/clinic/people/{person_id}/fhir",
    tags=CLINIC_TAGS,
    response=with_errors({403: Error, 404: Error}),
    url_name="clinic_fhir",
    openapi_extra={
        "responses": {
            200: {
                "description": "The person's FHIR R4 Bundle (the file of their own "
                "`GET /export/fhir`; docs/interop.md).",
                "content": {"application/fhir+json": {"schema": {"type": "object"}}},
            }
        }
    },
)
def fhir(request: HttpRequest, person_id: int):
    """The person's rotation tests, pain scores and program as a FHIR R4 Bundle, for your
    clinic's record system. The person sees in their trail that you took it."""
    clinician = access.clinician_of(caller(request))
    return filing.fhir(clinician, person_id, now=timezone.now()).response()


class AdjustmentIn(Strict):
    kind: str = Field(description="note, retest, leave_out, program, swap, cap, hold or advance")
    date: dt.date | None = Field(
        None, description="the re-test date; a leave-out's, swap's or cap's first day"
    )
    text: str = Field("", max_length=500, description="the note, or why (hold, advance: needed)")
    exercise: str = Field("", max_length=80, description="leave_out, swap, cap: the exercise id")
    program: str = Field("", max_length=80, description="program: the program id to start today")
    swap_to: str = Field("", max_length=80, description="swap: the exercise id that replaces it")
    sets: int | None = Field(None, description="cap: at most this many sets (1-10)")
    reps: int | None = Field(None, description="cap: at most this many reps (1-100)")
    seconds: int | None = Field(None, description="cap: at most this many seconds (5-300)")


@api.post(
    "/clinic/people/{person_id}/adjustments",
    tags=CLINIC_TAGS,
    response=with_errors({201: dict, 403: Error, 404: Error}),
    url_name="adjust_plan",
)
def adjust(request: HttpRequest, person_id: int, body: AdjustmentIn):
    """A choice for the person's plan (needs the "adjust" scope, else 403): a note to them, a
    re-test date, an exercise left out, swapped or capped, the phase held or advanced (with
    why), or another program from today; each shows in their plan as your choice."""
    clinician = access.clinician_of(caller(request))
    row = adjusting.adjust(
        clinician,
        person_id,
        kind=body.kind,
        date=body.date,
        text=body.text,
        exercise=body.exercise,
        program=body.program,
        swap_to=body.swap_to,
        sets=body.sets,
        reps=body.reps,
        seconds=body.seconds,
        now=timezone.now(),
    )
    return Status(201, row.to_json())


@api.post(
    "/clinic/people/{person_id}/adjustments/{adjustment_id}/end",
    tags=CLINIC_TAGS,
    response=with_errors({200: dict, 403: Error, 404: Error}),
    url_name="end_adjustment",
)
def end_adjustment(request: HttpRequest, person_id: int, adjustment_id: int):
    """End a choice of your clinic's for the person (a leave-out ends yesterday)."""
    clinician = access.clinician_of(caller(request))
    adjusting.end(clinician, person_id, adjustment_id, now=timezone.now())
    return {"ended": adjustment_id}


class SignOffIn(Strict):
    note: str = Field("", max_length=500, description="words for the person (optional)")


@api.post(
    "/clinic/people/{person_id}/sign-off",
    tags=CLINIC_TAGS,
    response=with_errors({201: dict, 403: Error, 404: Error}),
    url_name="sign_off",
)
def sign_off(request: HttpRequest, person_id: int, body: SignOffIn):
    """Sign off the person's episode (a discharge, any scope): a dated line "Signed off by
    you" in their plan and trail, and they leave your list of who needs attention until a
    flag appears that they did not have then."""
    clinician = access.clinician_of(caller(request))
    row = adjusting.sign_off(clinician, person_id, note=body.note, now=timezone.now())
    return Status(201, row.to_json())


class ClearanceIn(Strict):
    note: str = Field("", max_length=250, description="what you found (optional)")


@api.post(
    "/clinic/people/{person_id}/clearance",
    tags=CLINIC_TAGS,
    response=with_errors({201: dict, 403: Error, 404: Error}),
    url_name="clinician_clearance",
)
def clearance(request: HttpRequest, person_id: int, body: ClearanceIn):
    """Record that you saw the person today and cleared them to exercise (needs the "adjust"
    scope): it ends the stop that waits for a clinician, signed with your name; 400 when
    nothing waits."""
    clinician = access.clinician_of(caller(request))
    adjusting.clear(clinician, person_id, note=body.note, now=timezone.now())
    return Status(201, {"cleared": person_id})
