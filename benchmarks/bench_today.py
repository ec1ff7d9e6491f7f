"""How long `hipcoach today` takes with a year of history, as a person runs it.

Makes a fresh data home (SQLite, or the database in DATABASE_URL) with one person a year
into the full program: a workout most days with every exercise and side logged, pain reports
during and the next morning, a weekly test of both hips and activity ratings. Then runs the
real `hipcoach today` command again and again in its own process and reports the wall-clock
time: "cold" runs plan from scratch (the plan cache emptied first), "warm" runs find today's
plan in the cache because nothing changed since the last run.

The yardstick is a bare `django.setup()` and one query in a fresh process, timed in the same
run, alternating with the warm `hipcoach today`; the ratio of their medians is the figure the
speed target is about (at most 1.2). `hipcoach` starts with the cyclic garbage collector off
(see `hipcoach.cli.main`); a third series, the yardstick started the same way, shows what the
terminal's own layers cost apart from that. The medians of the CPU time (user + system) of the same
runs are printed beside it: on a machine that others are using, they move less than the wall
clock does.

    .venv/bin/python benchmarks/bench_today.py [--runs 15] [--days 365] [--check 1.2]

With --check RATIO it exits 1 when warm `today` costs more than RATIO times the yardstick.
"""

from __future__ import annotations

import argparse
import os
import resource
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


BARE_DJANGO = (
    "import django; django.setup()\n"
    "from django.contrib.auth.models import User\n"
    "User.objects.first()\n"
)


# The same, with the cyclic collector off as `hipcoach` starts (see `hipcoach.cli.main`): not
# the target's yardstick, but it shows what the terminal's own layers (Typer, Rich, the plan's
# view) cost over Django, apart from the collector's part.
BARE_DJANGO_NO_COLLECTOR = "import gc; gc.disable()\n" + BARE_DJANGO


CPU: dict[str, list[float]] = {}  # label → CPU seconds (user + system) of each run


def timed(env: dict[str, str], *args: str, cpu: str | None = None) -> float:
    return timed_command(env, [HIPCOACH, *args], cpu=cpu)


def timed_command(env: dict[str, str], command: list[str], *, cpu: str | None = None) -> float:
    """Wall-clock seconds of one run; its CPU seconds go to CPU[cpu] when a label is given
    (steadier than the wall clock on a machine that others are using too)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        CPU.setdefault(cpu, []).append(used)
    return wall


def empty_plan_cache() -> None:
    from hipcoach.tracking.models import PlanCache

    PlanCache.objects.update(plans={})


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
    parser.add_argument("--check", type=float, default=None, metavar="RATIO")
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
            empty_plan_cache()
            cold.append(timed(env, "today"))
        timed(env, "today")  # today's plan back in the cache
        warm, bare, bare_no_collector = [], [], []
        for _ in range(max(7, args.runs)):  # alternating, so all see the same machine
            warm.append(timed(env, "today", cpu="today"))
            bare.append(timed_command(env, [sys.executable, "-c", BARE_DJANGO], cpu="bare"))
            bare_no_collector.append(
                timed_command(env, [sys.executable, "-c", BARE_DJANGO_NO_COLLECTOR])
            )
        warm_json = [timed(env, "today", "--json") for _ in range(args.runs)]
        baseline = [timed(env, "--help") for _ in range(args.runs)]
        summary("hipcoach --help (floor)", baseline)
        yardstick = summary("django.setup() + one query", bare)
        same_start = summary("the same, collector off", bare_no_collector)
        summary("today, cold (plans)", cold)
        p50 = summary("today, warm (cached plan)", warm)
        summary("today --json, warm", warm_json)
        ratio = p50 / yardstick
        print(f"{'warm today / bare Django':>28}: {ratio:.2f}×   (target: at most 1.2×)")
        print(
            f"{'warm today / the same':>28}: {p50 / same_start:.2f}×"
            "   (both start with the collector off: the terminal's own layers)"
        )
        cpu_ratio = statistics.median(CPU["today"]) / statistics.median(CPU["bare"])
        print(
            f"{'in CPU time':>28}: {cpu_ratio:.2f}×   (today {statistics.median(CPU['today']) * 1000:.0f} ms,"
            f" bare Django {statistics.median(CPU['bare']) * 1000:.0f} ms: medians)"
        )
    finally:
        if os.environ.get("DATABASE_URL"):
            from django.contrib.auth.models import User

            from hipcoach.tracking.people import local_username

            User.objects.filter(username=local_username()).delete()
        shutil.rmtree(home, ignore_errors=True)
    if args.check is not None and ratio > args.check:
        print(f"over budget: warm today is {ratio:.2f}× bare Django > {args.check}×")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
