"""`hipcoach remind`: the terminal's person chooses the daily reminder as the account page
does (one door: `tracking.reminders.choose`); a mistake says what is wrong and changes
nothing; the worker then sends it at the person's hour."""

from __future__ import annotations

import datetime as dt

from coachkit import INIT
from django.core import mail

from hipcoach.tracking import reminders
from hipcoach.tracking.people import local_person


def test_choose_show_and_refuse(coach) -> None:
    coach(*INIT, "--time-zone", "Europe/Berlin")
    assert "Reminders are off (the hour kept: 08:00, Europe/Berlin)." in coach("remind").stdout
    said = coach("remind", "--on", "--at", "07:00", "--email", "--address", "me@example.org")
    assert "every day at 07:00 (Europe/Berlin), by web push" in " ".join(said.stdout.split())
    assert "e-mail to me@example.org" in said.stdout
    chosen = reminders.reminders_of(local_person())
    for args, words in (
        (("--at", "24"), "'24' is not an hour of the day"),
        (("--no-push", "--no-email"), "at least one way to be reminded"),
        (("--address", "me at home"), "not an e-mail address"),
    ):
        refused = coach("remind", *args, ok=False)
        assert refused.exit_code == 1 and words in refused.output
    assert reminders.reminders_of(local_person()) == chosen
    assert "Reminders are off" in coach("remind", "--off").stdout


def test_the_worker_sends_what_the_terminal_chose(coach) -> None:
    coach(*INIT, "--time-zone", "America/New_York")
    coach("remind", "--on", "--at", "6", "--no-push", "--email", "--address", "me@example.org")
    new_york_six = dt.datetime(2026, 1, 6, 11, 0, tzinfo=dt.UTC)  # 06:00 EST
    assert reminders.send_reminders(now=new_york_six - dt.timedelta(minutes=1))["due"] == 0
    assert reminders.send_reminders(now=new_york_six)["sent"] == 1
    [sent] = mail.outbox
    assert sent.to == ["me@example.org"] and sent.subject.startswith("hipcoach: Today's hip")


def test_a_test_reminder_from_the_terminal(coach) -> None:
    coach(*INIT, "--time-zone", "Europe/Berlin")
    refused = coach("remind", "--test", ok=False)  # by push, and no browser allowed it
    assert refused.exit_code == 1 and "nothing to send a test to" in refused.output
    assert not mail.outbox
    said = coach("remind", "--no-push", "--email", "--address", "me@example.org", "--test")
    assert "Reminders are off" in said.stdout  # a test turns nothing on
    assert "A test reminder was sent: an e-mail." in said.stdout
    [sent] = mail.outbox
    assert sent.to == ["me@example.org"] and sent.subject.startswith("hipcoach: Test: ")
    refused = coach("remind", "--address", "me at home", "--test", ok=False)
    assert "not an e-mail address" in refused.output and len(mail.outbox) == 1


def test_the_terminal_speaks_german_when_asked(coach) -> None:
    coach(*INIT, "--time-zone", "Europe/Berlin")
    said = coach("--language", "de", "remind", "--on", "--at", "7")
    assert "Erinnerungen sind an: jeden Tag um 07:00 (Europe/Berlin)" in " ".join(
        said.stdout.split()
    )
    refused = coach("--language", "de", "remind", "--at", "24", ok=False)
    assert "ist keine Stunde des Tages" in refused.output
