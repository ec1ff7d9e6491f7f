"""API tokens end when the password changes or is reset, and expire after API_TOKEN_DAYS; the
tokens page shows when each one expires."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from cast import PASSWORD
from hipcoach.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def profile(client, key: str):
    return client.get("/api/v1/profile", HTTP_AUTHORIZATION=f"Bearer {key}")


def test_changing_the_password_ends_every_token(client, alice, bob):
    _, key = ApiToken.issue(alice, "script")
    _, other = ApiToken.issue(alice, "phone")
    _, bobs = ApiToken.issue(bob, "bob's")
    assert profile(client, key).status_code == 200
    client.force_login(alice)
    new = "a-brand-new-secret-77"
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert "API tokens made before have ended" in response.content.decode()
    client.logout()
    assert profile(client, key).status_code == 401
    assert profile(client, other).status_code == 401
    assert not alice.api_tokens.exists()
    assert profile(client, bobs).status_code == 200  # only Alice's ended


def test_a_password_reset_ends_every_token(client, alice):
    _, key = ApiToken.issue(alice, "script")
    client.post("/password-reset/", {"email": "alice@example.org"})
    link = re.search(r"https?://[^/]+(/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    new = "reset-and-remembered-88"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    assert profile(client, key).status_code == 401


def test_the_command_line_password_change_ends_tokens_too(alice, monkeypatch):
    _, key = ApiToken.issue(alice, "script")
    alice.set_password("set-from-a-shell-99")
    alice.save()
    assert ApiToken.objects.for_key(key) is None


def test_a_rehash_at_log_in_keeps_the_tokens(client, alice, settings):
    """Log-in may re-hash the same password with a newer hasher; that is not a change."""
    _, key = ApiToken.issue(alice, "script")  # alice's hash is MD5 (the test hasher)
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    client.post("/login/", {"username": "alice", "password": PASSWORD})
    alice.refresh_from_db()
    assert alice.password.startswith("pbkdf2")
    assert profile(client, key).status_code == 200


def test_tokens_expire_after_the_set_number_of_days(client, alice, settings):
    settings.API_TOKEN_DAYS = 30
    token, key = ApiToken.issue(alice, "script")
    assert token.expires - token.created == pytest.approx(
        dt.timedelta(days=30), abs=dt.timedelta(seconds=5)
    )
    with time_machine.travel(timezone.now() + dt.timedelta(days=29), tick=False):
        assert profile(client, key).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(days=31), tick=False):
        response = profile(client, key)
        assert response.status_code == 401
        assert "expired on" in response.json()["detail"]


def test_the_tokens_page_shows_each_expiry(client, alice, settings):
    settings.API_TOKEN_DAYS = 90
    token, _ = ApiToken.issue(alice, "script")
    client.force_login(alice)
    page = client.get("/account/tokens/").content.decode()
    assert f"expires {token.expires:%-d %b %Y}" in page
    assert "works for 90 days" in page
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() - dt.timedelta(days=1))
    assert "<strong>expired</strong>" in client.get("/account/tokens/").content.decode()
