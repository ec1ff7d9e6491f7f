"""A person's rows as the engine's inputs: `Profile` and `History` (no decisions here).

The rows are read with plain SQL through a `Reader` (SQL text and parameters in, rows out), so
the same reading serves Django's connection and, for the quick path of `hipcoach today`
(`plancache`), the database driver alone without starting Django. With a year of records this
also keeps the reading to a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable
from statistics import fmean
from typing import Any

from hipcoach.engine import types as engine

ACTIVITIES_OUTCOME = "psfs"  # the engine's name for the own-activities score (PSFS-style, R13)
FAR_FUTURE = dt.date(9999, 12, 31)

Reader = Callable[[str, dict[str, Any]], list[tuple]]
"""Runs one query with `%(name)s` parameters (`pk`, `until`) and returns its rows."""

PROFILE_SQL = (
    'SELECT "goals", "pain_areas", "age" FROM "tracking_profile" WHERE "person_id" = %(pk)s'
)
SQL = {
    "measurements": 'SELECT "date", "side", "position", "method", "trials", "kind" '
    'FROM "tracking_measurement" WHERE "person_id" = %(pk)s AND "date" <= %(until)s '
    'ORDER BY "date", "created", "id"',
    "pain": 'SELECT "date", "when", "score" FROM "tracking_painreport" '
    'WHERE "person_id" = %(pk)s AND "date" <= %(until)s ORDER BY "date", "created", "id"',
    "workouts": 'SELECT "id", "date", "status" FROM "tracking_workoutlog" '
    'WHERE "person_id" = %(pk)s AND "date" <= %(until)s ORDER BY "date"',
    "exercises": 'SELECT e."workout_id", e."exercise", e."side", e."status", e."sets", e."reps", '
    'e."hold_s", e."time_s" FROM "tracking_exerciselog" e JOIN "tracking_workoutlog" w '
    'ON e."workout_id" = w."id" WHERE w."person_id" = %(pk)s AND w."date" <= %(until)s '
    'ORDER BY e."created", e."id"',
    "screens": 'SELECT "date", "created", "answers" FROM "tracking_redflagscreen" '
    'WHERE "person_id" = %(pk)s AND "date" <= %(until)s ORDER BY "date", "created", "id"',
    "clearances": 'SELECT "date", "created" FROM "tracking_clearance" '
    'WHERE "person_id" = %(pk)s AND "date" <= %(until)s ORDER BY "date", "created", "id"',
    "outcomes": 'SELECT "date", "score" FROM "tracking_activityrating" '
    'WHERE "person_id" = %(pk)s AND "date" <= %(until)s ORDER BY "date"',
}


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _json(value):
    return json.loads(value) if isinstance(value, str | bytes) else value


def profile_from(read: Reader, pk: int) -> engine.Profile:
    rows = read(PROFILE_SQL, {"pk": pk})
    if not rows:
        return engine.Profile()
    goals, areas, age = rows[0]
    return engine.Profile(
        goals=tuple(_json(goals) or ()), pain_areas=tuple(_json(areas) or ()), age=age
    )


def history_from(read: Reader, pk: int, until: dt.date | None = None) -> engine.History:
    """Everything recorded about person `pk` up to `until` (all of it when None)."""
    params = {"pk": pk, "until": until or FAR_FUTURE}
    measurements = tuple(
        engine.Measurement(_date(d), s, p, m, tuple(float(t) for t in _json(trials)), k)
        for d, s, p, m, trials, k in read(SQL["measurements"], params)
    )
    pain = tuple(engine.PainReport(_date(d), w, s) for d, w, s in read(SQL["pain"], params))
    exercises: dict[int, list[engine.ExerciseLog]] = defaultdict(list)
    for workout_id, *values in read(SQL["exercises"], params):
        exercises[workout_id].append(engine.ExerciseLog(*values))
    workouts = tuple(
        engine.WorkoutLog(_date(d), s, tuple(exercises.get(pk_, ())))
        for pk_, d, s in read(SQL["workouts"], params)
    )
    # Screens and clinician clearances in the order they were recorded (R12: a clearance ends
    # the "yes" answers before it, not one given after it on the same day). On a tie, the
    # screen counts as the later one: when in doubt, the stop stands.
    safety = [
        (_date(d), str(created), 1, engine.RedFlagScreen(_date(d), tuple(sorted(_json(a).items()))))
        for d, created, a in read(SQL["screens"], params)
    ] + [
        (_date(d), str(created), 0, engine.RedFlagScreen(_date(d), (), cleared=True))
        for d, created in read(SQL["clearances"], params)
    ]
    screens = tuple(row[3] for row in sorted(safety, key=lambda row: row[:3]))
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for d, score in read(SQL["outcomes"], params):
        by_day[_date(d)].append(score)
    outcomes = tuple((d, ACTIVITIES_OUTCOME, fmean(v)) for d, v in sorted(by_day.items()))
    return engine.History(
        measurements=measurements,
        pain=pain,
        workouts=workouts,
        screens=screens,
        outcomes=outcomes,
    )


def django_reader(sql: str, params: dict[str, Any]) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def profile_of(person) -> engine.Profile:
    return profile_from(django_reader, person.pk)


def history_of(person, until: dt.date | None = None) -> engine.History:
    """Everything recorded about `person` (up to `until`, when given), as the engine reads it."""
    return history_from(django_reader, person.pk, until)
