"""kill -9 of the server in the middle of concurrent writes: every write it acknowledged is
stored, exactly once — after a restart each acknowledged key answers with its stored record
and sending it again stores nothing new — and the database is intact. On SQLite, and on
PostgreSQL when DATABASE_URL is set."""

from __future__ import annotations

import datetime as dt
import http.client
import threading
import time

import pytest
from serverkit import (
    api,
    clean_env,
    fresh_database,
    make_token,
    onboard,
    query,
    sign_up,
    start_server,
)

pytestmark = pytest.mark.integration

WRITERS = 6
ACKNOWLEDGED_BEFORE_KILL = 40


def test_every_acknowledged_write_survives_a_kill_exactly_once(tmp_path) -> None:
    home = tmp_path / "home"
    with fresh_database("killed") as database_url:
        env = clean_env(home, **({"DATABASE_URL": database_url} if database_url else {}))
        server = start_server(env)
        try:
            browser = sign_up(server.url, "kim")
            onboard(browser)
            token = make_token(browser)
            acknowledged: dict[str, int] = {}  # idempotency key -> the id the server answered
            sent = []
            stop = threading.Event()
            day = dt.date.today().isoformat()

            def writer(number: int) -> None:
                for i in range(10_000):
                    if stop.is_set():
                        return
                    key = f"w{number}-{i}"
                    sent.append(key)
                    body = {"date": day, "when": "rest", "score": i % 11}
                    try:
                        answer = api(
                            server.url, "POST", "/pain", token, body, **{"Idempotency-Key": key}
                        )
                    except (OSError, http.client.HTTPException):  # the server is gone,
                        return  # perhaps half-way through an answer: not acknowledged
                    if answer.status == 201:
                        acknowledged[key] = answer.json()["id"]

            threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + 60
            while len(acknowledged) < ACKNOWLEDGED_BEFORE_KILL and time.monotonic() < deadline:
                time.sleep(0.02)
            server.process.kill()  # SIGKILL: no clean shutdown, writes in flight
            server.process.wait()
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
            assert len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL
        finally:
            server.stop()

        stored = dict(query(home, database_url, "SELECT id, client_key FROM tracking_painreport"))
        assert set(acknowledged.values()) <= set(stored)  # every acknowledged write is there
        assert len(acknowledged) <= len(stored) <= len(sent)  # and nothing out of thin air
        if not database_url:
            assert query(home, None, "PRAGMA integrity_check") == [("ok",)]

        again = start_server(env)
        try:
            for key, row in acknowledged.items():
                body = {"date": day, "when": "rest", "score": int(key.split("-")[1]) % 11}
                answer = api(again.url, "POST", "/pain", token, body, **{"Idempotency-Key": key})
                assert (answer.status, answer.json()["id"]) == (201, row), key
        finally:
            again.stop()
        after = query(home, database_url, "SELECT COUNT(*) FROM tracking_painreport")[0][0]
        assert after == len(stored)  # sending them again stored nothing new
