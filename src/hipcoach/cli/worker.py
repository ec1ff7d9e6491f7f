"""`hipcoach worker`: run the background jobs (the queue's worker) on the app's own database."""

from __future__ import annotations

import os
import signal

import typer

from hipcoach.cli import collect_again
from hipcoach.cli.helptext import described, gettext_noop
from hipcoach.cli.output import console, errors, start_django

GROUP_SIGNAL_WAIT = 1.0  # seconds to see whether a stop signal reached the job processes too


@described(
    gettext_noop(
        """\
Run the background jobs until stopped: every hour, the status of each person whose own
night has passed (their plan brought to their today, for listing many people at once);
every minute, the daily reminders now due, each person at their own hour (web push,
e-mail; once a day, however many workers run); at start, a re-plan of everyone if the
content or the code changed.

It uses the same database and settings as `hipcoach serve` (SQLite in the data home, or
DATABASE_URL), applies pending migrations first, and may run beside the web app, or as
several workers on one database. A pass over many people is queued in parts (ranges of
people, HIPCOACH_STATUS_PASS_PART each) that all the job processes share. The queue is kept in the database: a job whose worker is
killed is run again by the next worker, once its lease (HIPCOACH_JOB_RETRY) has run out.
Ctrl+C (or SIGTERM) lets the running jobs finish, then stops.

Example: hipcoach worker --processes 2
"""
    )
)
def worker(
    processes: int = typer.Option(
        0,
        "--processes",
        min=0,
        max=32,
        help=gettext_noop(
            "Jobs run at once, each in its own process (0: HIPCOACH_WORKER_PROCESSES, 2)."
        ),
    ),
    now: bool = typer.Option(
        False,
        "--now",
        help=gettext_noop("Also queue a nightly pass at once, besides the hourly one."),
    ),
) -> None:
    if processes:
        os.environ["HIPCOACH_WORKER_PROCESSES"] = str(processes)
    start_django()

    from django import db
    from django.conf import settings
    from django.utils import timezone

    from hipcoach import jobs
    from hipcoach.tracking.database import prepare

    try:
        summary = prepare()
        jobs.start_up(timezone.now())
        if now:
            jobs.queue_nightly_pass()
    except Exception as exc:  # a broken database or content must stop the start, loudly
        errors.print(f"Cannot start: {exc}", style="bold red")
        raise typer.Exit(2) from None
    db.connections.close_all()  # the job processes open their own

    from django_q.cluster import Cluster

    collect_again()
    cluster = Cluster()
    count = settings.Q_CLUSTER["workers"]
    console.print(
        f"{summary}\nhipcoach worker is running ({count} job process{'es' if count != 1 else ''}"
        f"; statuses every hour; reminders every minute; a re-plan queued). Ctrl+C stops it."
    )
    stopping: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, frame: stopping.append(signum))
    signal.signal(signal.SIGINT, lambda signum, frame: stopping.append(signum))
    cluster.start()
    sentinel = cluster.sentinel
    while sentinel.is_alive() and not stopping:
        sentinel.join(0.5)
    if stopping and sentinel.is_alive():
        # A signal sent to the whole process group (`kill -TERM -PGID`, a service manager's
        # default) has stopped the job processes too: their jobs run again once their lease
        # is over. Asking a dead cluster to stop would wait for ever, so look first.
        sentinel.join(GROUP_SIGNAL_WAIT)
        if sentinel.is_alive():
            console.print("Stopping: the running jobs finish first.")
            cluster.stop()  # the jobs being run finish, then every process ends
