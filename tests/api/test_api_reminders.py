"""The daily reminder through the API: a script reads and changes the person's own choices,
as the account page and `hipcoach remind` do (one door: `tracking.reminders.choose`)."""

from __future__ import annotations

import pytest
from django.test import Client

from hipcoach.tracking import reminders
from hipcoach.tracking.models import ReminderChoice

pytestmark = pytest.mark.django_db


def post(client: Client, body: object, **headers: str):
    return client.post("/api/v1/reminders", body, content_type="application/json", **headers)


def test_a_token_reads_and_changes_its_persons_reminder(alice, bob, alice_token) -> None:
    script = Client(HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    assert script.get("/api/v1/reminders").json() == {
        "on": False,
        "hour": 8,
        "by_push": True,
        "by_email": False,
        "devices": 0,
        "address": "alice@example.org",
        "time_zone": "",
    }
    answer = post(script, {"on": True, "hour": 6, "by_email": True})
    assert answer.status_code == 200
    assert answer.json() | {"time_zone": ""} == {
        "on": True,
        "hour": 6,
        "by_push": True,
        "by_email": True,
        "devices": 0,
        "address": "alice@example.org",
        "time_zone": "",
    }
    assert post(script, {"by_push": False}).json()["by_email"] is True  # the rest kept
    assert not ReminderChoice.objects.filter(person=bob).exists()


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"hour": 24}, 422),
        ({"hour": "7"}, 422),
        ({"on": "yes"}, 422),
        ({"hour": 7, "zone": "UTC"}, 422),  # unknown field
        ({"address": "x" * 255}, 422),
        ({"address": "alice at home"}, 400),
        ({"address": ""}, 400),
        ({"by_push": False, "by_email": False, "on": True}, 400),
    ],
)
def test_mistakes_are_refused_and_change_nothing(alice, alice_token, body, status) -> None:
    reminders.choose(alice, on=True, hour=7)
    script = Client(HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    answer = post(script, body)
    assert answer.status_code == status and "detail" in answer.json()
    chosen = reminders.reminders_of(alice)
    assert (chosen.on, chosen.hour, chosen.channels) == (True, 7, ["push"])


def test_without_a_log_in_nothing_is_read_or_changed(alice) -> None:
    assert Client().get("/api/v1/reminders").status_code == 401
    assert post(Client(), {"on": True}).status_code == 401
    assert not ReminderChoice.objects.exists()


def test_a_script_changes_the_address_and_sends_a_test(alice, alice_token, mailoutbox) -> None:
    script = Client(HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    answer = post(script, {"by_email": True, "by_push": False, "address": " a@example.net "})
    assert answer.status_code == 200 and answer.json()["address"] == "a@example.net"
    tested = script.post("/api/v1/reminders/test")
    assert tested.status_code == 200 and tested.json() == {"sent": ["email"]}
    [sent] = mailoutbox
    assert sent.to == ["a@example.net"] and sent.subject.startswith("hipcoach: Test: ")
    assert not ReminderChoice.objects.get(person=alice).on  # a test turns nothing on


def test_a_test_with_nowhere_to_go_is_a_400_in_the_callers_language(alice, alice_token) -> None:
    script = Client(HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    answer = script.post("/api/v1/reminders/test")  # by push, and no device allowed it
    assert answer.status_code == 400 and "nothing to send a test to" in answer.json()["detail"]
    german = script.post("/api/v1/reminders/test", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert german.status_code == 400 and "Test" in german.json()["detail"]
    assert "nothing to send" not in german.json()["detail"]
