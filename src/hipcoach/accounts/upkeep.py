"""Housekeeping of the accounts' tables, so they hold only what is still needed: expired
sessions (Django's `clearsessions`) and rate-limit counts whose time is over.

`hipcoach serve` runs it at start and then every `EVERY_SECONDS` in a background thread of its
own; every process does, which is harmless (each deletes only what has expired). Another server
(gunicorn, say) should run `hipcoach serve`'s equivalent on a schedule: `python -m django
clearsessions` with `DJANGO_SETTINGS_MODULE=hipcoach.settings`, daily (docs/web.md).
"""

from __future__ import annotations

import logging
import threading

from django.db import connections

log = logging.getLogger(__name__)

EVERY_SECONDS = 6 * 3600


def tidy() -> tuple[int, int]:
    """Delete expired sessions and rate-limit counts now: (sessions, counts) deleted."""
    from django.utils import timezone

    from hipcoach.accounts import counters
    from hipcoach.accounts.models import PersonSession

    sessions, _ = PersonSession.objects.filter(expire_date__lt=timezone.now()).delete()
    return sessions, counters.prune()


def _tidy_every(seconds: float, stop: threading.Event) -> None:
    while not stop.wait(seconds):
        try:
            tidy()
        except Exception:  # a database away for a moment: try again next time, say so
            log.exception("could not clear expired sessions and rate-limit counts")
        finally:
            connections.close_all()


def start(seconds: float = EVERY_SECONDS) -> threading.Event:
    """Tidy now, then every `seconds` in a background thread; set the event to stop it."""
    tidy()
    connections.close_all()
    stop = threading.Event()
    threading.Thread(
        target=_tidy_every, args=(seconds, stop), name="hipcoach-upkeep", daemon=True
    ).start()
    return stop
