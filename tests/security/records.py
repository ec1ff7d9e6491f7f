"""A record of every kind the app keeps, for one person (a module of its own: `conftest`
names clash between folders). Each carries a marker — a word of the person's own — where a
record has free text, so a search of every table can tell whether anything of theirs is left."""

from __future__ import annotations

import datetime as dt

from hipcoach.accounts.models import ApiToken
from hipcoach.engine.types import ExerciseLog
from hipcoach.tracking import services


def record_everything(person, today: dt.date, *, marker: str) -> dict:  # type: ignore[no-untyped-def]
    """Workout, exercise, pain, rating, note, a red flag and its clearance, saved plans and an
    API token, on top of the cast's profile, enrollment, screen and baseline test."""
    plan = services.day_plan(person, on=today)
    first = plan.exercises[0]
    services.log_workout(person, on=today, status="partial", today=today)
    services.log_exercise(
        person, on=today, done=ExerciseLog(first.id, first.side, "done"), today=today
    )
    services.report_pain(person, on=today, when="rest", score=2, today=today)
    services.rate_activities(person, on=today, ratings=[(f"run with {marker}", 5)], today=today)
    services.add_note(person, on=today, text=f"hip felt free, {marker}", today=today)
    services.record_screen(person, answers={"trauma": True}, on=today, today=today)
    services.record_clearance(person, on=today, today=today, note=f"seen by Dr {marker}")
    services.day_plan(person, on=today)  # the plan cache, at the latest revision
    _, token = ApiToken.issue(person, f"{marker}'s script")
    return {"marker": marker, "token": token}
