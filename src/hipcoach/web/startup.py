"""What `hipcoach serve` does before it serves: the database schema and the content."""

from __future__ import annotations

from django.conf import settings

from hipcoach.tracking.database import migrate


def prepare() -> str:
    """Apply migrations and load the shipped content; a one-line summary of both.

    Raises when the content has problems, so a broken install never starts half-working.
    """
    database = settings.DATABASES["default"]
    migrate()  # one process at a time: several servers may start at once on one database
    from hipcoach.web.content import library

    lib = library()
    return (
        f"Database ready ({database['ENGINE'].rsplit('.', 1)[-1]}); content loaded: "
        f"{len(lib.programs)} programs, {len(lib.exercises)} exercises."
    )
