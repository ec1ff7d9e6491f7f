"""Django settings, read from the environment with safe local defaults.

Local use needs nothing set: data lives in SQLite in the per-user data directory (or in
`HIPCOACH_HOME`). The web app and the PostgreSQL (`DATABASE_URL`) set-up build on this.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

from hipcoach.envsettings import envbool, envfloat, envlist, server_settings


def data_home() -> Path:
    """Where this person's hipcoach data lives: `HIPCOACH_HOME`, else the per-user data dir."""
    home = os.environ.get("HIPCOACH_HOME")
    return Path(home).expanduser() if home else user_data_path("hipcoach", appauthor=False)


BASE_DIR = Path(__file__).resolve().parent

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "hipcoach.tracking",
]


def database(url: str | None) -> dict:
    """The default database: PostgreSQL (or another) from `url`, else SQLite in data_home().

    SQLite runs in WAL mode so a reader (the web app, `hipcoach progress`) never blocks the
    player's writes, and takes its write lock when a transaction begins (IMMEDIATE), so two
    writers wait for each other instead of failing half-way with "database is locked".
    """
    if url:
        import dj_database_url  # only when needed: it is not free to import

        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(data_home() / "hipcoach.sqlite3"),
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": database(os.environ.get("DATABASE_URL"))}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"

# --- The web app: accounts, pages, the JSON API, static files and the production mode. ---
# `HIPCOACH_PRODUCTION=1` refuses to start on unsafe values (a missing or weak secret key, no
# allowed hosts, debug on, any value it cannot read) and turns on secure cookies, HSTS and
# HTTPS redirects. Development needs nothing set. The content security policy is sent in both
# modes, so tests see the real one. TRUSTED_PROXY is the one address whose forwarded headers
# `hipcoach serve` believes (None: nobody's).
_server = server_settings()  # also SECRET_KEY, ALLOWED_HOSTS and production's secure settings
globals().update(_server)
DEBUG: bool = _server["DEBUG"]
PRODUCTION: bool = _server["PRODUCTION"]
TRUSTED_PROXY: str | None = _server["TRUSTED_PROXY"]
CSRF_TRUSTED_ORIGINS = envlist("HIPCOACH_CSRF_TRUSTED_ORIGINS", default=[])
# The player's timers run this many times faster (browser tests); never in production.
PLAYER_PACE = 1.0 if PRODUCTION else envfloat("HIPCOACH_PLAYER_PACE", default=1.0)

INSTALLED_APPS += [
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "hipcoach.accounts",
    "hipcoach.web",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hipcoach.web.middleware.ContentSecurityPolicyMiddleware",
    "hipcoach.web.middleware.PersonTimeZoneMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hipcoach.web.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "hipcoach.urls"
WSGI_APPLICATION = "hipcoach.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "today"
LOGOUT_REDIRECT_URL = "landing"
# Email goes to the console unless an SMTP host is set.
EMAIL_HOST = os.environ.get("HIPCOACH_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("HIPCOACH_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("HIPCOACH_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("HIPCOACH_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = envbool("HIPCOACH_EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = os.environ.get("HIPCOACH_EMAIL_FROM", "hipcoach <hipcoach@localhost>")

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("HIPCOACH_STATIC_ROOT") or None  # for collectstatic, if wanted
# Static files are served from the apps' folders, so `hipcoach serve` needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
NINJA_PAGINATION_PER_PAGE = 100
