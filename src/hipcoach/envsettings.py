"""Typed settings read from the environment, with loud failure on unsafe production values.

Modelled on healthchecks' `envbool`/`envint`: every value comes from the environment, local
development needs none of them, and production refuses to start rather than run unsafely.
Every value is parsed strictly: a word the parser does not know is an error, never a default.
"""

from __future__ import annotations

import ipaddress
import os
from typing import Any

from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_SECRET_KEY = "hipcoach-local-development-only"
MIN_SECRET_KEY_LENGTH = 40
# A key typed by hand ("aaaa…", "passwordpassword…") repeats itself; a random one does not.
MIN_SECRET_KEY_DISTINCT_CHARACTERS = 12
HSTS_SECONDS = 365 * 24 * 3600
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
# The forwarded headers trusted from the proxy: the client's address and the scheme it used.
# The proxy must set both itself (overwriting what a client sent); nothing else is taken.
TRUSTED_PROXY_HEADERS = frozenset({"x-forwarded-for", "x-forwarded-proto"})
LOOPBACK_PROXY = "127.0.0.1"
# The most password-hash slots the default gives a process however many cores it has: each
# running Argon2 hash holds about 100 MiB (hipcoach.accounts.hashing).
MOST_DEFAULT_HASH_SLOTS = 4
LOCAL_SITE_URL = "http://127.0.0.1:8000"  # `hipcoach serve`'s own address


class Problems(list[str]):
    """Everything wrong with the environment, reported together."""

    def raise_if_any(self, prefix: str = "unsafe settings") -> None:
        if self:
            raise ImproperlyConfigured(f"{prefix}: " + "; ".join(self))


def envbool(name: str, *, default: bool, problems: Problems | None = None) -> bool:
    """1/true/yes/on or 0/false/no/off (unset or empty: `default`); anything else is an error,
    raised at once, or added to `problems` when given."""
    raw = os.environ.get(name, "")
    word = raw.strip().lower()
    if not word:
        return default
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    message = f"{name} must be 1 or 0 (or on/off, true/false, yes/no), not {raw!r}"
    if problems is None:
        raise ImproperlyConfigured(message)
    problems.append(message)
    return default


def envfloat(name: str, *, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}") from None
    if number <= 0:
        raise ImproperlyConfigured(f"{name} must be above zero, not {value!r}")
    return number


def envint(name: str, *, default: int, low: int, high: int, problems: Problems) -> int:
    """A whole number from `low` to `high` (unset or empty: `default`)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        number = int(raw)
    except ValueError:
        problems.append(f"{name} must be a whole number, not {raw!r}")
        return default
    if not low <= number <= high:
        problems.append(f"{name} must be from {low} to {high}, not {number}")
        return default
    return number


def envlist(name: str, *, default: list[str]) -> list[str]:
    """A comma-separated list; empty items are dropped."""
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def default_hash_slots() -> int:
    """The cores this process may run on, at most `MOST_DEFAULT_HASH_SLOTS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not every system can say
        cores = os.cpu_count() or 1
    return max(1, min(MOST_DEFAULT_HASH_SLOTS, cores))


def site_url(*, production: bool, hosts: list[str]) -> str:
    """The app's public address, for links sent away (reminder e-mails): `HIPCOACH_SITE_URL`;
    unset, https and the first allowed host in production, the local server otherwise. An
    address that is not http(s), or plain http in production, is an error."""
    raw = os.environ.get("HIPCOACH_SITE_URL", "").strip().rstrip("/")
    if not raw:
        if production and hosts:
            return "https://" + hosts[0].lstrip(".")
        return LOCAL_SITE_URL
    if not raw.startswith(("https://", "http://")) or (production and raw.startswith("http://")):
        need = "https://" if production else "https:// or http://"
        raise ImproperlyConfigured(f"HIPCOACH_SITE_URL must start with {need}, not {raw!r}")
    return raw


def secret_key_problem(secret: str) -> str | None:
    """Why `secret` is not good enough to sign sessions and reset links, or None."""
    if not secret or secret == DEVELOPMENT_SECRET_KEY or secret.startswith("django-insecure"):
        return "HIPCOACH_SECRET_KEY must be set to a long random value"
    if len(secret) < MIN_SECRET_KEY_LENGTH:
        return f"HIPCOACH_SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters"
    if len(set(secret)) < MIN_SECRET_KEY_DISTINCT_CHARACTERS:
        return (
            f"HIPCOACH_SECRET_KEY must have at least {MIN_SECRET_KEY_DISTINCT_CHARACTERS} "
            "different characters (make one with: python3 -c "
            '"import secrets; print(secrets.token_urlsafe(50))")'
        )
    return None


def trusted_proxy(problems: Problems) -> str | None:
    """The address of the reverse proxy whose forwarded headers `hipcoach serve` believes.

    `HIPCOACH_BEHIND_PROXY=1` trusts a proxy on this machine (127.0.0.1) unless
    `HIPCOACH_TRUSTED_PROXY` names another address; without either, no forwarded header is
    believed, from anyone.
    """
    behind = envbool("HIPCOACH_BEHIND_PROXY", default=False, problems=problems)
    named = os.environ.get("HIPCOACH_TRUSTED_PROXY", "").strip()
    if named:
        try:
            return str(ipaddress.ip_address(named.strip("[]")))
        except ValueError:
            problems.append(
                f"HIPCOACH_TRUSTED_PROXY must be the proxy's IP address (one address, "
                f"no '*' or host name), not {named!r}"
            )
            return None
    return LOOPBACK_PROXY if behind else None


def production_settings(*, debug: bool, problems: Problems | None = None) -> dict[str, object]:
    """The settings production mode adds, after checking the environment is safe to run.

    Raises `ImproperlyConfigured` naming every unsafe value at once (or, given `problems`,
    adds them there for the caller to raise with its own).
    """
    own = problems is None
    problems = Problems() if problems is None else problems
    secret = os.environ.get("HIPCOACH_SECRET_KEY", "")
    if why := secret_key_problem(secret):
        problems.append(why)
    hosts = envlist("HIPCOACH_ALLOWED_HOSTS", default=[])
    if not hosts:
        problems.append("HIPCOACH_ALLOWED_HOSTS must list the host names the app is served on")
    elif "*" in hosts:
        problems.append("HIPCOACH_ALLOWED_HOSTS must not be '*' in production")
    if debug:
        problems.append("HIPCOACH_DEBUG must be off in production")
    redirect = envbool("HIPCOACH_SSL_REDIRECT", default=True, problems=problems)
    if own:
        problems.raise_if_any("unsafe production settings")
    return {
        "SECRET_KEY": secret,
        "ALLOWED_HOSTS": hosts,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": HSTS_SECONDS,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_SSL_REDIRECT": redirect,
    }


def server_settings() -> dict[str, Any]:
    """DEBUG, PRODUCTION and every setting they decide, from the environment.

    Raises `ImproperlyConfigured` naming every unsafe or unreadable value at once. A value of
    HIPCOACH_PRODUCTION that is neither on nor off is an error, and the rest is checked as for
    production (that is what was most likely meant), so one start shows everything to fix.
    """
    problems = Problems()
    debug = envbool("HIPCOACH_DEBUG", default=False, problems=problems)
    before = len(problems)
    production = envbool("HIPCOACH_PRODUCTION", default=False, problems=problems)
    checked_as_production = production or len(problems) > before
    found: dict[str, object] = {
        "DEBUG": debug,
        "PRODUCTION": production,
        "TRUSTED_PROXY": trusted_proxy(problems),
        "API_TOKEN_DAYS": envint(
            "HIPCOACH_TOKEN_DAYS", default=90, low=1, high=3650, problems=problems
        ),
        "PASSWORD_HASH_SLOTS": envint(
            "HIPCOACH_PASSWORD_HASH_SLOTS",
            default=default_hash_slots(),
            low=1,
            high=64,
            problems=problems,
        ),
    }
    if checked_as_production:
        found |= production_settings(debug=debug, problems=problems)
    else:
        found["ALLOWED_HOSTS"] = envlist(
            "HIPCOACH_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"]
        )
        found["SECRET_KEY"] = os.environ.get("HIPCOACH_SECRET_KEY") or DEVELOPMENT_SECRET_KEY
    problems.raise_if_any("unsafe production settings" if checked_as_production else "settings")
    return found
