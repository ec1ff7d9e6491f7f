"""The load test of a clinic's deployment (`benchmarks/load/run_load.py`), small and fast: one
`hipcoach serve` in production mode behind Debian's nginx (TLS, a certificate made for the run),
generated people on SQLite (or a new PostgreSQL database when DATABASE_URL is set, dropped
after), a few seconds of Locust through the API; every write the server acknowledged is then
found in the database."""

from __future__ import annotations

import os

import pytest
from serverkit import fresh_database

from deploykit import run_load as load_script

pytestmark = pytest.mark.integration


@pytest.fixture
def database_url():
    with fresh_database("load") as url:
        yield url


def test_load_through_nginx_loses_no_acknowledged_write(database_url) -> None:
    run_load = load_script()
    if not os.access(run_load.NGINX, os.X_OK):
        pytest.skip(f"{run_load.NGINX} is missing: ./dev test installs Debian's nginx-light")
    result = run_load.one_run(
        database_url,
        processes=1,
        threads=4,
        users=4,
        seconds=6,
        generate_people=12,
        seed=5,
        proxy=True,
        pace="0.2,0.4",
    )
    figures, counted = result["figures"], result["counted"]
    assert result["people"] == 12 and result["users"] == 4
    assert figures["today"]["requests"] >= 4 and figures["Aggregated"]["failures"] == 0, result[
        "failures"
    ]
    assert counted["exercises_acknowledged"] + counted["pain_acknowledged"] > 0
    assert counted["exercises_found"] == counted["exercises_acknowledged"]
    assert counted["pain_found"] == counted["pain_acknowledged"]
