"""The counts behind the rate limits: one row per thing counted, in the database, so every app
process shares them.

Counting is one statement, an upsert (`INSERT … ON CONFLICT DO UPDATE … RETURNING`), atomic on
SQLite and PostgreSQL alike: two processes counting at once both count, and the first count of
a name never fails on a duplicate key (no error lines in PostgreSQL's log). Looking at a count is
one plain `SELECT`: reading never writes. Expired rows are deleted now and then by `prune`
(at `hipcoach serve`'s start and every few hours, `hipcoach.accounts.upkeep`), not by readers.

A count's window is fixed (it ends `period` seconds after its first count) or, with `sliding`,
it ends `period` seconds after its last count (a run of wrong passwords is forgotten a day after
the last one, however long it went on).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import connection

from hipcoach.accounts.models import RateCount

TABLE = RateCount._meta.db_table


@dataclass(frozen=True)
class Count:
    count: int
    started: float  # the window's first count (seconds since the epoch)
    last: float  # the latest count
    expires: float  # when the count is forgotten

    def left(self, now: float) -> float:
        return max(0.0, self.expires - now)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def hit(name: str, period: float, *, sliding: bool = False, now: float | None = None) -> Count:
    """Count one more under `name` and return the count (1 when the window had ended)."""
    now = time.time() if now is None else now
    t, expires = _q(TABLE), now + period
    cols = {c: _q(c) for c in ("name", "count", "started", "last", "expires")}
    fresh = f"{t}.{cols['expires']} <= %s"
    sql = (
        f"INSERT INTO {t} ({cols['name']}, {cols['count']}, {cols['started']}, {cols['last']}, "
        f"{cols['expires']}) VALUES (%s, 1, %s, %s, %s) "
        f"ON CONFLICT ({cols['name']}) DO UPDATE SET "
        f"{cols['count']} = CASE WHEN {fresh} THEN 1 ELSE {t}.{cols['count']} + 1 END, "
        f"{cols['started']} = CASE WHEN {fresh} THEN %s ELSE {t}.{cols['started']} END, "
        f"{cols['last']} = %s, "
        f"{cols['expires']} = CASE WHEN {fresh} OR %s = 1 THEN %s ELSE {t}.{cols['expires']} END "
        f"RETURNING {cols['count']}, {cols['started']}, {cols['last']}, {cols['expires']}"
    )
    params: list[str | int | float] = [
        name,
        now,
        now,
        expires,
        now,
        now,
        now,
        now,
        now,
        int(sliding),
        expires,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        count, started, last, ends = cursor.fetchone()
    return Count(int(count), float(started), float(last), float(ends))


def peek(name: str, *, now: float | None = None) -> Count | None:
    """The live count under `name`, or None (never counted, or forgotten). Writes nothing."""
    now = time.time() if now is None else now
    row = RateCount.objects.filter(name=name, expires__gt=now).first()
    if row is None:
        return None
    return Count(row.count, row.started, row.last, row.expires)


def forget(*names: str) -> int:
    """Delete the counts under `names`; how many there were."""
    deleted, _ = RateCount.objects.filter(name__in=names).delete()
    return deleted


def prune(*, now: float | None = None) -> int:
    """Delete every count whose time is over; how many."""
    now = time.time() if now is None else now
    deleted, _ = RateCount.objects.filter(expires__lte=now).delete()
    return deleted
