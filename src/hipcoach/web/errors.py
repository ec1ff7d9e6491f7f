"""The answers Django gives outside any view: a request it refuses (`handler400`: a host not
allowed, too many fields), one it forbids (`handler403`), an unknown address (`handler404`)
and a failure inside the server (`handler500`). Under /api/ each is JSON with a `detail`, like
every other API error, so a client never has to parse an HTML page; elsewhere they are
Django's answers with the app's own pages.

Two failures are not bugs but waits: the database stayed locked by another writer (a long
terminal command, another process) for the whole busy timeout, so nothing was written; or the
database went away (a PostgreSQL restart, a failover, a refused connection), logged once per
outage. The answer is 503 with Retry-After — JSON under /api/, a "busy, try again" page
elsewhere — wherever it was met (a view, or a middleware saving the session). Anything else is
Django's own 500.
"""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import page_not_found as django_page_not_found
from django.views.defaults import permission_denied as django_permission_denied
from django.views.defaults import server_error as django_server_error

from hipcoach.tracking import database


def _in_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 for a request Django refuses before any view (a host not allowed, too many fields).
    The cause is not said: it may name a setting."""
    if _in_api(request):
        return JsonResponse({"detail": "Bad Request"}, status=400)
    return django_bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403 for a request that is not allowed."""
    if _in_api(request):
        return JsonResponse({"detail": "Forbidden"}, status=403)
    return django_permission_denied(request, exception)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 for an address no route matches (an API path with a malformed id included)."""
    if _in_api(request):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return django_page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    failure = sys.exc_info()[1]  # Django calls this inside its `except` for the failure
    wait = database.waiting_answer(failure) if failure is not None else None
    if wait is None:
        if _in_api(request):
            return JsonResponse({"detail": "Server error"}, status=500)
        return django_server_error(request)
    if _in_api(request):
        response: HttpResponse = JsonResponse({"detail": str(wait)}, status=503)
        response["Retry-After"] = str(wait.retry_after)
        return response
    from hipcoach.accounts.limits import busy_page, wait_in_words

    if isinstance(wait, database.Busy):
        return busy_page(request, wait)
    page = render(
        request, "web/unavailable.html", {"wait": wait_in_words(wait.retry_after)}, status=503
    )
    page["Retry-After"] = str(wait.retry_after)
    return page
