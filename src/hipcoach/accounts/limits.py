"""Rate limits on everything that guesses passwords, links or tokens, or sends email.

Two kinds of count, all kept in the database (`hipcoach.accounts.counters`), so every app
process shares them (docs/security.md has the policy as a table):

- **Per account.** Every wrong password for an account, by any door (the log-in form, the
  password change, deleting the account on the web or the API), is counted under the account's
  user name, whatever network it comes from. After `ACCOUNT_FREE_FAILURES` the account backs
  off: the next try waits `ACCOUNT_BACKOFF[0]` seconds after the last wrong one, then twice as
  long each time, up to `ACCOUNT_BACKOFF[1]`; a try during the wait is refused without hashing
  the password. The run is forgotten `ACCOUNT_FAILURE_MEMORY` seconds after the last wrong
  password, or at a successful log-in or password reset. The owner is not locked out: a
  browser that logged in to the account before carries a signed "known device" cookie and logs
  in through the back-off and past the network's log-in limit, its password hashed first
  (`known_device_pass`: its wrong tries are still counted, django-axes still stops five in a
  row from one network, and an account's known devices pass `KNOWN_DEVICE_PASSES` times an
  hour at most), and a reset link always works and ends the back-off.
- **Per network** for everything else: log-in attempts whatever the user names, sign-ups, reset
  requests, reset links and wrong API tokens, at the rates in `settings.RATE_LIMITS`, counted
  per IPv4 address or per IPv6 /64 (one host usually holds a whole /64, so counting each of its
  addresses would give it 2^64 fresh starts).
- **Reset emails** are counted per email address, and past the limit none is sent; the answer
  is the same either way and never "too many": the links already sent still work, so a stranger
  asking for someone's reset cannot stop that person's own.

The client address is REMOTE_ADDR as the server gives it: behind a trusted proxy, waitress has
already put the forwarded client address there (and ignores the header from anyone else), so a
client cannot pick its own address by sending `X-Forwarded-For`.
"""

from __future__ import annotations

import ipaddress
import math
import time
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.crypto import salted_hmac

from hipcoach.accounts import counters, hashing

# What each limit protects, in words for the "too many tries" page.
WHAT = {
    "login": "log-in attempts from your network",
    "signup": "sign-ups from your network",
    "password_reset": "password-reset requests from your network",
    "reset_link": "password-reset link checks from your network",
    "token": "requests with a wrong API token from your network",
    "share_code": "wrong sharing or invitation codes from your network",
    "account": "wrong passwords for this account",
}
PERIODS = {"m": 60, "10m": 600, "h": 3600, "d": 86400}

# The known-device cookie: the ids of the accounts that logged in on this browser, signed.
DEVICE_COOKIE = "hipcoach_device"
DEVICE_SALT = "hipcoach.accounts.known-device"
DEVICE_ACCOUNTS = 4  # a shared browser remembers this many people
# The session's log-in time, for what needs a fresh log-in (deleting the account by the API).
LOGGED_IN_AT = "hipcoach_logged_in_at"


class TooManyRequests(Exception):
    """A rate limit was reached; `retry_after` seconds until the window ends."""

    def __init__(self, limit: str, retry_after: float) -> None:
        self.limit = limit
        self.retry_after = max(1, math.ceil(retry_after))
        super().__init__(f"too many {WHAT[limit]}: try again in {wait_in_words(self.retry_after)}")


def wait_in_words(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{math.ceil(seconds / 60)} minutes"


def rate(limit: str) -> tuple[int, int]:
    """(count, seconds) of `settings.RATE_LIMITS[limit]`, e.g. "30/10m" → (30, 600)."""
    count, _, period = settings.RATE_LIMITS[limit].partition("/")
    return int(count), PERIODS[period]


def client_address(request: HttpRequest) -> str:
    """The client's address as the server saw it (see the module's note on proxies)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def network_of(address: str) -> str:
    """What the per-network limits count by: an IPv4 address itself (an IPv4-mapped IPv6
    address is its IPv4 address), an IPv6 address's /64; anything else as it is."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{ip}/64", strict=False))
    return str(ip)


def axes_client_address(request: HttpRequest) -> str | None:
    """The "address" django-axes counts wrong passwords by: the network (an IPv6 /64 by its
    first address), so one host cannot walk its /64. None when the server gave no address, so
    PostgreSQL's `inet` column is never handed a word."""
    try:
        return str(ipaddress.ip_interface(network_of(client_address(request))).ip)
    except ValueError:
        return None


def _name(kind: str, value: str) -> str:
    """The row name of a count: the kind and a keyed hash of the value (the database never
    holds the address, user name or email itself)."""
    digest = salted_hmac("hipcoach.accounts.limits", value, algorithm="sha256").hexdigest()
    return f"{kind}:{digest[:64]}"


def _network_name(limit: str, request: HttpRequest) -> str:
    return _name(limit, network_of(client_address(request)))


def check(request: HttpRequest, limit: str, *, count: bool = True) -> None:
    """Count this request against the per-network `limit` and raise TooManyRequests when it is
    over. `count=False` only looks (a plain read)."""
    most, period = rate(limit)
    name = _network_name(limit, request)
    now = time.time()
    if not count:
        seen = counters.peek(name, now=now)
        if seen is not None and seen.count >= most:
            raise TooManyRequests(limit, seen.left(now))
        return
    counted = counters.hit(name, period, now=now)
    if counted.count > most:
        raise TooManyRequests(limit, counted.left(now))


# --- Per account -----------------------------------------------------------------------------


def _account_name(username: str) -> str:
    return _name("account", username.strip().lower())


def backoff_wait(failures: int) -> float:
    """Seconds the account waits after its last wrong password, with `failures` in a row."""
    free = settings.ACCOUNT_FREE_FAILURES
    if failures < free:
        return 0.0
    first, longest = settings.ACCOUNT_BACKOFF
    return float(min(longest, first * 2 ** min(failures - free, 30)))


def account_wait(username: str, *, now: float | None = None) -> float:
    """Seconds until the account `username` may check a password again (0: now)."""
    now = time.time() if now is None else now
    run = counters.peek(_account_name(username), now=now)
    if run is None:
        return 0.0
    return max(0.0, run.last + backoff_wait(run.count) - now)


def refuse_while_backing_off(username: str) -> None:
    """Raise TooManyRequests while the account backs off (a log-in that is not
    `known_device_pass`)."""
    wait = account_wait(username)
    if wait:
        raise TooManyRequests("account", wait)


def wrong_password(username: str) -> None:
    """Count a wrong password for the account `username` (any door, any network)."""
    counters.hit(_account_name(username), settings.ACCOUNT_FAILURE_MEMORY, sliding=True)


def forget_account(username: str) -> None:
    """The run of wrong passwords ends: a successful log-in, a password reset."""
    counters.forget(_account_name(username))


def check_password(request: HttpRequest, person: User, password: str) -> bool:
    """Whether `password` is `person`'s, asked again by a door other than the log-in form (the
    password change, deleting the account): refused while the account or this network backs
    off, and a wrong one counted per account and per network like a wrong log-in."""
    check(request, "login", count=False)
    username = person.get_username()
    wait = account_wait(username)
    if wait:  # the person is logged in already; a known device does not skip this wait
        raise TooManyRequests("account", wait)
    with hashing.priority():  # a logged-in person's own password: never behind a flood
        right = person.check_password(password)
    if right:
        return True
    wrong_password(username)
    check(request, "login")
    return False


# --- Known devices ---------------------------------------------------------------------------


def known_accounts(request: HttpRequest) -> list[int]:
    """The ids of the accounts that logged in on this browser (the signed cookie), newest
    first; a cookie that is missing, forged or too old gives none."""
    try:
        value = request.get_signed_cookie(
            DEVICE_COOKIE, salt=DEVICE_SALT, max_age=settings.KNOWN_DEVICE_DAYS * 86400
        )
        return [int(part) for part in (value or "").split(",") if part][:DEVICE_ACCOUNTS]
    except (KeyError, signing.BadSignature, ValueError):
        return []


def is_known_device(request: HttpRequest, username: str) -> bool:
    ids = known_accounts(request)
    if not ids:
        return False
    return User.objects.filter(pk__in=ids, username=username.strip()).exists()


def known_device_pass(request: HttpRequest, username: str) -> bool:
    """Whether this log-in comes from a known device of the account `username`, within the
    account's allowance (`settings.KNOWN_DEVICE_PASSES`, every such log-in counted, right or
    wrong). Such a log-in passes the network's log-in limit and the account's back-off, and its
    password is hashed first (`hipcoach.accounts.hashing`): the owner gets in during a flood
    from many networks or from their own. The allowance keeps the pass from being a way
    around the limits for someone logging in over and over to an account of their own."""
    if not is_known_device(request, username):
        return False
    most, period = settings.KNOWN_DEVICE_PASSES
    return counters.hit(_device_name(username), period).count <= most


def _device_name(username: str) -> str:
    return _name("device", username.strip().lower())


def remember_device(request: HttpRequest, response: HttpResponse, person: User) -> None:
    """Mark this browser as a known device of `person` (after a log-in or a reset)."""
    ids = [person.pk] + [pk for pk in known_accounts(request) if pk != person.pk]
    response.set_signed_cookie(
        DEVICE_COOKIE,
        ",".join(str(pk) for pk in ids[:DEVICE_ACCOUNTS]),
        salt=DEVICE_SALT,
        max_age=settings.KNOWN_DEVICE_DAYS * 86400,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def logged_in_recently(request: HttpRequest, person: User) -> bool:
    """Whether this request comes with `person`'s own log-in session, logged in within
    `settings.FRESH_LOGIN_SECONDS` (an API token alone is not a log-in)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.pk != person.pk:
        return False
    at = request.session.get(LOGGED_IN_AT)
    return isinstance(at, int | float) and 0 <= time.time() - at <= settings.FRESH_LOGIN_SECONDS


def note_log_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """On every log-in (form, sign-up, reset link): when, for `logged_in_recently`, and the
    account's run of wrong passwords ends."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGGED_IN_AT] = time.time()
    forget_account(user.get_username())


# --- Reset emails ----------------------------------------------------------------------------


def may_send_reset_email(email: str) -> bool:
    """Count a reset email to `email` and say whether it may be sent (at most
    `RESET_EMAILS_PER_ADDRESS` in its window). Counted for every address asked for, known or
    not, so the answer takes the same time either way."""
    most, period = settings.RESET_EMAILS_PER_ADDRESS
    return counters.hit(_name("reset_email", email.strip().lower()), period).count <= most


def forget_person(person: User) -> int:
    """Delete every count kept under `person`'s user name or email address (when the account
    is deleted); how many there were."""
    names = [_account_name(person.get_username()), _device_name(person.get_username())]
    if person.email:
        names.append(_name("reset_email", person.email.strip().lower()))
    return counters.forget(*names)


def reset_emails_counted(email: str) -> int:
    seen = counters.peek(_name("reset_email", email.strip().lower()))
    return 0 if seen is None else seen.count


# --- Answers ---------------------------------------------------------------------------------


def too_many_page(request: HttpRequest, error: TooManyRequests) -> HttpResponse:
    """The web's answer to a reached limit: a page saying what and how long to wait (429)."""
    response = render(
        request,
        "registration/too_many.html",
        {
            "what": WHAT[error.limit],
            "wait": wait_in_words(error.retry_after),
            "account": error.limit == "account",
        },
        status=429,
    )
    response["Retry-After"] = str(error.retry_after)
    return response


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' answer for a locked-out network and user name: the same page, 429."""
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
    retry_after = getattr(error, "retry_after", hashing.ServerBusy.retry_after)
    response = render(
        request,
        "registration/busy.html",
        {"wait": wait_in_words(retry_after), "database": not isinstance(error, hashing.ServerBusy)},
        status=503,
    )
    response["Retry-After"] = str(retry_after)
    return response
