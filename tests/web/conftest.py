from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def web_defaults(own_data_home, fast_hashing):
    """Every web test: its own data home and fast password hashing (tests/conftest.py)."""


@pytest.fixture
def as_charlie_client(client, charlie):
    client.force_login(charlie)
    return client
