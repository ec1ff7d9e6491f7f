"""Two devices logging the same day at once lose nothing: each exercise and side sent is kept,
the day's workout merges them per exercise and side, and replays of one idempotency key sent
at the same moment all answer with the one stored record (never 409). Against two real app
processes on one database: SQLite by default, PostgreSQL when DATABASE_URL is set."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from test_two_processes import shared_database, two_servers  # noqa: F401 - fixtures

pytestmark = pytest.mark.integration
TESTS = Path(__file__).resolve().parents[1]

SET_UP = """
import datetime as dt, django
django.setup()
from django.utils import timezone
from hipcoach.accounts.models import ApiToken
import cast
person = cast.person("Dana")
cast.onboard(person, start=timezone.localdate() - dt.timedelta(days=3))
print(ApiToken.issue(person, "phone")[1])
"""


@pytest.fixture
def token(two_servers, shared_database, tmp_path):  # noqa: F811 - fixtures
    """An API token of Dana, who started her program three days ago."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HIPCOACH_", "DATABASE_URL"))}
    env |= {"HIPCOACH_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "hipcoach.settings"}
    env["PYTHONPATH"] = str(TESTS)  # the cast (tests/cast.py)
    if shared_database:
        env["DATABASE_URL"] = shared_database
    done = subprocess.run(
        [sys.executable, "-c", SET_UP], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def call(base: str, token: str, path: str, body: dict | None = None, key: str = ""):
    """(status, JSON answer) of one API request."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if key:
        headers["Idempotency-Key"] = key
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def all_at_once(jobs):
    """Run every job in its own thread, released at the same moment; their answers in order."""
    barrier = threading.Barrier(len(jobs))

    def run(job):
        barrier.wait()
        return job()

    with ThreadPoolExecutor(len(jobs)) as pool:
        return list(pool.map(run, jobs))


def test_two_devices_logging_one_day_at_once_lose_nothing(two_servers, token):  # noqa: F811
    first, second = two_servers
    status, plan = call(first, token, "/api/v1/today")
    assert status == 200
    day = plan["date"]
    items = [(e["id"], e["side"]) for e in plan["exercises"]]
    assert len(items) >= 3

    def device(name: str, base: str, finish: str):
        def play():
            answers = []
            for n, (exercise, side) in enumerate(items):
                body = {"exercise": exercise, "side": side, "status": "done", "sets": 1}
                answers.append(
                    call(base, token, f"/api/v1/workouts/{day}/exercises", body, f"{name}-{n}")
                )
            answers.append(
                call(base, token, "/api/v1/workouts", {"date": day, "status": finish}, name)
            )
            return answers

        return play

    phone, tablet = all_at_once(
        [device("phone", first, "done"), device("tablet", second, "skipped")]
    )
    # every exercise stored anew (201); each finish joins the day the exercises made (200)
    assert [status for status, _ in phone] == [201] * len(items) + [200], phone
    assert [status for status, _ in tablet] == [201] * len(items) + [200], tablet

    status, stored = call(first, token, "/api/v1/workouts")
    assert status == 200 and len(stored) == 1
    assert stored[0]["status"] == "done"  # the tablet's "skipped" does not lower the phone's done
    assert stored[0]["records"] == 2 * len(items)  # every record of both devices kept
    merged = [(e["exercise"], e["side"]) for e in stored[0]["exercises"]]
    assert sorted(merged) == sorted(set(items))  # each exercise and side once


def test_replays_of_one_key_at_once_answer_the_stored_record(two_servers, token):  # noqa: F811
    first, second = two_servers
    day = (dt.date.fromisoformat(call(first, token, "/api/v1/today")[1]["date"])) - dt.timedelta(
        days=1
    )
    exercise = {"exercise": "pigeon-stretch", "side": "left", "status": "done", "sets": 2}
    path = f"/api/v1/workouts/{day}/exercises"
    answers = all_at_once(
        [
            lambda base=base: call(base, token, path, exercise, "replayed")
            for base in (first, second) * 4
        ]
    )
    statuses = sorted(status for status, _ in answers)
    assert statuses == [200] * 7 + [201], answers
    assert len({json.dumps(body, sort_keys=True) for _, body in answers}) == 1

    # The same for a whole workout sent at once, on a day not logged yet.
    earlier = day - dt.timedelta(days=1)
    workout = {
        "date": earlier.isoformat(),
        "status": "done",
        "pain_during": 2,
        "exercises": [exercise, exercise | {"side": "right"}],
    }
    answers = all_at_once(
        [
            lambda base=base: call(base, token, "/api/v1/workouts", workout, "whole")
            for base in (first, second) * 4
        ]
    )
    assert sorted(status for status, _ in answers) == [200] * 7 + [201], answers
    assert len({json.dumps(body, sort_keys=True) for _, body in answers}) == 1
    status, pain = call(first, token, f"/api/v1/pain?since={earlier}")
    assert [p["score"] for p in pain if p["date"] == earlier.isoformat()] == [2]
