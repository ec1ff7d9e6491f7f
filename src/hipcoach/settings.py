"""Django settings, read from the environment with safe local defaults.

Local use needs nothing set: data lives in SQLite in the per-user data directory (or in
`HIPCOACH_HOME`). The web app and the PostgreSQL (`DATABASE_URL`) set-up build on this.
"""

from __future__ import annotations

import os
from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from hipcoach.catalogues import locale_folder
from hipcoach.envsettings import envbool, envfloat, envlist, server_settings, site_url
from hipcoach.home import data_home

BASE_DIR = Path(__file__).resolve().parent

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "hipcoach.tracking",
    "hipcoach.clinic",
]


def database(url: str | None) -> dict[str, Any]:
    """The default database: PostgreSQL (or another) from `url`, else SQLite in data_home().

    SQLite runs in WAL mode so a reader (the web app, `hipcoach progress`) never blocks the
    player's writes, and takes its write lock when a transaction begins (IMMEDIATE), so two
    writers wait for each other instead of failing half-way with "database is locked". A writer
    waits up to `HIPCOACH_SQLITE_WAIT` seconds (20) for another's transaction to end; past
    that the API answers 503 with Retry-After and the web a "busy, try again" page, having
    written nothing. On PostgreSQL a statement waits up to `HIPCOACH_LOCK_WAIT` seconds (20)
    for a lock, with the same answer past that.
    """
    if url:
        import dj_database_url  # only when needed: it is not free to import

        try:
            config: dict[str, Any] = dict(
                dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
            )
        except ValueError as exc:  # an unknown scheme, a port that is not a number
            from django.core.exceptions import ImproperlyConfigured

            scheme = url.partition("://")[0] if "://" in url else ""
            if not isinstance(exc, dj_database_url.UnknownSchemeError):
                problem = "it is not an address (check the port, and %-encode special characters)"
            elif scheme:
                problem = f"its scheme '{scheme}' is not a database hipcoach knows"
            else:
                problem = "it has no scheme such as postgres://"
            raise ImproperlyConfigured(
                f"DATABASE_URL cannot be used: {problem}; write "
                "postgres://USER:PASSWORD@HOST:5432/NAME, or leave it unset for SQLite in the "
                "data folder"
            ) from None
        if config.get("ENGINE") == "django.db.backends.postgresql":
            # As on SQLite: a statement waits at most this long for another transaction's
            # lock (a restore, a migration), then fails having written nothing: a 503 "busy"
            wait_ms = round(1000 * envfloat("HIPCOACH_LOCK_WAIT", default=20.0))
            config["OPTIONS"] = {
                **config.get("OPTIONS", {}),
                "options": f"-c lock_timeout={wait_ms}",
            }
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(data_home() / "hipcoach.sqlite3"),
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": envfloat("HIPCOACH_SQLITE_WAIT", default=20.0),
        },
    }


DATABASES = {"default": database(os.environ.get("DATABASE_URL"))}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en-gb"  # with no browser language: British dates, as before
# The languages of the pages, the terminal and the player's voice (docs/translation.md). The
# browser's Accept-Language chooses among them unless the account names one; "en-us" has US
# dates, month before day; "en-gb", the default, British ones. Catalogues: hipcoach/locale/*/django.po,
# compiled under the data home at start-up (hipcoach.catalogues).
USE_I18N = True
# British English first: a browser that names only "en" (or another English) gets it; en-US
# (and only it) gets American dates.
LANGUAGES = [("en-gb", "English (UK)"), ("en-us", "English (US)"), ("de", "Deutsch")]
FORMAT_MODULE_PATH = ["hipcoach.web.formats"]  # each language's dates (web/formats/*)
LOCALE_PATHS = [locale_folder()]

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
    "axes",
    "hipcoach.accounts",
    "hipcoach.web",
]
MIDDLEWARE = [
    "hipcoach.web.compression.CompressTextMiddleware",  # first: it compresses what the rest made
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hipcoach.web.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",  # the browser's language (or its cookie)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hipcoach.web.middleware.PersonTimeZoneMiddleware",
    "hipcoach.web.middleware.PersonLanguageMiddleware",  # the account's language, if chosen
    "hipcoach.web.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hipcoach.web.middleware.TooManyRequestsMiddleware",
    "axes.middleware.AxesMiddleware",
]


# django-ninja's own copy of Swagger UI (templates and static files) for the API docs page
# (hipcoach.api.docs), found without importing ninja: as an installed app it would be imported
# by every django.setup(), so by every terminal command.
def _package_folder(name: str) -> Path:
    spec = find_spec(name)
    if spec is None or spec.origin is None:
        raise ImproperlyConfigured(f"the package {name} is not installed: run ./dev run again")
    return Path(spec.origin).parent


NINJA_FILES = _package_folder("ninja")
ROOT_URLCONF = "hipcoach.urls"
WSGI_APPLICATION = "hipcoach.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [NINJA_FILES / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "hipcoach.web.words.reason_language",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
PASSWORD_HASHERS = [
    "hipcoach.accounts.hashing.BoundedArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "hipcoach.accounts.passwords.EndTokensOnPasswordChange"},
]
# An API token works this many days after it is made (HIPCOACH_TOKEN_DAYS), and ends sooner
# when the password changes or is reset.
API_TOKEN_DAYS: int = _server["API_TOKEN_DAYS"]
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
# Email through a server is sent by a background thread after the answer (the time a mail
# server takes must not tell whether an address has an account); the console prints at once.
EMAIL_IN_BACKGROUND = bool(EMAIL_HOST)

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("HIPCOACH_STATIC_ROOT") or None  # for collectstatic, if wanted
STATICFILES_DIRS = [NINJA_FILES / "static"]  # ninja/swagger-ui.css and the rest
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

# --- Rate limits (hipcoach.accounts.limits): all state in the database, shared by processes. ---
# The policy, as a table: docs/security.md. "Network" is an IPv4 address or an IPv6 /64.
# django-axes: this many wrong passwords in a row for one network and user name lock that pair
# (not the account) out for the cool-off; the password is then not even hashed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "hipcoach.accounts.limits.axes_client_address"
AXES_LOCKOUT_CALLABLE = "hipcoach.accounts.limits.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # no record of successful log-ins: only failures are kept
AXES_ENABLE_ADMIN = False
# Per account, from any network: wrong passwords by any door. After this many in a row the
# account backs off: a try waits ACCOUNT_BACKOFF[0] seconds after the last wrong one, doubling,
# up to ACCOUNT_BACKOFF[1]; the run is forgotten a day after its last wrong password, or at a
# log-in or reset. The account's known devices (a signed cookie set at log-in, kept
# KNOWN_DEVICE_DAYS) log in through the back-off.
ACCOUNT_FREE_FAILURES = 5
ACCOUNT_BACKOFF = (60, 1800)
ACCOUNT_FAILURE_MEMORY = 24 * 3600
KNOWN_DEVICE_DAYS = 365
# A known device's allowance (count, seconds) per account: within it, its log-ins pass the
# network's log-in limit and the account's back-off and hash first; past it (someone holding a
# device cookie of an account of their own, logging in over and over) they are anyone's.
KNOWN_DEVICE_PASSES = (10, 3600)
# Per network ("count/period", period m, 10m, h or d).
RATE_LIMITS = {
    "login": "30/10m",  # log-in attempts (and passwords asked again), whatever the user names
    "signup": "20/h",
    "password_reset": "10/h",
    "reset_link": "20/h",  # password-reset links opened (a wrong one is a guess)
    "token": "20/10m",  # requests with a wrong API token
    "share_code": "10/h",  # wrong share or invitation codes typed (a wrong one is a guess)
}
# Reset emails to one email address: at most this many in this many seconds; past it the
# answer is the same and no email is sent (the ones sent still work).
RESET_EMAILS_PER_ADDRESS = (3, 3600)
# Deleting the account by the API needs a browser session logged in this recently.
FRESH_LOGIN_SECONDS = 600
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions in the database, each row marked with whose it is (hipcoach.accounts.sessions).
SESSION_ENGINE = "hipcoach.accounts.sessions"
# At most this many Argon2 hashes (about 100 MiB each) at once per process (by default the
# process's cores, at most four); as many again of each class wait their turn: the known
# device's log-in (and a logged-in person's password) up to PASSWORD_HASH_WAIT seconds and
# first, anyone else up to PASSWORD_HASH_ANONYMOUS_WAIT; the rest get "busy, try again" (503)
# at once (hipcoach.accounts.hashing).
PASSWORD_HASH_SLOTS: int = _server["PASSWORD_HASH_SLOTS"]
PASSWORD_HASH_WAIT = 10.0
PASSWORD_HASH_ANONYMOUS_WAIT = 2.0

# --- Background work (`hipcoach worker`, hipcoach.jobs): django-q2's queue, kept in this same
# database by its ORM broker, so it works on SQLite and PostgreSQL alike with nothing more to
# run. A worker that takes a job leases it for HIPCOACH_JOB_RETRY seconds and removes it only
# when it has run; a job whose worker died (kill -9, a power cut) is taken again once its lease
# runs out, and a job that fails is tried again the same way, at most `max_attempts` times. A job
# still running after HIPCOACH_JOB_TIMEOUT seconds is stopped (and tried again), so the lease
# must outlast the timeout. Schedules (the nightly pass) are rows of the same database.
INSTALLED_APPS += ["django_q"]
JOB_TIMEOUT = envfloat("HIPCOACH_JOB_TIMEOUT", default=1800.0)
JOB_RETRY = envfloat("HIPCOACH_JOB_RETRY", default=JOB_TIMEOUT + 120)
if JOB_RETRY <= JOB_TIMEOUT:
    raise ImproperlyConfigured(
        f"HIPCOACH_JOB_RETRY ({JOB_RETRY:g} s) must be longer than HIPCOACH_JOB_TIMEOUT "
        f"({JOB_TIMEOUT:g} s): a job would be taken again while it still runs"
    )
# A pass over more people than this is split into parts of this many (by person id), each a
# job of its own, so every job process of every worker takes a part and the cores share a pass.
STATUS_PASS_PART = round(envfloat("HIPCOACH_STATUS_PASS_PART", default=1000))
Q_CLUSTER = {
    "name": "hipcoach",
    "orm": "default",  # the ORM broker, in the app's own database
    "workers": round(envfloat("HIPCOACH_WORKER_PROCESSES", default=2)),
    "timeout": round(JOB_TIMEOUT),
    "retry": round(JOB_RETRY),
    "max_attempts": 5,  # a job that fails (or whose worker dies) this often is given up
    "ack_failures": False,  # a failed job stays queued, to be tried again
    "catch_up": False,  # a schedule missed while no worker ran runs once, not once per miss
    "poll": 1.0,  # seconds between looks at an empty queue
    "bulk": 1,  # one job taken at a time: another worker may take the next
    "recycle": 50,  # a worker process is replaced after this many jobs (memory)
    "save_limit": 250,  # the results of this many successful jobs are kept
    "label": "Background jobs",
}

# --- Reminders (hipcoach.tracking.reminders), sent by `hipcoach worker` at each person's hour.
# SITE_URL is the app's public address, for the links in a reminder e-mail (the player, the
# one-click unsubscribe); in production, https and the first allowed host unless set. Web push signs with this server's VAPID key, made on first use in the
# data home (REMINDER_VAPID_KEY_FILE; the web app and the worker must share it) and never
# committed; VAPID_CONTACT is the address a push service may write to about this server.
# A push endpoint must be https on a public host; PUSH_ALLOW_LOOPBACK lets tests use http on
# loopback (never in production).
SITE_URL = site_url(production=PRODUCTION, hosts=_server["ALLOWED_HOSTS"])
REMINDER_VAPID_KEY_FILE = Path(
    os.environ.get("HIPCOACH_VAPID_KEY_FILE") or data_home() / "vapid-private.pem"
).expanduser()
VAPID_CONTACT = os.environ.get("HIPCOACH_VAPID_CONTACT", "") or "mailto:hipcoach@localhost"
PUSH_ALLOW_LOOPBACK = (
    False if PRODUCTION else envbool("HIPCOACH_PUSH_ALLOW_LOOPBACK", default=False)
)

# The pose model and its WebAssembly runtime for the guided camera test: the npm package
# @mediapipe/pose, installed by ./dev into node_modules (never committed) and served by the app
# itself (`web.pose`). Without it the camera way is not offered; the tilt-sensor way still is.
POSE_ASSETS_DIR = Path(
    os.environ.get("HIPCOACH_POSE_ASSETS")
    or BASE_DIR.parent.parent / "node_modules" / "@mediapipe" / "pose"
)
