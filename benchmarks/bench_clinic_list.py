"""Server time of a clinician's list of their people (GET /clinic/), 10,000 people sharing.

Makes a fresh data home (SQLite, or the database in DATABASE_URL) with one clinic and its
clinician, and N people who share their record with it, each with a stored status written
directly (as the background pass would leave them: a spread of phases, pain, range, flags,
days with data of the running monitoring period, and needs with their reasons). Then asks for list pages through Django's full request stack
(middleware, session, the view, the template) in this process, the first page and pages spread
over the list, and reports p50 and p95. Each page also writes the day's "saw you in the list"
lines of the people on it (one statement), as in use.

    .venv/bin/python benchmarks/bench_clinic_list.py [--people 10000] [--runs 40] [--check 0.3]

With --check SECONDS it exits 1 when the p95 is over that budget.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time

from benchkit import django_in_fresh_home, report

BATCH = 1000
SIGNED_OFF = 0.1  # the share of people signed off


def make_caseload(people: int, seed: int = 24):  # type: ignore[no-untyped-def]
    """The clinician, after `people` people shared with their clinic, each with a status."""
    from django.contrib.auth.models import User
    from django.utils import timezone

    from hipcoach.clinic import accounts
    from hipcoach.clinic.models import Share
    from hipcoach.engine import attention
    from hipcoach.tracking import plan_cache
    from hipcoach.tracking.models import PersonStatus

    rng = random.Random(seed)
    now = timezone.now()
    today = now.date()
    clinician = accounts.sign_up(
        username=f"clinician-{time.time_ns()}",
        email="lena@clinic.example",
        password="a-clinicians-password-1",
        name="Lena Ortiz, PT",
        clinic_name="Riverside Physio",
        now=now,
    )
    version = plan_cache.code_version()
    prefix = f"p{time.time_ns()}-"
    for first in range(0, people, BATCH):
        users = User.objects.bulk_create(
            [User(username=f"{prefix}{n:05d}") for n in range(first, min(people, first + BATCH))]
        )
        # one in ten signed off (a discharge), the list leaving them out unless back
        Share.objects.bulk_create(
            [
                Share(
                    person=u,
                    clinic_id=clinician.clinic_id,
                    scope="read",
                    signed_off=timezone.now() if rng.random() < SIGNED_OFF else None,
                )
                for u in users
            ]
        )
        rows = []
        for user in users:
            flags = tuple(
                flag
                for flag, chance in (("pain_flare", 0.05), ("reassess", 0.15), ("refer", 0.01))
                if rng.random() < chance
            )
            day = rng.randrange(0, 120)
            pain = rng.randrange(0, 8)
            pain_date = today - dt.timedelta(days=rng.randrange(0, 10))
            last = today - dt.timedelta(days=rng.randrange(0, 14))
            done = rng.randrange(0, 8)
            found = attention.reasons(
                attention.Standing(
                    today=today,
                    program="hip-foundations",
                    day=day,
                    flags=flags,
                    pain_score=pain,
                    pain_when="next_morning",
                    pain_date=pain_date,
                    last_data=last,
                    workouts_7=done,
                )
            )
            left, right = rng.uniform(15, 40), rng.uniform(15, 40)
            rows.append(
                PersonStatus(
                    person=user,
                    date=today,
                    computed=now,
                    code_version=version,
                    program="hip-foundations",
                    day=day,
                    phase=rng.choice(["mobility", "activation", "strength", "function"]),
                    flags=list(flags),
                    pain_score=pain,
                    pain_when="next_morning",
                    pain_date=pain_date,
                    workouts_7=done,
                    workouts_30=min(30, done * 4),
                    ir_left=left,
                    ir_left_date=last,
                    ir_right=right,
                    ir_right_date=last,
                    ir_left_change=rng.uniform(-4, 4),
                    ir_right_change=rng.uniform(-4, 4),
                    ir_position="prone",
                    ir_method="phone",
                    ir_error=5.0,
                    last_data=last,
                    # the running 30-day monitoring period, from a start up to 120 days back
                    monitoring_first=today - dt.timedelta(days=day % 30),
                    monitoring_days=rng.randrange(0, day % 30 + 1),
                    need=attention.need(found),
                    reasons=[words for _, words in found],
                )
            )
        PersonStatus.objects.bulk_create(rows)
    return clinician


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--check", type=float, default=None, metavar="SECONDS")
    args = parser.parse_args()

    with django_in_fresh_home("hipcoach-bench-clinic-"):
        from django.db import connection
        from django.test import Client

        began = time.perf_counter()
        clinician = make_caseload(args.people)
        seconds = time.perf_counter() - began
        print(f"{args.people} people with statuses in {seconds:.1f} s on {connection.vendor}")
        client = Client()
        client.force_login(clinician.account)
        assert client.get("/clinic/").status_code == 200  # imports and templates, once
        pages = max(1, -(-args.people // 50))
        rng = random.Random(1)
        results = {}
        for label, choose in (("first", lambda: 1), ("any", lambda: rng.randrange(1, pages + 1))):
            times = []
            for _ in range(args.runs):
                url = f"/clinic/?page={choose()}"
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
                assert response.status_code == 200, url
            results[label] = report(label, times)
    worst = max(p95 for _, p95 in results.values())
    if args.check is not None and worst > args.check:
        print(f"p95 over the {args.check * 1000:.0f} ms budget", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
