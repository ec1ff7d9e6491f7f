"""The answers Django gives outside any view: a request it refuses (`handler400`: a host not
allowed, too many fields), one it forbids (`handler403`), an unknown address (`handler404`)
and a failure inside the server (`handler500`). Under /api/ each is JSON with a `detail`, like
every other API error, so a client never has to parse an HTML page; elsewhere they are
Django's answers with the app's own pages.

The API's `detail` is in the caller's language, as every API message is: the account's (the
bearer token's, or the logged-in session's), else Accept-Language (docs/translation.md). The
status code and the JSON's shape are the same in every language; English says what it always
said ("Not Found").

Two failures are not bugs but waits: the database stayed locked by another writer (a long
terminal command, another process) for the whole busy timeout, so nothing was written; or the
database went away (a PostgreSQL restart, a failover, a refused connection), logged once per
outage. The answer is 503 with Retry-After — JSON under /api/, a "busy, try again" page
elsewhere — wherever it was met (a view, or a middleware saving the session). Anything else is
Django's own 500.
"""

from __future__ import annotations

import sys

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_noop
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import page_not_found as django_page_not_found
from django.views.defaults import permission_denied as django_permission_denied
from django.views.defaults import server_error as django_server_error

from hipcoach.tracking import database

# The API's answers outside any view, in English as they always were (a client may show them).
BAD_REQUEST = gettext_noop("Bad Request")
FORBIDDEN = gettext_noop("Forbidden")
NOT_FOUND = gettext_noop("Not Found")
SERVER_ERROR = gettext_noop("Server error")


def _in_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def _api_error(request: HttpRequest, message: str, status: int) -> JsonResponse:
    """`{"detail": message}` in the caller's language, with `status`."""
    with translation.override(_token_language(request) or translation.get_language()):
        return JsonResponse({"detail": translation.gettext(message)}, status=status)


def _token_language(request: HttpRequest) -> str:
    """The language chosen in the account of the request's bearer token, when the token works
    ("" otherwise). The middlewares already chose the session's account's language, else the
    browser's; a token's account is known only to the API's views, which these answers never
    reach, so it is looked up here, as `api.views.TokenAuth` does."""
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        return ""
    from hipcoach.accounts.models import ApiToken
    from hipcoach.tracking.languages import profile_language

    try:
        owner = ApiToken.objects.working_owner(key.strip())
        return profile_language(owner) if owner is not None else ""
    except DatabaseError:  # the database is what failed: the browser's language will do
        return ""


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 for a request Django refuses before any view (a host not allowed, too many fields).
    The cause is not said: it may name a setting."""
    if _in_api(request):
        return _api_error(request, BAD_REQUEST, 400)
    return django_bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403 for a request that is not allowed."""
    if _in_api(request):
        return _api_error(request, FORBIDDEN, 403)
    return django_permission_denied(request, exception)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 for an address no route matches (an API path with a malformed id included)."""
    if _in_api(request):
        return _api_error(request, NOT_FOUND, 404)
    return django_page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    failure = sys.exc_info()[1]  # Django calls this inside its `except` for the failure
    wait = database.waiting_answer(failure) if failure is not None else None
    if wait is None:
        if _in_api(request):
            return _api_error(request, SERVER_ERROR, 500)
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
