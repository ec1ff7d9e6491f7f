"""One person, as a therapist reads them: today's plan and why, the decisions day by day, pain
by day, each hip's range over time with its error band, the adherence calendar, and the
person's own activity ratings and notes.

The same computation as the person's own progress page (`tracking.progress`), on the person's
own day (their profile's time zone, not the clinician's), only through an open share
(`access.share_for`); each look is a line in the person's trail (`audit`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User

from hipcoach.clinic import audit
from hipcoach.clinic.access import share_for
from hipcoach.clinic.models import AccessEntry, Action, Adjustment, Clinician, Share
from hipcoach.engine.types import DayPlan
from hipcoach.tracking.days import day_in, profile_zone
from hipcoach.tracking.inputs import InputError, NotSetUp
from hipcoach.tracking.models import ActivityRating, Note
from hipcoach.tracking.plans import past_days
from hipcoach.tracking.progress import Progress, progress

DECISION_DAYS = 14  # the decisions shown day by day
NOTES_SHOWN = 30
RATINGS_SHOWN = 30
TRAIL_SHOWN = 50  # the clinic's own latest lines of the person's trail


@dataclass(frozen=True)
class Reading:
    share: Share
    today: dt.date  # the person's own day
    progress: Progress
    days: list[DayPlan]  # the last DECISION_DAYS plans, the latest first
    notes: list[Note]
    ratings: list[ActivityRating]
    adjustments: list[Adjustment]  # the clinic's choices in force for the person
    # what the clinic's clinicians looked at and changed of the person, the latest first (the
    # person sees these lines and every other clinic's; a clinic sees only its own)
    trail: list[AccessEntry] = field(default_factory=list)

    @property
    def person(self) -> User:
        return self.share.person

    def to_json(self) -> dict:
        found = self.progress
        return {
            "person": self.person.pk,
            "name": self.person.get_username(),
            "scope": self.share.scope,
            "date": self.today.isoformat(),
            "plan": found.plan.to_json() if found.plan else None,
            "unplanned": str(found.unplanned) or None,  # the English, as the API gives
            "days": [
                {
                    "date": plan.date.isoformat(),
                    "day": plan.day,
                    "phase": plan.phase,
                    "stop": plan.stop,
                    "decisions": [d.to_json() for d in plan.decisions],
                }
                for plan in self.days
            ],
            "progress": found.to_json() if found.start else None,
            "ir_tests": [
                {"date": t.date.isoformat(), "left": t.left, "right": t.right}
                for t in found.ir_tests
            ],
            "measurement_error_deg": found.measurement_error,
            "notes": [{"date": n.date.isoformat(), "text": n.text} for n in self.notes],
            "activities": [
                {"date": r.date.isoformat(), "activity": r.activity, "score": r.score}
                for r in self.ratings
            ],
            "adjustments": [a.to_json() for a in self.adjustments],
            "trail": [
                {
                    "at": line.at.isoformat(),
                    "clinician": line.clinician_name,
                    "action": line.action,
                    "what": line.what,
                }
                for line in self.trail
            ],
        }


def person_today(person: User, now: dt.datetime) -> dt.date:
    """The person's own date at `now` (their profile's zone; the server's when none)."""
    return day_in(profile_zone(person), now)


def read_person(clinician: Clinician, person_id: int, *, now: dt.datetime) -> Reading:
    """Person `person_id` as their clinician reads them (NoAccess without an open share of
    theirs with the clinician's clinic: nothing is read, nothing logged)."""
    share = share_for(clinician, person_id)
    person = share.person
    today = person_today(person, now)
    try:
        days = past_days(person, today=today, days=DECISION_DAYS)[::-1]
    except (NotSetUp, InputError):  # no program, or run too long: the rest still shows
        days = []
    reading = Reading(
        share=share,
        today=today,
        progress=progress(person, today=today),
        days=days,
        notes=list(Note.objects.filter(person=person).order_by("-date", "-created")[:NOTES_SHOWN]),
        ratings=list(
            ActivityRating.objects.filter(person=person).order_by("-date", "-created")[
                :RATINGS_SHOWN
            ]
        ),
        adjustments=list(
            Adjustment.objects.filter(person=person, clinic=share.clinic, ended__isnull=True)
        ),
        trail=list(
            AccessEntry.objects.filter(person=person, clinician__clinic_id=share.clinic_id)
            .exclude(action=Action.listed)
            .order_by("-at", "-id")[:TRAIL_SHOWN]
        ),
    )
    audit.record(
        person.pk,
        clinic=share.clinic,
        clinician=clinician,
        action=Action.read,
        what="today's plan, decisions, pain, range, workouts, ratings and notes",
        now=now,
    )
    return reading


def chart_person(clinician: Clinician, person_id: int, *, now: dt.datetime) -> tuple[User, dt.date]:
    """The person and their day, for the charts of the page `read_person` showed (NoAccess
    without an open share; the look itself was logged with the page)."""
    person = share_for(clinician, person_id).person
    return person, person_today(person, now)
