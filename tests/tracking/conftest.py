"""Fixtures for the tracking tests: the cast from `cast`, on the test database."""

from __future__ import annotations

import pytest
from cast import enroll, person


@pytest.fixture
def alice(db):
    user = person("alice")
    enroll(user, "hip-ir-primer")
    return user


@pytest.fixture
def bob(db):
    user = person("bob")
    enroll(user, "hip-foundations", left=(30, 30, 30), right=(31, 31, 31))
    return user


@pytest.fixture
def charlie(db):
    return person("charlie")
