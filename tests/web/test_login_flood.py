"""A flood of log-ins or sign-ups degrades the service, it does not deny it: password hashing
goes through a bounded gate per process (`hipcoach.accounts.hashing`) that sheds strangers'
work at once when full (503 with Retry-After), while sessions and tokens never hash and the
owner's known device goes first, passing the network's log-in limit and the account's
back-off. The figures with a real server under a flood are `benchmarks/bench_login_flood.py`'s.

The gate is filled by the test holding its slots and by threads waiting in its places, so
nothing here depends on how long a hash takes."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import User
from django.test import Client, RequestFactory

from cast import PASSWORD
from hipcoach.accounts import hashing, limits
from hipcoach.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

HOME = "198.51.100.7"
CAFE = "203.0.113.40"  # a network shared with strangers
BOUNDED = "hipcoach.accounts.hashing.BoundedArgon2PasswordHasher"


def log_in(client, password: str, *, address: str, username: str = "alice"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + 20
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.01)


class FullGate:
    """A gate with every slot taken: by the test (`held`), and by strangers who came in as
    slots freed and keep them until the flood ends; more strangers wait in every place."""

    def __init__(self, slots: int, strangers: int) -> None:
        self.gate = hashing.gate_of(slots)
        assert self.gate.counts() == (0, 0, 0)
        self.held = slots
        for _ in range(slots):
            self.gate.enter(first=True, wait=0)
        self.over = threading.Event()
        self.strangers = [threading.Thread(target=self.stranger) for _ in range(strangers)]
        self.freeing: list[threading.Thread] = []
        for n, thread in enumerate(self.strangers):
            thread.start()
            wait_until(lambda n=n: self.gate.counts()[2] == n + 1, "a stranger in the queue")

    def stranger(self) -> None:
        self.gate.enter(first=False, wait=60)
        self.over.wait(60)
        self.gate.leave(first=False)

    def free_a_slot_each_time_the_owner_waits(self, times: int) -> None:
        """Free one of the test's slots whenever an owner's hash waits, `times` times."""

        def free() -> None:
            for _ in range(times):
                wait_until(lambda: self.gate.counts()[1] == 1, "the owner's turn")
                self.held -= 1
                self.gate.leave(first=True)
                wait_until(lambda: self.gate.counts()[1] == 0, "the owner in")

        self.freeing.append(threading.Thread(target=free))
        self.freeing[-1].start()

    def end(self) -> None:
        for thread in self.freeing:
            thread.join(timeout=30)
        self.over.set()
        for _ in range(self.held):
            self.gate.leave(first=True)
        for thread in self.strangers:
            thread.join(timeout=30)
        assert self.gate.counts() == (0, 0, 0)


@contextlib.contextmanager
def full_gate(slots: int, *, strangers: int) -> Iterator[FullGate]:
    """The gate of `slots` slots, full, with `strangers` anonymous hashes waiting their turn."""
    full = FullGate(slots, strangers)
    try:
        yield full
    finally:
        full.end()


@pytest.fixture
def argon2(settings, alice):
    """Real Argon2 through the gate, Alice's password hashed with it, one slot per test gate
    size (each test uses a size of its own, so no gate is shared between tests)."""
    settings.PASSWORD_HASHERS = [BOUNDED]
    settings.PASSWORD_HASH_WAIT = 60
    settings.PASSWORD_HASH_ANONYMOUS_WAIT = 60
    alice.set_password(PASSWORD)
    alice.save()
    return settings


def known_device(address: str = HOME) -> Client:
    """Alice's phone: it logged in once (the known-device cookie), then logged out."""
    phone = Client()
    assert log_in(phone, PASSWORD, address=address).status_code == 302
    assert limits.DEVICE_COOKIE in phone.cookies
    phone.post("/logout/")
    return phone


# --- The gate ---------------------------------------------------------------------------------


def test_only_a_bounded_number_of_password_hashes_run_at_once(settings, monkeypatch):
    """Three slots: strangers' hashes take two at most, the owner's the third."""
    settings.PASSWORD_HASHERS = [BOUNDED]
    settings.PASSWORD_HASH_SLOTS = 3
    settings.PASSWORD_HASH_ANONYMOUS_WAIT = 60
    running: dict[bool, int] = {True: 0, False: 0}
    most = {"all": 0, "strangers": 0}
    lock = threading.Lock()
    from argon2 import PasswordHasher

    real_verify = PasswordHasher.verify

    def slow_verify(self, hash, password):  # type: ignore[no-untyped-def]
        first = password == "the-owners-password"
        with lock:
            running[first] += 1
            most["all"] = max(most["all"], sum(running.values()))
            most["strangers"] = max(most["strangers"], running[False])
        time.sleep(0.05)
        with lock:
            running[first] -= 1
        return real_verify(self, hash, password)

    strangers, owners = make_password("a-strangers-guess"), make_password("the-owners-password")
    monkeypatch.setattr(PasswordHasher, "verify", slow_verify)
    results = []

    def stranger() -> None:
        results.append(check_password("a-strangers-guess", strangers))

    def owner() -> None:
        with hashing.priority():
            results.append(check_password("the-owners-password", owners))

    threads = [threading.Thread(target=stranger) for _ in range(4)]
    threads += [threading.Thread(target=owner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [True] * 6
    assert most["all"] <= 3 and most["strangers"] <= 2


def test_one_slot_is_kept_for_the_owners_hash():
    gate = hashing.HashGate(2, places=2)
    gate.enter(first=False, wait=0)
    with pytest.raises(hashing.ServerBusy):  # the second slot is not a stranger's
        gate.enter(first=False, wait=0.01)
    gate.enter(first=True, wait=0)  # at once
    assert gate.counts() == (2, 0, 0)
    gate.leave(first=True)
    gate.leave(first=False)
    one = hashing.HashGate(1, places=1)  # one slot: it is everyone's
    one.enter(first=False, wait=0)
    one.leave(first=False)


def test_the_known_devices_hash_goes_before_the_strangers_waiting():
    gate = hashing.HashGate(1, places=2)
    gate.enter(first=False, wait=0)  # the one slot, taken
    order: list[str] = []

    def hash_as(who: str, first: bool) -> None:
        gate.enter(first=first, wait=60)
        order.append(who)
        gate.leave(first=first)

    threads = [
        threading.Thread(target=hash_as, args=("stranger-1", False)),
        threading.Thread(target=hash_as, args=("stranger-2", False)),
        threading.Thread(target=hash_as, args=("owner", True)),
    ]
    for n, thread in enumerate(threads):
        thread.start()
        wait_until(lambda n=n: sum(gate.counts()[1:]) == n + 1, "the queue")
    assert gate.full(first=False) and not gate.full(first=True)
    with pytest.raises(hashing.ServerBusy):  # the strangers' places are full: shed at once
        gate.enter(first=False, wait=60)
    gate.leave(first=False)
    for thread in threads:
        thread.join(timeout=30)
    assert order == ["owner", "stranger-1", "stranger-2"]


def test_a_stranger_who_waited_the_longest_is_shed():
    gate = hashing.HashGate(1, places=1)
    gate.enter(first=True, wait=0)
    with pytest.raises(hashing.ServerBusy):
        gate.enter(first=False, wait=0.01)
    assert gate.counts() == (1, 0, 0)  # its place is free again
    gate.leave(first=True)


def test_a_full_gate_sheds_log_ins_and_sign_ups_at_once_with_503_and_retry_after(client, argon2):
    argon2.PASSWORD_HASH_SLOTS = 3
    with full_gate(3, strangers=3):
        began = time.monotonic()
        response = log_in(client, PASSWORD, address=HOME)  # right, but from a new browser
        sign_up = Client().post(
            "/signup/",
            {
                "username": "newcomer",
                "email": "newcomer@example.org",
                "password1": "a-long-new-password-77",
                "password2": "a-long-new-password-77",
            },
            REMOTE_ADDR=CAFE,
        )
        shed_in = time.monotonic() - began
    for answer in (response, sign_up):
        assert answer.status_code == 503
        assert int(answer["Retry-After"]) == hashing.ServerBusy.retry_after
        assert "busy" in answer.content.decode()
    assert "logged in with before goes ahead" in response.content.decode()
    assert shed_in < 30  # shed at once: a wait would have lasted PASSWORD_HASH_ANONYMOUS_WAIT
    assert not User.objects.filter(username="newcomer").exists()  # the sign-up wrote nothing
    assert log_in(client, PASSWORD, address=HOME).status_code == 302  # the flood over


def test_a_session_and_a_token_are_served_while_the_gate_is_full(alice, argon2):
    argon2.PASSWORD_HASH_SLOTS = 4
    browser = Client()
    browser.force_login(alice)
    _, key = ApiToken.issue(alice, "phone")
    with full_gate(4, strangers=4) as full:
        today = browser.get("/today/", REMOTE_ADDR=HOME)
        profile = Client().get(
            "/api/v1/profile", HTTP_AUTHORIZATION=f"Bearer {key}", REMOTE_ADDR=HOME
        )
        assert full.gate.counts() == (4, 0, 4)  # they took no slot and no place
    assert today.status_code == 200
    assert profile.status_code == 200


def test_the_owners_known_device_logs_in_while_strangers_are_shed(alice, argon2, monkeypatch):
    argon2.PASSWORD_HASH_SLOTS = 5
    phone = known_device()
    from argon2 import PasswordHasher

    strangers_waiting_at_the_owners_hash: list[int] = []
    real_verify = PasswordHasher.verify

    def verify(self, hash, password):  # type: ignore[no-untyped-def]
        strangers_waiting_at_the_owners_hash.append(hashing.gate_of(5).counts()[2])
        return real_verify(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", verify)
    with full_gate(5, strangers=5) as full:
        stranger = log_in(Client(), PASSWORD, address=CAFE)  # the right password, even
        full.free_a_slot_each_time_the_owner_waits(1)  # one slot frees: the owner's
        owner = log_in(phone, PASSWORD, address=HOME)
    assert stranger.status_code == 503
    assert owner.status_code == 302 and owner["Location"] == "/today/"
    assert strangers_waiting_at_the_owners_hash == [5]


def test_a_logged_in_persons_password_change_goes_before_the_strangers(alice, argon2):
    """Her old password checked and her new one hashed, both before the strangers waiting."""
    argon2.PASSWORD_HASH_SLOTS = 6
    browser = Client()
    browser.force_login(alice)
    new = "a-brand-new-password-61"
    with full_gate(6, strangers=6) as full:
        full.free_a_slot_each_time_the_owner_waits(2)  # a stranger takes each freed slot after
        response = browser.post(
            "/account/password/",
            {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
            REMOTE_ADDR=HOME,
        )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(new)


# --- Limits the known device passes -----------------------------------------------------------


def test_a_known_device_log_in_passes_a_network_limit_that_blocks_strangers(alice, settings):
    phone = known_device(CAFE)
    most = int(settings.RATE_LIMITS["login"].split("/")[0])
    for n in range(most):  # strangers on the café's network try names
        log_in(Client(), "guess", address=CAFE, username=f"someone-{n}")
    refused = log_in(Client(), PASSWORD, address=CAFE)  # Alice, on a new browser there
    assert refused.status_code == 429 and "from your network" in refused.content.decode()
    response = log_in(phone, PASSWORD, address=CAFE)
    assert response.status_code == 302 and response["Location"] == "/today/"


def test_the_owner_is_not_locked_out_by_a_flood_of_guesses_at_her_account(alice, settings):
    """Guesses at Alice's password from 200 networks back her account off for everyone else;
    her phone gets in, and so does the right password on a browser that is not hers."""
    phone = known_device()
    for n in range(200):
        log_in(Client(), f"guess-{n}", address=f"10.{n // 250}.{n % 250}.1")
    assert limits.account_wait("alice") > 0
    assert log_in(Client(), PASSWORD, address=HOME).status_code == 429
    response = log_in(phone, PASSWORD, address=HOME)
    assert response.status_code == 302 and response["Location"] == "/today/"


def test_a_known_devices_pass_is_limited_per_account(alice, settings):
    """Someone logging in over and over to an account of their own from its device would
    otherwise skip every limit: past the allowance the device is anyone's."""
    settings.KNOWN_DEVICE_PASSES = (3, 3600)
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": "2/10m"}
    phone = known_device(HOME)  # one log-in from HOME, counted by the network
    for _ in range(3):
        assert log_in(phone, PASSWORD, address=HOME).status_code == 302
        phone.post("/logout/")
    assert log_in(phone, PASSWORD, address=HOME).status_code == 302  # the network's second
    phone.post("/logout/")
    assert log_in(phone, PASSWORD, address=HOME).status_code == 429  # the network's third


def test_deleting_the_account_forgets_its_known_device_count(alice, settings):
    known_device()
    assert limits.known_device_pass(device_request(alice), "alice")
    assert limits.forget_person(alice) == 1  # the device count (no wrong passwords)


def device_request(person: User):
    """A request carrying `person`'s known-device cookie."""
    from django.http import HttpResponse

    response = HttpResponse()
    limits.remember_device(RequestFactory().get("/"), response, person)
    request = RequestFactory().get("/")
    request.COOKIES[limits.DEVICE_COOKIE] = response.cookies[limits.DEVICE_COOKIE].value
    return request


# --- Many networks ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["IPv4", "IPv6"])
def test_a_thousand_networks_each_have_their_own_log_in_limit(db, settings, kind):
    """The per-network limit punishes a network, never the internet: a flood from 1,000
    networks is counted 1,000 times apart, and the person's own network is untouched."""
    most = int(settings.RATE_LIMITS["login"].split("/")[0])
    factory = RequestFactory()

    def address(n: int) -> str:
        return f"10.0.{n // 250}.{n % 250 + 1}" if kind == "IPv4" else f"2001:db8:{n:x}::1"

    for n in range(1000):
        limits.check(factory.post("/login/", REMOTE_ADDR=address(n)), "login")
    for n in (0, 999):  # each flooding network has used one of its tries
        limits.check(factory.post("/login/", REMOTE_ADDR=address(n)), "login", count=False)
    mine = factory.post("/login/", REMOTE_ADDR=HOME if kind == "IPv4" else "2001:db8:ffff::9")
    for _ in range(most):
        limits.check(mine, "login")
    with pytest.raises(limits.TooManyRequests):
        limits.check(mine, "login")
