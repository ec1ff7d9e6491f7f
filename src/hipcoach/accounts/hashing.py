"""Argon2 with a bounded number of hashes at once, so a flood of log-ins cannot exhaust memory.

Each Argon2 hash takes about 100 MiB for a moment. Without a bound, every server thread could
hash at once (and a flood of log-in attempts makes them); with one, at most
`PASSWORD_HASH_SLOTS` hashes run in a process; as many again wait their turn, up to
`PASSWORD_HASH_WAIT` seconds, and the rest get "busy, try again" (503) at once, instead of a
server out of memory or out of threads for everyone else.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

T = TypeVar("T")


class ServerBusy(Exception):
    """Every password-hash slot stayed taken for the whole wait; the client should retry."""

    retry_after = 5


@functools.cache
def _slots(size: int) -> threading.BoundedSemaphore:
    return threading.BoundedSemaphore(size)


@functools.cache
def _queue(size: int) -> threading.BoundedSemaphore:
    """Places to wait for a slot: as many as there are slots. A server thread waiting here
    serves no one else, so a flood may hold at most twice the slots of the server's threads;
    the rest answer "busy" at once and the other pages and the API keep their threads."""
    return threading.BoundedSemaphore(size)


def bounded(work: Callable[[], T]) -> T:
    """Run `work` (one password hash) in one of the process's hash slots."""
    size = settings.PASSWORD_HASH_SLOTS
    slots, queue = _slots(size), _queue(size)
    if not queue.acquire(blocking=False):
        raise ServerBusy("too many log-ins at once")
    try:
        if not slots.acquire(timeout=settings.PASSWORD_HASH_WAIT):
            raise ServerBusy("too many log-ins at once")
    finally:
        queue.release()
    try:
        return work()
    finally:
        slots.release()


class BoundedArgon2PasswordHasher(Argon2PasswordHasher):
    """Django's Argon2 hasher (same "argon2" hashes, same cost), a bounded number at a time."""

    def encode(self, password, salt):
        return bounded(lambda: super(BoundedArgon2PasswordHasher, self).encode(password, salt))

    def verify(self, password, encoded):
        return bounded(lambda: super(BoundedArgon2PasswordHasher, self).verify(password, encoded))
