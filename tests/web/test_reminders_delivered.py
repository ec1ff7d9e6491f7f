"""The daily reminder delivered end to end, with no outside service: a browser's subscription
is sent to the account page's endpoint, the worker's pass sends the reminder, a push receiver
on loopback decrypts what arrived (RFC 8291 aes128gcm, with the browser's private key) and
checks its VAPID signature (RFC 8292), and an SMTP server on loopback receives the e-mail,
whose one-click unsubscribe (RFC 8058) then works without a log-in."""

from __future__ import annotations

import base64
import datetime as dt
import email
import email.policy
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from django.test import Client
from django.utils import timezone

from hipcoach.tracking import push, reminders
from hipcoach.tracking.models import Profile, PushSubscription, ReminderSent
from hipcoach.tracking.plans import day_plan
from mailkit import smtp_server


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Browser:
    """A browser's side of web push: its key pair and authentication secret."""

    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)

    def subscription(self, endpoint: str) -> dict:
        public = self.key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {"endpoint": endpoint, "keys": {"p256dh": b64url(public), "auth": b64url(self.auth)}}

    def decrypt(self, body: bytes) -> dict:
        import http_ece

        return json.loads(
            http_ece.decrypt(body, private_key=self.key, auth_secret=self.auth, version="aes128gcm")
        )


class PushService:
    """A push service on loopback: keeps each message it is sent, and answers each path with
    the status set for it (201 by default)."""

    def __init__(self) -> None:
        self.received: list[tuple[str, dict[str, str], bytes]] = []
        self.answers: dict[str, int] = {}
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                service.received.append(
                    (self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                )
                self.send_response(service.answers.get(self.path, 201))
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def push_service(settings):
    settings.PUSH_ALLOW_LOOPBACK = True
    service = PushService()
    yield service
    service.server.shutdown()


@pytest.fixture
def mail_server(settings):
    with smtp_server() as (box, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = False
        settings.SITE_URL = "https://hip.example.org"
        yield box


def verify_vapid(authorization: str, audience: str) -> dict:
    """The claims of a VAPID `Authorization` header, after checking its ES256 signature
    against the key it names, which must be the server's."""
    scheme, _, params = authorization.partition(" ")
    assert scheme == "vapid"
    parts = dict(p.split("=", 1) for p in params.split(","))
    assert parts["k"] == push.public_key()
    header, claims, signature = parts["t"].split(".")
    assert json.loads(unb64url(header)) == {"typ": "JWT", "alg": "ES256"}
    raw = unb64url(signature)
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(parts["k"]))
    key.verify(
        encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")),
        f"{header}.{claims}".encode(),
        ec.ECDSA(hashes.SHA256()),
    )  # raises InvalidSignature
    found = json.loads(unb64url(claims))
    assert found["aud"] == audience and found["exp"] > time.time()
    return found


def seven_utc(alice) -> dt.datetime:
    Profile.objects.filter(person=alice).update(time_zone="UTC")
    return dt.datetime.combine(timezone.localdate(), dt.time(7), tzinfo=dt.UTC)


@pytest.mark.django_db
def test_a_push_reminder_arrives_encrypted_and_signed(
    client, alice, push_service, settings
) -> None:
    client.force_login(alice)
    phone, laptop, old = Browser(), Browser(), Browser()
    for browser, path in ((phone, "/phone"), (laptop, "/laptop"), (old, "/gone")):
        answer = client.post(
            "/account/reminders/push/",
            browser.subscription(push_service.origin + path),
            content_type="application/json",
        )
        assert answer.status_code == 201, answer.content
    push_service.answers["/gone"] = 410  # this browser unsubscribed since
    client.post("/account/reminders/", {"on": "on", "hour": "7", "by_push": "on"})
    done = reminders.send_reminders(now=seven_utc(alice))
    assert (done["due"], done["sent"]) == (1, 1)

    received = {path: (headers, body) for path, headers, body in push_service.received}
    assert set(received) == {"/phone", "/laptop", "/gone"}
    plan = day_plan(alice, on=timezone.localdate())
    for browser, path in ((phone, "/phone"), (laptop, "/laptop")):
        headers, body = received[path]
        assert headers["content-encoding"] == "aes128gcm"
        assert int(headers["ttl"]) == push.PUSH_TTL_S and headers["topic"] == push.PUSH_TOPIC
        claims = verify_vapid(headers["authorization"], push_service.origin)
        assert claims["sub"] == settings.VAPID_CONTACT
        message = browser.decrypt(body)
        assert message["title"] == f"Today's hip workout: about {round(plan.minutes)} min"
        assert plan.exercises[0].name in message["body"] and message["url"] == "/today/player/"
    with pytest.raises(Exception):  # noqa: B017 - encrypted for the phone, not the laptop
        laptop.decrypt(received["/phone"][1])
    # the push service said the old browser is gone: it is forgotten
    assert sorted(PushSubscription.objects.values_list("endpoint", flat=True)) == sorted(
        push_service.origin + p for p in ("/laptop", "/phone")
    )
    row = ReminderSent.objects.get(person=alice)
    assert row.sent == ["push", "push"] and "unsubscribed: forgotten" in row.note


@pytest.mark.django_db
def test_a_push_service_that_fails_keeps_the_device(alice, push_service) -> None:
    push_service.answers["/busy"] = 500
    reminders.subscribe(alice, Browser().subscription(push_service.origin + "/busy"))
    reminders.choose(alice, on=True, hour=7)
    done = reminders.send_reminders(now=seven_utc(alice))
    assert (done["due"], done["sent"]) == (1, 0)
    assert PushSubscription.objects.filter(person=alice).count() == 1
    assert "a push failed" in ReminderSent.objects.get(person=alice).note


@pytest.mark.django_db
def test_an_email_reminder_arrives_with_a_one_click_unsubscribe(alice, mail_server) -> None:
    reminders.choose(alice, on=True, hour=7, by_push=True, by_email=True)
    reminders.send_reminders(now=seven_utc(alice))
    [raw] = mail_server.messages
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["To"] == "alice@example.org" and "Today's hip workout" in message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message["List-Unsubscribe"].strip().removeprefix("<").removesuffix(">")
    assert link.startswith("https://hip.example.org/reminders/email-off/")
    text = message.get_content()
    assert "https://hip.example.org/today/player/" in text and link in text
    path = link.removeprefix("https://hip.example.org")

    stranger = Client(enforce_csrf_checks=True)  # a mail provider: no session, no CSRF cookie
    assert stranger.get(path).status_code == 200  # a look changes nothing
    assert reminders.reminders_of(alice).by_email
    forged = stranger.post(
        path[:-3] + "xx/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert forged.status_code == 404 and reminders.reminders_of(alice).by_email
    done = stranger.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert done.status_code == 200 and b"no more reminder e-mails" in done.content
    after = reminders.reminders_of(alice)
    assert (after.on, after.by_push, after.by_email) == (True, True, False)


@pytest.mark.django_db
def test_a_name_that_now_points_inside_the_network_is_not_sent_to(alice, monkeypatch) -> None:
    """Checked at subscribing as a public name, it resolves to a private address by the time
    the worker sends (a DNS change, a rebinding): nothing is sent there."""
    import socket

    real = socket.getaddrinfo
    asked: list[str] = []

    def resolve(host, *args, **kwargs):
        if host == "push.example.net":
            asked.append(host)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", 443))]
        return real(host, *args, **kwargs)

    reminders.subscribe(alice, Browser().subscription("https://push.example.net/send/x"))
    reminders.choose(alice, on=True, hour=7)
    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    sent_to: list[str] = []
    monkeypatch.setattr("requests.Session.post", lambda self, url, **kw: sent_to.append(url))
    done = reminders.send_reminders(now=seven_utc(alice))
    assert (done["due"], done["sent"]) == (1, 0) and asked == ["push.example.net"]
    assert sent_to == [] and "a push failed" in ReminderSent.objects.get(person=alice).note


# --- the address on the account page, and a test reminder now ---


@pytest.mark.django_db
def test_the_account_page_sets_the_address_and_a_test_arrives_at_once(
    client, alice, mail_server, push_service
) -> None:
    client.force_login(alice)
    phone = Browser()
    client.post(
        "/account/reminders/push/",
        phone.subscription(push_service.origin + "/phone"),
        content_type="application/json",
    )
    form = {"hour": "7", "by_push": "on", "by_email": "on", "address": "alice@home.example"}
    page = client.post("/account/reminders/", form, follow=True).content.decode()
    assert "Reminders are off." in page and 'value="alice@home.example"' in page
    page = client.post("/account/reminders/test/", follow=True).content.decode()
    assert "A test reminder was sent: 1 notification and an e-mail." in page

    [raw] = mail_server.messages  # through SMTP, as the day's reminder
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["To"] == "alice@home.example" and message["Subject"].startswith("hipcoach: Test")
    assert "/reminders/email-off/" in message["List-Unsubscribe"]
    [(path, headers, body)] = push_service.received
    assert path == "/phone" and phone.decrypt(body)["title"].startswith("Test")
    assert not ReminderSent.objects.exists()  # the day's own reminder still comes at the hour


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("alice at home", "is not an e-mail address"),
        ("alice@", "is not an e-mail address"),
        ("a" * 250 + "@example.org", "is not an e-mail address"),
        ("", "give an e-mail address"),
    ],
)
def test_a_bad_address_is_refused_with_a_clear_message_and_nothing_written(
    client, alice, address, words
) -> None:
    client.force_login(alice)
    before = reminders.reminders_of(alice)
    form = {"on": "on", "hour": "9", "by_email": "on", "address": address}
    page = client.post("/account/reminders/", form, follow=True).content.decode()
    assert "Reminders not changed" in page and words in page
    alice.refresh_from_db()
    assert alice.email == "alice@example.org" and reminders.reminders_of(alice) == before


@pytest.mark.django_db
def test_a_test_with_nowhere_to_go_or_too_many_says_so(client, alice, mail_server) -> None:
    client.force_login(alice)
    page = client.post("/account/reminders/test/", follow=True).content.decode()
    assert "No test reminder sent: nothing to send a test to" in page and not mail_server.messages
    reminders.choose(alice, by_push=False, by_email=True)
    for _ in range(reminders.TESTS_MAX):
        assert client.post("/account/reminders/test/").status_code == 302
    page = client.post("/account/reminders/test/", follow=True).content.decode()
    assert "test reminders in an hour is the most" in page
    assert len(mail_server.messages) == reminders.TESTS_MAX
    later = timezone.now() + reminders.TEST_WINDOW
    assert reminders.send_test(alice, today=timezone.localdate(), now=later) == ["email"]


@pytest.mark.django_db
def test_a_german_account_gets_its_reminder_and_test_in_german(alice, mail_server) -> None:
    Profile.objects.filter(person=alice).update(language="de")
    reminders.choose(alice, on=True, hour=7, by_push=False, by_email=True)
    reminders.send_reminders(now=seven_utc(alice))
    reminders.send_test(alice, today=timezone.localdate())
    day, test = (
        email.message_from_bytes(raw, policy=email.policy.default) for raw in mail_server.messages
    )
    assert day["Subject"].strip().startswith("hipcoach: Heutiges Hüft-Workout")
    assert test["Subject"].strip().startswith("hipcoach: Test: ")
    for message in (day, test):
        text = message.get_content()
        assert "Starte es" in text and "Ein Klick" in text and "Start it" not in text
