"""Sharing with a clinic, the person's side: make a code for the clinic (read only, or read and
adjust), see who has access and every look they took, end an access or cancel a code at once,
and download the trail (`hipcoach.clinic.sharing`, `hipcoach.clinic.audit`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hipcoach.clinic import adjusting, audit, sharing
from hipcoach.clinic.models import Scope
from hipcoach.tracking.inputs import InputError
from hipcoach.web.people import person_of


def page(request: HttpRequest, *, made: str = "", scope: str = "") -> HttpResponse:
    """Who has access, the codes waiting and the trail; with a code just made, that code."""
    found = sharing.access_of(person_of(request), now=timezone.now())
    context = {
        "nav": "account",
        "access": found,
        "choices": adjusting.in_force(person_of(request)),
        "made": made,
        "made_scope": Scope(scope).label if scope else "",
        "scopes": Scope.choices,
        "days": sharing.SHARE_CODE_DAYS,
    }
    return render(request, "web/sharing.html", context)


@require_POST
def make_code(request: HttpRequest) -> HttpResponse:
    """A new code with the scope chosen, shown once on the sharing page."""
    try:
        _, code = sharing.make_code(
            person_of(request), scope=request.POST.get("scope", ""), now=timezone.now()
        )
    except InputError as exc:
        messages.error(request, str(exc))
        return redirect("sharing")
    return page(request, made=code, scope=request.POST["scope"])


@require_POST
def revoke(request: HttpRequest, share_id: int) -> HttpResponse:
    try:
        share = sharing.revoke(person_of(request), share_id, now=timezone.now())
    except InputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{share.clinic.name} no longer sees your record.")
    return redirect("sharing")


@require_POST
def cancel_code(request: HttpRequest, code_id: int) -> HttpResponse:
    try:
        sharing.cancel_code(person_of(request), code_id, now=timezone.now())
    except InputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "That code no longer works.")
    return redirect("sharing")


def trail_csv(request: HttpRequest) -> HttpResponse:
    """The whole trail, as a table to keep."""
    response = HttpResponse(audit.trail_csv(person_of(request)), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="hipcoach-access-trail.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
