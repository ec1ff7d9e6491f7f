"""Rate limits, one test (at least) per row of the policy table in docs/security.md: wrong
passwords back the account off from any network (its known devices and a reset link still get
the owner in), django-axes locks a network + user name, everything else is counted per network
(an IPv4 address, an IPv6 /64), reset emails are limited without blocking the person's own
reset (the password-hash gate is tests/web/test_login_flood.py's). Answers: a page on the web,
JSON 429 with Retry-After on the API."""

from __future__ import annotations

import re
import time

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cast import PASSWORD
from hipcoach.accounts import hashing, limits

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.9"
HOME = "198.51.100.7"


def log_in(client, password: str, *, address: str, username: str = "alice"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def limit_of(settings, limit: str) -> int:
    return int(settings.RATE_LIMITS[limit].split("/")[0])


@pytest.fixture
def checked(monkeypatch):
    """The passwords actually checked (hashed), in order."""
    from django.contrib.auth import base_user

    seen: list[str] = []
    original = base_user.check_password

    def counting(password, encoded, *args, **kwargs):
        seen.append(password)
        return original(password, encoded, *args, **kwargs)

    monkeypatch.setattr(base_user, "check_password", counting)
    return seen


# --- Per account: wrong passwords from any network, by any door ---------------------------


def test_guesses_from_many_networks_back_the_account_off(client, alice, settings, checked):
    """Twenty IPv4 addresses, four guesses each: the account backs off after five, whatever
    the address, and a try during the wait is refused without checking the password."""
    free = settings.ACCOUNT_FREE_FAILURES
    answers = [
        log_in(Client(), f"guess-{n}-{i}", address=f"192.0.2.{n}").status_code
        for n in range(20)
        for i in range(4)
    ]
    assert answers[:free] == [200] * free
    assert set(answers[free:]) == {429}
    assert len(checked) == free  # 75 guesses refused unchecked
    refused = log_in(Client(), PASSWORD, address="192.0.2.99")  # even the right one, elsewhere
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= settings.ACCOUNT_BACKOFF[0]
    page = refused.content.decode()
    assert "wrong passwords for this account" in page and "reset your password" in page


def test_the_back_off_doubles_then_stays_at_its_longest(alice, settings):
    free = settings.ACCOUNT_FREE_FAILURES
    first, longest = settings.ACCOUNT_BACKOFF
    waits = [limits.backoff_wait(free + n) for n in range(12)]
    assert waits[:3] == [first, 2 * first, 4 * first]
    assert max(waits) == longest and waits[-1] == longest
    assert limits.backoff_wait(free - 1) == 0


def test_after_the_wait_one_more_guess_is_checked_then_a_longer_wait(alice, settings, checked):
    free = settings.ACCOUNT_FREE_FAILURES
    with time_machine.travel(time.time(), tick=False) as clock:
        for i in range(free):
            log_in(Client(), f"guess-{i}", address=f"192.0.2.{i}")
        assert log_in(Client(), "guess", address=ATTACKER).status_code == 429
        clock.shift(settings.ACCOUNT_BACKOFF[0] + 1)
        assert log_in(Client(), "guess-late", address=ATTACKER).status_code == 200  # checked
        again = log_in(Client(), "guess-later", address=ATTACKER)
        assert again.status_code == 429
        assert int(again["Retry-After"]) > settings.ACCOUNT_BACKOFF[0]  # twice as long now
        assert checked[-1] == "guess-late"
        # A day after the last wrong password the run is forgotten.
        clock.shift(settings.ACCOUNT_FAILURE_MEMORY + 1)
        assert limits.account_wait("alice") == 0
        assert log_in(Client(), PASSWORD, address=HOME).status_code == 302


def test_the_owners_known_device_logs_in_through_the_back_off(alice, settings):
    phone = Client()
    assert log_in(phone, PASSWORD, address=HOME).status_code == 302
    assert limits.DEVICE_COOKIE in phone.cookies
    phone.post("/logout/")
    for n in range(settings.ACCOUNT_FREE_FAILURES + 3):
        log_in(Client(), "guess", address=f"192.0.2.{n}")
    assert log_in(Client(), PASSWORD, address=HOME).status_code == 429  # a new device waits
    response = log_in(phone, PASSWORD, address=HOME)  # her phone does not
    assert response.status_code == 302 and response["Location"] == "/today/"


def test_a_forged_or_someone_elses_device_cookie_does_not_pass(alice, bob, settings):
    bobs = Client()
    assert log_in(bobs, PASSWORD, address=HOME, username="bob").status_code == 302
    bobs.post("/logout/")
    for n in range(settings.ACCOUNT_FREE_FAILURES):
        log_in(Client(), "guess", address=f"192.0.2.{n}")
    assert log_in(bobs, PASSWORD, address=HOME).status_code == 429  # Bob's device, not Alice's
    forged = Client()
    forged.cookies[limits.DEVICE_COOKIE] = f"{alice.pk}:forged-signature"
    assert log_in(forged, PASSWORD, address=HOME).status_code == 429


def test_a_reset_link_ends_the_back_off_and_its_browser_gets_in(client, alice, settings):
    for n in range(settings.ACCOUNT_FREE_FAILURES + 2):
        log_in(Client(), "guess", address=f"192.0.2.{n}")
    assert log_in(Client(), PASSWORD, address=HOME).status_code == 429
    client.post("/password-reset/", {"email": "alice@example.org"}, REMOTE_ADDR=HOME)
    link = re.search(r"https?://[^/]+(/password-reset/\S+/)", mail.outbox[-1].body).group(1)
    form = client.get(link, REMOTE_ADDR=HOME)["Location"]
    new = "reset-and-remembered-88"
    done = client.post(form, {"new_password1": new, "new_password2": new}, REMOTE_ADDR=HOME)
    assert done.status_code == 302
    assert limits.account_wait("alice") == 0
    for n in range(settings.ACCOUNT_FREE_FAILURES + 2):  # the guessing goes on
        log_in(Client(), "guess", address=f"192.0.2.{n + 100}")
    assert log_in(Client(), new, address="192.0.2.200").status_code == 429
    response = log_in(client, new, address=HOME)  # the browser that used the link gets in
    assert response.status_code == 302 and response["Location"] == "/today/"


def test_wrong_old_passwords_on_the_password_change_count_for_the_account(alice, settings):
    thief = Client()
    thief.force_login(alice)
    for i in range(settings.ACCOUNT_FREE_FAILURES):
        response = thief.post(
            "/account/password/",
            {"old_password": f"guess-{i}", "new_password1": "x-Y-z-123456", "new_password2": "x"},
            REMOTE_ADDR=ATTACKER,
        )
        assert response.status_code == 200 and "incorrect" in response.content.decode()
    response = thief.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": "n3w-pass-w0rd", "new_password2": "n3w"},
        REMOTE_ADDR=ATTACKER,
    )
    assert response.status_code == 429
    assert log_in(Client(), PASSWORD, address="192.0.2.50").status_code == 429  # the same run


def test_wrong_passwords_on_the_web_delete_count_for_the_account(alice, settings):
    thief = Client()
    thief.force_login(alice)
    for i in range(settings.ACCOUNT_FREE_FAILURES):
        response = thief.post("/account/delete/", {"password": f"guess-{i}"}, REMOTE_ADDR=ATTACKER)
        assert response.status_code == 200 and "not your password" in response.content.decode()
    response = thief.post("/account/delete/", {"password": PASSWORD}, REMOTE_ADDR=ATTACKER)
    assert response.status_code == 429
    assert log_in(Client(), PASSWORD, address="192.0.2.51").status_code == 429


def test_a_log_in_ends_a_short_run_of_typos(alice, settings):
    for i in range(settings.ACCOUNT_FREE_FAILURES - 1):
        log_in(Client(), f"typo-{i}", address=HOME)
    assert log_in(Client(), PASSWORD, address=HOME).status_code == 302
    assert limits.account_wait("alice") == 0
    assert log_in(Client(), "typo-again", address=HOME).status_code == 200  # not backing off


def test_unknown_user_names_back_off_the_same_way(db, settings):
    """Whether a name has an account is not told by how its guesses are answered."""
    answers = [
        log_in(Client(), "guess", address=f"192.0.2.{n}", username="nobody").status_code
        for n in range(settings.ACCOUNT_FREE_FAILURES + 1)
    ]
    assert answers[-1] == 429 and answers[:-1] == [200] * settings.ACCOUNT_FREE_FAILURES


# --- Per network + user name: django-axes ---------------------------------------------------


def test_wrong_passwords_lock_out_the_attackers_network_but_not_the_person(client, alice, settings):
    settings.ACCOUNT_FREE_FAILURES = 50  # this test is about the network's lock-out alone
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        address = f"2001:db8:1:2::{i + 1:x}"  # one /64, a new address each time
        assert log_in(client, "guess", address=address).status_code == 200
    assert log_in(client, "guess", address="2001:db8:1:2::99").status_code == 429
    locked = log_in(client, PASSWORD, address="2001:db8:1:2:ffff::1")  # even the right one
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


# --- Per network ------------------------------------------------------------------------------


def test_networks_are_ipv4_addresses_and_ipv6_slash_64s():
    assert limits.network_of("203.0.113.9") == "203.0.113.9"
    assert limits.network_of("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64"
    assert limits.network_of("2001:db8:1:2:bbbb::7") == "2001:db8:1:2::/64"
    assert limits.network_of("2001:db8:1:3::1") == "2001:db8:1:3::/64"
    assert limits.network_of("::ffff:203.0.113.9") == "203.0.113.9"
    assert limits.network_of("fe80::1%eth0") == "fe80::/64"
    assert limits.network_of("unknown") == "unknown"


def test_one_network_has_a_ceiling_on_log_ins_whatever_the_user_names(client, people, settings):
    settings.RATE_LIMITS = settings.RATE_LIMITS | {"login": "4/h"}
    names = ["alice", "bob", "charlie", "nobody"]
    for n, name in enumerate(names):  # four addresses of one IPv6 /64
        address = f"2001:db8:7:7::{n + 1}"
        assert log_in(client, "guess", address=address, username=name).status_code == 200
    response = log_in(client, PASSWORD, address="2001:db8:7:7::ffff", username="bob")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "log-in attempts" in response.content.decode()
    assert log_in(client, PASSWORD, address="2001:db8:7:8::1", username="bob").status_code == 302
    assert log_in(client, PASSWORD, address=HOME, username="bob").status_code == 302


def test_sign_ups_from_one_network_are_limited(client, settings):
    settings.RATE_LIMITS = settings.RATE_LIMITS | {"signup": "2/h"}
    for n, name in enumerate(["erin", "finn"]):
        response = client.post(
            "/signup/",
            {
                "username": name,
                "email": f"{name}@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
            REMOTE_ADDR=f"2001:db8:5:5::{n + 1}",
        )
        assert response.status_code == 302
        client.post("/logout/")
    response = client.post("/signup/", {"username": "gus"}, REMOTE_ADDR="2001:db8:5:5::abc")
    assert response.status_code == 429 and "sign-ups" in response.content.decode()


def test_reset_requests_from_one_network_are_limited(client, people, settings):
    limit = limit_of(settings, "password_reset")
    for i in range(limit):
        client.post("/password-reset/", {"email": f"someone{i}@example.org"}, REMOTE_ADDR=ATTACKER)
    response = client.post("/password-reset/", {"email": "bob@example.org"}, REMOTE_ADDR=ATTACKER)
    assert response.status_code == 429 and response["Retry-After"]
    assert mail.outbox == []  # none of those addresses had an account; bob's was not reached


def test_reset_link_guesses_are_limited(client, alice, settings):
    limit = limit_of(settings, "reset_link")
    for i in range(limit):
        response = client.get(f"/password-reset/MQ/guess-{i}/", REMOTE_ADDR=ATTACKER)
        assert response.status_code == 200  # "the link is not valid"
    assert client.get("/password-reset/MQ/guess/", REMOTE_ADDR=ATTACKER).status_code == 429


def test_wrong_api_tokens_are_limited_with_json_and_retry_after(client, alice, settings):
    from hipcoach.accounts.models import ApiToken

    _, good = ApiToken.issue(alice, "script")
    limit = limit_of(settings, "token")
    for i in range(limit):
        response = client.get(
            "/api/v1/profile",
            HTTP_AUTHORIZATION=f"Bearer hc_wrong{i}",
            REMOTE_ADDR=f"2001:db8:9:9::{i + 1:x}",
        )
        assert response.status_code == 401
    response = client.get(
        "/api/v1/profile", HTTP_AUTHORIZATION="Bearer hc_wrong", REMOTE_ADDR="2001:db8:9:9::abc"
    )
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert int(response["Retry-After"]) > 0 and "too many" in response.json()["detail"]
    # The right token from the attacker's network waits too; from elsewhere it works.
    assert (
        client.get(
            "/api/v1/profile", HTTP_AUTHORIZATION=f"Bearer {good}", REMOTE_ADDR="2001:db8:9:9::1"
        ).status_code
        == 429
    )
    response = client.get("/api/v1/profile", HTTP_AUTHORIZATION=f"Bearer {good}", REMOTE_ADDR=HOME)
    assert response.status_code == 200 and response.json()["username"] == "alice"


def test_a_good_token_is_counted_by_a_read_alone(client, alice):
    """A request with a good token looks at its network's count (one SELECT) and writes
    nothing to the counts."""
    from hipcoach.accounts.models import ApiToken

    _, good = ApiToken.issue(alice, "script")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            "/api/v1/profile", HTTP_AUTHORIZATION=f"Bearer {good}", REMOTE_ADDR=HOME
        )
    assert response.status_code == 200
    counts = [q["sql"] for q in queries.captured_queries if "accounts_ratecount" in q["sql"]]
    assert len(counts) == 1 and counts[0].lstrip().upper().startswith("SELECT")


# --- Reset emails, per email address ----------------------------------------------------------


def test_a_stranger_cannot_block_a_persons_reset(client, alice, settings):
    """Twenty requests from twenty networks: three emails go, every answer is the same, and
    Alice's own request afterwards is answered as usual; the links already in her inbox work."""
    answers = [
        Client()
        .post("/password-reset/", {"email": "alice@example.org"}, REMOTE_ADDR=f"192.0.2.{i}")
        .status_code
        for i in range(20)
    ]
    most = settings.RESET_EMAILS_PER_ADDRESS[0]
    assert answers == [302] * 20
    assert len(mail.outbox) == most
    own = client.post("/password-reset/", {"email": "alice@example.org"}, REMOTE_ADDR=HOME)
    assert own.status_code == 302 and own["Location"] == "/password-reset/sent/"
    assert "links already sent still work" in " ".join(
        client.get(own["Location"]).content.decode().split()
    )
    link = re.search(r"https?://[^/]+(/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, REMOTE_ADDR=HOME)["Location"]
    new = "reset-and-remembered-88"
    done = client.post(form, {"new_password1": new, "new_password2": new}, REMOTE_ADDR=HOME)
    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(new)


def test_reset_emails_are_counted_for_unknown_addresses_too(client, db, settings):
    for i in range(3):
        client.post("/password-reset/", {"email": "nobody@example.org"}, REMOTE_ADDR=f"192.0.2.{i}")
    assert limits.reset_emails_counted("Nobody@Example.org") == 3
    assert mail.outbox == []


# Password hashing under a flood: tests/web/test_login_flood.py.
