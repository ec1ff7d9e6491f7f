"""The app's addresses plus ones that fail or forbid, to see the 500 and 403 answers
(tests/web/test_error_pages.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.urls import include, path


def broken(request):
    raise RuntimeError("a bug in a view")


def forbidden(request):
    raise PermissionDenied("not yours")


class _ShutDown(Exception):
    sqlstate = "57P01"  # PostgreSQL's admin_shutdown: the server is restarting


def restarting(request):
    """What a view meets while PostgreSQL restarts: psycopg's error under Django's."""
    try:
        raise _ShutDown("terminating connection due to administrator command")
    except _ShutDown as cause:
        raise OperationalError("terminating connection due to administrator command") from cause


def closed(request):
    raise InterfaceError("connection already closed")


urlpatterns = [
    path("broken/", broken),
    path("api/broken/", broken),
    path("api/forbidden/", forbidden),
    path("restarting/", restarting),
    path("api/restarting/", restarting),
    path("api/closed/", closed),
    path("", include("hipcoach.urls")),
]
handler403 = "hipcoach.web.errors.permission_denied"
handler404 = "hipcoach.web.errors.not_found"
handler500 = "hipcoach.web.errors.server_error"
