"""`hipcoach worker` as it runs for real: its own process group, a temporary data home (or a
fresh PostgreSQL database when DATABASE_URL is set, as in CI's second pass), jobs queued by
another process, and a worker killed with SIGKILL half way through a job."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
HIPCOACH = str(Path(sys.executable).with_name("hipcoach"))
INIT = "init --yes --program hip-ir-primer --goal running --position prone --method phone"
INIT_ARGS = [*INIT.split(), "--ir-left", "22", "--ir-right", "35", "--time-zone", "Asia/Tokyo"]

# Another process queues a job (the dotted path of its function and its arguments, as JSON).
QUEUE = """
import json, sys
from hipcoach.tracking.database import ensure_ready
ensure_ready()
from django_q.tasks import async_task
print(async_task(sys.argv[1], *json.loads(sys.argv[2])))
"""
# What the database holds: jobs waiting (or leased), successful jobs by function, statuses.
PROBE = """
import json
from hipcoach.tracking.database import ensure_ready
ensure_ready()
from django_q.models import OrmQ, Task
from hipcoach.tracking.models import PersonStatus
print(json.dumps({
    "queued": OrmQ.objects.count(),
    "done": sorted(Task.objects.filter(success=True).values_list("func", flat=True)),
    "failed": Task.objects.filter(success=False).count(),
    "statuses": [[s.person.username, s.date.isoformat(), s.program, s.day]
                 for s in PersonStatus.objects.select_related("person")],
}))
"""


@pytest.fixture
def database(tmp_path):
    """With DATABASE_URL set, a fresh PostgreSQL database on that cluster (dropped after);
    else None: SQLite in the data home."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield None
        return
    import psycopg

    name = f"hipcoach_worker_test_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path="/" + name))
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def env(tmp_path, database) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HIPCOACH_", "DATABASE_URL"))}
    env |= {
        "HIPCOACH_HOME": str(tmp_path / "home"),
        "PYTHONPATH": str(HERE),  # the slow job of these tests
        # short leases, so a killed worker's job comes back within seconds
        "HIPCOACH_JOB_TIMEOUT": "6",
        "HIPCOACH_JOB_RETRY": "8",
    }
    if database:
        env["DATABASE_URL"] = database
    return env


def python(env, code: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def probe(env) -> dict:
    return json.loads(python(env, PROBE))


# The parts of a pass that ran: (first id, last id, refreshed, started, stopped), by start.
PARTS = """
import json
from hipcoach.tracking.database import ensure_ready
ensure_ready()
from django_q.models import Task
from hipcoach import jobs
print(json.dumps([
    [t.args[1], t.args[2], t.result["refreshed"], t.started.timestamp(), t.stopped.timestamp()]
    for t in Task.objects.filter(group=jobs.PARTS_GROUP, success=True).order_by("started")
]))
"""


def start_worker(env, tmp_path: Path, name: str, *more: str) -> subprocess.Popen:
    """`hipcoach worker` in a process group of its own (so the test can signal all of it)."""
    return subprocess.Popen(
        [HIPCOACH, "worker", "--processes", "1", *more],
        env=env,
        stdout=(tmp_path / f"{name}.out").open("w"),
        stderr=(tmp_path / f"{name}.err").open("w"),
        start_new_session=True,
    )


def group_left(process: subprocess.Popen, seconds: float = 10) -> list[int]:
    """The processes of the worker's group still alive (not zombies) after up to `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        found = subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True, text=True)
        alive = [int(pid) for pid in found.stdout.split() if not _zombie(int(pid))]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True  # gone


def wait_until(check, what: str, process: subprocess.Popen, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the worker stopped before {what}"
        found = check()
        if found:
            return found
        time.sleep(0.3)
    raise AssertionError(f"no {what} within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the worker's main process: the running jobs finish, then all of it ends."""
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    assert group_left(process) == []


def trace_lines(trace: Path) -> list[str]:
    return [line.split()[0] for line in trace.read_text().splitlines()] if trace.exists() else []


def test_the_worker_runs_a_queued_job_and_stops_when_asked(env, tmp_path) -> None:
    done = subprocess.run([HIPCOACH, *INIT_ARGS], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    python(env, QUEUE, "hipcoach.jobs.nightly_pass", "[]")
    assert probe(env)["queued"] == 1  # waiting: no worker runs yet
    worker = start_worker(env, tmp_path, "worker")
    try:
        state = wait_until(
            lambda: (s := probe(env))["queued"] == 0 and len(s["done"]) >= 2 and s,
            "nightly pass and re-plan done",
            worker,
        )
        assert sorted(set(state["done"])) == [
            "hipcoach.jobs.nightly_pass",
            "hipcoach.jobs.replan_everyone",
        ]
        [(user, day, program, number)] = state["statuses"]
        assert (user, program, number) == ("local", "hip-ir-primer", 0)
    finally:
        stop(worker)
    out = (tmp_path / "worker.out").read_text()
    assert "hipcoach worker is running" in out
    assert "Traceback" not in (tmp_path / "worker.err").read_text()


def test_a_job_whose_worker_is_killed_runs_to_the_end_once(env, tmp_path) -> None:
    trace = tmp_path / "trace.txt"
    python(env, QUEUE, "slow_job.slow", json.dumps([str(trace), 3]))
    first = start_worker(env, tmp_path, "first")
    wait_until(lambda: trace_lines(trace) == ["start"], "job started", first)
    os.killpg(first.pid, signal.SIGKILL)  # the whole worker: main, guard and job processes
    first.wait(timeout=10)
    assert group_left(first) == []
    assert trace_lines(trace) == ["start"]  # it never finished
    assert probe(env)["queued"] >= 1  # still queued, leased to the dead worker
    second = start_worker(env, tmp_path, "second")
    try:
        wait_until(lambda: "end" in trace_lines(trace), "job finished", second)
        state = wait_until(
            lambda: (s := probe(env))["queued"] == 0 and "slow_job.slow" in s["done"] and s,
            "job acknowledged",
            second,
        )
        time.sleep(1)
        assert trace_lines(trace) == ["start", "start", "end"]  # run again, to the end, once
        assert state["done"].count("slow_job.slow") == 1 and state["failed"] == 0
    finally:
        stop(second)


def test_two_job_processes_share_a_pass_in_parts_without_double_work(env, tmp_path) -> None:
    """A pass over more people than a part holds is queued in parts (ranges of person ids);
    two job processes take them at once, and each person is computed once."""
    env |= {"HIPCOACH_STATUS_PASS_PART": "15"}
    made = subprocess.run(
        [HIPCOACH, "generate-people", "--people", "60", "--seed", "4"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    worker = start_worker(env, tmp_path, "worker", "--processes", "2", "--now")
    try:
        parts = wait_until(
            lambda: (p := json.loads(python(env, PARTS))) and len(p) >= 4 and p,
            "four parts done",
            worker,
            seconds=120,
        )
        time.sleep(2)  # a pass queued after the first found its parts waiting: none more
        state = probe(env)
    finally:
        stop(worker)
    parts = json.loads(python(env, PARTS))
    assert len(parts) == 4 and sum(p[2] for p in parts) == 60  # each person once
    ranges = sorted((first, last) for first, last, *_ in parts)
    for (_, last), (next_first, _) in zip(ranges, ranges[1:], strict=False):
        assert last is not None and last < next_first  # no overlap
    assert ranges[-1][1] is None  # the last part runs to the end
    assert any(a[3] < b[4] and b[3] < a[4] for a in parts for b in parts if a is not b)
    assert len(state["statuses"]) == 60 and state["failed"] == 0
    assert "Traceback" not in (tmp_path / "worker.err").read_text()
