"""Getting the database ready for a command: Django set up, migrations applied, quietly.

A new person needs no `manage.py` step: the first command makes the data directory and the
tables. Later commands only check that nothing is pending, which costs one query and a look at
the migration folders (loading Django's migration graph would cost more than the whole of
`hipcoach today`).

Migrations are applied by one process at a time (`migrate`): several first runs started at
once (two terminals, a terminal and `hipcoach serve`, several app processes of a clinic) wait
for the first, find nothing left to do, and go on; without the lock each would try to create
the same tables and all but one would fail half-way.
"""

from __future__ import annotations

import logging
import os
import pkgutil
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path

_MIGRATION = re.compile(r"^\d{4}_\w+$")
_ready = False
# How long a first run waits for another one's migrations before giving up (seconds).
MIGRATION_WAIT = 300
# PostgreSQL's advisory-lock key for "applying hipcoach's migrations" (any fixed 64-bit number).
_PG_MIGRATION_LOCK = 0x68697063_6F616368  # "hipcoach"
_PG_PASS_LOCK = 0x68697063_70617373  # "hipcpass": queueing a pass of the statuses in parts


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


def sqlite_file() -> Path | None:
    """The SQLite database file (its folder made if missing); None on another database."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("sqlite3") or str(db["NAME"]) in (":memory:", ""):
        return None
    if str(db["NAME"]).startswith("file:"):  # an in-memory test database shared by URI
        return None
    path = Path(db["NAME"])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # HIPCOACH_HOME names a file, or a folder that cannot be made
        from django.core.exceptions import ImproperlyConfigured

        why = "it is a file" if path.parent.is_file() else exc.strerror or exc
        raise ImproperlyConfigured(
            f"the data folder {path.parent} cannot be used ({why}): point HIPCOACH_HOME at a "
            "folder, or leave it unset"
        ) from None
    return path


@contextmanager
def migration_lock() -> Iterator[None]:
    """Hold the one lock that lets a process apply migrations: a lock file beside the SQLite
    database, or an advisory lock on PostgreSQL (which every app process of a clinic shares)."""
    from django.db import connection

    path = sqlite_file()
    if path is not None:
        from filelock import FileLock

        with FileLock(str(path) + ".migrate-lock", timeout=MIGRATION_WAIT):
            yield
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_PG_MIGRATION_LOCK])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_PG_MIGRATION_LOCK])
        return
    yield


def pass_lock() -> None:
    """Inside a transaction, wait for any other process's transaction that took this lock:
    one pass at a time decides what to queue. On SQLite every transaction already holds the
    database's write lock from its start (`transaction_mode` IMMEDIATE); on PostgreSQL an
    advisory lock held to the end of the transaction."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_PASS_LOCK])


def migrate(*, verbosity: int = 0) -> None:
    """Apply pending migrations, one process at a time; a process that waited for another's
    finds nothing left and does nothing."""
    from django.core.management import call_command

    with migration_lock():
        if pending():
            call_command("migrate", verbosity=verbosity, interactive=False)


def ensure_ready() -> None:
    """Set up Django and apply pending migrations; cheap after the first call of a process."""
    global _ready
    if _ready:
        return
    setup_django()
    sqlite_file()
    if pending():
        migrate()
    _ready = True


# How long a request told "the database is busy" should wait before trying again (seconds).
BUSY_RETRY_AFTER = 5
UNAVAILABLE_RETRY_AFTER = 5  # a restart takes seconds


class Busy(Exception):
    """The database stayed locked by another writer for the whole wait; nothing was written."""

    retry_after = BUSY_RETRY_AFTER

    def __init__(self) -> None:
        super().__init__(
            "the database is busy with another change (a terminal command or another device); "
            "nothing was saved: try again in a few seconds"
        )


# PostgreSQL's "lock_not_available": a statement waited for a lock past `lock_timeout`.
_PG_LOCK_TIMEOUT = "55P03"


def is_busy(exc: BaseException) -> bool:
    """Whether a database error is another writer holding a lock for the whole wait: SQLite's
    "database is locked", or PostgreSQL's lock timeout. Nothing was written, and trying again
    later will work."""
    from django.db import OperationalError

    if not isinstance(exc, OperationalError):
        return False
    text = str(exc).lower()
    return (
        "database is locked" in text
        or "database table is locked" in text
        or sqlstate(exc) == _PG_LOCK_TIMEOUT
    )


class Unavailable(Exception):
    """The database could not be reached, or dropped the connection (a restart, a failover):
    what was being written may or may not have been stored."""

    retry_after = UNAVAILABLE_RETRY_AFTER

    def __init__(self) -> None:
        super().__init__(
            "the database cannot be reached just now (it may be restarting): try again in a "
            "few seconds; a change sent again with the same Idempotency-Key is stored once"
        )


# PostgreSQL's connection errors (class 08) and its shutdowns: the server went away.
_PG_GONE = ("08", "57P01", "57P02", "57P03")
# What a dropped or refused connection says where no code comes with it (psycopg, SQLite).
_GONE_WORDS = (
    "connection failed",  # psycopg's words for any connection that could not be made
    "the database system is shutting down",
    "the database system is starting up",
    "connection refused",
    "could not connect",
    "server closed the connection",
    "terminating connection",
    "connection already closed",
    "the connection is closed",
    "connection is lost",
    "unable to open database file",
)
OUTAGE_LOG_GAP = 60.0  # seconds without a failure before a new one is logged as a new outage
_last_failure = [float("-inf")]
_log = logging.getLogger("hipcoach.database")


def is_unreachable(exc: BaseException) -> bool:
    """Whether a database error is the database going away (a restart, a failover, a refused
    connection), not a mistake in a query."""
    from django.db import InterfaceError, OperationalError

    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    code = sqlstate(exc) or ""
    if any(code.startswith(prefix) for prefix in _PG_GONE):
        return True
    text = str(exc).lower()
    return isinstance(exc, InterfaceError) or any(words in text for words in _GONE_WORDS)


def waiting_answer(exc: BaseException) -> Busy | Unavailable | None:
    """What to tell the person when a database error is a wait, not a fault: `Busy` (a lock
    held past the wait: nothing was written) or `Unavailable` (the database went away; the
    first failure of an outage is logged, once); None for any other error."""
    if is_busy(exc):
        return Busy()
    if is_unreachable(exc):
        now = time.monotonic()
        if now - _last_failure[0] > OUTAGE_LOG_GAP:
            _log.error("the database cannot be reached: %s", exc)
        _last_failure[0] = now
        return Unavailable()
    return None


def sqlstate(exc: BaseException) -> str | None:
    """PostgreSQL's five-character code of the error under a Django database error, if any."""
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)


def prepare() -> str:
    """What a server does before it serves: apply the migrations, load the shipped content and
    make the web-push key if there is none yet (`push.vapid_key`); a one-line summary.

    Raises when the content has problems, so a broken install never starts half-working.
    """
    from django.conf import settings

    from hipcoach.tracking.programs import library
    from hipcoach.tracking.push import vapid_key

    engine = settings.DATABASES["default"]["ENGINE"]
    migrate()  # one process at a time: several servers may start at once on one database
    shipped = library()
    vapid_key()  # made now, by the set-up, rather than by the first page that asks
    return (
        f"Database ready ({engine.rsplit('.', 1)[-1]}); content loaded: "
        f"{len(shipped.programs)} programs, {len(shipped.exercises)} exercises."
    )
