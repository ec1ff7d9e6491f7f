"""Getting the database ready for a command: Django set up, migrations applied, quietly.

A new person needs no `manage.py` step: the first command makes the data directory and the
tables. Later commands only check that nothing is pending, which costs one query and a look at
the migration folders (loading Django's migration graph would cost more than the whole of
`hipcoach today`).
"""

from __future__ import annotations

import os
import pkgutil
import re
from importlib.util import find_spec
from pathlib import Path

_MIGRATION = re.compile(r"^\d{4}_\w+$")
_ready = False


def setup_django() -> None:
    """Configure Django from `hipcoach.settings` unless something already has."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hipcoach.settings")
    from django.apps import apps

    if not apps.ready:
        import django

        django.setup()


def migrations_on_disk() -> set[tuple[str, str]]:
    """(app label, migration name) for every migration file of the installed apps."""
    from django.apps import apps

    found: set[tuple[str, str]] = set()
    for config in apps.get_app_configs():
        spec = find_spec(f"{config.name}.migrations") if _has_package(config.name) else None
        if spec is None or not spec.submodule_search_locations:
            continue
        for module in pkgutil.iter_modules(spec.submodule_search_locations):
            if _MIGRATION.match(module.name):
                found.add((config.label, module.name))
    return found


def _has_package(name: str) -> bool:
    try:
        return find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def migrations_applied() -> set[tuple[str, str]]:
    """What the database says it has applied (empty for a new database)."""
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            return {(app, name) for app, name in cursor.fetchall()}
    except DatabaseError:
        return set()


def pending() -> bool:
    return not migrations_on_disk() <= migrations_applied()


def ensure_ready() -> None:
    """Set up Django and apply pending migrations; cheap after the first call of a process."""
    global _ready
    if _ready:
        return
    setup_django()
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3") and db["NAME"] != ":memory:":
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    if pending():
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
    _ready = True
