"""The answer to a request that failed inside the server (Django's `handler500`).

One failure is not a bug but a wait: SQLite stayed locked by another writer (a long terminal
command, another process) for the whole busy timeout. Nothing was written then, so the answer
is 503 with Retry-After — JSON under /api/, a "busy, try again" page elsewhere — wherever the
lock was met (a view, or a middleware saving the session). Anything else is Django's own 500.
"""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import server_error as django_server_error

from hipcoach.tracking import database


def server_error(request: HttpRequest) -> HttpResponse:
    failure = sys.exc_info()[1]  # Django calls this inside its `except` for the failure
    if failure is None or not database.is_busy(failure):
        return django_server_error(request)
    busy = database.Busy()
    if request.path_info.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": str(busy)}, status=503)
        response["Retry-After"] = str(busy.retry_after)
        return response
    from hipcoach.accounts.limits import busy_page

    return busy_page(request, busy)
