"""Where each person stands, stored: one row per person (`models.PersonStatus`) for listing many
people at once, e.g. a clinician's list, without planning each person on the spot.

`refresh_statuses` is the one use case: the background worker calls it (`hipcoach.jobs`), and
nothing else writes a status. For each person with a profile it takes *their own* today (their
profile's time zone, `tracking.days`), brings their plan to that day through the plan cache
(`plans.day_plan`, so their first look of the day finds it ready) and stores what the plan and
the records say: program, day, phase, stop, flags, the rule ids of the day's decisions, the last
pain report, workouts done in the last 7 and 30 days, the latest test of each hip with its
method's error and its change since the test before (the like-for-like tests of
`progress.ir_tests`), the latest day with any record, the days with data in the 30-day remote-monitoring period
running today (`reports.monitoring`), and how much attention the person needs,
with the reasons kept as made (`engine.attention`), for a clinician's list ordered by need.

A stored status is due again when the person's day has turned (`date` is not their today), when
one of their records changed since (`revision` is not the plan cache's), or when the content or
the planning code changed (`code_version`). A pass refreshes only those due, in person order and
in batches, each batch stored as it ends: a pass that is stopped half way (a worker killed, a
timeout) and run again does only what is left.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from django.contrib.auth.models import User
from django.db.models import F, Max, Window
from django.db.models.functions import RowNumber

from hipcoach.engine import attention, tagged
from hipcoach.engine import measurement as maths
from hipcoach.engine.words import Said
from hipcoach.tracking import plan_cache
from hipcoach.tracking.days import day_in, zone_named
from hipcoach.tracking.models import (
    ActivityRating,
    Enrollment,
    Measurement,
    Note,
    PainReport,
    PersonStatus,
    PlanCache,
    Profile,
    RedFlagScreen,
    WorkoutLog,
)
from hipcoach.tracking.plans import (
    ReadAhead,
    day_plan,
    read_ahead,
    why_no_plan,
    written_together,
)
from hipcoach.tracking.progress import IR_COLUMNS, like_for_like
from hipcoach.tracking.reports import (
    MONITORED,
    MONITORING_PERIOD_DAYS,
    days_with_data,
    monitoring,
)
from hipcoach.vocabulary import WorkoutStatus

BATCH = 200  # people looked at, and their statuses stored, at a time
WORKOUTS_WEEK, WORKOUTS_MONTH = 7, 30  # the days counted by `workouts_7` and `workouts_30`
DONE = (WorkoutStatus.done.value, WorkoutStatus.partial.value)  # what counts as a workout done
Reason = Literal["due", "other_version"]
_log = logging.getLogger("hipcoach.statuses")
# the latest pain report as a status keeps it: score, when, date, side, place
PAIN_COLUMNS = ("score", "when", "date", "side", "place")
Pain = tuple[int, str, dt.date, str, str]
_FIELDS = [
    f.name for f in PersonStatus._meta.concrete_fields if not f.primary_key
]  # what an upsert writes


def refresh_statuses(
    *, now: dt.datetime, reason: Reason = "due", first: int = 0, last: int | None = None
) -> dict[str, int | float]:
    """Store the status of every person whose stored one is due, as of `now` in each person's
    own zone; what it did: `{"people", "refreshed", "failed", "seconds"}`. Only the people
    whose ids are from `first` to `last` (both included; no `last`: to the end) are looked at,
    so parts of one pass can run at once, in several job processes (`person_ranges`).

    `reason` "due": the person's day has turned, a record changed since, the content or code
    changed, or there is no status yet (the nightly pass). "other_version": only those whose
    status was computed by other content or code, or who have none (the re-plan after a new
    version). A person whose plan fails is logged and counted, and the pass goes on; a database
    that goes away stops the pass (the queue runs it again, and it resumes where it stopped).
    """
    from hipcoach.tracking.database import is_busy, is_unreachable

    began = time.perf_counter()
    version = plan_cache.code_version()
    people = refreshed = failed = 0
    after = first - 1
    with _derived_writes():
        while True:
            chosen = Profile.objects.filter(person_id__gt=after)
            if last is not None:
                chosen = chosen.filter(person_id__lte=last)
            batch = list(chosen.order_by("person_id").values_list("person_id", "time_zone")[:BATCH])
            if not batch:
                break
            after = batch[-1][0]
            people += len(batch)
            rows = []
            due = list(_due(batch, now, version, reason))
            block = _Block.of([(person_id, today) for person_id, today, _ in due])
            with written_together():  # the batch's plans and checkpoints, at once
                for person_id, today, revision in due:
                    try:
                        rows.append(_status(person_id, today, now, revision, version, block))
                    except Exception as exc:
                        if is_busy(exc) or is_unreachable(exc):
                            raise
                        _log.exception("the status of person %s could not be computed", person_id)
                        failed += 1
            _store(rows)
            refreshed += len(rows)
    return {
        "people": people,
        "refreshed": refreshed,
        "failed": failed,
        "seconds": round(time.perf_counter() - began, 3),
    }


@contextmanager
def _derived_writes() -> Iterator[None]:
    """On PostgreSQL, the pass's commits do not wait for the disk (`synchronous_commit` off for
    its own connection while it runs): a stored plan or checkpoint was committed, one flush to
    the disk each, about once a person. Everything the pass writes (stored plans, checkpoints,
    statuses) is made from the records: a crash of the database loses at most the last moment
    of it, never half of it, and the next pass finds those people due again. The records, and
    every other connection's writes, are not touched by this."""
    from django.db import DatabaseError, connection

    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        except DatabaseError:  # the connection is gone (and the setting with it)
            pass


def person_ranges(size: int) -> list[tuple[int, int | None]]:
    """Everyone with a profile, as ranges of person ids (first, last; the last range open at
    its end) of `size` people each, in id order: the parts of a pass. Ranges never overlap, so
    parts run at once never compute a person twice; one range when `size` covers everyone."""
    ids = Profile.objects.order_by("person_id").values_list("person_id", flat=True)
    starts = [0]
    while found := list(ids[len(starts) * size : len(starts) * size + 1]):
        starts.append(found[0])  # the first id of the next part
    return [
        (start, starts[n + 1] - 1 if n + 1 < len(starts) else None)
        for n, start in enumerate(starts)
    ]


def _due(
    batch: list[tuple[int, str]], now: dt.datetime, version: str, reason: Reason
) -> Iterable[tuple[int, dt.date, int]]:
    """(person id, their today, their records' revision) of each person of `batch` whose
    status is due."""
    ids = [person_id for person_id, _ in batch]
    stored = {
        pk: (date, code, revision)
        for pk, date, code, revision in PersonStatus.objects.filter(person_id__in=ids).values_list(
            "person_id", "date", "code_version", "revision"
        )
    }
    revisions = dict(
        PlanCache.objects.filter(person_id__in=ids).values_list("person_id", "revision")
    )
    for person_id, zone in batch:
        today = day_in(zone_named(zone), now)
        revision = revisions.get(person_id, 0)
        old = stored.get(person_id)
        other_version = old is None or old[1] != version
        turned_or_changed = old is not None and (old[0] != today or old[2] != revision)
        if other_version or (reason == "due" and turned_or_changed):
            yield person_id, today, revision


def _status(
    person_id: int,
    today: dt.date,
    now: dt.datetime,
    revision: int,
    version: str,
    block: _Block,
) -> PersonStatus:
    """One person's status on `today`, computed now (through the plan cache), from what was
    read for their batch (`_Block`)."""
    person = block.users[person_id]
    status = PersonStatus(
        person_id=person_id, date=today, computed=now, revision=revision, code_version=version
    )
    enrollment = block.enrollments.get(person_id)
    unplanned: Said | None = None  # why the program gives no plan today, kept as made (A3)
    if enrollment is None:
        screen = (
            RedFlagScreen.objects.filter(person_id=person_id).order_by("-date", "-created").first()
        )
        status.stop = screen is not None and screen.positive
        status.unplanned = (
            f"stopped at the red-flag screen of {screen.date}: a clinician first"
            if status.stop and screen is not None
            else "no program yet"
        )
    else:
        status.program = enrollment.program
        on = max(today, enrollment.start)
        unplanned = why_no_plan(enrollment, on)  # run too long, or its program gone
        if unplanned is not None:
            status.unplanned = str(unplanned)  # the English, as the API and `clinic list` give
        else:
            plan = day_plan(person, on=on, ahead=block.ahead)
            status.day, status.phase, status.stop = plan.day, plan.phase, plan.stop
            status.flags = list(plan.flags)
            status.rules = [decision.rule for decision in plan.decisions]
    pain = block.pain(person_id, today)
    if pain is not None:
        (
            status.pain_score,
            status.pain_when,
            status.pain_date,
            status.pain_side,
            status.pain_place,
        ) = pain
    status.workouts_7, status.workouts_30 = block.workouts(person_id, today)
    tests = block.ir_tests(person_id, today)
    for side in ("left", "right"):
        values = [(t.date, value) for t in tests if (value := t.side(side)) is not None]
        if values:
            setattr(status, f"ir_{side}", values[-1][1])
            setattr(status, f"ir_{side}_date", values[-1][0])
        if len(values) > 1:
            setattr(status, f"ir_{side}_change", values[-1][1] - values[-2][1])
    if tests:
        status.ir_position, status.ir_method = tests[-1].position, tests[-1].method
        status.ir_error = maths.mdc(tests[-1].method)
    status.last_data = block.last_data(person_id, today)
    running = monitoring(  # the period holding today, if any
        person,
        today=today,
        first=today,
        start=enrollment.start if enrollment is not None else None,
        days=block.days_with_data,
    )
    if running:
        status.monitoring_first, status.monitoring_days = (
            running[0].first,
            running[0].days_with_data,
        )
    found = attention.reasons_said(
        attention.Standing(
            today=today,
            program=status.program,
            day=status.day,
            stop=status.stop,
            flags=tuple(status.flags),
            unplanned=unplanned or status.unplanned,
            pain_score=status.pain_score,
            pain_when=status.pain_when,
            pain_date=status.pain_date,
            last_data=status.last_data,
            workouts_7=status.workouts_7,
        )
    )
    # kept as made (`engine.tagged`, as a checkpoint is), put in words when shown: `reasons_kept`
    status.need = attention.need(found)
    status.reasons = [tagged.encode(reason) for _, reason in found]
    return status


def reasons_kept(stored: list[Any]) -> list[Said | str]:
    """A stored status's reasons as made (`engine.words.Said`, for each reader's words); a
    reason stored as English text before they were kept as made stays that text until the
    next pass recomputes it."""
    return [item if isinstance(item, str) else plan_cache.read_tagged(item) for item in stored]


# The records that say the person is still there (a screen or a clearance is not data of
# their own doing day to day, and a profile is not dated).
DATED_RECORDS = (WorkoutLog, PainReport, Measurement, ActivityRating, Note)


@dataclass(frozen=True)
class _Block:
    """What the statuses of a batch of people read, a table at a time for the whole batch (not
    a few queries a person): their accounts and programs, what their plans read
    (`plans.read_ahead`), their latest pain reports and tests, the latest day with a record
    of each, the days with data of the month before, and the days of it with a workout done.
    The latest of anything is read up to the batch's latest today and each person's own today
    applied on reading (a record after it: read for that person alone), so the figures are
    the same as read person by person."""

    users: dict[int, User]
    enrollments: dict[int, Enrollment]
    ahead: ReadAhead
    latest_pain: dict[int, Pain]
    tests: dict[int, list[tuple]]
    last: dict[int, dt.date]
    dated: dict[int, set[dt.date]]  # days with monitoring data, from `since` on
    done: dict[int, list[dt.date]]
    since: dt.date

    @classmethod
    def of(cls, due: list[tuple[int, dt.date]]) -> _Block:
        ids = [person_id for person_id, _ in due]
        users = User.objects.in_bulk(ids)
        enrollments = {
            e.person_id: e for e in Enrollment.objects.filter(person_id__in=ids, ended__isnull=True)
        }
        ahead = read_ahead(
            {pk: max(today, enrollments[pk].start) for pk, today in due if pk in enrollments}
        )
        if not due:
            return cls(users, enrollments, ahead, {}, {}, {}, {}, {}, dt.date.min)
        high = max(today for _, today in due)
        since = min(today for _, today in due) - dt.timedelta(
            days=max(WORKOUTS_MONTH, MONITORING_PERIOD_DAYS) - 1
        )
        latest_pain = {
            pk: tuple(pain)
            for pk, *pain in PainReport.objects.filter(person_id__in=ids, date__lte=high)
            .annotate(
                newest=Window(
                    RowNumber(),
                    partition_by=F("person_id"),
                    order_by=[F("date").desc(), F("created").desc(), F("id").desc()],
                )
            )
            .filter(newest=1)
            .values_list("person_id", *PAIN_COLUMNS)
        }
        tests: dict[int, list[tuple]] = {}
        for pk, *row in (
            Measurement.objects.filter(person_id__in=ids, kind="ir", date__lte=high)
            .order_by("person_id", "date", "created")
            .values_list("person_id", *IR_COLUMNS)
        ):
            tests.setdefault(pk, []).append(tuple(row))
        last: dict[int, dt.date] = {}
        for model in DATED_RECORDS:
            latest = (
                model.objects.filter(person_id__in=ids, date__lte=high)
                .values("person_id")
                .annotate(last=Max("date"))
                .values_list("person_id", "last")
            )
            for person_id, day in latest:
                last[person_id] = max(day, last.get(person_id, day))
        dated: dict[int, set[dt.date]] = {}
        for model in MONITORED:
            for person_id, day in (
                model._default_manager.filter(person_id__in=ids, date__gte=since, date__lte=high)
                .values_list("person_id", "date")
                .distinct()
            ):
                dated.setdefault(person_id, set()).add(day)
        done: dict[int, list[dt.date]] = {}
        workouts = WorkoutLog.objects.filter(
            person_id__in=ids, status__in=DONE, date__gte=since, date__lte=high
        ).values_list("person_id", "date")
        for person_id, day in workouts:  # one workout a person and day
            done.setdefault(person_id, []).append(day)
        return cls(users, enrollments, ahead, latest_pain, tests, last, dated, done, since)

    def pain(self, person_id: int, today: dt.date) -> Pain | None:
        """The latest pain report up to `today` (`PAIN_COLUMNS`)."""
        found = self.latest_pain.get(person_id)
        if found is not None and found[2] > today:  # one after their own today: read exactly
            return (
                PainReport.objects.filter(person_id=person_id, date__lte=today)
                .order_by("-date", "-created", "-id")
                .values_list(*PAIN_COLUMNS)
                .first()
            )
        return found

    def ir_tests(self, person_id: int, today: dt.date) -> list[maths.Test]:
        """`progress.ir_tests(person, until=today)`."""
        return like_for_like(row for row in self.tests.get(person_id, []) if row[0] <= today)

    def days_with_data(self, person: User, first: dt.date, last: dt.date) -> set[dt.date]:
        """`reports.days_with_data`, for `monitoring`."""
        if first < self.since:  # before what was read
            return days_with_data(person, first, last)
        return {day for day in self.dated.get(person.pk, ()) if first <= day <= last}

    def last_data(self, person_id: int, today: dt.date) -> dt.date | None:
        found = self.last.get(person_id)
        if found is not None and found > today:  # a record after their own today: read it exactly
            return _last_data(person_id, today)
        return found

    def workouts(self, person_id: int, today: dt.date) -> tuple[int, int]:
        """Workouts done or partly done in the 7 and the 30 days up to `today`."""
        days = self.done.get(person_id, [])
        week = today - dt.timedelta(days=WORKOUTS_WEEK - 1)
        month = today - dt.timedelta(days=WORKOUTS_MONTH - 1)
        return (
            sum(1 for day in days if week <= day <= today),
            sum(1 for day in days if month <= day <= today),
        )


def _last_data(person_id: int, today: dt.date) -> dt.date | None:
    """The latest day up to `today` with any record of the person's own."""
    days = [
        model.objects.filter(person_id=person_id, date__lte=today).aggregate(last=Max("date"))[
            "last"
        ]
        for model in DATED_RECORDS
    ]
    return max((d for d in days if d is not None), default=None)


def _store(rows: list[PersonStatus]) -> None:
    """Insert or replace each row, in one statement (a person refreshed by two passes at once
    keeps one row: the last written)."""
    if rows:
        PersonStatus.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["person"], update_fields=_FIELDS
        )
