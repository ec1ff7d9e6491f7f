"""The app's addresses plus ones that fail or forbid, to see the 500 and 403 answers
(tests/web/test_error_pages.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import include, path


def broken(request):
    raise RuntimeError("a bug in a view")


def forbidden(request):
    raise PermissionDenied("not yours")


urlpatterns = [
    path("broken/", broken),
    path("api/broken/", broken),
    path("api/forbidden/", forbidden),
    path("", include("hipcoach.urls")),
]
handler403 = "hipcoach.web.errors.permission_denied"
handler404 = "hipcoach.web.errors.not_found"
handler500 = "hipcoach.web.errors.server_error"
