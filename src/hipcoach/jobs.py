"""The background jobs: what the queue runs (`hipcoach worker`), each one a door into `tracking`.

Like a front end, a job only calls one service function and returns what it did; the queue is
django-q2 with its broker in the app's own database (settings `Q_CLUSTER`; why this library in
docs/architecture.md). The jobs are named by their dotted path, so a queued job survives a
restart of the worker and runs in whichever worker takes it.

- `nightly_pass`, every hour: the people whose own day has turned since their status was
  stored (it is past midnight where they live), whose records changed, or who have none get
  their plan brought to today and their status stored (`tracking.statuses`). Each person is
  refreshed once a night, in their own night, whatever their time zone. Past
  `STATUS_PASS_PART` people, the pass queues itself in parts (`pass_part`, one range of
  person ids each, never overlapping) for every job process of every worker to take one, so
  a clinic's pass uses all the cores; while parts of an earlier pass are still queued or
  running, a new pass queues none (no person is computed twice at once).
- `send_reminders`, every minute: each person whose reminder hour has come in their own zone
  gets the day's reminder (web push, e-mail), once per own day however many workers run
  (`tracking.reminders`).
- `replan_everyone`, queued each time a worker starts: everyone whose status was computed by
  other content or planning code (`plan_cache.code_version`) is planned again, which also
  fills the plan cache for their today at the new version.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hipcoach.tracking.statuses import Reason

NIGHTLY = "hipcoach: nightly statuses"  # the schedule's name (one row, however many workers)
NIGHTLY_FUNCTION = "hipcoach.jobs.nightly_pass"
REPLAN_FUNCTION = "hipcoach.jobs.replan_everyone"
PART_FUNCTION = "hipcoach.jobs.pass_part"
PARTS_GROUP = "statuses in parts"  # the parts' group in the queue's results
REMINDERS = "hipcoach: reminders"  # the schedule's name
REMINDERS_FUNCTION = "hipcoach.jobs.send_reminders"
REMINDERS_EVERY_MINUTES = 1  # how often due reminders are looked for: "at 07:00" is 07:00-07:01


def nightly_pass() -> dict[str, int | float]:
    """Store the status of everyone whose day turned or whose records changed (hourly)."""
    return _pass("due")


def send_reminders() -> dict[str, int | float]:
    """Send the reminders now due, each person at their own hour (every minute)."""
    from django.utils import timezone

    from hipcoach.tracking.reminders import send_reminders as send

    return send(now=timezone.now())


def replan_everyone() -> dict[str, int | float]:
    """Plan everyone again whose status was computed by other content or code."""
    return _pass("other_version")


def pass_part(reason: Reason, first: int, last: int | None) -> dict[str, int | float]:
    """One part of a pass: the people whose ids are from `first` to `last`."""
    from django.utils import timezone

    from hipcoach.tracking.statuses import refresh_statuses

    return refresh_statuses(now=timezone.now(), reason=reason, first=first, last=last)


def _pass(reason: Reason) -> dict[str, int | float]:
    """A pass: at once when it is one part, else queued in parts (none while an earlier
    pass's parts are still in the queue); what it did, or `{"parts", "waiting"}`."""
    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone
    from django_q.tasks import async_task

    from hipcoach.tracking.database import pass_lock
    from hipcoach.tracking.statuses import person_ranges, refresh_statuses

    ranges = person_ranges(settings.STATUS_PASS_PART)
    if len(ranges) == 1:
        return refresh_statuses(now=timezone.now(), reason=reason)
    # Looking at the queue and adding the parts is one transaction, one pass at a time: two
    # passes started together (the hourly one and a re-plan) never queue parts twice.
    with transaction.atomic():
        pass_lock()
        waiting = parts_queued()
        if waiting:
            return {"parts": 0, "waiting": waiting}
        for first, last in ranges:
            async_task(
                PART_FUNCTION,
                reason,
                first,
                last,
                group=PARTS_GROUP,
                task_name=f"statuses ({reason}) of people {first} to {last or 'the last'}",
            )
    return {"parts": len(ranges), "waiting": 0}


def parts_queued() -> int:
    """How many parts of a pass are queued or being run (their rows leave the queue only
    once run)."""
    from django_q.models import OrmQ

    return sum(1 for row in OrmQ.objects.all() if row.func() == PART_FUNCTION)


def start_up(now: dt.datetime) -> None:
    """What a worker does as it starts: make sure the hourly pass and the reminders are
    scheduled (once each, shared by every worker on the database; the pass first runs at the
    next full hour, the reminders at the next minute) and queue a re-plan (which finds nothing
    to do unless the content or the code changed)."""
    from django_q.models import Schedule
    from django_q.tasks import async_task

    next_hour = now.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    Schedule.objects.update_or_create(
        name=NIGHTLY,
        defaults={"func": NIGHTLY_FUNCTION, "schedule_type": Schedule.HOURLY, "repeats": -1},
        create_defaults={
            "func": NIGHTLY_FUNCTION,
            "schedule_type": Schedule.HOURLY,
            "repeats": -1,
            "next_run": next_hour,
        },
    )
    reminders = {
        "func": REMINDERS_FUNCTION,
        "schedule_type": Schedule.MINUTES,
        "minutes": REMINDERS_EVERY_MINUTES,
        "repeats": -1,
    }
    next_minute = now.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    Schedule.objects.update_or_create(
        name=REMINDERS, defaults=reminders, create_defaults=reminders | {"next_run": next_minute}
    )
    async_task(REPLAN_FUNCTION, task_name="re-plan after a new version")


def queue_nightly_pass() -> str:
    """Queue a nightly pass now (besides the hourly one); the job's id."""
    from django_q.tasks import async_task

    return async_task(NIGHTLY_FUNCTION, task_name="nightly statuses, asked for")
