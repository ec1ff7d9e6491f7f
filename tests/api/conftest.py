from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def web_defaults(own_data_home, fast_hashing):
    """Every API test: its own data home and fast password hashing (tests/conftest.py)."""


@pytest.fixture
def alice_token(alice):
    from hipcoach.accounts.models import ApiToken

    return ApiToken.issue(alice, "script")[1]
