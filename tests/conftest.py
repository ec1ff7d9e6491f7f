"""Fixtures shared by every test folder: the one cast (`cast.py`: Alice, Bob, Charlie)."""

from __future__ import annotations

import pytest
from django.utils import timezone, translation

from cast import cast


@pytest.fixture
def own_data_home(tmp_path, monkeypatch):
    """Each test keeps its files (the plan cache) in its own data home."""
    monkeypatch.setenv("HIPCOACH_HOME", str(tmp_path))


@pytest.fixture(autouse=True)
def _vapid_key_of_the_tests(settings, tmp_path_factory):
    """The server's web-push key is made in a folder of the test run, never in a real data
    home (`tracking.push.vapid_key`)."""
    settings.REMINDER_VAPID_KEY_FILE = tmp_path_factory.getbasetemp() / "vapid-private.pem"


@pytest.fixture(autouse=True)
def _language_and_zone_of_each_test():
    """Each test starts in the default language and zone: a command run in-process (the
    terminal's `speak_language`) or a request activates the person's, and that is
    thread-local, so without this it would carry over into the next test."""
    yield
    translation.deactivate()
    timezone.deactivate()


@pytest.fixture
def fast_hashing(settings):
    """Argon2 is tested on its own; the other tests hash with a fast (test-only) hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(db):
    return cast(timezone.localdate())


@pytest.fixture
def alice(people):
    return people["Alice"]


@pytest.fixture
def bob(people):
    return people["Bob"]


@pytest.fixture
def charlie(people):
    return people["Charlie"]


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    return client
