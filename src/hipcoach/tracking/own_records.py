"""A person's own records, for their lists, pages and the API: every query is filtered by the
person, so nothing here reaches anyone else's data."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db.models import QuerySet

from hipcoach.tracking.models import Measurement, PainReport, Profile, WorkoutLog


def workouts(person: User, *, since: dt.date | None = None) -> QuerySet[WorkoutLog]:
    """The person's workouts, the latest first, each with its exercises."""
    rows = WorkoutLog.objects.filter(person=person).prefetch_related("exercises").order_by("-date")
    return rows.filter(date__gte=since) if since else rows


def workout(person: User, workout_id: int) -> WorkoutLog | None:
    """The person's workout `workout_id`; None when there is none of theirs."""
    return workouts(person).filter(pk=workout_id).first()


def pain_reports(person: User, *, since: dt.date | None = None) -> QuerySet[PainReport]:
    rows = PainReport.objects.filter(person=person).order_by("-date", "-created")
    return rows.filter(date__gte=since) if since else rows


def measurements(person: User, *, since: dt.date | None = None) -> QuerySet[Measurement]:
    rows = Measurement.objects.filter(person=person).order_by("-date", "-created")
    return rows.filter(date__gte=since) if since else rows


def saved_profile(person: User) -> dict[str, object]:
    """The saved answers about the person (goals, pain areas, age), to fill a form in again;
    empty when none."""
    row = Profile.objects.filter(person=person).values("goals", "pain_areas", "age").first()
    return dict(row) if row else {}
