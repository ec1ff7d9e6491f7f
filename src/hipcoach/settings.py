"""Django settings, read from the environment with safe local defaults.

Local use needs nothing set: data lives in SQLite in the per-user data directory (or in
`HIPCOACH_HOME`). The web app and the PostgreSQL (`DATABASE_URL`) set-up build on this.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def data_home() -> Path:
    """Where this person's hipcoach data lives: `HIPCOACH_HOME`, else the per-user data dir."""
    home = os.environ.get("HIPCOACH_HOME")
    return Path(home).expanduser() if home else user_data_path("hipcoach", appauthor=False)


BASE_DIR = Path(__file__).resolve().parent
DEBUG = env_bool("HIPCOACH_DEBUG", default=False)
SECRET_KEY = os.environ.get("HIPCOACH_SECRET_KEY", "hipcoach-local-development-only")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(data_home() / "hipcoach.sqlite3"),
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"
