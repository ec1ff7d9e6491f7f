"""A person's rows as the engine's inputs: `Profile` and `History` (no decisions here).

The rows are read as plain value tuples (no model instances), which keeps reading a year of
records to a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from statistics import fmean

from django.contrib.auth.models import User

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
from hipcoach.vocabulary import PainTiming, Side, WorkoutStatus

ACTIVITIES_OUTCOME = "psfs"  # the engine's name for the own-activities score (PSFS-style, R13)

# The vocabulary's members by their stored value. A year of records holds some ten thousand
# such values, and a lookup here costs a tenth of the Enum's own (`Side(value)`).
_SIDE = {side.value: side for side in Side}
_STATUS = {status.value: status for status in WorkoutStatus}
_WHEN = {when.value: when for when in PainTiming}


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _json(value):
    return json.loads(value) if isinstance(value, str | bytes) else value


def profile_of(person: User) -> engine.Profile:
    rows = list(Profile.objects.filter(person=person).values_list("goals", "pain_areas", "age"))
    if not rows:
        return engine.Profile()
    goals, areas, age = rows[0]
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
    mine = {"person": person} | ({"date__lte": until} if until else {})
    recent = mine | ({"date__gte": since} if since else {})
    in_order = ("date", "created", "id")
    measurements = tuple(
        engine_measurement(_date(d), s, p, m, (float(t) for t in _json(trials)), k)
        for d, s, p, m, trials, k in Measurement.objects.filter(**recent)
        .order_by(*in_order)
        .values_list("date", "side", "position", "method", "trials", "kind")
    )
    pain = tuple(
        engine.PainReport(_date(d), _WHEN[w], s)
        for d, w, s in PainReport.objects.filter(**recent)
        .order_by(*in_order)
        .values_list("date", "when", "score")
    )
    exercises: dict[int, list[engine.ExerciseLog]] = defaultdict(list)
    done = ExerciseLog.objects.filter(**{f"workout__{k}": v for k, v in recent.items()})
    first = max(filter(None, (since, exercises_from)), default=None)
    if first is not None:
        done = done.filter(workout__date__gte=first)
    for workout_id, exercise, side, status, sets, reps, hold_s, time_s in done.order_by(
        "created", "id"
    ).values_list("workout_id", "exercise", "side", "status", "sets", "reps", "hold_s", "time_s"):
        exercises[workout_id].append(
            engine.ExerciseLog(exercise, _SIDE[side], _STATUS[status], sets, reps, hold_s, time_s)
        )
    workouts = tuple(
        engine.WorkoutLog(_date(d), _STATUS[s], tuple(exercises.get(pk, ())))
        for pk, d, s in WorkoutLog.objects.filter(**recent)
        .order_by("date")
        .values_list("id", "date", "status")
    )
    # Screens and clinician clearances in the order they were recorded (R12: a clearance ends
    # the "yes" answers before it, not one given after it on the same day). On a tie, the
    # screen counts as the later one: when in doubt, the stop stands.
    safety = [
        (_date(d), created, 1, engine.RedFlagScreen(_date(d), tuple(sorted(_json(a).items()))))
        for d, created, a in RedFlagScreen.objects.filter(**mine)
        .order_by(*in_order)
        .values_list("date", "created", "answers")
    ] + [
        (_date(d), created, 0, engine.RedFlagScreen(_date(d), (), cleared=True))
        for d, created in Clearance.objects.filter(**mine)
        .order_by(*in_order)
        .values_list("date", "created")
    ]
    screens = tuple(row[3] for row in sorted(safety, key=lambda row: row[:3]))
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    ratings = ActivityRating.objects.filter(**recent).order_by("date")
    for d, score in ratings.values_list("date", "score"):
        by_day[_date(d)].append(score)
    outcomes = tuple((d, ACTIVITIES_OUTCOME, fmean(v)) for d, v in sorted(by_day.items()))
    return engine.History(
        measurements=measurements,
        pain=pain,
        workouts=workouts,
        screens=screens,
        outcomes=outcomes,
    )
