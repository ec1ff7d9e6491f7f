"""The person's coming workouts in their own calendar app: a private iCalendar feed (RFC 5545)
at a secret address the person makes, and makes anew to end the old one.

Each workout day is an all-day event with the workout's minutes, its exercises and a reminder
alarm; a day's event keeps its UID, so a calendar app updates the day when the plan changes
(records come in, a stop, a rest day) instead of adding another. A stopped day is shown as
such, with what to do; rest days have no event. Only a hash of the key is stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from hipcoach.engine.dosing import dose_text
from hipcoach.engine.types import DayPlan
from hipcoach.tracking.inputs import InputError, NotSetUp
from hipcoach.tracking.models import CalendarFeed
from hipcoach.tracking.plans import coming_days
from hipcoach.vocabulary import Side

FEED_DAYS = 14  # how far ahead the feed shows the plan
REMINDER_AT = dt.timedelta(hours=8)  # the alarm: 08:00 on the day (the person's own time)
KEY_PREFIX = "cal_"
UID_NAMESPACE = uuid.UUID("0b6f9c8e-3a51-4e59-9d2f-6f1c2e7a4b10")


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key(person: User) -> str:
    """A new secret key for `person`'s feed (shown once); any earlier key ends at once."""
    key = KEY_PREFIX + secrets.token_urlsafe(24)
    with transaction.atomic():
        CalendarFeed.objects.update_or_create(
            person=person, defaults={"key_hash": _hash(key), "created": timezone.now()}
        )
    return key


def has_feed(person: User) -> bool:
    return CalendarFeed.objects.filter(person=person).exists()


def end_feed(person: User) -> None:
    """The feed's address stops working."""
    CalendarFeed.objects.filter(person=person).delete()


def owner(key: str) -> User | None:
    """Whose feed `key` opens; None for any other text."""
    if not key.startswith(KEY_PREFIX) or len(key) > 100:
        return None
    found = CalendarFeed.objects.select_related("person").filter(key_hash=_hash(key)).first()
    return found.person if found is not None and found.person.is_active else None


def feed(person: User, *, today: dt.date) -> bytes:
    """The iCalendar text of `person`'s coming `FEED_DAYS` days from `today` (empty of events
    when there is no program, or it is past its planning window)."""
    calendar = Calendar()
    calendar.add("prodid", "-//hipcoach//hip-mobility coach//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "hipcoach workouts")
    try:
        plans = coming_days(person, today=today, days=FEED_DAYS)
    except (NotSetUp, InputError):
        plans = []
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for plan in plans:
        event = _event(person, plan, stamp)
        if event is not None:
            calendar.add_component(event)
    return calendar.to_ical()


def _event(person: User, plan: DayPlan, stamp: dt.datetime) -> Event | None:
    if not plan.stop and not plan.exercises:
        return None  # a rest day
    event = Event()
    event.add("uid", f"{uuid.uuid5(UID_NAMESPACE, f'{person.pk}:{plan.date}')}@hipcoach")
    event.add("dtstamp", stamp)
    event.add("dtstart", plan.date)
    event.add("dtend", plan.date + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a workout of minutes does not block the day
    if plan.stop:
        event.add("summary", "hipcoach: no workout today")
        event.add("description", "\n\n".join(d.reason for d in plan.decisions))
        return event
    minutes = round(plan.minutes)
    event.add("summary", f"Hip workout · about {minutes} min · {plan.phase.replace('_', ' ')}")
    lines = [
        f"{e.name}{'' if e.side == Side.both else f' ({e.side})'}: {dose_text(e)}"
        for e in plan.exercises
    ]
    event.add("description", "\n".join(lines))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Today's hip workout: about {minutes} minutes")
    alarm.add("trigger", REMINDER_AT)
    event.add_component(alarm)
    return event
