"""The real `hipcoach` program in its own process, as a new user runs it (SQLite, no set-up).

These start `hipcoach` with a fresh HIPCOACH_HOME: the first command creates the database and
applies the migrations by itself; the database runs in WAL mode; and killing the player half
way loses nothing already finished.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

HIPCOACH = str(Path(sys.executable).with_name("hipcoach"))
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


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "HIPCOACH_USER")}
    env |= {"HIPCOACH_HOME": str(tmp_path / "home"), "COLUMNS": "120"}
    return env


def run(env, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([HIPCOACH, *args], env=env, capture_output=True, text=True, timeout=120)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def database(env) -> sqlite3.Connection:
    return sqlite3.connect(Path(env["HIPCOACH_HOME"]) / "hipcoach.sqlite3", timeout=10)


def test_a_new_user_needs_no_set_up_step(env) -> None:
    first = run(env, "today", check=False)
    assert first.returncode == 1 and first.stderr.strip().endswith("run `hipcoach init` first")
    run(env, *INIT)
    assert "Day 1 (" in run(env, "today").stdout
    with database(env) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        applied = {row[0] for row in db.execute("SELECT app FROM django_migrations")}
    assert {"tracking", "auth", "contenttypes"} <= applied


def _wait_for_exercises(env, count: int, process: subprocess.Popen) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            with database(env) as db:
                done = db.execute("SELECT COUNT(*) FROM tracking_exerciselog").fetchone()[0]
        except sqlite3.OperationalError:
            done = 0
        if done >= count:
            return done
        time.sleep(0.05)
    raise AssertionError("the player logged nothing in time")


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["killed", "ctrl-c"])
def test_stopping_the_player_half_way_loses_nothing_done(env, how) -> None:
    run(env, *INIT)
    planned = len(__import__("json").loads(run(env, "today", "--json").stdout)["exercises"])
    process = subprocess.Popen(
        [HIPCOACH, "go", "--yes", "--pace", "40"],
        env=env,
        # Ctrl-C as a terminal gives it: a suite started in the background by a shell without
        # job control inherits SIGINT ignored, and the player would never hear it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for_exercises(env, 2, process)
    process.send_signal(how)
    out, err = process.communicate(timeout=30)
    assert "Traceback" not in err
    with database(env) as db:
        logged = db.execute("SELECT exercise, side, status FROM tracking_exerciselog").fetchall()
        status = db.execute("SELECT status FROM tracking_workoutlog").fetchall()
    assert 2 <= len(logged) < planned
    assert all(row[2] == "done" for row in logged)
    assert status == [("partial",)]
    if how == signal.SIGINT:
        assert "Everything finished so far is saved" in out
    assert "partial" in run(env, "progress", "--json").stdout


def test_today_from_the_plan_cache_is_the_planned_today(env) -> None:
    from hipcoach.tracking.models import PlanCache

    table = PlanCache._meta.db_table
    run(env, *INIT)  # plans today and tomorrow ahead
    with database(env) as db:
        assert db.execute(f'SELECT plans FROM "{table}"').fetchone()[0] not in (None, "{}")
    quick = run(env, "today", "--json").stdout
    with database(env) as db:
        db.execute(f"UPDATE \"{table}\" SET plans = '{{}}'")
    assert run(env, "today", "--json").stdout == quick
    run(env, "pain", "--rest", "6")  # a new record: the cached plan no longer applies
    assert run(env, "today", "--json").stdout != quick


WITH_COLLECTOR_REPORT = (
    "import atexit, gc, sys\n"
    "atexit.register(lambda: print('collector on:', gc.isenabled(), file=sys.stderr))\n"
    "from hipcoach.cli import main\n"
    "sys.argv = ['hipcoach', *sys.argv[1:]]\n"
    "main()\n"
)


def test_a_short_command_starts_without_the_collector_and_a_long_one_turns_it_back_on(env):
    """The cyclic collector is off while a command starts (it cost a tenth of `hipcoach
    today`); a command that runs on (here a simulation) turns it back on once started."""
    run(env, *INIT)
    scenario = str(Path(__file__).parents[1] / "scenarios" / "amber-holds-progress.yaml")
    outcomes = {}
    for args in (["today"], ["simulate", scenario, "--days", "3"]):
        result = subprocess.run(
            [sys.executable, "-c", WITH_COLLECTOR_REPORT, *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        outcomes[args[0]] = result.stderr.strip().splitlines()[-1]
    assert outcomes == {"today": "collector on: False", "simulate": "collector on: True"}
