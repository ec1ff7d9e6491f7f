"""The planner's checkpoints, kept per person in the database, so that a plan costs the days
since the latest checkpoint, not every day since the program's start.

A checkpoint (`engine.checkpoint.Checkpoint`) is the planner's state at the end of a day. Its
state depends on no record dated after that day, so a write of a record dated d (a pain
report, a backdated one, a test, a workout, a clearance) deletes the person's checkpoints
from d on and keeps the earlier ones (`plan_cache.records_changed`, beside the plans); a write
with no date of its own (the profile, a new program) or many at once (a restore) deletes them
all. Rows are kept under the content and code version (`plan_cache.code_version`) and the
engine's checkpoint format, and for one program and start: any other is never read.

Planning keeps a checkpoint at the end of every `EVERY_DAYS`-th day it passes and at the end
of the last day before the day asked for (never that day itself, whose pre-run switch belongs
to that one plan). Per person it keeps the newest `KEEP` of the weekly ones and the newest
`NEWEST` of all: a write of today (the common case) re-plans one day from yesterday's, a
backdated one resumes from the week before it, and one further back than `KEEP` weeks
re-plans from the start. The nightly pass asks for everyone's today, so it leaves each person
a checkpoint of yesterday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the engine is imported only when a plan is computed
    from hipcoach.engine.checkpoint import Checkpoint

EVERY_DAYS = 7  # a checkpoint at the end of every 7th day of the program
KEEP = 12  # weekly checkpoints kept per person: about the last 12 weeks of backdating are cheap
# the newest checkpoints kept besides, whatever their day: yesterday's, and today's when a look
# at the days ahead made one (a write of today drops today's and resumes from yesterday's)
NEWEST = 2


def version() -> str:
    """The version a checkpoint is stored and found under: the content, the code, the format."""
    from hipcoach.engine.checkpoint import FORMAT
    from hipcoach.tracking.plan_cache import code_version

    return f"{code_version()}/{FORMAT}"


def revision(person_id: int) -> int:
    """The person's records revision (`plan_cache`), read before the records a plan is made
    from: checkpoints made from them are kept only while it has not moved."""
    from hipcoach.tracking.models import PlanCache

    return PlanCache.objects.get_or_create(person_id=person_id)[0].revision


def latest(person_id: int, program: str, start: dt.date, before: dt.date) -> Checkpoint | None:
    """The newest checkpoint of the person's program begun on `start` that ends before
    `before`, or None."""
    from hipcoach.engine.checkpoint import Checkpoint
    from hipcoach.tracking.models import PlanCheckpoint

    row = (
        PlanCheckpoint.objects.filter(
            person_id=person_id, version=version(), program=program, start=start, date__lt=before
        )
        .order_by("-date")
        .values_list("date", "state", "reads_from")
        .first()
    )
    if row is None:
        return None
    date, state, first = row
    return Checkpoint(program, start, (date - start).days, state, reads_from=first)


def latest_many(wanted: dict[int, tuple[str, dt.date, dt.date]]) -> dict[int, Checkpoint | None]:
    """`latest` of many people at once, each with their own (program, start, before): two
    queries (which checkpoints, then their states), not one a person."""
    from hipcoach.engine.checkpoint import Checkpoint
    from hipcoach.tracking.models import PlanCheckpoint

    chosen: dict[int, tuple[dt.date, int]] = {}
    for pk, person_id, program, start, date in PlanCheckpoint.objects.filter(
        person_id__in=list(wanted), version=version()
    ).values_list("id", "person_id", "program", "start", "date"):
        newer = person_id not in chosen or date > chosen[person_id][0]
        if (program, start) == wanted[person_id][:2] and date < wanted[person_id][2] and newer:
            chosen[person_id] = (date, pk)
    states = {
        person_id: (date, state, first)
        for person_id, date, state, first in PlanCheckpoint.objects.filter(
            id__in=[pk for _, pk in chosen.values()]
        ).values_list("person_id", "date", "state", "reads_from")
    }
    found: dict[int, Checkpoint | None] = dict.fromkeys(wanted)
    for person_id, (date, state, first) in states.items():
        program, start, _ = wanted[person_id]
        found[person_id] = Checkpoint(program, start, (date - start).days, state, reads_from=first)
    return found


def on_the_grid(n: int) -> bool:
    """Whether the end of day number `n` is one of the weekly checkpoints."""
    return (n + 1) % EVERY_DAYS == 0


def days_to_keep(first: int, day: int) -> set[int]:
    """The day numbers from `first` to before `day` whose end is a checkpoint: the newest
    `KEEP` weekly ones (older ones would be deleted at once) and the day before `day`."""
    last = day - 1 - day % EVERY_DAYS  # the newest n < day on the grid
    weekly = set(range(last, first - 1, -EVERY_DAYS)[:KEEP])
    return weekly | {day - 1} if day - 1 >= first else weekly


def to_drop(rows: Iterable[tuple[int, str, dt.date, dt.date]], current: str) -> list[int]:
    """Of a person's checkpoints as (id, version, start, date), the ids not kept: any of
    another version, and of the current one all but the newest `KEEP` on the grid and the
    newest `NEWEST` of all."""
    mine = sorted(
        ((date, pk, start) for pk, version, start, date in rows if version == current),
        reverse=True,
    )
    kept = {pk for _, pk, _ in mine[:NEWEST]}
    kept.update([pk for date, pk, start in mine if on_the_grid((date - start).days)][:KEEP])
    return [pk for pk, *_ in rows if pk not in kept]


def store(person_id: int, at_revision: int, made: Iterable[Checkpoint]) -> None:
    """Keep checkpoints made from the records at `at_revision`, unless they changed since."""
    store_many([(person_id, at_revision, list(made))])


def store_many(made: list[tuple[int, int, list[Checkpoint]]]) -> None:
    """`store` of many people's checkpoints at once, each (person, revision, checkpoints):
    four statements for all of them (the nightly pass keeps a checkpoint a person a night)."""
    from django.db import connection, transaction

    from hipcoach.tracking.models import PlanCache, PlanCheckpoint

    current = version()
    adapt = connection.ops.adapt_datefield_value
    wanted = {person_id: at for person_id, at, checkpoints in made if checkpoints}
    if not wanted:
        return
    with transaction.atomic():
        # The revisions are read under a lock on their rows, before the insert: a write of the
        # records moves it in the same transaction as it drops checkpoints
        # (`plan_cache.records_changed`), so that write either came first (the revision has
        # moved: nothing is kept) or waits for this transaction to end and then drops what it
        # must of these rows. (PostgreSQL locks the rows, in the order of the people; SQLite's
        # write transaction holds the whole database.)
        now = dict(
            PlanCache.objects.select_for_update()
            .filter(person_id__in=list(wanted))
            .order_by("person_id")
            .values_list("person_id", "revision")
        )
        rows = [
            (
                person_id,
                current,
                c.program,
                adapt(c.start),
                adapt(c.date),
                c.state,
                adapt(c.reads_from),
            )
            for person_id, at, checkpoints in made
            if now.get(person_id) == at
            for c in checkpoints
        ]
        if not rows:
            return
        _insert(rows)
        theirs: dict[int, list[tuple[int, str, dt.date, dt.date]]] = {}
        for pk, person_id, kept_as, start, date in PlanCheckpoint.objects.filter(
            person_id__in={row[0] for row in rows}
        ).values_list("id", "person_id", "version", "start", "date"):
            theirs.setdefault(person_id, []).append((pk, kept_as, start, date))
        dropped = [pk for rows_of in theirs.values() for pk in to_drop(rows_of, current)]
        if dropped:
            PlanCheckpoint.objects.filter(id__in=dropped).delete()


def _insert(rows: list[tuple]) -> None:
    """Insert checkpoint rows, leaving any already there. A plain INSERT of each row: Django's
    `bulk_create` sends PostgreSQL one array a column, and psycopg escapes each state's many
    quotes into the text array one by one, which cost more than planning the days
    (`benchmarks/bench_nightly.py`)."""
    from django.db import connection

    from hipcoach.tracking.models import PlanCheckpoint

    q = connection.ops.quote_name
    columns = ("person_id", "version", "program", "start", "date", "state", "reads_from")
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {q(PlanCheckpoint._meta.db_table)} ({', '.join(map(q, columns))}) "
            f"VALUES ({', '.join(['%s'] * len(columns))}) ON CONFLICT DO NOTHING",
            rows,
        )
