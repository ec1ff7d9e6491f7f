"""A clinic's worth of generated people, for measuring hipcoach at scale (`hipcoach
generate-people`, the benchmarks): N people with varied, plausible histories, written straight
into the tables (COPY on PostgreSQL, one `executemany` per table on SQLite), never through the
use cases one record at a time.

Each person is 60 to 365 days into one of the shipped programs, in a time zone of the world
(or none), and has an adherence of their own, from good (a workout most days) to poor (one in
four days), some of them stopping altogether part way (back after a break, or not back yet).
A workout logs four to six of the program's exercises, each side of a one-sided one, with the
pain during it on a side and a place of their own; next-morning pain follows most workouts.
Most people's pain settles over one to three months (a fifth's does not), with a flare of a
few days now and then, and for a few people pain at rest; severe pain is followed by the
safety questions the next day. Both hips are tested every week the person is still there
(prone, by phone; one side may be stiffer, some hips markedly limited), with the safety
questions answered again; a runner rates running now and then, better as pain settles. A few
people answered a safety question "yes" at the start (some since cleared by a clinician, some
still waiting), and a few more at a later screen.

Generated people are marked: their user names start with `PREFIX`, they have no password that
works (no one can log in as them), and no e-mail address. `real_people` counts the others, so
the command can refuse to put generated people beside real ones. The same seed and the same
count on the same `today` give the same people.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.contrib.auth.models import User
from django.db import connection, models, transaction

from hipcoach.engine.constants import SEVERE_PAIN
from hipcoach.tracking.models import (
    ActivityRating,
    Clearance,
    Enrollment,
    ExerciseLog,
    Measurement,
    PainReport,
    Profile,
    RedFlagScreen,
    WorkoutLog,
)
from hipcoach.tracking.programs import library
from hipcoach.vocabulary import Goal, PainArea, PainPlace, RedFlag, Side, values

PREFIX = "generated-"  # every generated person's user name starts with it; no real one may
CHUNK = 500  # people generated and written at a time (one transaction each)
DAYS = (60, 365)  # how far into their program a person is, at least and at most
ZONES = (
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Kiritimati",
    "UTC",
    "",
)
# Adherence: (share of people, chance of a workout on a day, lowest, highest).
ADHERENCE = ((0.35, 0.80, 0.95), (0.35, 0.50, 0.80), (0.30, 0.15, 0.50))
STOPPED = 0.12  # share of people who stop part way (some come back, some not yet)
RED_FLAG_AT_START = 0.02  # share whose first screen stopped the program
CLEARED = 0.5  # of those, the share a clinician has cleared since
RED_FLAG_LATER = 0.02  # share with a later screen that stopped it
REST_PAIN = 0.05  # share with pain at rest now and then
FLARE = 0.01  # chance a day starts a flare of a few days of higher pain
NOT_IMPROVING = 0.2  # share whose pain does not settle over the months


@dataclass
class Generated:
    """What a run made."""

    people: int
    rows: dict[str, int] = field(default_factory=dict)  # table → rows written
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def real_people() -> int:
    """How many accounts in the database are not generated ones."""
    return User.objects.exclude(username__startswith=PREFIX).count()


def generated_people() -> int:
    return User.objects.filter(username__startswith=PREFIX).count()


def generate_people(
    count: int,
    *,
    seed: int,
    today: dt.date,
    progress: Callable[[int], None] | None = None,
) -> Generated:
    """Make `count` generated people with histories up to the day before `today`, `CHUNK` at a
    time, each chunk in one transaction (a run stopped part way leaves whole people only).
    `progress` is told how many are done after each chunk."""
    began = time.perf_counter()
    done = Generated(people=count)
    rng = random.Random(seed)
    shape = _Shape.of_library()
    numbers = _next_number()
    keys = _foreign_keys()
    made = 0
    while made < count:
        size = min(CHUNK, count - made)
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # no wait for the disk at each chunk's commit (a crash loses the last chunks
                # whole, never half a person): generated people are for measuring
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
            if keys:  # checks waiting from earlier in the transaction (a caller's) run now
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table, name, _ in keys:
                cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
            rows = _chunk(rng, shape, today, numbers + made, size)
            for table, name, definition in keys:
                cursor.execute(
                    f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition} NOT VALID'
                )
            if keys:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as Django's keys are
        for table, n in rows.items():
            done.rows[table] = done.rows.get(table, 0) + n
        made += size
        if progress is not None:
            progress(made)
    with connection.cursor() as cursor:  # every row checked once, in one pass a key
        for table, name, _ in keys:
            cursor.execute(f'ALTER TABLE "{table}" VALIDATE CONSTRAINT "{name}"')
    done.seconds = time.perf_counter() - began
    return done


def _foreign_keys() -> list[tuple[str, str, str]]:
    """(table, name, definition) of each foreign key of the tables written in bulk, on
    PostgreSQL (none elsewhere).

    A foreign key is checked row by row, at the commit of each chunk: that was half of a
    generation's time. Each chunk drops these keys, writes, and adds them back unchecked
    (`NOT VALID`, still checked for any row written later), in its one transaction (a run
    stopped part way leaves every key as it was); the end of the run checks every row against
    them at once. Meanwhile the chunk holds those tables and the accounts locked: generate
    people into a database of their own."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "JOIN pg_class t ON t.oid = c.conrelid WHERE c.contype = 'f' "
            "AND t.relnamespace = to_regnamespace(current_schema()) AND t.relname = ANY(%s) "
            "ORDER BY t.relname, c.conname",
            [[model._meta.db_table for model in _WRITTEN]],
        )
        return [(table, name, definition) for table, name, definition in cursor.fetchall()]


@dataclass(frozen=True)
class _Shape:
    """What the shipped content offers: programs, and each one's exercises (one-sided or not)."""

    programs: tuple[tuple[str, int, tuple[tuple[str, bool], ...]], ...]

    @classmethod
    def of_library(cls) -> _Shape:
        shipped = library()
        programs = []
        for program_id in sorted(shipped.programs):
            program = shipped.programs[program_id]
            ids = sorted(
                {
                    block.exercise
                    for phase in program.phases
                    for workout in phase.workouts
                    for block in workout.blocks
                }
            )
            exercises = tuple((e, shipped.exercises[e].per_side) for e in ids)
            programs.append((program.id, program.version, exercises))
        return cls(tuple(programs))


def _next_number() -> int:
    """The number after the highest generated person's (so runs add people, never clash)."""
    names = User.objects.filter(username__startswith=PREFIX).values_list("username", flat=True)
    numbers = [int(n[len(PREFIX) :]) for n in names if n[len(PREFIX) :].isdigit()]
    return max(numbers, default=0) + 1


class _Keys:
    """The records' client keys, in the layout of a UUID version 7: the run's start in
    milliseconds, 12 random bits, then a count. A phone's keys are random (version 4), but
    millions of random keys written at once land all over each table's unique index, so that
    most of a generation's time went into PostgreSQL reading and writing index pages once the
    index outgrew its memory; keys that only grow are appended to the index's last page.
    Unique across runs (a later run starts at a later millisecond) and across the processes
    of one run (the random bits)."""

    def __init__(self) -> None:
        stamp = time.time_ns() // 1_000_000
        head = (stamp & (2**48 - 1)) << 16 | 0x7000 | random.SystemRandom().getrandbits(12)
        self._head = f"{head:016x}"
        self._count = 0

    def __call__(self) -> str:
        """The next key, as the 32 hex digits both databases read as a UUID."""
        self._count += 1
        return f"{self._head}{_VARIANT | self._count:016x}"


_VARIANT = 0b10 << 62  # RFC 9562's variant bits
_key = _Keys()


@lru_cache(maxsize=4096)
def _at(day: dt.date, hour: float) -> str:
    """A moment of `day` in UTC, as the database reads it (a few hours of each day recur)."""
    minutes = round(hour * 60)
    return f"{day.isoformat()} {minutes // 60:02d}:{minutes % 60:02d}:00"


def _chunk(
    rng: random.Random, shape: _Shape, today: dt.date, first: int, size: int
) -> dict[str, int]:
    """Write `size` people numbered from `first`; the rows written per table."""
    now = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    users = User.objects.bulk_create(
        [
            User(username=f"{PREFIX}{first + n:07d}", password="!generated", date_joined=now)
            for n in range(size)
        ]
    )
    if any(u.pk is None for u in users):  # a database that does not give back the ids
        by_name = dict(
            User.objects.filter(username__in=[u.username for u in users]).values_list(
                "username", "id"
            )
        )
        for u in users:
            u.pk = by_name[u.username]
    out = _Rows()
    clear = dict.fromkeys(values(RedFlag), False)
    flagged = dict(clear, trauma=True)
    enrollment_ids = _ids(Enrollment, size)
    workouts: list[tuple[Any, ...]] = []
    for user, enrollment_id in zip(users, enrollment_ids, strict=True):
        start = today - dt.timedelta(days=rng.randint(*DAYS))
        program_id, version, exercises = rng.choice(shape.programs)
        runner = rng.random() < 0.6
        goals = [Goal.running.value] if runner else [rng.choice(values(Goal))]
        areas = rng.sample(values(PainArea), rng.choice((0, 1, 1, 2)))
        out.add(
            Profile,
            (
                "person_id",
                "goals",
                "pain_areas",
                "age",
                "time_zone",
                "language",
                "created",
                "updated",
            ),
            (
                user.pk,
                goals,
                areas,
                rng.randint(18, 80),
                rng.choice(ZONES),
                "",
                _at(start, 8),
                _at(start, 8),
            ),
        )
        stopped_at_start = rng.random() < RED_FLAG_AT_START
        out.add(
            RedFlagScreen,
            ("person_id", "date", "answers", "positive", "created"),
            (
                user.pk,
                start,
                flagged if stopped_at_start else clear,
                stopped_at_start,
                _at(start, 8),
            ),
        )
        out.add(
            Enrollment,
            ("id", "person_id", "program", "version", "start", "ended", "created"),
            (enrollment_id, user.pk, program_id, version, start, None, _at(start, 8)),
        )
        days = (today - start).days
        active = range(days)  # the days the person may work out (0 = the start)
        if stopped_at_start:
            if rng.random() < CLEARED:
                cleared = rng.randint(2, min(14, days - 1))
                out.add(
                    Clearance,
                    ("person_id", "date", "note", "created"),
                    (
                        user.pk,
                        start + dt.timedelta(days=cleared),
                        "cleared after a visit",
                        _at(start + dt.timedelta(days=cleared), 12),
                    ),
                )
                active = range(cleared, days)
            else:
                active = range(0)
        elif rng.random() < RED_FLAG_LATER:
            later = rng.randint(14, days - 1)
            out.add(
                RedFlagScreen,
                ("person_id", "date", "answers", "positive", "created"),
                (
                    user.pk,
                    start + dt.timedelta(days=later),
                    flagged,
                    True,
                    _at(start + dt.timedelta(days=later), 9),
                ),
            )
            active = range(active.start, later)
        _history(rng, out, workouts, user.pk, enrollment_id, start, active, exercises, runner)
    out.add_many(
        WorkoutLog,
        ("id", "person_id", "enrollment_id", "date", "status", "client_key", "created", "updated"),
        workouts,
    )
    return out.write()


def _history(
    rng: random.Random,
    out: _Rows,
    workouts: list[tuple[Any, ...]],
    person: int,
    enrollment: int,
    start: dt.date,
    active: range,
    exercises: Sequence[tuple[str, bool]],
    runner: bool,
) -> None:
    """One person's workouts, exercises, pain, tests and ratings over the days of `active`."""
    _, low, high = _pick_adherence(rng)
    chance = rng.uniform(low, high)
    end = active.stop
    if len(active) > 30 and rng.random() < STOPPED:  # a break: back since, or not yet
        gap_from = rng.randint(active.start + 20, end - 1)
        gap_to = min(end, gap_from + rng.randint(10, 60))
    else:
        gap_from = gap_to = end
    side = rng.choice((Side.left.value, Side.right.value, Side.both.value))
    place = rng.choice(values(PainPlace))
    usual = rng.choice((0, 1, 1, 2, 2, 3, 3, 4, 5))
    settles = None if rng.random() < NOT_IMPROVING else rng.randint(20, 90)  # days to settle
    rest_pain = rng.random() < REST_PAIN
    stiff, other = rng.uniform(8, 30), rng.uniform(20, 42)
    stiff_side = rng.choice((Side.left.value, Side.right.value))
    flare = 0
    day_ids = _ids(WorkoutLog, sum(1 for _ in active))  # at most one workout a day
    taken = 0
    for n in active:
        if gap_from <= n < gap_to:
            continue
        day = start + dt.timedelta(days=n)
        fading = 1.0 if settles is None else max(0.2, 1 - (n - active.start) / settles)
        if flare == 0 and rng.random() < FLARE:
            flare = rng.randint(2, 5)
        extra = rng.randint(2, 4) if flare else 0
        flare = max(0, flare - 1)
        if rng.random() < chance:
            workout = day_ids[taken]
            taken += 1
            status = "done" if rng.random() < 0.85 else "partial"
            workouts.append(
                (workout, person, enrollment, day, status, _key(), _at(day, 18), _at(day, 18))
            )
            for exercise, per_side in rng.sample(exercises, min(len(exercises), rng.randint(4, 6))):
                for s in ("left", "right") if per_side else ("both",):
                    held = rng.random() < 0.4
                    out.add(
                        ExerciseLog,
                        (
                            "workout_id",
                            "exercise",
                            "side",
                            "status",
                            "sets",
                            "reps",
                            "hold_s",
                            "time_s",
                            "client_key",
                            "created",
                        ),
                        (
                            workout,
                            exercise,
                            s,
                            status,
                            2,
                            None if held else rng.randint(6, 12),
                            30 if held else None,
                            None,
                            _key(),
                            _at(day, 18),
                        ),
                    )
            score = min(10, max(0, round(usual * fading + rng.uniform(-1, 1)) + extra))
            _pain(out, rng, person, day, "during", score, side, place, 18.5)
            morning = min(10, max(0, score + rng.choice((-1, 0, 0, 1))))
            if (
                score >= SEVERE_PAIN or morning >= SEVERE_PAIN
            ):  # the safety questions, answered next day
                _screen(out, person, day + dt.timedelta(days=1), 10)
            if rng.random() < 0.7:
                _pain(
                    out,
                    rng,
                    person,
                    day + dt.timedelta(days=1),
                    "next_morning",
                    morning,
                    side,
                    place,
                    8,
                )
        if rest_pain and rng.random() < 0.1:
            _pain(out, rng, person, day, "rest", min(10, usual + 2 + extra), side, place, 12)
        if (n - active.start) % 7 == 0:  # the weekly test, and the safety questions with it
            if n > active.start:
                _screen(out, person, day, 16)
            stiff = min(45.0, stiff + rng.uniform(-0.5, 1.5) * chance)
            other = min(45.0, other + rng.uniform(-0.5, 1.0) * chance)
            for s in ("left", "right"):
                mean = stiff if s == stiff_side else other
                trials = [round(mean + d + rng.uniform(-0.5, 0.5), 1) for d in (-1, 0, 1)]
                out.add(
                    Measurement,
                    (
                        "person_id",
                        "date",
                        "side",
                        "position",
                        "method",
                        "kind",
                        "trials",
                        "mean",
                        "client_key",
                        "created",
                    ),
                    (
                        person,
                        day,
                        s,
                        "prone",
                        "phone",
                        "ir",
                        trials,
                        round(sum(trials) / 3, 2),
                        _key(),
                        _at(day, 17),
                    ),
                )
            if runner and rng.random() < 0.5:
                out.add(
                    ActivityRating,
                    ("person_id", "date", "activity", "score", "client_key", "created"),
                    (
                        person,
                        day,
                        "running",
                        min(10, max(0, 8 - round(usual * fading) - extra + rng.randint(-1, 1))),
                        _key(),
                        _at(day, 20),
                    ),
                )


_CLEAR = dict.fromkeys(values(RedFlag), False)


def _screen(out: _Rows, person: int, day: dt.date, hour: float) -> None:
    """The safety questions answered, every answer no."""
    out.add(
        RedFlagScreen,
        ("person_id", "date", "answers", "positive", "created"),
        (person, day, _CLEAR, False, _at(day, hour)),
    )


def _pick_adherence(rng: random.Random) -> tuple[float, float, float]:
    roll = rng.random()
    for share, low, high in ADHERENCE:
        if roll < share:
            return share, low, high
        roll -= share
    return ADHERENCE[-1]


def _pain(
    out: _Rows,
    rng: random.Random,
    person: int,
    day: dt.date,
    when: str,
    score: int,
    side: str,
    place: str,
    hour: float,
) -> None:
    out.add(
        PainReport,
        ("person_id", "date", "when", "score", "side", "place", "client_key", "created"),
        (person, day, when, score, side, place, _key(), _at(day, hour)),
    )


def _ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys for `model`'s table, taken from its own sequence (PostgreSQL) or
    after its highest (SQLite, inside the chunk's transaction, which holds the write lock
    from the first insert on: the users)."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608 (a model's own table)
        highest = cursor.fetchone()[0]
        # Ids handed out but not yet written in this chunk must not be handed out again.
        highest = max(highest, _RESERVED.get(table, 0))
        _RESERVED[table] = highest + count
        return list(range(highest + 1, highest + count + 1))


_RESERVED: dict[str, int] = {}  # SQLite: the highest id handed out per table in this process


# the tables written in bulk, in the order their rows refer to one another
_WRITTEN = (
    Profile, RedFlagScreen, Clearance, Enrollment, WorkoutLog, ExerciseLog, PainReport,
    Measurement, ActivityRating,
)  # fmt: skip


class _Rows:
    """Rows gathered per table, written in one go each: COPY on PostgreSQL, `executemany`
    elsewhere. JSON is written as its text; on SQLite, dates and times as Django stores them."""

    def __init__(self) -> None:
        self._tables: dict[type[models.Model], tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {}

    def add(
        self, model: type[models.Model], columns: tuple[str, ...], row: tuple[Any, ...]
    ) -> None:
        self._tables.setdefault(model, (columns, []))[1].append(row)

    def add_many(
        self, model: type[models.Model], columns: tuple[str, ...], rows: Iterable[tuple[Any, ...]]
    ) -> None:
        self._tables.setdefault(model, (columns, []))[1].extend(rows)

    def write(self) -> dict[str, int]:
        written = {}
        for model in _WRITTEN:
            if model not in self._tables:
                continue
            columns, rows = self._tables[model]
            _write(model, columns, rows)
            written[model._meta.db_table] = len(rows)
        return written


def _write(
    model: type[models.Model], columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    table = model._meta.db_table
    names = ", ".join(f'"{c}"' for c in columns)  # the columns' own names
    postgres = connection.vendor == "postgresql"
    convert = [_converter(model, c, postgres) for c in columns]
    with connection.cursor() as cursor:
        if postgres:
            # COPY's text format, made here: handing psycopg a row of Python values costs
            # more than the row itself (a dumper looked up and called for every value)
            with cursor.cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for start in range(0, len(rows), _COPY_ROWS):
                    copy.write(
                        "".join(
                            "\t".join([f(v) for f, v in zip(convert, row, strict=True)]) + "\n"
                            for row in rows[start : start + _COPY_ROWS]
                        )
                    )
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f'INSERT INTO "{table}" ({names}) VALUES ({marks})',  # noqa: S608 (a model's own table)
                [[f(v) for f, v in zip(convert, row, strict=True)] for row in rows],
            )


_COPY_ROWS = 20_000  # rows sent to COPY in one piece


def _same(value: Any) -> Any:
    return value


def _json(value: Any) -> str:
    return json.dumps(value)


def _text(value: Any) -> str:
    """A value as COPY's text format reads it: NULL as \\N; a backslash, tab or line break
    escaped."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


def _number(value: Any) -> str:
    return "\\N" if value is None else str(value)


def _json_text(value: Any) -> str:
    return _text(json.dumps(value))


def _utc_text(value: str | None) -> str:
    """A moment from `_at` (UTC, written without its offset), for a `timestamptz` column."""
    return "\\N" if value is None else f"{value}+00"


def _converter(model: type[models.Model], column: str, postgres: bool) -> Callable[[Any], Any]:
    """How a value of `column` goes into the database: as Django would store it (PostgreSQL:
    as COPY's text format spells it)."""
    if column == "id" or column.endswith("_id"):
        return _number if postgres else _same
    kind = model._meta.get_field(column)
    if postgres:
        if isinstance(kind, models.JSONField):
            return _json_text
        if isinstance(kind, models.DateTimeField):
            return _utc_text
        if isinstance(kind, models.IntegerField):
            return _number
        return _text  # text, dates, UUIDs (32 hex digits) and booleans
    if isinstance(kind, models.JSONField):
        return _json
    ops = connection.ops
    if isinstance(kind, models.DateField) and not isinstance(kind, models.DateTimeField):
        return lambda v: None if v is None else ops.adapt_datefield_value(v)
    if isinstance(kind, models.BooleanField):
        return lambda v: int(v)
    return _same  # numbers, text, UUIDs (32 hex digits, as Django keeps them) and moments


def database_size() -> int:
    """The whole database's size in bytes (PostgreSQL's own count; SQLite's file and its
    write-ahead log)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return int(cursor.fetchone()[0])
    from pathlib import Path

    name = Path(str(connection.settings_dict["NAME"]))
    return sum(p.stat().st_size for p in (name, Path(f"{name}-wal")) if p.exists())
