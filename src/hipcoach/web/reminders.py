"""The daily reminder on the web (`tracking.reminders`): the account page's choices, this
device's web-push subscription (sent by the page's script), and the one-click unsubscribe of
the reminder e-mail (RFC 8058), which needs no log-in."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from hipcoach.tracking import days, reminders
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.push import SUBSCRIPTION_MAX_BYTES
from hipcoach.web.people import person_of


@require_POST
def choose(request: HttpRequest) -> HttpResponse:
    """The account page's reminder form: on or off, the hour, the channels, the e-mail
    address (left empty by someone who has none: unchanged)."""
    person = person_of(request)
    address = request.POST.get("address")
    if address is not None and not address.strip() and not person.email:
        address = None
    try:
        chosen = reminders.choose(
            person,
            on=request.POST.get("on") == "on",
            hour=request.POST.get("hour", ""),
            by_push="by_push" in request.POST,
            by_email="by_email" in request.POST,
            address=address,
        )
    except InputError as exc:
        messages.error(request, _("Reminders not changed: {problem}.").format(problem=exc))
        return redirect("account")
    if not chosen.on:
        messages.success(request, _("Reminders are off."))
    else:
        ways = _(" and ").join(
            {"push": _("this app's notifications"), "email": _("e-mail")}[c]
            for c in chosen.channels
        )
        zone = chosen.zone or _("the server's time zone")
        messages.success(
            request,
            _("Reminders are on: every day at {hour}:00 ({zone}), by {ways}.").format(
                hour=f"{chosen.hour:02d}", zone=zone, ways=ways
            ),
        )
    return redirect("account")


@require_POST
def send_test(request: HttpRequest) -> HttpResponse:
    """The account page's "Send me a test reminder now": by the channels saved, at once."""
    try:
        sent = reminders.send_test(person_of(request), today=days.today())
    except InputError as exc:
        messages.error(request, _("No test reminder sent: {problem}.").format(problem=exc))
        return redirect("account")
    if not sent:
        messages.error(
            request,
            _("The test reminder could not be delivered: the mail server or push service failed."),
        )
    else:
        messages.success(request, test_sent_words(sent))
    return redirect("account")


def test_sent_words(sent: list[str]) -> str:
    """What a test reached, in words: "A test reminder was sent: 2 notifications and an
    e-mail."."""
    devices, mails = sent.count("push"), sent.count("email")
    parts = []
    if devices:
        parts.append(
            ngettext("{count} notification", "{count} notifications", devices).format(count=devices)
        )
    if mails:
        parts.append(_("an e-mail"))
    return _("A test reminder was sent: {what}.").format(what=_(" and ").join(parts))


class TooLarge(InputError):
    """A subscription body over `SUBSCRIPTION_MAX_BYTES` (413)."""


def too_large() -> str:
    return _("push subscription: larger than {most} bytes").format(most=SUBSCRIPTION_MAX_BYTES)


def _subscription_body(request: HttpRequest) -> object:
    """The JSON body, at most `SUBSCRIPTION_MAX_BYTES`; an InputError otherwise."""
    try:
        size = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        size = SUBSCRIPTION_MAX_BYTES + 1
    if size > SUBSCRIPTION_MAX_BYTES:
        raise TooLarge(too_large())
    body = request.read(SUBSCRIPTION_MAX_BYTES + 1)
    if len(body) > SUBSCRIPTION_MAX_BYTES:  # sent without a length (chunked)
        raise TooLarge(too_large())
    try:
        return json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise InputError(_("push subscription: the body is not JSON")) from None


@require_POST
def push_subscription(request: HttpRequest) -> JsonResponse:
    """Keep this device's push subscription (`{"endpoint", "keys"}`), or forget it
    (`{"endpoint", "remove": true}`). Logged in, with the CSRF token, like every form."""
    person = person_of(request)
    try:
        data = _subscription_body(request)
        if isinstance(data, dict) and data.get("remove") is True:
            removed = reminders.unsubscribe(person, data.get("endpoint"))
            return JsonResponse({"removed": removed})
        reminders.subscribe(person, data)
    except InputError as exc:
        status = 413 if isinstance(exc, TooLarge) else 400
        return JsonResponse({"detail": str(exc)}, status=status)
    return JsonResponse({"devices": reminders.reminders_of(person).devices}, status=201)


@login_not_required
@csrf_exempt  # a mail provider's one-click POST (RFC 8058) has no cookie: the signature is the key
@require_http_methods(["GET", "POST"])
def email_off(request: HttpRequest, token: str) -> HttpResponse:
    """The reminder e-mail's unsubscribe link: a page with one button (GET changes nothing: a
    mail scanner opens links), and the one-click POST, which turns e-mail reminders off."""
    if request.method == "GET":
        if reminders.token_owner(token) is None:
            return render(request, "web/reminder_email_off.html", {"bad": True}, status=404)
        return render(request, "web/reminder_email_off.html", {"token": token, "asked": True})
    person = reminders.email_off(token)
    if person is None:
        return render(request, "web/reminder_email_off.html", {"bad": True}, status=404)
    return render(request, "web/reminder_email_off.html", {"done": True})
