"""The reminder on the account page: each person sees and changes only their own choices; a
device's push subscription needs the log-in and the CSRF token, a push service's https
address and a bounded size; it goes with the account."""

from __future__ import annotations

import base64
import json
import os

import pytest
from django.test import Client

from hipcoach.accounts.deletion import delete_person
from hipcoach.tracking import push, reminders
from hipcoach.tracking.models import PushSubscription, ReminderChoice, ReminderSent

URL = "/account/reminders/push/"
P256DH = base64.urlsafe_b64encode(b"\x04" + os.urandom(64)).rstrip(b"=").decode()
AUTH = base64.urlsafe_b64encode(os.urandom(16)).rstrip(b"=").decode()


def subscription(endpoint: str, **keys: str) -> dict:
    return {"endpoint": endpoint, "keys": {"p256dh": P256DH, "auth": AUTH} | keys}


def post_json(client: Client, data: object, **extra) -> object:
    return client.post(URL, json.dumps(data), content_type="application/json", **extra)


@pytest.mark.django_db
def test_each_person_sees_and_changes_only_their_own(client, alice, bob) -> None:
    reminders.choose(alice, on=True, hour=6, by_email=True)
    client.force_login(bob)
    page = client.get("/account/").content.decode()
    assert 'id="reminders-on" value="on">' in page  # Bob's: off
    assert '<option value="8" selected>08:00</option>' in page and "bob@example.org" in page
    assert "alice@example.org" not in page
    assert f'data-key="{push.public_key()}"' in page
    answer = client.post("/account/reminders/", {"on": "on", "hour": "21", "by_email": "on"})
    assert answer.status_code == 302
    assert ReminderChoice.objects.get(person=bob).hour == 21
    assert reminders.reminders_of(alice).hour == 6  # Alice's untouched


@pytest.mark.django_db
def test_a_mistake_in_the_form_says_so_and_changes_nothing(client, alice) -> None:
    client.force_login(alice)
    reminders.choose(alice, on=True, hour=7)
    for form in ({"on": "on", "hour": "24", "by_push": "on"}, {"on": "on", "hour": "7"}):
        page = client.post("/account/reminders/", form, follow=True).content.decode()
        assert "Reminders not changed" in page
    chosen = reminders.reminders_of(alice)
    assert (chosen.on, chosen.hour, chosen.channels) == (True, 7, ["push"])


@pytest.mark.django_db
def test_a_subscription_needs_the_log_in_and_the_csrf_token(client, alice) -> None:
    data = subscription("https://push.example.net/send/abc")
    assert post_json(client, data).status_code == 302  # to the log-in page
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(alice)
    assert post_json(guarded, data).status_code == 403
    guarded.get("/account/")
    token = guarded.cookies["csrftoken"].value
    assert post_json(guarded, data, HTTP_X_CSRFTOKEN=token).status_code == 201
    assert client.get(URL).status_code in (302, 405)
    assert list(PushSubscription.objects.values_list("person__username", "endpoint")) == [
        ("alice", "https://push.example.net/send/abc")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("endpoint", "keys", "words"),
    [
        ("http://push.example.net/send/abc", {}, "https"),
        ("http://127.0.0.1:9/send", {}, "https"),  # loopback only when tests allow it
        ("https://127.0.0.1/send", {}, "public push service"),
        ("https://10.1.2.3/send", {}, "public push service"),
        ("https://[fe80::1]/send", {}, "public push service"),
        ("https://localhost/send", {}, "public push service"),
        ("https://metadata.internal/send", {}, "public push service"),
        ("https://user:pw@push.example.net/send", {}, "no user"),
        ("https://push.example.net/" + "a" * 2100, {}, "at most 2048"),
        ("ftp://push.example.net/send", {}, "https"),
        ("https://push.example.net/send", {"p256dh": "short"}, "p256dh"),
        ("https://push.example.net/send", {"auth": "AAAA"}, "auth"),
    ],
)
def test_a_subscription_that_is_not_a_push_services_is_refused(
    client, alice, endpoint, keys, words
) -> None:
    client.force_login(alice)
    answer = post_json(client, subscription(endpoint, **keys))
    assert answer.status_code == 400 and words in answer.json()["detail"]
    assert not PushSubscription.objects.exists()


@pytest.mark.django_db
def test_bodies_too_large_or_not_json_are_refused(client, alice) -> None:
    client.force_login(alice)
    padded = subscription("https://push.example.net/send") | {"padding": "x" * 5000}
    assert post_json(client, padded).status_code == 413
    answer = client.post(URL, "{not json", content_type="application/json")
    assert answer.status_code == 400 and not PushSubscription.objects.exists()
    assert post_json(client, ["a", "list"]).status_code == 400


@pytest.mark.django_db
def test_a_device_is_removed_only_by_its_person(client, alice, bob) -> None:
    endpoint = "https://push.example.net/send/alices-phone"
    reminders.subscribe(alice, subscription(endpoint))
    client.force_login(bob)
    assert post_json(client, {"endpoint": endpoint, "remove": True}).json() == {"removed": False}
    assert PushSubscription.objects.get().person == alice
    client.force_login(alice)
    assert post_json(client, {"endpoint": endpoint, "remove": True}).json() == {"removed": True}
    assert not PushSubscription.objects.exists()


@pytest.mark.django_db
def test_a_shared_device_belongs_to_whoever_subscribed_it_last(alice, bob) -> None:
    endpoint = "https://push.example.net/send/the-family-tablet"
    reminders.subscribe(alice, subscription(endpoint))
    reminders.subscribe(bob, subscription(endpoint))
    assert list(PushSubscription.objects.values_list("person", flat=True)) == [bob.pk]


@pytest.mark.django_db
def test_only_the_newest_devices_are_kept(alice) -> None:
    for k in range(reminders.DEVICES_MAX + 3):
        reminders.subscribe(alice, subscription(f"https://push.example.net/send/{k}"))
    kept = set(PushSubscription.objects.values_list("endpoint", flat=True))
    assert len(kept) == reminders.DEVICES_MAX
    assert "https://push.example.net/send/0" not in kept
    assert f"https://push.example.net/send/{reminders.DEVICES_MAX + 2}" in kept


@pytest.mark.django_db
def test_reminders_go_with_the_account(alice, bob) -> None:
    reminders.choose(alice, on=True, by_email=True)
    reminders.subscribe(alice, subscription("https://push.example.net/send/a"))
    ReminderSent.objects.create(person=alice, date="2026-01-05", outcome="workout")
    reminders.subscribe(bob, subscription("https://push.example.net/send/b"))
    removed = delete_person(alice)
    assert removed["reminder choices"] == 1
    assert removed["devices subscribed to reminders"] == 1
    assert removed["days' reminders sent or decided"] == 1
    assert not ReminderChoice.objects.filter(person_id=alice.pk).exists()
    assert list(PushSubscription.objects.values_list("person", flat=True)) == [bob.pk]
    assert not ReminderSent.objects.exists()


@pytest.mark.django_db
def test_the_unsubscribe_page_of_no_ones_token_is_not_found(client) -> None:
    assert client.get("/reminders/email-off/1.2:forged/").status_code == 404
    assert client.post("/reminders/email-off/1.2:forged/").status_code == 404


@pytest.mark.django_db
def test_the_device_part_speaks_the_pages_language(client, alice) -> None:
    """The script's sentences come from the page, and a refusal from the server, in German
    for a German page; a too-large body is still told apart (413) in any language."""
    client.force_login(alice)
    page = client.get("/account/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert 'data-words-off="Dieses Gerät erhält keine Benachrichtigungen mehr."' in page
    assert "Benachrichtigungen konnten hier nicht eingeschaltet werden: {problem}" in page
    refused = post_json(
        client, subscription("http://push.example.net/send/abc"), HTTP_ACCEPT_LANGUAGE="de"
    )
    assert refused.status_code == 400 and "https-Adresse" in refused.json()["detail"]
    padded = subscription("https://push.example.net/send") | {"padding": "x" * 5000}
    large = post_json(client, padded, HTTP_ACCEPT_LANGUAGE="de")
    assert large.status_code == 413 and "größer als" in large.json()["detail"]
