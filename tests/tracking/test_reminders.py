"""The daily reminder (`tracking.reminders`): what the person chooses, what a day's reminder
says (from the plan), and that the worker's pass sends each person's day once, at their own
hour, across time zones and daylight-saving changes, however many workers run."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core import mail

from cast import CLEAR_SCREEN, START, in_constant_pain, onboard, person
from hipcoach.tracking import reminders
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.models import Profile, ReminderChoice, ReminderSent
from hipcoach.tracking.plans import day_plan
from hipcoach.tracking.safety import record_screen
from hipcoach.tracking.workouts import log_workout

BERLIN = ZoneInfo("Europe/Berlin")
Outcome = reminders.Outcome


def zone(user: User, name: str) -> None:
    Profile.objects.filter(person=user).update(time_zone=name)


def local(day: dt.date, hour: int, minute: int = 0, where: ZoneInfo = BERLIN) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=where)


def by_email(user: User, hour: int = 7) -> None:
    reminders.choose(user, on=True, hour=hour, by_push=False, by_email=True)


# --- what the person chooses ---


@pytest.mark.django_db
def test_choices_are_kept_and_mistakes_change_nothing(people) -> None:
    alice, charlie = people["Alice"], people["Charlie"]
    assert reminders.reminders_of(alice).on is False
    chosen = reminders.choose(alice, on=True, hour="07:00", by_email=True)
    assert (chosen.on, chosen.hour, chosen.channels) == (True, 7, ["push", "email"])
    assert chosen.address == "alice@example.org"
    for bad in (
        {"hour": 24},
        {"hour": "seven"},
        {"hour": -1},
        {"by_push": False, "by_email": False},
    ):
        with pytest.raises(InputError):
            reminders.choose(alice, **bad)
    with pytest.raises(InputError, match="not an e-mail address"):
        reminders.choose(alice, address="alice at home")
    assert reminders.reminders_of(alice) == chosen  # each mistake wrote nothing
    User.objects.filter(pk=charlie.pk).update(email="")
    charlie.refresh_from_db()
    with pytest.raises(InputError, match="no e-mail address"):
        reminders.choose(charlie, on=True, by_email=True)
    assert not ReminderChoice.objects.filter(person=charlie).exists()
    assert (
        reminders.choose(charlie, by_email=True, address="c@example.org").address == "c@example.org"
    )


# --- what a day's reminder says ---


@pytest.mark.django_db
def test_a_workout_day_names_the_workout_and_opens_the_player(people) -> None:
    alice = people["Alice"]
    plan = day_plan(alice, on=START)
    said = reminders.reminder_for(alice, START)
    assert said.outcome == Outcome.workout
    assert said.title == f"Today's hip workout: about {round(plan.minutes)} min"
    assert said.text.startswith("Day 1, ") and plan.exercises[0].name in said.text
    assert said.path == "/today/player/"


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["done", "partial", "skipped"])
def test_nothing_on_a_day_already_recorded(people, status) -> None:
    alice = people["Alice"]
    log_workout(alice, on=START, status=status, today=START)
    said = reminders.reminder_for(alice, START)
    assert (said.outcome, said.text) == (Outcome.done, "")
    assert reminders.reminder_for(alice, START + dt.timedelta(days=1)).outcome == Outcome.workout


@pytest.mark.django_db
def test_quiet_on_a_rest_day_and_before_the_start(people, monkeypatch) -> None:
    alice, charlie = people["Alice"], people["Charlie"]
    rest = dataclasses.replace(day_plan(alice, on=START), exercises=(), minutes=0.0)
    monkeypatch.setattr(reminders, "day_plan", lambda person, on: rest)
    assert reminders.reminder_for(alice, START).outcome == Outcome.rest
    assert reminders.reminder_for(alice, START - dt.timedelta(days=1)).outcome == Outcome.no_plan
    assert reminders.reminder_for(charlie, START).outcome == Outcome.no_plan


@pytest.mark.django_db
def test_a_red_flag_is_told_once_with_its_reason_then_nothing(people) -> None:
    alice = people["Alice"]
    day = START + dt.timedelta(days=3)
    record_screen(alice, answers=CLEAR_SCREEN | {"constant_or_night_pain": True}, on=day, today=day)
    plan = day_plan(alice, on=day)
    assert plan.stop
    said = reminders.reminder_for(alice, day)
    assert said.outcome == Outcome.stopped and said.title == "No hip workout today"
    assert said.text == " ".join(d.reason for d in plan.decisions if d.reason)
    assert said.path == "/today/"
    ReminderSent.objects.create(person=alice, date=day, outcome=said.outcome)
    later = reminders.reminder_for(alice, day + dt.timedelta(days=1))
    assert later.outcome == Outcome.still_stopped and later.text == ""
    assert "told so already" in later.reason
    # a stop that ended (a day reminded of its workout since) is told again when it comes back
    ReminderSent.objects.create(person=alice, date=day + dt.timedelta(days=1), outcome="workout")
    again = reminders.reminder_for(alice, day + dt.timedelta(days=2))
    assert again.outcome == Outcome.stopped and again.text == said.text


@pytest.mark.django_db
def test_a_referral_for_pain_is_a_stop_too() -> None:
    today = START + dt.timedelta(days=14)
    pete = in_constant_pain("Pete", today)
    said = reminders.reminder_for(pete, today)
    assert said.outcome == Outcome.stopped and said.text


# --- sent once, at the person's own hour ---


@pytest.mark.django_db
def test_sent_from_the_hour_for_a_while_in_the_persons_own_zone(people) -> None:
    alice, bob = people["Alice"], people["Bob"]
    zone(alice, "Europe/Berlin")
    zone(bob, "America/Los_Angeles")
    by_email(alice)
    by_email(bob)
    day = START + dt.timedelta(days=1)
    assert reminders.send_reminders(now=local(day, 6, 59))["due"] == 0
    done = reminders.send_reminders(now=local(day, 7, 0))
    assert (done["due"], done["sent"]) == (1, 1)  # Alice: 07:00 in Berlin, 22:00 in LA
    [sent] = mail.outbox
    assert sent.to == ["alice@example.org"] and "Today's hip workout" in sent.subject
    assert reminders.send_reminders(now=local(day, 7, 30))["due"] == 0  # once a day
    la = ZoneInfo("America/Los_Angeles")
    assert reminders.send_reminders(now=local(day, 7, 0, la))["sent"] == 1  # Bob's 07:00
    assert [m.to for m in mail.outbox] == [["alice@example.org"], ["bob@example.org"]]
    row = ReminderSent.objects.get(person=bob)
    assert (row.date, row.outcome, row.sent) == (day, "workout", ["email"])
    # past the hour by LATE_LIMIT (a worker down all morning), the day is let go
    late = local(day + dt.timedelta(days=1), 7) + reminders.LATE_LIMIT
    assert reminders.send_reminders(now=late)["due"] == 0


@pytest.mark.django_db
def test_quiet_days_are_decided_once_and_written_down(people) -> None:
    alice = people["Alice"]
    zone(alice, "Europe/Berlin")
    by_email(alice)
    log_workout(alice, on=START, status="done", today=START)
    done = reminders.send_reminders(now=local(START, 7, 5))
    assert (done["due"], done["sent"], done["quiet"]) == (1, 0, 1)
    assert mail.outbox == []
    row = ReminderSent.objects.get(person=alice, date=START)
    assert row.outcome == "done" and "already recorded (done)" in row.note and row.sent == []


@pytest.mark.django_db
def test_off_inactive_or_claimed_elsewhere_sends_nothing(people) -> None:
    alice, bob = people["Alice"], people["Bob"]
    by_email(alice)
    by_email(bob)
    reminders.choose(bob, on=False)
    now = dt.datetime.combine(START, dt.time(7, 1), tzinfo=dt.UTC)
    zone(alice, "UTC")
    zone(bob, "UTC")
    ReminderSent.objects.create(person=alice, date=START, outcome="workout")  # another worker
    assert reminders.send_reminders(now=now)["due"] == 0 and mail.outbox == []
    reminders.choose(bob, on=True)
    User.objects.filter(pk=bob.pk).update(is_active=False)
    assert reminders.send_reminders(now=now)["due"] == 0 and mail.outbox == []


@pytest.mark.django_db
def test_a_claim_lost_to_another_worker_sends_nothing(people, monkeypatch) -> None:
    """Another worker inserts the day's row between this worker's look and its claim."""
    alice = people["Alice"]
    zone(alice, "UTC")
    by_email(alice)
    claim = reminders._claim

    def raced(person_id, today, now):
        ReminderSent.objects.create(person_id=person_id, date=today, outcome="workout")
        return claim(person_id, today, now)

    monkeypatch.setattr(reminders, "_claim", raced)
    done = reminders.send_reminders(now=dt.datetime.combine(START, dt.time(7), tzinfo=dt.UTC))
    assert (done["due"], done["taken"], done["sent"]) == (1, 1, 0)
    assert mail.outbox == [] and ReminderSent.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_several_workers_at_once_send_each_day_once(fast_hashing) -> None:
    """Four workers (threads, each with its own database connection) pass over the same
    minute together: every person's day is claimed by exactly one of them."""
    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("the in-memory test database is one connection; see test_reminder_workers")
    users = []
    for k in range(12):
        user = person(f"Worker{k}")
        onboard(user, start=START)
        zone(user, "UTC")
        by_email(user)
        users.append(user)
    now = dt.datetime.combine(START, dt.time(7), tzinfo=dt.UTC)
    barrier = threading.Barrier(4)
    totals = []

    def work() -> None:
        from django.db import connections

        barrier.wait()
        totals.append(reminders.send_reminders(now=now))
        connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(t["sent"] for t in totals) == 12 == len(mail.outbox)
    assert ReminderSent.objects.count() == 12


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first", "last"),
    [(dt.date(2026, 3, 27), dt.date(2026, 3, 31)), (dt.date(2026, 10, 23), dt.date(2026, 10, 27))],
    ids=["spring-forward", "fall-back"],
)
def test_berlin_at_seven_across_a_change_of_clocks(fast_hashing, first, last) -> None:
    """A person in Europe/Berlin who chose 07:00 gets one reminder a day, each at 07:00 on
    their clock, across the last Sunday of March and of October: the worker looks every
    minute (here every five, to keep the test short), in UTC."""
    berta = person("Berta")
    onboard(berta, start=first - dt.timedelta(days=3))
    zone(berta, "Europe/Berlin")
    by_email(berta)
    now = dt.datetime.combine(first, dt.time(0), tzinfo=dt.UTC)
    end = dt.datetime.combine(last, dt.time(0), tzinfo=dt.UTC)
    while now < end:
        reminders.send_reminders(now=now)
        now += dt.timedelta(minutes=5)
    rows = list(ReminderSent.objects.filter(person=berta).order_by("date"))
    days = [first + dt.timedelta(days=k) for k in range((last - first).days)]
    assert [row.date for row in rows] == days
    assert {row.claimed.astimezone(BERLIN).time() for row in rows} == {dt.time(7)}
    offsets = {row.claimed.astimezone(BERLIN).utcoffset() for row in rows}
    assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}  # both sides of the change
    assert len(mail.outbox) == len(days) and all(row.outcome == "workout" for row in rows)


@pytest.mark.django_db
def test_an_hour_the_clocks_skip_is_sent_at_the_first_minute_after(fast_hashing) -> None:
    berta = person("Berta")
    onboard(berta, start=dt.date(2026, 3, 20))
    zone(berta, "Europe/Berlin")
    by_email(berta, hour=2)
    day = dt.date(2026, 3, 29)  # 02:00-03:00 does not happen in Berlin
    now = dt.datetime(2026, 3, 29, 0, 0, tzinfo=dt.UTC)  # 01:00 in Berlin
    while not ReminderSent.objects.filter(date=day).exists():
        reminders.send_reminders(now=now)
        now += dt.timedelta(minutes=1)
    row = ReminderSent.objects.get(date=day)
    assert row.claimed.astimezone(BERLIN) == dt.datetime(2026, 3, 29, 3, 0, tzinfo=BERLIN)


# --- the one-click unsubscribe ---


@pytest.mark.django_db
def test_the_unsubscribe_token_is_the_persons_own_and_cannot_be_forged(people) -> None:
    alice, bob = people["Alice"], people["Bob"]
    by_email(alice)
    by_email(bob)
    token = reminders.email_off_token(alice)
    value, _, signature = token.rpartition(":")
    bobs_id = value.replace(str(alice.pk), str(bob.pk), 1)
    for forged in (
        f"{bobs_id}:{signature}",
        f"{value}:{signature[:-1]}x",
        value,
        "",
        token + "x" * 300,
    ):
        assert reminders.email_off(forged) is None
    assert reminders.reminders_of(bob).by_email and reminders.reminders_of(alice).by_email
    assert reminders.email_off(token) == alice
    after = reminders.reminders_of(alice)
    assert (after.on, after.by_push, after.by_email) == (True, False, False) or not after.on
    assert not after.on  # no channel left: off altogether
    assert reminders.reminders_of(bob).by_email  # Bob's untouched
