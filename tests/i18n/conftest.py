from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def i18n_defaults(own_data_home, fast_hashing):
    """Every translation test: its own data home and fast password hashing."""
