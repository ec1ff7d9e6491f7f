"""Several workers send each person's reminder once: four processes on one SQLite database
in a data home pass over the same minute at the same moment, and an SMTP server on loopback
counts what arrives. (On PostgreSQL, tests/tracking/test_reminders.py runs the same race with
threads.)"""

from __future__ import annotations

import email
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mailkit import smtp_server

TESTS = Path(__file__).resolve().parents[1]
PEOPLE = 16
WORKERS = 4

SET_UP = f"""
import datetime as dt
from hipcoach.tracking.database import ensure_ready
ensure_ready()
from cast import START, onboard, person
from hipcoach.tracking import reminders
from hipcoach.tracking.models import Profile
for k in range({PEOPLE}):
    user = person(f"Walker{{k}}")
    onboard(user, start=START)
    Profile.objects.filter(person=user).update(time_zone="UTC")
    reminders.choose(user, on=True, hour=7, by_push=False, by_email=True)
"""
# One worker's pass at 07:00 UTC on the program's second day, begun when the go file appears.
PASS = """
import datetime as dt, json, os, sys, time
from hipcoach.tracking.database import ensure_ready
ensure_ready()
from cast import START
from hipcoach.tracking.reminders import send_reminders
while not os.path.exists(sys.argv[1]):
    time.sleep(0.005)
now = dt.datetime.combine(START + dt.timedelta(days=1), dt.time(7), tzinfo=dt.UTC)
print(json.dumps(send_reminders(now=now)))
"""
ROWS = """
from hipcoach.tracking.database import ensure_ready
ensure_ready()
import json
from hipcoach.tracking.models import ReminderSent
print(json.dumps(list(ReminderSent.objects.values_list("person__username", "outcome"))))
"""


@pytest.fixture
def mailbox():
    with smtp_server() as server:
        yield server


def test_four_workers_send_each_persons_day_once(tmp_path, mailbox) -> None:
    if os.environ.get("DATABASE_URL"):
        pytest.skip("SQLite in a data home; PostgreSQL is raced in tests/tracking")
    box, port = mailbox
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HIPCOACH_", "DATABASE_URL"))}
    env |= {
        "HIPCOACH_HOME": str(tmp_path / "home"),
        "PYTHONPATH": str(TESTS),
        "HIPCOACH_EMAIL_HOST": "127.0.0.1",
        "HIPCOACH_EMAIL_PORT": str(port),
        "HIPCOACH_EMAIL_USE_TLS": "0",
    }
    run = subprocess.run([sys.executable, "-c", SET_UP], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", PASS, str(go)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(WORKERS)
    ]
    time.sleep(3)  # each has set Django up and waits
    go.touch()
    passes = []
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        passes.append(json.loads(out))
    assert sum(p["sent"] for p in passes) == PEOPLE
    assert sum(p["taken"] for p in passes) + PEOPLE == sum(p["due"] for p in passes)
    deadline = time.monotonic() + 10
    while len(box.messages) < PEOPLE and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)  # a duplicate, if any, would have arrived by now too
    to = sorted(email.message_from_bytes(m)["To"] for m in box.messages)
    assert to == sorted(f"walker{k}@example.org" for k in range(PEOPLE))
    rows = subprocess.run([sys.executable, "-c", ROWS], env=env, capture_output=True, text=True)
    assert sorted(json.loads(rows.stdout)) == sorted(
        [f"walker{k}", "workout"] for k in range(PEOPLE)
    )
