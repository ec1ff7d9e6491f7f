"""The person's coming workouts in their calendar app: the private feed (`tracking.calendar_feed`)
and the account page's buttons that make its secret address, make a new one, or end it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from hipcoach.tracking import calendar_feed, days
from hipcoach.web.people import person_of
from hipcoach.web.views import account_context


@login_not_required
@require_GET
def feed(request: HttpRequest, key: str) -> HttpResponse:
    """The feed, for a calendar app (no log-in: the secret address is the key); 404 for any
    address that is not a feed's."""
    person = calendar_feed.owner(key)
    if person is None:
        raise Http404("no such calendar")
    days.use_person_zone(person, None)  # a calendar app sends no zone: the profile's day
    response = HttpResponse(
        calendar_feed.feed(person, today=days.today()), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"  # health data: no shared cache keeps it
    return response


@require_POST
def feed_address(request: HttpRequest) -> HttpResponse:
    """Make the feed's secret address (anew: the old one ends) and show it once; or end it."""
    person = person_of(request)
    if request.POST.get("action") == "end":
        calendar_feed.end_feed(person)
        messages.success(request, "Your calendar address no longer works.")
        return redirect("account")
    key = calendar_feed.new_key(person)
    url = request.build_absolute_uri(reverse("calendar_feed", args=[key]))
    webcal = "webcal://" + url.split("://", 1)[1]  # a phone opens its calendar app on it
    shown = {"feed_url": url, "webcal_url": webcal}
    return render(request, "web/account.html", account_context(person) | shown)
