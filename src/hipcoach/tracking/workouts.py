"""Logging what was done and felt: the day's workout and its exercises, pain, the person's
own activities, and notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from hipcoach.engine.types import ExerciseLog as EngineExerciseLog
from hipcoach.tracking import inputs
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.models import (
    ActivityRating,
    Enrollment,
    ExerciseLog,
    Note,
    PainReport,
    WorkoutLog,
)
from hipcoach.tracking.programs import library
from hipcoach.tracking.records import (
    active_enrollment,
    already_stored,
    parse_client_key,
    profile_row,
)
from hipcoach.vocabulary import PainTiming, Side, WorkoutStatus


def workout_day(person, on: dt.date, today: dt.date) -> Enrollment:
    enrollment = active_enrollment(person)
    inputs.not_future(on, today)
    if on < enrollment.start:
        raise InputError(f"{on} is before your program started ({enrollment.start})")
    return enrollment


def log_workout(
    person, *, on: dt.date, status: str, today: dt.date, client_key=None
) -> tuple[WorkoutLog, bool]:
    """Record the day's workout as done, skipped or partial; (row, created?).

    A day has one workout: logging it again changes its status. The same client key sent twice
    stores it once.
    """
    inputs.choice(status, WorkoutStatus, "status")
    key = parse_client_key(client_key)
    enrollment = workout_day(person, on, today)
    if (row := already_stored(WorkoutLog, person, key)) is not None:
        return row, False
    with transaction.atomic():
        row = WorkoutLog.objects.filter(person=person, date=on).first()
        if row is not None:
            row.status, row.updated = status, timezone.now()
            row.save(update_fields=["status", "updated"])
            return row, False
        fields = {"client_key": key} if key else {}
        row = WorkoutLog.objects.create(
            person=person, enrollment=enrollment, date=on, status=status, **fields
        )
    return row, True


def log_exercise(
    person, *, on: dt.date, done: EngineExerciseLog, today: dt.date, client_key=None
) -> ExerciseLog:
    """Record one exercise and side of the day's workout (the player calls this as it goes).

    The day's workout is created as `partial` with the first exercise; `finish_workout` gives
    it its final status, so a workout cut short stays `partial` with what was done.
    """
    exercise = done.exercise
    inputs.choice(done.side, Side, "side")
    inputs.choice(done.status, WorkoutStatus, "status")
    inputs.done_dose(done)
    if exercise not in library().exercises:
        raise InputError(
            f"unknown exercise '{exercise}'{inputs.did_you_mean(exercise, library().exercises)}"
        )
    key = parse_client_key(client_key)
    enrollment = workout_day(person, on, today)
    existing = ExerciseLog.objects.filter(client_key=key).first() if key else None
    if existing is not None:
        return existing
    with transaction.atomic():
        workout, made = WorkoutLog.objects.get_or_create(
            person=person, date=on, defaults={"status": "partial", "enrollment": enrollment}
        )
        if not made and workout.status == "skipped":
            workout.status, workout.updated = "partial", timezone.now()
            workout.save(update_fields=["status", "updated"])
        fields = {"client_key": key} if key else {}
        return ExerciseLog.objects.create(
            workout=workout,
            exercise=exercise,
            side=done.side,
            status=done.status,
            sets=done.sets,
            reps=done.reps,
            hold_s=done.hold_s,
            time_s=done.time_s,
            **fields,
        )


def finish_workout(person, *, on: dt.date, status: str, today: dt.date) -> WorkoutLog:
    """Give the day's workout its final status once the player is through it."""
    row, _ = log_workout(person, on=on, status=status, today=today)
    return row


# --- Pain, activities and notes ------------------------------------------------------------


def report_pain(
    person, *, on: dt.date, when: str, score: int, today: dt.date, client_key=None
) -> PainReport:
    """Record pain 0–10 during the workout, the next morning, or at rest."""
    inputs.choice(when, PainTiming, "pain moment")
    inputs.pain_score(score, when)
    inputs.not_future(on, today)
    key = parse_client_key(client_key)
    profile_row(person)
    if (row := already_stored(PainReport, person, key)) is not None:
        return row
    fields = {"client_key": key} if key else {}
    return PainReport.objects.create(person=person, date=on, when=when, score=score, **fields)


def rate_activities(
    person, *, on: dt.date, ratings: Sequence[tuple[str, int]], today: dt.date
) -> list[ActivityRating]:
    """Rate your own activities 0 (cannot do it) to 10 (as well as before the problem)."""
    if not ratings:
        raise InputError('name at least one activity with its rating, e.g. "run 5 km=4"')
    cleaned = []
    for name, score in ratings:
        name = " ".join(name.split())
        if not 2 <= len(name) <= 120:
            raise InputError(f"activity '{name}' should be a short phrase (2 to 120 characters)")
        cleaned.append((name, inputs.rating(score, name)))
    inputs.not_future(on, today)
    profile_row(person)
    with transaction.atomic():
        return [
            ActivityRating.objects.create(person=person, date=on, activity=name, score=score)
            for name, score in cleaned
        ]


def last_activities(person) -> list[str]:
    """The activities named at the latest rating, to rate the same ones again."""
    latest = ActivityRating.objects.filter(person=person).order_by("-date", "-created").first()
    if latest is None:
        return []
    names = ActivityRating.objects.filter(person=person, date=latest.date).order_by("created", "id")
    return list(dict.fromkeys(names.values_list("activity", flat=True)))


def add_note(person, *, on: dt.date, text: str, today: dt.date) -> Note:
    text = text.strip()
    if not text:
        raise InputError("the note is empty")
    if len(text) > 2000:
        raise InputError(f"the note is {len(text)} characters long: keep it under 2000")
    inputs.not_future(on, today)
    profile_row(person)
    return Note.objects.create(person=person, date=on, text=text)
