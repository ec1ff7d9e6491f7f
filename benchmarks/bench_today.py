"""How long `hipcoach today` takes with a year of history, as a person runs it.

Makes a fresh data home (SQLite, or the database in DATABASE_URL) with one person a year
into the full program: a workout most days with every exercise and side logged, pain reports
during and the next morning, a weekly test of both hips and activity ratings. Then runs the
real `hipcoach today` command again and again in its own process and reports the wall-clock
time: "cold" runs plan from scratch (the plan cache emptied first), "warm" runs find today's
plan in the cache because nothing changed since the last run.

    .venv/bin/python benchmarks/bench_today.py [--runs 15] [--days 365] [--check 0.5]

With --check SECONDS it exits 1 when the warm median is over that budget.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from yearofhistory import make_person

HIPCOACH = str(Path(sys.executable).with_name("hipcoach"))


def make_history(days: int) -> None:
    """The local person, `days` days into the program."""
    from hipcoach.tracking.database import ensure_ready

    ensure_ready()
    from hipcoach.tracking.people import local_username

    make_person(local_username(), days)


def timed(env: dict[str, str], *args: str) -> float:
    began = time.perf_counter()
    subprocess.run([HIPCOACH, *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def summary(label: str, times: list[float]) -> float:
    times = sorted(times)
    p50 = statistics.median(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"{label:>28}: p50 {p50 * 1000:4.0f} ms   p95 {p95 * 1000:4.0f} ms   (n={len(times)})")
    return p50


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--check", type=float, default=None, metavar="SECONDS")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="hipcoach-bench-"))
    os.environ["HIPCOACH_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hipcoach.settings")
    env = dict(os.environ)
    try:
        if os.environ.get("DATABASE_URL"):
            print("database: DATABASE_URL (the person is made fresh; other rows are left alone)")
            from hipcoach.tracking.database import ensure_ready

            ensure_ready()
            from django.contrib.auth.models import User

            from hipcoach.tracking.people import local_username

            User.objects.filter(username=local_username()).delete()
        else:
            print(f"database: SQLite in {home}")
        make_history(args.days)
        timed(env, "today")  # migrations checked, files in the page cache
        cold = []
        for _ in range(args.runs):
            shutil.rmtree(home / "cache", ignore_errors=True)
            cold.append(timed(env, "today"))
        warm = [timed(env, "today") for _ in range(args.runs)]
        warm_json = [timed(env, "today", "--json") for _ in range(args.runs)]
        baseline = [timed(env, "--help") for _ in range(args.runs)]
        summary("hipcoach --help (floor)", baseline)
        summary("today, cold (plans)", cold)
        p50 = summary("today, warm (cached plan)", warm)
        summary("today --json, warm", warm_json)
    finally:
        if os.environ.get("DATABASE_URL"):
            from django.contrib.auth.models import User

            from hipcoach.tracking.people import local_username

            User.objects.filter(username=local_username()).delete()
        shutil.rmtree(home, ignore_errors=True)
    if args.check is not None and p50 > args.check:
        print(f"over budget: warm p50 {p50:.3f} s > {args.check} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
