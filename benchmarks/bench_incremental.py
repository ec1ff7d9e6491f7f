"""What a plan costs after a write, now that the planner resumes from stored checkpoints.

Side by side in one process, on a fresh data home (SQLite, or DATABASE_URL), the cases of
each part taking turns run by run (a machine busy with other work weighs on each alike):

1. the API's today endpoint (GET /api/v1/today, through the full middleware stack) for a
   person a year into the program: a bare view behind the same middleware (the floor), today
   with nothing new (warm), today right after a pain report of today, right after one
   backdated a week, and from scratch (plan cache and checkpoints emptied first);
2. `tracking.plans.compute_plan` (no plan cache) right after a write, for a person a month into
   the program and one five years (`PLAN_DAYS_MAX` days) in, each with a workout most days, and
   the same from scratch.

    .venv/bin/python benchmarks/bench_incremental.py [--runs 30] [--check] [--clock cpu]

With --check it exits 1 when today after a write is over 5x the bare view, or the plan five
years in is more than 20% over the plan a month in (the targets of issue 22). With --clock cpu
each case is timed by this process's CPU time instead of the wall clock: steadier on a machine
busy with other work, and the same for every case, so the ratios stay comparable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from yearofhistory import make_person

CLOCK = {"wall": time.perf_counter, "cpu": time.process_time}
clock = time.perf_counter


def median_ms(action, runs: int, before=None) -> float:
    return interleaved({"": (action, before)}, runs)[""]


def interleaved(cases: dict, runs: int) -> dict[str, float]:
    """The median ms of each case's action (after its `before`, untimed), the cases taking
    turns run by run, so that a machine busy with other work weighs on each alike."""
    times: dict[str, list[float]] = {label: [] for label in cases}
    for _ in range(runs):
        for label, (action, before) in cases.items():
            if before is not None:
                before()
            began = clock()
            action()
            times[label].append(clock() - began)
    return {label: statistics.median(t) * 1000 for label, t in times.items()}


def bare(request):
    """The floor: a view that reads the logged-in person and answers JSON."""
    from django.http import JsonResponse

    return JsonResponse({"person": request.user.pk})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--clock", choices=sorted(CLOCK), default="wall")
    args = parser.parse_args()
    global clock
    clock = CLOCK[args.clock]

    home = Path(tempfile.mkdtemp(prefix="hipcoach-bench-inc-"))
    os.environ["HIPCOACH_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hipcoach.settings")
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import setup_test_environment
        from django.urls import clear_url_caches, path

        import hipcoach.urls
        from hipcoach.tracking.inputs import PLAN_DAYS_MAX
        from hipcoach.tracking.models import PlanCache, PlanCheckpoint
        from hipcoach.tracking.plans import compute_plan
        from hipcoach.tracking.workouts import report_pain

        setup_test_environment()
        call_command("migrate", verbosity=0)
        hipcoach.urls.urlpatterns.append(path("bench-bare", bare))
        clear_url_caches()
        today = dt.date.today()
        runs = args.runs

        print("1. GET /api/v1/today, a year of history")
        person = make_person(f"year-{time.time_ns()}", 365, seed=6)
        client = Client()
        client.force_login(person)

        def get(url: str):
            def call() -> None:
                response = client.get(url)
                assert response.status_code == 200, response.content[:300]

            return call

        def write(on: dt.date):
            return lambda: report_pain(person, on=on, when="rest", score=2, today=today)

        def scratch() -> None:
            PlanCache.objects.update(plans={})
            PlanCheckpoint.objects.all().delete()

        get("/api/v1/today")()  # imports and the content library, once
        get("/bench-bare")()
        api = interleaved(
            {
                "bare view": (get("/bench-bare"), None),
                "today, warm": (get("/api/v1/today"), None),
                "today after a write": (get("/api/v1/today"), write(today)),
            },
            runs,
        )
        # apart: a write a week back drops a week of checkpoints, which the writes of today
        # above would then pay for
        api["today after a write 7 days back"] = median_ms(
            get("/api/v1/today"), runs, write(today - dt.timedelta(days=7))
        )
        api["today from scratch"] = median_ms(get("/api/v1/today"), max(5, runs // 3), scratch)
        floor = api["bare view"]
        for label, ms in api.items():
            print(f"   {label:<34} {ms:7.2f} ms  {ms / floor:5.1f}x the bare view")

        print("2. compute_plan right after a write (no plan cache)")
        people = {
            label: make_person(f"{days}-{time.time_ns()}", days, seed=7)
            for label, days in (("a month in", 30), ("five years in", PLAN_DAYS_MAX))
        }
        for who in people.values():
            compute_plan(who, on=today)  # the first look keeps the checkpoints

        def plan(who):
            return lambda: compute_plan(who, on=today)

        def again(who):
            return lambda: report_pain(who, on=today, when="rest", score=2, today=today)

        def fresh(who):
            return lambda: PlanCheckpoint.objects.filter(person=who).delete()

        long = interleaved({k: (plan(who), again(who)) for k, who in people.items()}, runs)
        cold = interleaved(
            {k: (plan(who), fresh(who)) for k, who in people.items()}, max(3, runs // 6)
        )
        for label in people:
            print(
                f"   {label:<14} after a write {long[label]:7.2f} ms   "
                f"from scratch {cold[label]:7.2f} ms"
            )
        ratio = long["five years in"] / long["a month in"]
        print(f"   five years in / a month in: {ratio:.2f}")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    after_write = api["today after a write"] / floor
    if args.check and (after_write > 5 or ratio > 1.2):
        print(f"over target: {after_write:.1f}x the bare view, {ratio:.2f}x", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
