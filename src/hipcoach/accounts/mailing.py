"""Email sent after the answer, by one background thread per process.

A reset for an address with an account, or a sign-up with an address already in use, sends an
email; the others send none. Sent during the request, the mail server's time (hundreds of
milliseconds) would tell anyone timing the answers which addresses have accounts. So with a
mail server (`settings.EMAIL_IN_BACKGROUND`, on when `HIPCOACH_EMAIL_HOST` is set) the email is
rendered and sent by a background thread, after the answer; the console backend (nothing
configured) prints at once, which takes no time worth measuring.

The queue is bounded (`QUEUE_SIZE`): past it an email is dropped and the log says so, rather
than a flood holding the process's memory. At exit the process waits up to `DRAIN_SECONDS` for
the queue to empty.
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connections

log = logging.getLogger(__name__)

QUEUE_SIZE = 1000
DRAIN_SECONDS = 10.0

_jobs: queue.Queue[tuple[Callable[[], object], str]] = queue.Queue(QUEUE_SIZE)
_worker: threading.Thread | None = None
_start = threading.Lock()


def _run(job: Callable[[], object], what: str) -> None:
    try:
        job()
    except Exception:  # a mail server down or refusing: the answer was given; say so in the log
        log.exception("could not send %s", what)


def _work() -> None:
    while True:
        job, what = _jobs.get()
        try:
            _run(job, what)
        finally:
            connections.close_all()  # this thread's own, if the job opened any
            _jobs.task_done()


def send_later(job: Callable[[], object], what: str) -> None:
    """Send an email (`job` renders and sends it) after the answer, or now without a mail
    server. `what` names it for the log ("a password-reset email")."""
    global _worker
    if not settings.EMAIL_IN_BACKGROUND:
        _run(job, what)
        return
    with _start:
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_work, name="hipcoach-mail", daemon=True)
            _worker.start()
    try:
        _jobs.put_nowait((job, what))
    except queue.Full:
        log.error("too many emails waiting to be sent: %s was dropped", what)


def wait_until_sent(timeout: float = DRAIN_SECONDS) -> bool:
    """Wait until every queued email has been tried (or `timeout` passed); whether it has."""
    deadline = time.monotonic() + timeout
    while _jobs.unfinished_tasks:
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.01)
    return True


atexit.register(wait_until_sent)
