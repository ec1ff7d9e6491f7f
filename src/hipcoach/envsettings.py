"""Typed settings read from the environment, with loud failure on unsafe production values.

Modelled on healthchecks' `envbool`/`envint`: every value comes from the environment, local
development needs none of them, and production refuses to start rather than run unsafely.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_SECRET_KEY = "hipcoach-local-development-only"
MIN_SECRET_KEY_LENGTH = 32
HSTS_SECONDS = 365 * 24 * 3600


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


def envlist(name: str, *, default: list[str]) -> list[str]:
    """A comma-separated list; empty items are dropped."""
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def production_settings(*, debug: bool) -> dict[str, object]:
    """The settings production mode adds, after checking the environment is safe to run.

    Raises `ImproperlyConfigured` naming every unsafe value at once.
    """
    problems = []
    secret = os.environ.get("HIPCOACH_SECRET_KEY", "")
    if not secret or secret == DEVELOPMENT_SECRET_KEY:
        problems.append("HIPCOACH_SECRET_KEY must be set to a long random value")
    elif len(secret) < MIN_SECRET_KEY_LENGTH:
        problems.append(f"HIPCOACH_SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters")
    hosts = envlist("HIPCOACH_ALLOWED_HOSTS", default=[])
    if not hosts:
        problems.append("HIPCOACH_ALLOWED_HOSTS must list the host names the app is served on")
    elif "*" in hosts:
        problems.append("HIPCOACH_ALLOWED_HOSTS must not be '*' in production")
    if debug:
        problems.append("HIPCOACH_DEBUG must be off in production")
    if problems:
        raise ImproperlyConfigured("unsafe production settings: " + "; ".join(problems))
    settings: dict[str, object] = {
        "SECRET_KEY": secret,
        "ALLOWED_HOSTS": hosts,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": HSTS_SECONDS,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_SSL_REDIRECT": os.environ.get("HIPCOACH_SSL_REDIRECT", "1") != "0",
    }
    if os.environ.get("HIPCOACH_BEHIND_PROXY", "") in {"1", "true", "yes", "on"}:
        # A reverse proxy terminates TLS and says so in this header.
        settings["SECURE_PROXY_SSL_HEADER"] = ("HTTP_X_FORWARDED_PROTO", "https")
    return settings
