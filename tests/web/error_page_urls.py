"""The app's addresses plus one that fails, to see the 500 page (tests/web/test_error_pages.py)."""

from __future__ import annotations

from django.urls import include, path


def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [
    path("broken/", broken),
    path("api/broken/", broken),
    path("", include("hipcoach.urls")),
]
handler404 = "hipcoach.web.errors.not_found"
handler500 = "hipcoach.web.errors.server_error"
