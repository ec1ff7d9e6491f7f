"""SQLite under concurrent use, with real processes: first runs started together, a write that
waits for another process's write, and a lock held past the wait answered "busy, try again"
(503 with Retry-After) with nothing written."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from serverkit import (
    HIPCOACH,
    api,
    clean_env,
    make_token,
    onboard,
    sign_up,
    start_server,
    wait_for,
)

pytestmark = pytest.mark.integration

INIT = [
    "init",
    "--yes",
    "--program",
    "hip-ir-primer",
    "--goal",
    "running",
    "--position",
    "prone",
    "--method",
    "phone",
    "--ir-left",
    "22",
    "--ir-right",
    "35",
]
# Another process (a terminal command, say) holding SQLite's write lock for `seconds`.
HOLD_LOCK = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE auth_user SET last_name = last_name")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("COMMIT")
print(time.time(), flush=True)  # when the lock was let go
"""
# Long enough to outlast a slow start of the waiting command on a busy machine; the holder is
# killed (its transaction rolled back, the lock freed) as soon as the test has its answer.
FOR_GOOD = 120


def database(home: Path) -> sqlite3.Connection:
    return sqlite3.connect(home / "hipcoach.sqlite3", timeout=30)


def hold_lock(home: Path, seconds: float) -> subprocess.Popen:
    """Start a process that takes the write lock for `seconds`, and return once it holds it;
    after the lock is let go it prints when."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(home / "hipcoach.sqlite3"), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_eight_first_runs_at_once_all_finish_cleanly(tmp_path) -> None:
    """Eight `hipcoach init` on an empty data home at the same moment: one sets up, the seven
    others find it set up; no database error, no duplicate migration rows, one person."""
    env = clean_env(tmp_path / "home")
    runs = [
        subprocess.Popen(
            [HIPCOACH, *INIT], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(8)
    ]
    outcomes = [run.communicate(timeout=180) for run in runs]
    errors = [err for _, err in outcomes]
    assert sum("Set up: hip-ir-primer" in out for out, _ in outcomes) == 1, outcomes
    assert sum("already set up" in err for err in errors) == 7, errors
    assert not any("database" in err or "Traceback" in err for err in errors), errors
    with database(tmp_path / "home") as db:
        rows = db.execute("SELECT app, name FROM django_migrations").fetchall()
        people = db.execute("SELECT COUNT(*) FROM auth_user").fetchone()[0]
        enrollments = db.execute("SELECT COUNT(*) FROM tracking_enrollment").fetchone()[0]
    assert len(rows) == len(set(rows)) > 10
    assert (people, enrollments) == (1, 1)


def test_servers_started_together_on_an_empty_home_all_serve(tmp_path) -> None:
    env = clean_env(tmp_path / "home")
    servers = [start_server(env, wait=False) for _ in range(3)]
    try:
        for server in servers:
            wait_for(server)
        with database(tmp_path / "home") as db:
            rows = db.execute("SELECT app, name FROM django_migrations").fetchall()
        assert len(rows) == len(set(rows))
    finally:
        for server in servers:
            server.stop()


@pytest.fixture
def served(tmp_path):
    """A factory: `hipcoach serve` on a fresh data home with the given SQLite wait, and an
    onboarded person with an API token; the local terminal person set up too."""
    started = []

    def serve(wait: str):  # type: ignore[no-untyped-def]
        home = tmp_path / "home"
        env = clean_env(home, HIPCOACH_SQLITE_WAIT=wait)
        subprocess.run([HIPCOACH, *INIT], env=env, check=True, capture_output=True)
        server = start_server(env)
        started.append(server)
        browser = sign_up(server.url, "gina")
        onboard(browser)
        return server, browser, make_token(browser), home, env

    yield serve
    for server in started:
        server.stop()


def test_a_write_waits_for_another_process_instead_of_failing(served) -> None:
    server, _, token, home, env = served("20")
    holder = hold_lock(home, 5)
    answers = {}

    def terminal() -> None:
        answers["cli"] = subprocess.run(
            [HIPCOACH, "pain", "--rest", "3"], env=env, capture_output=True, text=True, timeout=60
        )

    cli = threading.Thread(target=terminal)
    cli.start()
    sent = time.time()
    answer = api(server.url, "POST", "/pain", token, {"date": today(), "when": "rest", "score": 2})
    answered = time.time()
    cli.join()
    released = float(holder.communicate(timeout=30)[0])
    assert answer.status == 201, answer.text
    assert sent < released < answered  # it was sent while the lock was held, and waited
    assert answers["cli"].returncode == 0, answers["cli"].stderr
    with database(home) as db:
        assert db.execute("SELECT COUNT(*) FROM tracking_painreport").fetchone()[0] == 2


def test_a_lock_held_past_the_wait_is_a_503_to_retry_and_writes_nothing(served) -> None:
    server, browser, token, home, _ = served("1")
    holder = hold_lock(home, FOR_GOOD)
    try:
        answer = api(
            server.url, "POST", "/pain", token, {"date": today(), "when": "rest", "score": 2}
        )
        assert answer.status == 503
        assert answer.headers["Content-Type"].startswith("application/json")
        assert answer.headers["Retry-After"] == "5"
        assert "try again" in answer.json()["detail"]
        page = browser.post_form("/pain/", {"score": "2", "when": "rest"}, form_page="/account/")
        assert page.status == 503 and page.headers["Retry-After"] == "5"
        assert "text/html" in page.headers["Content-Type"]
        assert "Busy, try again" in page.text and "Nothing was changed" in page.text
    finally:
        holder.kill()
        holder.wait()
    with database(home) as db:
        assert db.execute("SELECT COUNT(*) FROM tracking_painreport").fetchone()[0] == 0
    answer = api(server.url, "POST", "/pain", token, {"date": today(), "when": "rest", "score": 2})
    assert answer.status == 201


def today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()


def test_a_terminal_command_past_the_wait_says_busy_in_one_line(tmp_path) -> None:
    home = tmp_path / "home"
    env = clean_env(home, HIPCOACH_SQLITE_WAIT="1")
    subprocess.run([HIPCOACH, *INIT], env=env, check=True, capture_output=True)
    holder = hold_lock(home, FOR_GOOD)
    try:
        result = subprocess.run(
            [HIPCOACH, "pain", "--rest", "3"], env=env, capture_output=True, text=True, timeout=60
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert result.stderr.startswith("error: the database is busy with another change")
    assert "try again" in result.stderr and "Traceback" not in result.stderr
    with database(home) as db:
        assert db.execute("SELECT COUNT(*) FROM tracking_painreport").fetchone()[0] == 0


def test_the_workers_of_any_wsgi_server_start_together_on_a_new_database(tmp_path) -> None:
    """gunicorn and the like import `hipcoach.wsgi` in each worker: three at once on an empty
    data home all get a ready database, migrated once."""
    env = clean_env(tmp_path / "home")
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", "import hipcoach.wsgi"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    assert [w.communicate(timeout=120)[1] for w in workers] == ["", "", ""]
    assert all(w.returncode == 0 for w in workers)
    with database(tmp_path / "home") as db:
        rows = db.execute("SELECT app, name FROM django_migrations").fetchall()
    assert len(rows) == len(set(rows)) > 10
