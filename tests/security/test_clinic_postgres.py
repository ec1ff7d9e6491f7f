"""A clinic's set-up: several `hipcoach serve` processes against one PostgreSQL, started at the
same moment on an empty database. One applies the migrations while the others wait (an
advisory lock); then writes through all of them land once each, a person logged in on one is
logged in on all, and the rate limits count across them. PostgreSQL only (DATABASE_URL, as in
CI's second pass); skipped on SQLite, whose several-process case is test_sqlite_concurrency."""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from serverkit import (
    Browser,
    api,
    clean_env,
    fresh_database,
    make_token,
    onboard,
    query,
    sign_up,
    start_server,
    wait_for,
)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="a clinic runs on PostgreSQL: set DATABASE_URL",
    ),
]
PROCESSES = 3


def test_processes_started_together_share_one_postgresql(tmp_path) -> None:
    with fresh_database("clinic") as database_url:
        env = clean_env(tmp_path / "home", DATABASE_URL=database_url)
        servers = [start_server(env, wait=False) for _ in range(PROCESSES)]
        try:
            for server in servers:
                wait_for(server)
            migrations = query(tmp_path, database_url, "SELECT app, name FROM django_migrations")
            assert len(migrations) == len(set(migrations)) > 10

            browser = sign_up(servers[0].url, "lena")
            onboard(browser)
            token = make_token(browser)
            for server in servers[1:]:  # the session is in the database, not in a process
                other = Browser(server.url)
                other.opener = browser.opener  # the same cookies (they are per host, not port)
                assert "Logged in as <strong>lena</strong>" in other.get("/account/").text

            day = dt.date.today().isoformat()

            def write(n: int):  # type: ignore[no-untyped-def]
                # each key twice, with the same body (a different body is refused, 409)
                body = {"date": day, "when": "rest", "score": (n % 30) % 11}
                url = servers[n % PROCESSES].url
                return api(url, "POST", "/pain", token, body, **{"Idempotency-Key": f"k{n % 30}"})

            with ThreadPoolExecutor(12) as pool:
                answers = list(pool.map(write, range(60)))  # each key sent twice, to two servers
            assert {a.status for a in answers} == {201}
            ids = {}
            for n, answer in enumerate(answers):
                ids.setdefault(n % 30, set()).add(answer.json()["id"])
            assert all(len(found) == 1 for found in ids.values())  # one record per key
            stored = query(tmp_path, database_url, "SELECT COUNT(*) FROM tracking_painreport")
            assert stored == [(30,)]

            statuses = [
                api(servers[n % PROCESSES].url, "GET", "/profile", "hc_wrong").status
                for n in range(21)
            ]
            assert statuses == [401] * 20 + [429]  # 20 wrong tokens, counted across processes
        finally:
            for server in servers:
                server.stop()
