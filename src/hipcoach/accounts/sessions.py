"""Django's database sessions, each row marked with whose session it is.

Deleting a person ends their sessions on every device; with Django's own table that meant
decoding every session there is (100,000 sessions: 4.6 s, with the database's write lock held).
Here each session row carries the logged-in person's id in an indexed column, written whenever
the session is saved, so `PersonSession.objects.filter(user_id=…)` finds them at once. Expired
sessions are cleared by Django's `clearsessions`, which `hipcoach serve` runs at start and
every few hours (`hipcoach.accounts.upkeep`).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore

from hipcoach.accounts.models import PersonSession


def user_id_of(data: dict[str, Any]) -> int | None:
    try:
        return int(data[SESSION_KEY])
    except (KeyError, TypeError, ValueError):
        return None


class SessionStore(DatabaseStore):
    @classmethod
    def get_model_class(cls):
        return PersonSession

    def create_model_instance(self, data: dict[str, Any]) -> PersonSession:
        row = super().create_model_instance(data)
        assert isinstance(row, PersonSession)
        row.user_id = user_id_of(data)
        return row
