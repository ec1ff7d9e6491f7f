"""Server time of the API's today endpoint (GET /api/v1/today) with a year of history.

Makes a fresh data home (SQLite, or the database in DATABASE_URL) with one person a year into
the full program: a workout most days with every exercise and side logged, pain during and the
next morning, a weekly test of both hips. Then calls the endpoint through Django's full request
stack (middleware, authentication, the view, JSON) in this process and reports p50 and p95:
"cold" empties the plan cache before each call (the engine plans from the whole history),
"warm" is the usual case of a second look at the same day with nothing new logged.

    .venv/bin/python benchmarks/bench_today_api.py [--runs 40] [--days 365] [--check 0.25]

With --check SECONDS it exits 1 when the warm p95 is over that budget.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROGRAM = "hip-foundations"


def make_person(days: int):
    """One person `days` days into the program, written straight through the ORM."""
    from django.contrib.auth.models import User

    from hipcoach.tracking.models import ExerciseLog, Measurement, PainReport, WorkoutLog
    from hipcoach.tracking.services import Baseline, library, set_up

    rng = random.Random(6)
    today = dt.date.today()
    start = today - dt.timedelta(days=days)
    person = User.objects.create_user(f"bench-{time.time_ns()}")
    set_up(
        person,
        program_id=PROGRAM,
        goals=["running"],
        pain_areas=["high_hamstring"],
        age=34,
        answers={},
        baseline=Baseline("prone", "inclinometer", (22, 24, 23), (35, 36, 34)),
        start=start,
        today=today,
    )
    exercises = sorted(library().exercises)[:9]
    workouts, pain, tests = [], [], []
    for n in range(days):
        day = start + dt.timedelta(days=n)
        if rng.random() < 0.9:
            workouts.append(WorkoutLog(person=person, date=day, status="done"))
            pain.append(PainReport(person=person, date=day, when="during", score=rng.randint(0, 3)))
        pain.append(
            PainReport(person=person, date=day, when="next_morning", score=rng.randint(0, 2))
        )
        if n and n % 7 == 0:
            for side, mean in (("left", min(23 + n / 14, 38)), ("right", 36.0)):
                trials = [round(mean + d, 1) for d in (-1, 0, 1)]
                tests.append(
                    Measurement(
                        person=person,
                        date=day,
                        side=side,
                        position="prone",
                        method="inclinometer",
                        kind="ir",
                        trials=trials,
                        mean=mean,
                    )
                )
    WorkoutLog.objects.bulk_create(workouts)
    logs = [
        ExerciseLog(workout=w, exercise=e, side=side, status="done", sets=2, reps=8, hold_s=2)
        for w in WorkoutLog.objects.filter(person=person)
        for e in exercises
        for side in ("left", "right")
    ]
    ExerciseLog.objects.bulk_create(logs, batch_size=2000)
    PainReport.objects.bulk_create(pain)
    Measurement.objects.bulk_create(tests)
    print(
        f"history: {days} days: {len(workouts)} workouts, {len(logs)} exercise logs, "
        f"{len(pain)} pain reports, {len(tests)} measurements"
    )
    return person


def timings(client, runs: int, *, cold: bool, home: Path) -> list[float]:
    times = []
    for _ in range(runs):
        if cold:
            shutil.rmtree(home / "cache", ignore_errors=True)
        began = time.perf_counter()
        response = client.get("/api/v1/today")
        times.append(time.perf_counter() - began)
        assert response.status_code == 200, response.content[:300]
    return times


def report(label: str, times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    p50 = statistics.median(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"{label:>6}: p50 {p50 * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms   (n={len(times)})")
    return p50, p95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--check", type=float, default=None, metavar="SECONDS")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="hipcoach-bench-api-"))
    os.environ["HIPCOACH_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hipcoach.settings")
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import setup_test_environment

        setup_test_environment()  # lets the test client in ("testserver" host)
        call_command("migrate", verbosity=0)
        person = make_person(args.days)
        client = Client()
        client.force_login(person)
        client.get("/api/v1/today")  # imports and the content library, once per process
        report("cold", timings(client, max(5, args.runs // 4), cold=True, home=home))
        _, warm_p95 = report("warm", timings(client, args.runs, cold=False, home=home))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if args.check is not None and warm_p95 > args.check:
        print(f"warm p95 over the {args.check * 1000:.0f} ms budget", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
