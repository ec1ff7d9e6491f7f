"""Argon2 through a bounded gate, so a flood of log-ins or sign-ups degrades the service instead
of denying it.

Each Argon2 hash takes about 100 MiB and a core for a moment. A process runs at most
`PASSWORD_HASH_SLOTS` hashes at once (by default its cores, at most four:
`hipcoach.envsettings.default_hash_slots`). A hash that finds
every slot taken waits in one of two short queues:

- **priority**: a log-in from a known device of the account it names (within that account's
  allowance, `hipcoach.accounts.limits.known_device_pass`), a password asked again of a
  logged-in person, a new password set through a valid reset link. These go first whenever a
  slot frees, and wait up to `PASSWORD_HASH_WAIT` seconds;
- **anonymous**: everything else (log-ins from unknown browsers, sign-ups). These wait only
  while no priority hash does, and at most `PASSWORD_HASH_ANONYMOUS_WAIT` seconds.

Each queue has as many places as there are slots; a hash that finds its queue full is shed at
once with "busy, try again in N seconds" (503 with Retry-After), so a flood holds at most three
times the slots of the server's threads and the rest of them keep serving pages and the API.
Requests with a session or an API token never hash (a session is checked by an HMAC, a token by
SHA-256), so they never wait here.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import threading
from collections import deque
from collections.abc import Callable, Iterator
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

T = TypeVar("T")

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
    """At most `slots` hashes at once; `places` waiting places for each of the two classes,
    priority before anonymous, first come first served within a class."""

    def __init__(self, slots: int, places: int) -> None:
        self.slots, self.places = slots, places
        self._changed = threading.Condition()
        self._running = 0
        self._waiting: dict[bool, deque[object]] = {True: deque(), False: deque()}

    def _may_start(self, first: bool, ticket: object | None) -> bool:
        if self._running >= self.slots:
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
                self._running += 1
                return
            line = self._waiting[first]
            if len(line) >= self.places:
                raise ServerBusy("too many log-ins at once")
            ticket = object()
            line.append(ticket)
            try:
                if not self._changed.wait_for(lambda: self._may_start(first, ticket), wait):
                    raise ServerBusy("too many log-ins at once")
                self._running += 1
            finally:
                line.remove(ticket)
                self._changed.notify_all()  # the next in line may go now, or sooner shed

    def leave(self) -> None:
        with self._changed:
            self._running -= 1
            self._changed.notify_all()

    def counts(self) -> tuple[int, int, int]:
        """(running, priority waiting, anonymous waiting), for tests and benchmarks."""
        with self._changed:
            return self._running, len(self._waiting[True]), len(self._waiting[False])


@functools.cache
def gate_of(slots: int) -> HashGate:
    """The process's gate for `slots` slots (one per size, so a test may use a size of its own)."""
    return HashGate(slots, places=slots)


def gate() -> HashGate:
    return gate_of(settings.PASSWORD_HASH_SLOTS)


def bounded(work: Callable[[], T]) -> T:
    """Run `work` (one password hash) in one of the process's hash slots."""
    first = _priority.get()
    wait = settings.PASSWORD_HASH_WAIT if first else settings.PASSWORD_HASH_ANONYMOUS_WAIT
    the_gate = gate()
    the_gate.enter(first=first, wait=wait)
    try:
        return work()
    finally:
        the_gate.leave()


class BoundedArgon2PasswordHasher(Argon2PasswordHasher):
    """Django's Argon2 hasher (same "argon2" hashes, same cost), through the gate."""

    def encode(self, password, salt):
        return bounded(lambda: super(BoundedArgon2PasswordHasher, self).encode(password, salt))

    def verify(self, password, encoded):
        return bounded(lambda: super(BoundedArgon2PasswordHasher, self).verify(password, encoded))
