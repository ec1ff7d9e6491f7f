"""Rate limits: wrong passwords lock out the attacker's address + user name (not the person
elsewhere), reset emails and sign-ups are limited, wrong API tokens are limited, and only a
bounded number of password hashes run at once. Answers: a page on the web, JSON 429 with
Retry-After on the API."""

from __future__ import annotations

import threading
import time

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.core import mail

from cast import PASSWORD
from hipcoach.accounts import hashing

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.9"
HOME = "198.51.100.7"


def log_in(client, password: str, *, address: str, username: str = "alice"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_wrong_passwords_lock_out_the_attacker_but_not_the_person(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "guess", address=ATTACKER).status_code == 200
    assert log_in(client, "guess", address=ATTACKER).status_code == 429  # the last one allowed
    locked = log_in(client, PASSWORD, address=ATTACKER)  # even the right one, now
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert "Too many tries" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Alice, at home, logs in as usual.
    response = log_in(client, PASSWORD, address=HOME)
    assert response.status_code == 302 and response["Location"] == "/today/"


def test_a_lockout_needs_no_password_hash(client, alice, settings, monkeypatch):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "guess", address=ATTACKER)
    hashed = []
    original = hashing.bounded
    monkeypatch.setattr(hashing, "bounded", lambda work: hashed.append(1) or original(work))
    settings.PASSWORD_HASHERS = ["hipcoach.accounts.hashing.BoundedArgon2PasswordHasher"]
    assert log_in(client, "guess-again", address=ATTACKER).status_code == 429
    assert hashed == []


def test_one_address_has_a_ceiling_on_log_ins_whatever_the_user_names(client, people, settings):
    settings.RATE_LIMITS = settings.RATE_LIMITS | {"login": "4/h"}
    names = ["alice", "bob", "charlie", "nobody"]
    for name in names:
        assert log_in(client, "guess", address=ATTACKER, username=name).status_code == 200
    response = log_in(client, PASSWORD, address=ATTACKER, username="bob")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "log-in attempts" in response.content.decode()
    assert log_in(client, PASSWORD, address=HOME, username="bob").status_code == 302


def test_twenty_reset_requests_do_not_send_twenty_emails(client, alice, settings):
    answers = [
        client.post(
            "/password-reset/", {"email": "alice@example.org"}, REMOTE_ADDR=f"192.0.2.{i}"
        ).status_code
        for i in range(20)
    ]
    limit = int(settings.RATE_LIMITS["password_reset_email"].split("/")[0])
    assert len(mail.outbox) == limit
    assert answers[:limit] == [302] * limit and set(answers[limit:]) == {429}


def test_reset_requests_from_one_address_are_limited(client, people, settings):
    limit = int(settings.RATE_LIMITS["password_reset"].split("/")[0])
    for i in range(limit):
        client.post("/password-reset/", {"email": f"someone{i}@example.org"}, REMOTE_ADDR=ATTACKER)
    response = client.post("/password-reset/", {"email": "bob@example.org"}, REMOTE_ADDR=ATTACKER)
    assert response.status_code == 429 and response["Retry-After"]
    assert mail.outbox == []  # none of those addresses had an account; bob's was not reached


def test_reset_link_guesses_are_limited(client, alice, settings):
    limit = int(settings.RATE_LIMITS["reset_link"].split("/")[0])
    for i in range(limit):
        response = client.get(f"/password-reset/MQ/guess-{i}/", REMOTE_ADDR=ATTACKER)
        assert response.status_code == 200  # "the link is not valid"
    assert client.get("/password-reset/MQ/guess/", REMOTE_ADDR=ATTACKER).status_code == 429


def test_sign_ups_from_one_address_are_limited(client, settings):
    settings.RATE_LIMITS = settings.RATE_LIMITS | {"signup": "2/h"}
    for name in ["erin", "finn"]:
        response = client.post(
            "/signup/",
            {
                "username": name,
                "email": f"{name}@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
            REMOTE_ADDR=ATTACKER,
        )
        assert response.status_code == 302
        client.post("/logout/")
    response = client.post("/signup/", {"username": "gus"}, REMOTE_ADDR=ATTACKER)
    assert response.status_code == 429 and "sign-ups" in response.content.decode()


def test_wrong_api_tokens_are_limited_with_json_and_retry_after(client, alice, settings):
    from hipcoach.accounts.models import ApiToken

    _, good = ApiToken.issue(alice, "script")
    limit = int(settings.RATE_LIMITS["token"].split("/")[0])
    for i in range(limit):
        response = client.get(
            "/api/v1/profile", HTTP_AUTHORIZATION=f"Bearer hc_wrong{i}", REMOTE_ADDR=ATTACKER
        )
        assert response.status_code == 401
    response = client.get(
        "/api/v1/profile", HTTP_AUTHORIZATION="Bearer hc_wrong", REMOTE_ADDR=ATTACKER
    )
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert int(response["Retry-After"]) > 0 and "too many" in response.json()["detail"]
    # The right token from the attacker's address waits too; from elsewhere it works.
    assert (
        client.get(
            "/api/v1/profile", HTTP_AUTHORIZATION=f"Bearer {good}", REMOTE_ADDR=ATTACKER
        ).status_code
        == 429
    )
    response = client.get("/api/v1/profile", HTTP_AUTHORIZATION=f"Bearer {good}", REMOTE_ADDR=HOME)
    assert response.status_code == 200 and response.json()["username"] == "alice"


def test_only_a_bounded_number_of_password_hashes_run_at_once(settings, monkeypatch):
    settings.PASSWORD_HASH_SLOTS = 2
    running, most = 0, 0
    lock = threading.Lock()
    from argon2 import PasswordHasher

    real_verify = PasswordHasher.verify

    def slow_verify(self, hash, password):  # type: ignore[no-untyped-def]
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.05)
        with lock:
            running -= 1
        return real_verify(self, hash, password)

    settings.PASSWORD_HASHERS = ["hipcoach.accounts.hashing.BoundedArgon2PasswordHasher"]
    encoded = make_password("a-password-to-check")
    monkeypatch.setattr(PasswordHasher, "verify", slow_verify)
    results = []
    threads = [
        threading.Thread(
            target=lambda: results.append(check_password("a-password-to-check", encoded))
        )
        for _ in range(4)  # two hash, two wait their turn
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [True] * 4
    assert most == 2


def test_past_the_waiting_places_a_hash_is_refused_at_once(settings):
    """Threads waiting for a slot serve no one else, so only as many wait as there are slots;
    the next is told "busy" at once, keeping the server's other threads for other pages."""
    settings.PASSWORD_HASHERS = ["hipcoach.accounts.hashing.BoundedArgon2PasswordHasher"]
    settings.PASSWORD_HASH_SLOTS = 3  # a size no other test uses: its semaphores are its own
    settings.PASSWORD_HASH_WAIT = 30
    slots, queue = hashing._slots(3), hashing._queue(3)
    for semaphore in (slots, queue):
        for _ in range(3):
            assert semaphore.acquire(timeout=1)
    began = time.monotonic()
    try:
        with pytest.raises(hashing.ServerBusy):
            make_password("a-password-to-hash")
    finally:
        for semaphore in (slots, queue):
            for _ in range(3):
                semaphore.release()
    assert time.monotonic() - began < 5
    assert make_password("a-password-to-hash").startswith("argon2")


def test_a_flood_that_keeps_every_slot_busy_gets_a_busy_page(client, alice, settings):
    settings.PASSWORD_HASHERS = ["hipcoach.accounts.hashing.BoundedArgon2PasswordHasher"]
    alice.set_password(PASSWORD)
    alice.save()
    settings.PASSWORD_HASH_SLOTS = 1
    settings.PASSWORD_HASH_WAIT = 0.05
    slot = hashing._slots(1)
    assert slot.acquire(timeout=1)
    try:
        response = log_in(client, PASSWORD, address=HOME)
    finally:
        slot.release()
    assert response.status_code == 503 and response["Retry-After"]
    assert "busy" in response.content.decode()
    assert log_in(client, PASSWORD, address=HOME).status_code == 302
