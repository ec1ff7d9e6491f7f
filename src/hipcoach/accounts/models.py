"""API tokens: a script's key to one person's data, stored only as a hash.

A token works until the first of: it is revoked, it expires (`API_TOKEN_DAYS` after it was
made), or the person's password changes or is reset (`EndTokensOnPasswordChange`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from importlib import import_module
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TOKEN_PREFIX = "hc_"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def lifetime() -> dt.timedelta:
    return dt.timedelta(days=settings.API_TOKEN_DAYS)


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def for_key(self, raw: str) -> ApiToken | None:
        """The token with this raw key, expired or not (see `ApiToken.is_expired`)."""
        if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
            return None
        return self.select_related("user").filter(key_hash=hash_token(raw)).first()

    def working_owner(self, raw: str) -> User | None:
        """The account of the token with this raw key when the token works (not expired, the
        account active); None otherwise. Nothing is counted: a caller that refuses a wrong
        key counts it itself (`api.views.TokenAuth`)."""
        found = self.for_key(raw)
        if found is None or found.is_expired or not found.user.is_active:
            return None
        return found.user


class ApiToken(models.Model):
    """A named token; the raw key is shown once, at creation, and never stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=60)
    key_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField()

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @property
    def is_expired(self) -> bool:
        return self.expires <= timezone.now()

    @classmethod
    def issue(cls, user: User, name: str) -> tuple[ApiToken, str]:
        """A new token for `user` and its raw key (shown once), good for `API_TOKEN_DAYS`."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, key_hash=hash_token(raw), expires=timezone.now() + lifetime()
        )
        return token, raw


class RateCount(models.Model):
    """One count of the rate limits (`hipcoach.accounts.counters`): how many times `name` was
    counted since `started`, the last time at `last`, forgotten at `expires` (seconds since the
    epoch, so the same arithmetic works on SQLite and PostgreSQL). `name` is the limit and a
    keyed hash of what it counts (a network, an account, an email address), never the value."""

    name = models.CharField(max_length=100, primary_key=True)
    count = models.IntegerField()
    started = models.FloatField()
    last = models.FloatField()
    expires = models.FloatField(db_index=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.count}"


class PersonSession(AbstractBaseSession):
    """A log-in session that knows whose it is (`hipcoach.accounts.sessions`), so a person's
    sessions are found by an index, not by decoding every session there is."""

    user_id = models.BigIntegerField(null=True, db_index=True)

    @classmethod
    def get_session_store_class(cls):
        # The store named by SESSION_ENGINE (hipcoach.accounts.sessions), which imports this
        # module: found by name, so the two modules do not import each other.
        return import_module(settings.SESSION_ENGINE).SessionStore
