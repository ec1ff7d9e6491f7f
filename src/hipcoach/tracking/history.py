"""A person's rows as the engine's inputs: `Profile` and `History` (no decisions here).

The rows are read as plain value tuples (no model instances), which keeps reading a year of
records to a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from statistics import fmean
from typing import Any

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Model

from hipcoach.engine import types as engine
from hipcoach.tracking.models import (
    ActivityRating,
    Clearance,
    ExerciseLog,
    Measurement,
    PainReport,
    Profile,
    RedFlagScreen,
    WorkoutLog,
    engine_measurement,
)
from hipcoach.vocabulary import PainPlace, PainTiming, Side, WorkoutStatus

ACTIVITIES_OUTCOME = "psfs"  # the engine's name for the own-activities score (PSFS-style, R13)

# The vocabulary's members by their stored value. A year of records holds some ten thousand
# such values, and a lookup here costs a tenth of the Enum's own (`Side(value)`).
_SIDE = {side.value: side for side in Side}
_STATUS = {status.value: status for status in WorkoutStatus}
_WHEN = {when.value: when for when in PainTiming}
_PLACE = {place.value: place for place in PainPlace}


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _when(value) -> dt.datetime:
    """A stored time as a datetime (SQLite gives its text)."""
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _json(value):
    return json.loads(value) if isinstance(value, str | bytes) else value


class _Rows:
    """A person's rows of a table dated `since`..`until` (either open when None), as plain
    tuples, in plain SQL: building a query through the ORM cost more than reading the few
    weeks of rows a resumed plan needs."""

    def __init__(self, person_id: int, until: dt.date | None, since: dt.date | None) -> None:
        self.person_id = person_id
        self.until = until
        self.since = since

    def _where(self, table: str) -> tuple[str, list[Any]]:
        q, adapt = connection.ops.quote_name, connection.ops.adapt_datefield_value
        conditions = [f"{table}.{q('person_id')} = %s"]
        params: list[Any] = [self.person_id]
        if self.until is not None:
            conditions.append(f"{table}.{q('date')} <= %s")
            params.append(adapt(self.until))
        if self.since is not None:
            conditions.append(f"{table}.{q('date')} >= %s")
            params.append(adapt(self.since))
        return " AND ".join(conditions), params

    @staticmethod
    def _fetch(sql: str, params: list[Any]) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def of(
        self, model: type[Model], *columns: str, order: tuple[str, ...] = ("date", "created", "id")
    ) -> list[tuple]:
        """The columns of the person's rows of `model`, ordered by `order`."""
        q = connection.ops.quote_name
        table = q(model._meta.db_table)
        where, params = self._where(table)
        return self._fetch(
            f"SELECT {', '.join(f'{table}.{q(c)}' for c in columns)} FROM {table} "
            f"WHERE {where} ORDER BY {', '.join(f'{table}.{q(c)}' for c in order)}",
            params,
        )

    def of_workouts(self, model: type[Model], *columns: str) -> list[tuple]:
        """The columns of `model`'s rows (of a workout) of the person's workouts, in the order
        they were recorded."""
        q = connection.ops.quote_name
        table, workouts = q(model._meta.db_table), q(WorkoutLog._meta.db_table)
        where, params = self._where(workouts)
        return self._fetch(
            f"SELECT {', '.join(f'{table}.{q(c)}' for c in columns)} FROM {table} "
            f"JOIN {workouts} ON {table}.{q('workout_id')} = {workouts}.{q('id')} "
            f"WHERE {where} ORDER BY {table}.{q('created')}, {table}.{q('id')}",
            params,
        )


def profile_of(person: User) -> engine.Profile:
    q = connection.ops.quote_name
    rows = _Rows._fetch(
        f"SELECT {q('goals')}, {q('pain_areas')}, {q('age')} FROM {q(Profile._meta.db_table)} "
        f"WHERE {q('person_id')} = %s",
        [person.pk],
    )
    return _profile(*rows[0]) if rows else engine.Profile()


def profiles_of(ids: list[int]) -> dict[int, engine.Profile]:
    """`profile_of` of many people at once, by id, in one query."""
    q = connection.ops.quote_name
    found = (
        {
            pk: _profile(goals, areas, age)
            for pk, goals, areas, age in _Rows._fetch(
                f"SELECT {q('person_id')}, {q('goals')}, {q('pain_areas')}, {q('age')} "
                f"FROM {q(Profile._meta.db_table)} WHERE {q('person_id')} IN "
                f"({', '.join(['%s'] * len(ids))})",
                list(ids),
            )
        }
        if ids
        else {}
    )
    return {pk: found.get(pk, engine.Profile()) for pk in ids}


def _profile(goals: Any, areas: Any, age: int | None) -> engine.Profile:
    return engine.Profile(
        goals=tuple(_json(goals) or ()), pain_areas=tuple(_json(areas) or ()), age=age
    )


def history_of(
    person: User,
    until: dt.date | None = None,
    *,
    since: dt.date | None = None,
    exercises_from: dt.date | None = None,
) -> engine.History:
    """Everything recorded about `person` (up to `until`, when given), as the engine reads it.

    With `since`, only the records from that day on come, but the screens and clearances, which
    come whole; with `exercises_from`, the workouts before that day come without their exercise
    logs (what a plan resumed from a checkpoint reads: `engine.planner.plan_days_from`).
    """
    records = _Rows(person.pk, until, since)
    first = max(filter(None, (since, exercises_from)), default=None)
    whole = _Rows(person.pk, until, None)  # a stop stands from any day until cleared
    return _history(
        {
            Measurement: records.of(Measurement, *_COLUMNS[Measurement]),
            PainReport: records.of(PainReport, *_COLUMNS[PainReport]),
            ExerciseLog: _Rows(person.pk, until, first).of_workouts(
                ExerciseLog, *_COLUMNS[ExerciseLog]
            ),
            WorkoutLog: records.of(WorkoutLog, *_COLUMNS[WorkoutLog], order=_ORDER[WorkoutLog]),
            RedFlagScreen: whole.of(RedFlagScreen, *_COLUMNS[RedFlagScreen]),
            Clearance: whole.of(Clearance, *_COLUMNS[Clearance]),
            ActivityRating: records.of(
                ActivityRating, *_COLUMNS[ActivityRating], order=_ORDER[ActivityRating]
            ),
        }
    )


# The columns of each table that a history is made of, in `_history`'s order.
_COLUMNS: dict[type[Model], tuple[str, ...]] = {
    Measurement: ("date", "side", "position", "method", "trials", "kind"),
    PainReport: ("date", "when", "score", "side", "place"),
    ExerciseLog: ("workout_id", "exercise", "side", "status", "sets", "reps", "hold_s", "time_s"),
    WorkoutLog: ("id", "date", "status"),
    RedFlagScreen: ("date", "created", "answers"),
    Clearance: ("date", "created"),
    ActivityRating: ("date", "score"),
}
_ORDER: dict[type[Model], tuple[str, ...]] = {WorkoutLog: ("date",), ActivityRating: ("date",)}


def histories_of(
    wanted: dict[int, tuple[dt.date, dt.date | None, dt.date | None]],
) -> dict[int, engine.History]:
    """The histories of many people at once, each as `history_of(person, until, since=,
    exercises_from=)` with their own (until, since, exercises_from) from `wanted`: one query a
    table for all of them (the nightly pass), not seven a person."""
    if not wanted:
        return {}
    whole: dict[int, tuple[dt.date, dt.date | None]] = {
        pk: (until, None) for pk, (until, _, _) in wanted.items()
    }
    dated = {pk: (until, since) for pk, (until, since, _) in wanted.items()}
    exercised = {
        pk: (until, max(filter(None, (since, exercises_from)), default=None))
        for pk, (until, since, exercises_from) in wanted.items()
    }
    rows: dict[type[Model], dict[int, list[tuple]]] = {}
    for model in _COLUMNS:
        if model is ExerciseLog:
            rows[model] = _many_of_workouts(exercised)
        else:
            spans = whole if model in (RedFlagScreen, Clearance) else dated
            rows[model] = _many(model, spans, _ORDER.get(model, ("date", "created", "id")))
    return {pk: _history({model: rows[model].get(pk, []) for model in rows}) for pk in wanted}


_EARLIEST = dt.date(1, 1, 1)  # "since" for a span open at its start


def _spans(spans: dict[int, tuple[dt.date, dt.date | None]], table: str) -> tuple[str, list]:
    """A join of `table` to each person's own span of days (a VALUES list: person, since,
    until), and its parameters."""
    q, adapt = connection.ops.quote_name, connection.ops.adapt_datefield_value
    params: list[Any] = []
    for pk, (until, since) in spans.items():
        params += [pk, adapt(since or _EARLIEST), adapt(until)]
    values = ", ".join(["(%s, %s, %s)"] * len(spans))
    return (
        f"JOIN (VALUES {values}) AS span ON {table}.{q('person_id')} = span.column1 "
        f"AND {table}.{q('date')} >= span.column2 AND {table}.{q('date')} <= span.column3",
        params,
    )


def _grouped(rows: list[tuple]) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        found[row[0]].append(row[1:])
    return found


def _many(
    model: type[Model], spans: dict[int, tuple[dt.date, dt.date | None]], order: tuple[str, ...]
) -> dict[int, list[tuple]]:
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    join, params = _spans(spans, table)
    columns = ", ".join(f"{table}.{q(c)}" for c in ("person_id", *_COLUMNS[model]))
    ordered = ", ".join(f"{table}.{q(c)}" for c in ("person_id", *order))
    return _grouped(
        _Rows._fetch(f"SELECT {columns} FROM {table} {join} ORDER BY {ordered}", params)
    )


def _many_of_workouts(spans: dict[int, tuple[dt.date, dt.date | None]]) -> dict[int, list[tuple]]:
    q = connection.ops.quote_name
    table, workouts = q(ExerciseLog._meta.db_table), q(WorkoutLog._meta.db_table)
    join, params = _spans(spans, workouts)
    columns = ", ".join(
        [f"{workouts}.{q('person_id')}", *(f"{table}.{q(c)}" for c in _COLUMNS[ExerciseLog])]
    )
    return _grouped(
        _Rows._fetch(
            f"SELECT {columns} FROM {table} "
            f"JOIN {workouts} ON {table}.{q('workout_id')} = {workouts}.{q('id')} {join} "
            f"ORDER BY {workouts}.{q('person_id')}, {table}.{q('created')}, {table}.{q('id')}",
            params,
        )
    )


def _history(rows: dict[type[Model], list[tuple]]) -> engine.History:
    """A history from its rows, each table's in `_COLUMNS`' order."""
    measurements = tuple(
        engine_measurement(_date(d), s, p, m, (float(t) for t in _json(trials)), k)
        for d, s, p, m, trials, k in rows[Measurement]
    )
    pain = tuple(
        engine.PainReport(_date(d), _WHEN[w], s, _SIDE[side], _PLACE[place])
        for d, w, s, side, place in rows[PainReport]
    )
    exercises: dict[int, list[engine.ExerciseLog]] = defaultdict(list)
    for workout_id, exercise, side, status, sets, reps, hold_s, time_s in rows[ExerciseLog]:
        exercises[workout_id].append(
            engine.ExerciseLog(exercise, _SIDE[side], _STATUS[status], sets, reps, hold_s, time_s)
        )
    workouts = tuple(
        engine.WorkoutLog(_date(d), _STATUS[s], tuple(exercises.get(pk, ())))
        for pk, d, s in rows[WorkoutLog]
    )
    # Screens and clinician clearances in the order they were recorded (R12: a clearance ends
    # the "yes" answers before it, not one given after it on the same day). On a tie, the
    # screen counts as the later one: when in doubt, the stop stands.
    safety = [
        (
            _date(d),
            _when(created),
            1,
            engine.RedFlagScreen(_date(d), tuple(sorted(_json(a).items()))),
        )
        for d, created, a in rows[RedFlagScreen]
    ] + [
        (_date(d), _when(created), 0, engine.RedFlagScreen(_date(d), (), cleared=True))
        for d, created in rows[Clearance]
    ]
    screens = tuple(row[3] for row in sorted(safety, key=lambda row: row[:3]))
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for d, score in rows[ActivityRating]:
        by_day[_date(d)].append(score)
    outcomes = tuple((d, ACTIVITIES_OUTCOME, fmean(v)) for d, v in sorted(by_day.items()))
    return engine.History(
        measurements=measurements,
        pain=pain,
        workouts=workouts,
        screens=screens,
        outcomes=outcomes,
    )
