"""Fixtures of the security tests: the cast with a record of every kind (`records.py`)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from records import record_everything


@pytest.fixture(autouse=True)
def web_defaults(own_data_home, fast_hashing):
    """Every security test: its own data home and fast password hashing (tests/conftest.py)."""


@pytest.fixture
def full_records(people, web_defaults):
    """Alice and Bob with a record of every kind the app keeps; Charlie with none."""
    today = timezone.localdate()
    return {
        name: record_everything(people[name], today, marker=name.lower())
        for name in ("Alice", "Bob")
    }
