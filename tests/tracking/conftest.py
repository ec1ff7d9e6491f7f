"""The tracking tests meet the cast (`tests/cast.py`) on its fixed start day."""

from __future__ import annotations

import pytest

from cast import START, cast


@pytest.fixture
def people(db, fast_hashing):
    return cast(START)
