"""A record of every kind the app keeps, for one person (a module of its own: `conftest`
names clash between folders). Each carries a marker — a word of the person's own — where a
record has free text, so a search of every table can tell whether anything of theirs is left."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from hipcoach.accounts.models import ApiToken
from hipcoach.clinic import accounts, adjusting, reading, sharing
from hipcoach.clinic.models import Clinician
from hipcoach.engine.types import ExerciseLog
from hipcoach.tracking import plans, safety, workouts


def record_everything(person, today: dt.date, *, marker: str) -> dict:  # type: ignore[no-untyped-def]
    """Workout, exercise, pain, rating, note, a red flag and its clearance, saved plans, an
    API token, a share with a clinic (and its trail) and a sharing code, on top of the cast's profile, enrollment, screen and baseline test."""
    plan = plans.day_plan(person, on=today)
    first = plan.exercises[0]
    workouts.log_workout(person, on=today, status="partial", today=today)
    workouts.log_exercise(
        person, on=today, done=ExerciseLog(first.id, first.side, "done"), today=today
    )
    workouts.report_pain(person, on=today, when="rest", score=2, today=today)
    workouts.rate_activities(person, on=today, ratings=[(f"run with {marker}", 5)], today=today)
    workouts.add_note(person, on=today, text=f"hip felt free, {marker}", today=today)
    safety.record_screen(person, answers={"trauma": True}, on=today, today=today)
    safety.record_clearance(person, on=today, today=today, note=f"seen by Dr {marker}")
    plans.day_plan(person, on=today)  # the plan cache, at the latest revision
    _, token = ApiToken.issue(person, f"{marker}'s script")
    # shared with a clinic (whose clinician looked once), and a code still waiting
    now = timezone.now()
    lena = clinic_clinician()
    sharing.redeem(lena, sharing.make_code(person, scope="adjust", now=now)[1], now=now)
    reading.read_person(lena, person.pk, now=now)
    adjusting.adjust(lena, person.pk, kind="note", text=f"easy this week, {marker}", now=now)
    sharing.make_code(person, scope="read", now=now)
    return {"marker": marker, "token": token}


def clinic_clinician() -> Clinician:
    """The clinician of the clinic every person of the cast shares with (made once)."""
    found = Clinician.objects.filter(account__username="lena").first()
    return found or accounts.sign_up(
        username="lena",
        email="lena@clinic.example",
        password="a-clinicians-password-1",
        name="Lena Ortiz, PT",
        clinic_name="Riverside Physio",
        now=timezone.now(),
    )
