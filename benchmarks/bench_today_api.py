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
import sys
import time

from benchkit import django_in_fresh_home, report
from yearofhistory import make_person


def timings(client, runs: int, *, cold: bool) -> list[float]:
    times = []
    for _ in range(runs):
        if cold:
            from hipcoach.tracking.models import PlanCache

            PlanCache.objects.update(plans={})
        began = time.perf_counter()
        response = client.get("/api/v1/today")
        times.append(time.perf_counter() - began)
        assert response.status_code == 200, response.content[:300]
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--check", type=float, default=None, metavar="SECONDS")
    args = parser.parse_args()

    with django_in_fresh_home("hipcoach-bench-api-"):
        from django.test import Client

        person = make_person(f"bench-{time.time_ns()}", args.days, seed=6)
        client = Client()
        client.force_login(person)
        client.get("/api/v1/today")  # imports and the content library, once per process
        report("cold", timings(client, max(5, args.runs // 4), cold=True))
        _, warm_p95 = report("warm", timings(client, args.runs, cold=False))
    if args.check is not None and warm_p95 > args.check:
        print(f"warm p95 over the {args.check * 1000:.0f} ms budget", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
