"""A clinic's caseload made through the real services: people who sign up, set up, log
workouts and pain, answer the safety questions and share their record with a clinic by a code,
as they would on the web; then the background pass stores their statuses. No row is written
that the app would not write itself.

`make_caseload(clinician, count, today)` gives the people by name. Each follows one of
`STORIES` by their number, so the list has every kind of need in it.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils import timezone

import cast
from hipcoach.clinic import sharing
from hipcoach.clinic.models import Clinician
from hipcoach.tracking import statuses
from hipcoach.tracking.safety import record_screen
from hipcoach.tracking.workouts import log_workout, report_pain

DAYS = 14  # each person started this many days before today

# what each person does, by their number modulo the length: the need it should show
STORIES = (
    "red_flag",  # a "yes" to a safety question two days ago: A1
    "pain",  # pain 6 during yesterday's workout, the left groin: A2
    "steady",  # every day done, pain 2: nothing pressing
    "quiet",  # worked out the first days, then nothing for 9 days: A4
    "few",  # two workouts in the last week: A6
    "steady",
)


def _story(person: User, story: str, start: dt.date, today: dt.date) -> None:
    days = [start + dt.timedelta(days=n) for n in range(DAYS)]
    if story == "quiet":
        days = days[:4]
    elif story == "few":
        days = days[:7] + [days[9], days[12]]
    for day in days:
        log_workout(person, on=day, status="done", today=today)
        report_pain(person, on=day, when="during", score=2, today=today)
    yesterday = today - dt.timedelta(days=1)
    if story == "pain":
        report_pain(
            person, on=yesterday, when="during", score=6, today=today, side="left", place="groin"
        )
    if story == "red_flag":
        on = today - dt.timedelta(days=2)
        record_screen(person, answers={"constant_or_night_pain": True}, on=on, today=today)


def make_caseload(
    clinician: Clinician, count: int, *, today: dt.date, prefix: str = "p"
) -> dict[str, User]:
    """`count` people (p01, p02, …) who share with the clinician's clinic, every other one with
    the "adjust" scope, their statuses stored."""
    made: dict[str, User] = {}
    start = today - dt.timedelta(days=DAYS)
    for number in range(1, count + 1):
        name = f"{prefix}{number:02d}"
        person = cast.person(name)
        cast.onboard(person, start=start, today=start)
        _story(person, STORIES[number % len(STORIES)], start, today)
        scope = "adjust" if number % 2 else "read"
        now = timezone.now()
        sharing.redeem(clinician, sharing.make_code(person, scope=scope, now=now)[1], now=now)
        made[name] = person
    statuses.refresh_statuses(now=timezone.now())
    return made


def story_of(name: str, prefix: str = "p") -> str:
    """The story person `name` follows."""
    return STORIES[int(name.removeprefix(prefix)) % len(STORIES)]
