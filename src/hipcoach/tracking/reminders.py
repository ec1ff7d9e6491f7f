"""The daily reminder at the person's own hour: what they chose, the devices it goes to, what it
says, and sending it (the worker's job, `hipcoach.jobs.send_reminders`).

Chosen on the account page and by `hipcoach remind`: on or off, the hour (0-23) on the
person's own clock (their profile's zone, as `tracking.days` and the nightly statuses use it),
and the channels: web push to each device that subscribed, and/or e-mail to the account's
address with a one-click unsubscribe (RFC 8058: a `List-Unsubscribe` link signed with the
server's key, which works without logging in).

**Once a day, at their hour.** The worker looks every minute; a person is due from their hour
on, for `LATE_LIMIT` (a worker stopped all morning sends no 7 o'clock reminder at noon). The
day is claimed before anything is sent: a row per person and own date (`ReminderSent`, unique)
inserted in its own transaction; a second worker's insert fails and it moves on. So a day is
sent at most once, whatever the number of workers; a worker killed between the claim and the
send leaves that day unsent (not sent twice). Wall-clock time in the person's zone decides, so
a change of daylight-saving time moves the instant, not the hour: 07:00 stays 07:00. An hour
that a spring change skips (02:00 in Berlin) is sent at the first minute after it.

**What it says** comes from the day's plan (`plans.day_plan`, the one door), decided by
`reminder_for`:
- a workout day: the workout, its minutes and exercises; tapping it opens the player;
- a day already done, partly done or recorded as skipped: nothing (the person has answered);
- a rest day, a program not started, no program: nothing;
- a day the plan stops (a red flag, a referral for pain; `DayPlan.stop`): the first such day,
  a notice saying why in the plan's own words and that there is no workout, opening the today
  page; later days of the same stop, nothing. A clinician tells a patient once and clearly
  why to stop and whom to see; a daily nag about a possible serious condition adds alarm, not
  information, and a daily "do your exercises" would contradict the stop (UNSOURCED: a
  conservative default, the stop itself being the engine's rules R12-R19).
Every decision, sent or quiet, is written down in the claimed row with its reason.

**In the person's language**: the account's (`Profile.language`), else British English; the
e-mail is a plain-text template (`tracking/reminder_email.txt`).

**A test reminder** (`send_test`: the account page's button, the API, `hipcoach remind --test`)
goes at once by the same push and e-mail path to the channels chosen, whether reminders are on
or not, and is written nowhere: the day's own reminder still comes at the hour. At most
`TESTS_MAX` in `TEST_WINDOW` (an address typed in by mistake is not flooded).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hipcoach.engine.types import DayPlan
from hipcoach.tracking import push
from hipcoach.tracking.days import zone_named
from hipcoach.tracking.inputs import InputError, NotSetUp
from hipcoach.tracking.languages import language_words, mail_language
from hipcoach.tracking.models import (
    PushSubscription,
    ReminderChoice,
    ReminderSent,
    WorkoutLog,
)
from hipcoach.tracking.plans import day_plan
from hipcoach.tracking.records import current_enrollment
from hipcoach.vocabulary import WorkoutStatus

LATE_LIMIT = dt.timedelta(hours=3)  # past the hour by this much, the day's reminder is let go
DEVICES_MAX = 10  # push subscriptions kept per person: the newest
EXERCISES_NAMED = 3  # exercises named in a reminder; the rest are counted
BATCH = 500  # people looked at a time
DEFAULT_HOUR = 8
TOKEN_MAX_CHARS = 200
SALT = "hipcoach.reminders.email-off"
TESTS_MAX = 5  # test reminders a person may send in TEST_WINDOW
TEST_WINDOW = dt.timedelta(hours=1)
_log = logging.getLogger("hipcoach.reminders")


class Outcome(str, Enum):
    """What the worker decided for a person's day (`ReminderSent.outcome`)."""

    claimed = "claimed"  # being handled (a worker died here if it stays so)
    workout = "workout"  # the day's workout, sent
    stopped = "stopped"  # the first day of a stop: why, sent
    still_stopped = "still_stopped"  # a stop already told: nothing
    done = "done"  # a workout already recorded for the day: nothing
    rest = "rest"  # a rest day: nothing
    no_plan = "no_plan"  # no program, not started, or not plannable: nothing
    failed = "failed"  # the plan could not be made (logged): nothing


SENDS = (Outcome.workout, Outcome.stopped)


@dataclass(frozen=True)
class Reminders:
    """A person's reminder choices, as the account page and `hipcoach remind` show them."""

    on: bool
    hour: int
    by_push: bool
    by_email: bool
    devices: int  # browsers subscribed to web push
    address: str  # where e-mail goes ("" = none)
    zone: str  # the zone the hour is in ("" = the server's)

    @property
    def channels(self) -> list[str]:
        return [
            name for name, chosen in (("push", self.by_push), ("email", self.by_email)) if chosen
        ]


@dataclass(frozen=True)
class Reminder:
    """What a day's reminder says, or why there is none (`text` empty)."""

    outcome: Outcome
    reason: str  # why, in words, for the claimed row
    title: str = ""
    text: str = ""
    path: str = ""  # the page it opens


def reminders_of(person: User) -> Reminders:
    """The person's choices (the defaults when never chosen: off, 08:00, by push)."""
    from hipcoach.tracking.models import Profile

    row = ReminderChoice.objects.filter(person=person).first() or ReminderChoice(
        person=person, hour=DEFAULT_HOUR
    )
    zone = Profile.objects.filter(person=person).values_list("time_zone", flat=True).first()
    return Reminders(
        on=row.on,
        hour=row.hour,
        by_push=row.by_push,
        by_email=row.by_email,
        devices=PushSubscription.objects.filter(person=person).count(),
        address=person.email,
        zone=zone or "",
    )


def check_hour(value: object) -> int:
    """An hour of the day, 0 to 23 ("7", "07", "07:00" are 7); else an InputError."""
    text = str(value).strip()
    if text.endswith(":00"):
        text = text[:-3]
    if not text.isdigit() or not 0 <= int(text) <= 23:
        raise InputError(
            _("hour: {value} is not an hour of the day; use 0 to 23, such as 7").format(
                value=repr(value)
            )
        )
    return int(text)


ADDRESS_MAX_CHARS = 254  # RFC 5321's longest address, as Django's EmailField


def check_address(value: object) -> str:
    """An e-mail address, trimmed; an InputError for anything else (empty, too long, not an
    address)."""
    text = str(value if value is not None else "").strip()
    if not text:
        raise InputError(_("e-mail: give an e-mail address, such as you@example.org"))
    try:
        if len(text) > ADDRESS_MAX_CHARS:
            raise ValidationError("too long")
        validate_email(text)
    except ValidationError:
        raise InputError(
            _("e-mail: {address} is not an e-mail address, such as you@example.org").format(
                address=repr(text[:80])
            )
        ) from None
    return text


def choose(
    person: User,
    *,
    on: bool | None = None,
    hour: object = None,
    by_push: bool | None = None,
    by_email: bool | None = None,
    address: str | None = None,
) -> Reminders:
    """Change what is given (None: unchanged) and keep it; the choices as they now are.

    InputError, having written nothing, for an hour that is not 0-23, an address that is not
    an e-mail address, e-mail without an address, or reminders on with neither channel.
    """
    with transaction.atomic():
        row = ReminderChoice.objects.select_for_update().filter(person=person).first()
        row = row or ReminderChoice(person=person, hour=DEFAULT_HOUR)
        if hour is not None:
            row.hour = check_hour(hour)
        if address is not None:
            address = check_address(address)
        for name, value in (("on", on), ("by_push", by_push), ("by_email", by_email)):
            if value is not None:
                setattr(row, name, bool(value))
        if row.by_email and not (address or person.email):
            raise InputError(
                _(
                    "e-mail: your account has no e-mail address; give one (hipcoach remind "
                    "--address you@example.org) or choose web push"
                )
            )
        if row.on and not (row.by_push or row.by_email):
            raise InputError(_("choose at least one way to be reminded: web push or e-mail"))
        if address is not None and address != person.email:
            person.email = address
            person.save(update_fields=["email"])
        row.updated = timezone.now()
        row.save()
    return reminders_of(person)


def subscribe(person: User, data: object) -> None:
    """Keep a browser's push subscription (checked by `push.check_subscription`) as the
    person's; the same endpoint subscribed before (by anyone) is replaced. Past
    `DEVICES_MAX`, the person's oldest subscriptions go."""
    found = push.check_subscription(data)
    with transaction.atomic():
        PushSubscription.objects.filter(endpoint=found.endpoint).delete()
        PushSubscription.objects.create(
            person=person, endpoint=found.endpoint, p256dh=found.p256dh, auth=found.auth
        )
        keep = PushSubscription.objects.filter(person=person).order_by("-created", "-id")
        old = list(keep.values_list("id", flat=True)[DEVICES_MAX:])
        if old:
            PushSubscription.objects.filter(id__in=old).delete()


def unsubscribe(person: User, endpoint: object) -> bool:
    """Forget the person's subscription at `endpoint` (this device); whether there was one.
    Another person's subscription is never touched."""
    if not isinstance(endpoint, str) or len(endpoint) > push.ENDPOINT_MAX_CHARS:
        return False
    deleted, _ = PushSubscription.objects.filter(person=person, endpoint=endpoint).delete()
    return bool(deleted)


def _joined(person: User) -> str:
    return str(int(person.date_joined.timestamp()))


def email_off_token(person: User) -> str:
    """The signed token of the person's one-click unsubscribe link: their id and the instant
    their account was made (a later account with the same id does not match), signed with the
    server's secret key; made by no one else, and no log-in needed to use it."""
    return signing.Signer(salt=SALT).sign(f"{person.pk}.{_joined(person)}")


def token_owner(token: str) -> User | None:
    """Whose unsubscribe token `token` is (None for any text no one's); changes nothing."""
    if not isinstance(token, str) or len(token) > TOKEN_MAX_CHARS:
        return None
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    pk, _, joined = value.partition(".")
    person = User.objects.filter(pk=int(pk)).first() if pk.isdigit() else None
    return person if person is not None and _joined(person) == joined else None


def email_off(token: str) -> User | None:
    """Turn off e-mail reminders for the person whose token this is (reminders off altogether
    when no other channel is left); that person, or None for a token no one's."""
    person = token_owner(token)
    if person is None:
        return None
    with transaction.atomic():
        row = ReminderChoice.objects.select_for_update().filter(person=person).first()
        if row is not None and row.by_email:
            row.by_email = False
            row.on = row.on and row.by_push
            row.updated = timezone.now()
            row.save()
    return person


def reminder_for(person: User, today: dt.date) -> Reminder:
    """What the person's reminder says on their own date `today`, or why there is none (see
    the module's note): from the day's plan and the day's workout record. Its words are in the
    active language (the sender makes it the person's: `in_their_language`)."""
    enrollment = current_enrollment(person)
    if enrollment is None:
        return Reminder(Outcome.no_plan, "no program")
    if today < enrollment.start:
        return Reminder(Outcome.no_plan, f"the program starts on {enrollment.start}")
    logged = WorkoutLog.objects.filter(person=person, date=today).values_list("status", flat=True)
    if logged:
        said = ", ".join(sorted({WorkoutStatus(status).label for status in logged}))
        return Reminder(Outcome.done, f"the day's workout is already recorded ({said})")
    try:
        plan = day_plan(person, on=today)
    except (NotSetUp, InputError) as exc:
        return Reminder(Outcome.no_plan, str(exc))
    if plan.stop:
        words = language_words(translation.get_language() or settings.LANGUAGE_CODE)
        why = " ".join(d.in_words(words).reason for d in plan.decisions if d.reason) or _(
            "the plan stops today"
        )
        told = (
            ReminderSent.objects.filter(person=person, date__lt=today)
            .order_by("-date")
            .values_list("outcome", flat=True)
            .first()
        )
        if told in (Outcome.stopped, Outcome.still_stopped):
            return Reminder(Outcome.still_stopped, "stopped, and told so already: " + why)
        return Reminder(
            Outcome.stopped,
            "stopped: " + why,
            title=_("No hip workout today"),
            text=why,
            path=reverse("today"),
        )
    if not plan.exercises:
        return Reminder(Outcome.rest, "a rest day")
    language = translation.get_language() or settings.LANGUAGE_CODE
    words = language_words(language)
    names = list(dict.fromkeys(words.name(e.id, e.name) for e in plan.exercises))
    listed = ", ".join(names[:EXERCISES_NAMED])
    if len(names) > EXERCISES_NAMED:
        more = len(names) - EXERCISES_NAMED
        listed = ngettext("{listed} and {more} more", "{listed} and {more} more", more).format(
            listed=listed, more=more
        )
    minutes = max(1, round(plan.minutes))
    return Reminder(
        Outcome.workout,
        f"day {plan.day_number}: the workout, {minutes} min",
        title=_("Today's hip workout: about {minutes} min").format(minutes=minutes),
        text=_("Day {number}, {phase}: {exercises}.").format(
            number=plan.day_number, phase=_phase_name(plan, language), exercises=listed
        ),
        path=reverse("player"),
    )


def _phase_name(plan: DayPlan, language: str) -> str:
    """The plan's phase in `language`: in English its id in words (as the today page), else
    the name the program's translation gives it."""
    english = plan.phase.replace("_", " ")
    if language.startswith("en"):
        return english
    from hipcoach.content.translations import program_texts

    found = program_texts(plan.program, language).get("phases", {}).get(plan.phase, {})
    return str(found.get("name") or english)


def in_their_language(person: User) -> translation.override:
    """A context in which the texts sent to the person are in their language
    (`languages.mail_language`)."""
    return translation.override(mail_language(person))


def _local(zone_name: str, now: dt.datetime) -> dt.datetime:
    """`now` on the person's wall clock (the machine's zone when theirs is not known, as
    `days.day_in`)."""
    zone = zone_named(zone_name)
    return now.astimezone(zone) if zone is not None else now.astimezone()


def due(hour: int, local: dt.datetime) -> bool:
    """Whether a reminder at `hour` is due at `local` (the person's wall clock): from the hour
    on, for `LATE_LIMIT`."""
    wall = local.replace(tzinfo=None)
    late = wall - dt.datetime.combine(wall.date(), dt.time(hour))
    return dt.timedelta(0) <= late < LATE_LIMIT


def send_reminders(*, now: dt.datetime) -> dict[str, int | float]:
    """Send each due person's reminder for their own day, once (see the module's note); what
    it did: `{"due", "sent", "quiet", "taken", "seconds"}` ("taken": claimed by another
    worker first)."""
    began = time.perf_counter()
    counts = {"due": 0, "sent": 0, "quiet": 0, "taken": 0}
    after = 0
    while True:
        batch = list(
            ReminderChoice.objects.filter(on=True, person__is_active=True, person_id__gt=after)
            .order_by("person_id")
            .values_list("person_id", "hour", "person__profile__time_zone")[:BATCH]
        )
        if not batch:
            break
        after = batch[-1][0]
        wanted = {}
        for person_id, hour, zone_name in batch:
            local = _local(zone_name or "", now)
            if due(hour, local):
                wanted[person_id] = local.date()
        done = set(
            ReminderSent.objects.filter(
                person_id__in=wanted, date__in=set(wanted.values())
            ).values_list("person_id", "date")
        )
        for person_id, today in wanted.items():
            if (person_id, today) in done:
                continue
            counts["due"] += 1
            row = _claim(person_id, today, now)
            if row is None:
                counts["taken"] += 1
                continue
            counts["sent" if _handle(row) else "quiet"] += 1
    return counts | {"seconds": round(time.perf_counter() - began, 3)}


def _claim(person_id: int, today: dt.date, now: dt.datetime) -> ReminderSent | None:
    """The person's day, claimed by this worker; None when another claimed it first."""
    try:
        with transaction.atomic():
            return ReminderSent.objects.create(
                person_id=person_id, date=today, claimed=now, outcome=Outcome.claimed
            )
    except IntegrityError:
        return None


def _handle(row: ReminderSent) -> bool:
    """Decide and send the claimed day's reminder; whether anything was sent."""
    person = User.objects.get(pk=row.person_id)
    with in_their_language(person):
        return _decide_and_send(person, row)


def _decide_and_send(person: User, row: ReminderSent) -> bool:
    try:
        reminder = reminder_for(person, row.date)
    except Exception as exc:  # one person's broken plan must not stop everyone's reminders
        from hipcoach.tracking.database import is_busy, is_unreachable

        if is_busy(exc) or is_unreachable(exc):
            raise
        _log.exception("the reminder of person %s could not be made", person.pk)
        reminder = Reminder(Outcome.failed, f"the plan could not be made: {exc}")
    sent: list[str] = []
    notes = [reminder.reason]
    choice = ReminderChoice.objects.filter(person=person, on=True).first()  # turned off since?
    if reminder.outcome in SENDS and choice is not None:
        if choice.by_push:
            sent += _push(person, reminder, row.date, notes)
        if choice.by_email and person.email:
            sent += _email(person, reminder, choice.hour, notes)
    row.outcome, row.sent, row.note = reminder.outcome.value, sent, "; ".join(notes)
    row.save(update_fields=["outcome", "sent", "note"])
    return bool(sent)


def push_message(reminder: Reminder, day: dt.date) -> dict[str, str]:
    """What a push carries (encrypted) to the service worker, which shows it: the title, the
    text, the page a tap opens, and a tag per day (a second message of the day replaces it)."""
    return {
        "title": reminder.title,
        "body": reminder.text,
        "url": reminder.path,
        "tag": f"hipcoach-{day.isoformat()}",
    }


def _push(person: User, reminder: Reminder, day: dt.date, notes: list[str]) -> list[str]:
    message = push_message(reminder, day)
    sent = []
    for subscription in PushSubscription.objects.filter(person=person):
        delivery = push.send(subscription, message)
        if delivery == "sent":
            sent.append("push")
        elif delivery == "gone":
            subscription.delete()
            notes.append("a device had unsubscribed: forgotten")
        else:
            notes.append("a push failed")
    return sent


def _email(person: User, reminder: Reminder, hour: int, notes: list[str]) -> list[str]:
    """Send the reminder by e-mail (the plain-text template, in the active language) with its
    one-click unsubscribe; ["email"], or [] with a note when the mail server failed."""
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string

    site = settings.SITE_URL
    stop = site + reverse("reminder_email_off", args=[email_off_token(person)])
    body = render_to_string(
        "tracking/reminder_email.txt",
        {
            "title": reminder.title,
            "text": reminder.text,
            "workout": reminder.outcome == Outcome.workout,
            "link": site + reminder.path,
            "hour": f"{hour:02d}",
            "stop": stop,
        },
    )
    message = EmailMessage(
        subject=_("hipcoach: {title}").format(title=reminder.title),
        body=body,
        to=[person.email],
        headers={
            "List-Unsubscribe": f"<{stop}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    try:
        message.send()
    except Exception as exc:  # a mail server down: logged, the push (if any) still went
        _log.warning("the reminder e-mail to person %s failed: %s", person.pk, exc)
        notes.append(f"the e-mail failed: {exc}")
        return []
    return ["email"]


def send_test(person: User, *, today: dt.date, now: dt.datetime | None = None) -> list[str]:
    """Send a test reminder at once, by the same push and e-mail path as the day's, to the
    channels the person chose (whether reminders are on or not); the channels it went by, one
    entry per device or address reached ("push", "email").

    It says what the day's reminder would say today (or, on a day with none, that reminders
    reach the person here) and is written nowhere but the count of tests. InputError, having
    sent nothing, when no channel can be reached (no device allowed notifications, no e-mail
    address), or past `TESTS_MAX` tests in `TEST_WINDOW`.
    """
    now = now or timezone.now()
    chosen = reminders_of(person)
    push_ok = chosen.by_push and chosen.devices > 0
    email_ok = chosen.by_email and bool(chosen.address)
    if not (push_ok or email_ok):
        raise InputError(
            _(
                "nothing to send a test to: allow notifications on this device (the "
                "account page) or choose e-mail with an address, then save the reminder"
            )
        )
    with transaction.atomic():
        row = ReminderChoice.objects.select_for_update().filter(person=person).first()
        if row is None:  # the defaults: by push
            row = ReminderChoice(person=person, hour=DEFAULT_HOUR)
        if row.tests_since is None or now - row.tests_since >= TEST_WINDOW:
            row.tests_since, row.tests = now, 0
        if row.tests >= TESTS_MAX:
            wait = row.tests_since + TEST_WINDOW - now
            raise InputError(
                _(
                    "{count} test reminders in an hour is the most; try again in {minutes} min"
                ).format(count=TESTS_MAX, minutes=max(1, round(wait.total_seconds() / 60)))
            )
        row.tests += 1
        row.save()
    notes: list[str] = []
    sent: list[str] = []
    with in_their_language(person):  # the message; the refusals above in the caller's
        reminder = _test_reminder(person, today, chosen)
        if push_ok:
            sent += _push(person, reminder, today, notes)
        if email_ok:
            sent += _email(person, reminder, chosen.hour, notes)
    if notes:
        _log.info("test reminder of person %s: %s", person.pk, "; ".join(notes))
    return sent


def _test_reminder(person: User, today: dt.date, chosen: Reminders) -> Reminder:
    """A test's message: today's reminder marked as a test, or on a day with none, a note
    that reminders reach the person here and when the next comes."""
    try:
        day = reminder_for(person, today)
    except (NotSetUp, InputError):
        day = Reminder(Outcome.no_plan, "")
    if day.outcome in SENDS:
        return Reminder(
            day.outcome,
            "a test",
            title=_("Test: {title}").format(title=day.title),
            text=day.text,
            path=day.path,
        )
    return Reminder(
        Outcome.workout,
        "a test",
        title=_("Test: your hipcoach reminder"),
        text=_(
            "Reminders reach you here. Today has no reminder to send ({why}); the next comes "
            "at {hour}:00 on a workout day."
        ).format(why=_quiet_words(day.outcome), hour=f"{chosen.hour:02d}"),
        path=reverse("today"),
    )


def _quiet_words(outcome: Outcome) -> str:
    return {
        Outcome.done: _("today's workout is recorded"),
        Outcome.rest: _("a rest day"),
        Outcome.still_stopped: _("the plan is stopped"),
    }.get(outcome, _("no program under way"))
