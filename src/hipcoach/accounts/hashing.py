"""Argon2 through a bounded gate, so a flood of log-ins or sign-ups degrades the service instead
of denying it.

Each Argon2 hash takes about 100 MiB and a core for a moment. A process runs at most
`PASSWORD_HASH_SLOTS` hashes at once (by default its cores, at most four:
`hipcoach.envsettings.default_hash_slots`). Hashes are of two classes:

- **priority**: a log-in from a known device of the account it names (within that account's
  allowance, `hipcoach.accounts.limits.known_device_pass`), a logged-in person's password
  (asked again, or changed), a new password set through a valid reset link;
- **anonymous**: everything else (log-ins from unknown browsers, sign-ups).

Strangers' hashes take at most all the slots but one (when there are two or more), so the
owner's hash finds one free unless another owner's runs; and they run on hashing threads of
lower scheduling priority (`HASHING_NICENESS`), so the threads serving pages and the API get
the processor first. A hash that finds no slot waits in its class's short queue (as many places
as slots): the priority queue goes first whenever a slot frees and waits up to
`PASSWORD_HASH_WAIT` seconds; the anonymous one waits only while no priority hash does, at most
`PASSWORD_HASH_ANONYMOUS_WAIT` seconds. A hash that finds its queue full is shed at once with
"busy, try again in N seconds" (503 with Retry-After); the log-in and sign-up doors look first
(`refuse_strangers_while_full`), so a shed stranger costs no other work. A flood therefore holds
at most three times the slots of the server's threads, and the rest keep serving pages and the
API. Requests with a session or an API token never hash (a session is checked by an HMAC, a
token by SHA-256), so they never wait here.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

T = TypeVar("T")

# How much lower the hashing threads' scheduling priority is than the server's other threads
# (a nice value added; 19 is the least). Argon2 takes a whole core for a moment, and a flood
# keeps every slot hashing: the pages and the API go first, the hashes take what is left.
HASHING_NICENESS = 10

_priority: contextvars.ContextVar[bool] = contextvars.ContextVar("hash_priority", default=False)


class ServerBusy(Exception):
    """The hash was shed: its queue was full, or it waited its longest; the client should
    retry in `retry_after` seconds."""

    retry_after = 5


@contextlib.contextmanager
def priority() -> Iterator[None]:
    """The password hashes made inside this block go first (see the module's note on who)."""
    token = _priority.set(True)
    try:
        yield
    finally:
        _priority.reset(token)


class HashGate:
    """At most `slots` hashes at once, of which strangers' take at most `slots - 1` when there
    are two or more (one is kept for the owner's); `places` waiting places for each of the two
    classes, priority before anonymous, first come first served within a class."""

    def __init__(self, slots: int, places: int) -> None:
        self.slots, self.places = slots, places
        self.anonymous_slots = max(1, slots - 1)
        self._changed = threading.Condition()
        self._running = {True: 0, False: 0}
        self._waiting: dict[bool, deque[object]] = {True: deque(), False: deque()}

    def _may_start(self, first: bool, ticket: object | None) -> bool:
        if sum(self._running.values()) >= self.slots:
            return False
        if not first and self._running[False] >= self.anonymous_slots:
            return False
        line = self._waiting[first]
        if line and line[0] is not ticket:  # someone of this class came before
            return False
        return first or not self._waiting[True]

    def enter(self, *, first: bool, wait: float) -> None:
        """Take a slot (`first`: in the priority class), waiting up to `wait` seconds; raise
        ServerBusy when this class's queue is full or the wait runs out."""
        with self._changed:
            if self._may_start(first, None):
                self._running[first] += 1
                return
            line = self._waiting[first]
            if len(line) >= self.places:
                raise ServerBusy("too many log-ins at once")
            ticket = object()
            line.append(ticket)
            try:
                if not self._changed.wait_for(lambda: self._may_start(first, ticket), wait):
                    raise ServerBusy("too many log-ins at once")
                self._running[first] += 1
            finally:
                line.remove(ticket)
                self._changed.notify_all()  # the next in line may go now, or sooner shed

    def full(self, *, first: bool) -> bool:
        """Whether a hash of this class would be shed now (every slot and every place of its
        queue taken): a door may refuse before doing any other work for it."""
        with self._changed:
            return not self._may_start(first, None) and len(self._waiting[first]) >= self.places

    def leave(self, *, first: bool) -> None:
        with self._changed:
            self._running[first] -= 1
            self._changed.notify_all()

    def counts(self) -> tuple[int, int, int]:
        """(running, priority waiting, anonymous waiting), for tests and benchmarks."""
        with self._changed:
            running = sum(self._running.values())
            return running, len(self._waiting[True]), len(self._waiting[False])


@functools.cache
def gate_of(slots: int) -> HashGate:
    """The process's gate for `slots` slots (one per size, so a test may use a size of its own)."""
    return HashGate(slots, places=slots)


def gate() -> HashGate:
    return gate_of(settings.PASSWORD_HASH_SLOTS)


def refuse_strangers_while_full() -> None:
    """Raise ServerBusy when an anonymous hash would be shed now: the log-in and sign-up
    doors call this first, so a flood's shed requests cost no database write, no look-up
    and no password check before their 503."""
    if gate().full(first=False):
        raise ServerBusy("too many log-ins at once")


def _lower_priority() -> None:
    """Make this thread (a hashing thread) yield the processor to the server's others."""
    # Where the system cannot, the hashes are still bounded by the gate.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASHING_NICENESS)


@functools.cache
def _hashers(slots: int) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(slots, "password-hash", initializer=_lower_priority)


def bounded(work: Callable[[], T]) -> T:
    """Run `work` (one password hash) in one of the process's hash slots. A stranger's runs on
    a hashing thread of lower scheduling priority: while a flood keeps the slots hashing, the
    threads serving pages and the API, and the owner's own hash, get the processor first."""
    first = _priority.get()
    wait = settings.PASSWORD_HASH_WAIT if first else settings.PASSWORD_HASH_ANONYMOUS_WAIT
    the_gate = gate()
    the_gate.enter(first=first, wait=wait)
    try:
        if first:
            return work()
        return _hashers(the_gate.anonymous_slots).submit(work).result()
    finally:
        the_gate.leave(first=first)


class BoundedArgon2PasswordHasher(Argon2PasswordHasher):
    """Django's Argon2 hasher (same "argon2" hashes, same cost), through the gate."""

    def encode(self, password, salt):
        return bounded(lambda: super(BoundedArgon2PasswordHasher, self).encode(password, salt))

    def verify(self, password, encoded):
        return bounded(lambda: super(BoundedArgon2PasswordHasher, self).verify(password, encoded))
