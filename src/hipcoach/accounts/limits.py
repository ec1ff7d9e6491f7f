"""Rate limits on everything that guesses passwords or tokens or sends email.

State lives in the database, so every app process shares it:
- django-axes records failed log-ins and, after `AXES_FAILURE_LIMIT` in a row for one client
  address *and* user name, refuses that pair for `AXES_COOLOFF_TIME`, without computing the
  password hash; the person logging in from their own address is not locked out by an attacker.
- django-ratelimit counts requests per client address (and reset requests per email address)
  in the database cache (`hipcoach.accounts.counters`), at the rates in `RATE_LIMITS`.

The client address is REMOTE_ADDR as the server gives it: behind a trusted proxy, waitress has
already put the forwarded client address there (and ignores the header from anyone else), so a
client cannot pick its own address by sending `X-Forwarded-For`.
"""

from __future__ import annotations

import ipaddress
import math
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage

# What each limit protects, in words for the "too many tries" page.
WHAT = {
    "login": "log-in attempts from your network",
    "signup": "sign-ups from your network",
    "password_reset": "password-reset requests from your network",
    "password_reset_email": "password-reset emails to that address",
    "reset_link": "password-reset link checks from your network",
    "token": "requests with a wrong API token from your network",
}


class TooManyRequests(Exception):
    """A rate limit was reached; `retry_after` seconds until the window ends."""

    def __init__(self, limit: str, retry_after: int) -> None:
        self.limit = limit
        self.retry_after = max(1, retry_after)
        super().__init__(f"too many {WHAT[limit]}: try again in {wait_in_words(self.retry_after)}")


def wait_in_words(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{math.ceil(seconds / 60)} minutes"


def client_address(request: HttpRequest) -> str:
    """The client's address as the server saw it (see the module's note on proxies)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def axes_client_address(request: HttpRequest) -> str | None:
    """The client's address for django-axes, which stores it in an IP-address column: None when
    the server gave none or something that is not an address (a Unix socket, a request built in
    code), so PostgreSQL's `inet` type is never handed a word."""
    address = request.META.get("REMOTE_ADDR") or ""
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def _address_key(group: str, request: HttpRequest) -> str:
    return client_address(request)


def _usage(
    request: HttpRequest, limit: str, key: Callable[[str, HttpRequest], str | None], *, count: bool
) -> dict[str, Any] | None:
    return get_usage(
        request,
        group=f"hipcoach.{limit}",
        key=key,
        rate=settings.RATE_LIMITS[limit],
        increment=count,
    )


def check(
    request: HttpRequest, limit: str, *, value: str | None = None, count: bool = True
) -> None:
    """Count this request against `limit` (per client address, or per `value` when given) and
    raise TooManyRequests when it is over. `count=False` only looks."""
    key = _address_key if value is None else (lambda group, request: value.strip().lower())
    usage = _usage(request, limit, key, count=count)
    if usage and usage["should_limit"]:
        raise TooManyRequests(limit, usage["time_left"])


def forget(limit: str, value: str) -> int:
    """Delete the counts kept under `value` for `limit` (an email address's reset emails, when
    its account is deleted): the current window's and the one before (the cache keeps a count
    longer than its window). How many were there.

    django-ratelimit names a count by a hash of the group, rate, value and window end, with no
    public way to name it; its own helpers are used so the name is always the one it counts
    under (tests/security/test_account_deletion.py breaks if that changes)."""
    from django.core.cache import caches
    from django_ratelimit import ALL
    from django_ratelimit.core import _get_window, _make_cache_key, _split_rate

    value = value.strip().lower()
    rate = settings.RATE_LIMITS[limit]
    _, period = _split_rate(rate)
    window = _get_window(value, period)
    cache = caches[settings.RATELIMIT_USE_CACHE]
    removed = 0
    for end in (window, window - period):
        key = _make_cache_key(f"hipcoach.{limit}", end, rate, value, ALL)
        if cache.get(key) is not None:
            cache.delete(key)
            removed += 1
    return removed


def too_many_page(request: HttpRequest, error: TooManyRequests) -> HttpResponse:
    """The web's answer to a reached limit: a page saying what and how long to wait (429)."""
    response = render(
        request,
        "registration/too_many.html",
        {"what": WHAT[error.limit], "wait": wait_in_words(error.retry_after)},
        status=429,
    )
    response["Retry-After"] = str(error.retry_after)
    return response


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' answer for a locked-out address and user name: the same page, 429."""
    cool_off = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = render(
        request,
        "registration/too_many.html",
        {
            "what": "wrong passwords for this user name from your network",
            "wait": wait_in_words(cool_off),
            "locked": True,
        },
        status=429,
    )
    response["Retry-After"] = str(cool_off)
    return response


def busy_page(request: HttpRequest, error: Exception) -> HttpResponse:
    """Every password-hash slot stayed busy (a flood of log-ins), or the database stayed locked
    by another writer: nothing was changed, try again shortly (503)."""
    from hipcoach.accounts.hashing import ServerBusy

    retry_after = getattr(error, "retry_after", ServerBusy.retry_after)
    response = render(
        request,
        "registration/busy.html",
        {"wait": wait_in_words(retry_after), "database": not isinstance(error, ServerBusy)},
        status=503,
    )
    response["Retry-After"] = str(retry_after)
    return response
