"""Middleware: the content security policy, a login for everything but a few pages, the
person's time zone and language, and the answers to a reached rate limit."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib.auth.middleware import LoginRequiredMiddleware as _LoginRequired
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone, translation

from hipcoach.tracking import days, languages

# Only our own origin: no inline script, no CDN, no framing. Charts are SVG images.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "media-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class LoginRequiredMiddleware(_LoginRequired):
    """Django's login-required-by-default, except the JSON API, which answers 401 itself."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


TIME_ZONE_COOKIE = days.TIME_ZONE_COOKIE  # set by app.js from the browser's own time zone
SESSION_ZONE_KEY = "time_zone"  # the zone last saved to the profile in this login session


class PersonTimeZoneMiddleware:
    """Use the person's time zone for the request, so that "today" (`days.today()`) is their
    day, not the server's: the browser's (the cookie app.js sets), else the profile's; with
    neither, the server's (UTC). A logged-in browser's zone is saved to the profile, so the API's
    tokens and the terminal use it too. Runs after the authentication middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        zone = days.zone_named(request.COOKIES.get(TIME_ZONE_COOKIE))
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if zone is None:
                zone = days.profile_zone(user)
            elif request.session.get(SESSION_ZONE_KEY) != zone.key and days.remember_zone(
                user, zone
            ):
                request.session[SESSION_ZONE_KEY] = zone.key
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


SESSION_LANGUAGE_KEY = "language"  # the account's language, read once per login session


class PersonLanguageMiddleware:
    """The language the person chose in their account, over the browser's (which Django's
    LocaleMiddleware chose before: its cookie, else Accept-Language). Read from the profile once
    per login session and kept in it; choosing again (`web.views.language`) updates both. Runs
    after the authentication middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            chosen = request.session.get(SESSION_LANGUAGE_KEY)
            if chosen is None:
                chosen = request.session[SESSION_LANGUAGE_KEY] = languages.profile_language(user)
            if chosen:
                translation.activate(chosen)
                request.LANGUAGE_CODE = chosen
        return self.get_response(request)


class TooManyRequestsMiddleware:
    """A reached rate limit (429) or every password-hash slot busy (503), with Retry-After:
    a page on the web, JSON with a `detail` under /api/."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from hipcoach.accounts import limits
        from hipcoach.accounts.hashing import ServerBusy

        if isinstance(exception, limits.TooManyRequests):
            status, retry_after = 429, exception.retry_after
            page = partial(limits.too_many_page, request, exception)
        elif isinstance(exception, ServerBusy):
            status, retry_after = 503, ServerBusy.retry_after
            page = partial(limits.busy_page, request, exception)
        else:
            return None
        if request.path_info.startswith("/api/"):
            response: HttpResponse = JsonResponse({"detail": str(exception)}, status=status)
            response["Retry-After"] = str(retry_after)
            return response
        return page()
