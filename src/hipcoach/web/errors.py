"""The answers to an unknown address (Django's `handler404`) and to a request that failed
inside the server (`handler500`). Under /api/ both are JSON with a `detail`, like every other
API error, so a client never has to parse an HTML page; elsewhere they are the app's own pages.

One failure is not a bug but a wait: SQLite stayed locked by another writer (a long terminal
command, another process) for the whole busy timeout. Nothing was written then, so the answer
is 503 with Retry-After — JSON under /api/, a "busy, try again" page elsewhere — wherever the
lock was met (a view, or a middleware saving the session). Anything else is Django's own 500.
"""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found as django_page_not_found
from django.views.defaults import server_error as django_server_error

from hipcoach.tracking import database


def _in_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 for an address no route matches (an API path with a malformed id included)."""
    if _in_api(request):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return django_page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    failure = sys.exc_info()[1]  # Django calls this inside its `except` for the failure
    if failure is None or not database.is_busy(failure):
        if _in_api(request):
            return JsonResponse({"detail": "Server error"}, status=500)
        return django_server_error(request)
    busy = database.Busy()
    if _in_api(request):
        response: HttpResponse = JsonResponse({"detail": str(busy)}, status=503)
        response["Retry-After"] = str(busy.retry_after)
        return response
    from hipcoach.accounts.limits import busy_page

    return busy_page(request, busy)
