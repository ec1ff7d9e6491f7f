"""The worker's nightly pass over many people: generated histories, bulk inserted.

Makes N people (default 300), each 60–365 days into one of the shipped programs, in time zones
around the world, with a workout most days (four exercises a side), pain during and the next
morning, and a test of both hips every week; then times `tracking.statuses.refresh_statuses`
(what the `nightly_pass` job runs): the first pass (every plan from scratch), a second at the
same moment (nothing due), and one a day later (every day turned: from scratch again, until
the incremental engine lands).

    .venv/bin/python benchmarks/bench_nightly.py [--people 300] [--seed 7]

SQLite in a temporary data home, or the database of DATABASE_URL when set (it adds people to
it: use a database of its own).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

ZONES = ["UTC", "Europe/London", "America/Los_Angeles", "Asia/Tokyo", "Pacific/Kiritimati", ""]


def generate(count: int, seed: int, today: dt.date) -> int:
    """`count` people with histories, written with bulk inserts; the rows made."""
    from django.contrib.auth.models import User

    from hipcoach.tracking.models import (
        Enrollment,
        ExerciseLog,
        Measurement,
        PainReport,
        Profile,
        RedFlagScreen,
        WorkoutLog,
    )
    from hipcoach.tracking.programs import library
    from hipcoach.vocabulary import RedFlag, values

    rng = random.Random(seed)
    programs = sorted(library().programs)
    exercises = sorted(library().exercises)
    clear = dict.fromkeys(values(RedFlag), False)
    first = User.objects.order_by("-id").values_list("id", flat=True).first() or 0
    users = User.objects.bulk_create(
        [User(username=f"bench-{first + n}", password="!") for n in range(count)]
    )
    users = list(User.objects.filter(username__startswith="bench-", id__gt=first))
    starts = {u.pk: today - dt.timedelta(days=rng.randint(60, 365)) for u in users}
    Profile.objects.bulk_create(
        Profile(
            person=u,
            goals=["running"],
            pain_areas=["high_hamstring"],
            age=rng.randint(20, 70),
            time_zone=rng.choice(ZONES),
        )
        for u in users
    )
    RedFlagScreen.objects.bulk_create(
        RedFlagScreen(person=u, date=starts[u.pk], answers=clear, positive=False) for u in users
    )
    Enrollment.objects.bulk_create(
        Enrollment(person=u, program=rng.choice(programs), version=1, start=starts[u.pk])
        for u in users
    )
    workouts, pain, tests = [], [], []
    for u in users:
        left, right = rng.uniform(15, 30), rng.uniform(25, 40)
        for n in range((today - starts[u.pk]).days):
            day = starts[u.pk] + dt.timedelta(days=n)
            if rng.random() < 0.8:
                status = "done" if rng.random() < 0.85 else "partial"
                workouts.append(WorkoutLog(person=u, date=day, status=status))
                pain.append(PainReport(person=u, date=day, when="during", score=rng.randint(0, 4)))
            if rng.random() < 0.6:
                pain.append(
                    PainReport(person=u, date=day, when="next_morning", score=rng.randint(0, 3))
                )
            if n % 7 == 0:
                left = min(left + rng.uniform(-0.5, 1.5), 45)
                for side, mean in (("left", left), ("right", right)):
                    trials = [round(mean + d, 1) for d in (-1, 0, 1)]
                    tests.append(
                        Measurement(
                            person=u,
                            date=day,
                            side=side,
                            position="prone",
                            method="phone",
                            kind="ir",
                            trials=trials,
                            mean=sum(trials) / 3,
                        )
                    )
    WorkoutLog.objects.bulk_create(workouts, batch_size=5000)
    ids = WorkoutLog.objects.filter(person__in=users).values_list("id", flat=True)
    logs = [
        ExerciseLog(workout_id=w, exercise=e, side=side, status="done", sets=2, reps=8, hold_s=2)
        for w in ids
        for e in rng.sample(exercises, 4)
        for side in ("left", "right")
    ]
    ExerciseLog.objects.bulk_create(logs, batch_size=5000)
    PainReport.objects.bulk_create(pain, batch_size=5000)
    Measurement.objects.bulk_create(tests, batch_size=5000)
    return 4 * len(users) + len(workouts) + len(logs) + len(pain) + len(tests)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="hipcoach-bench-nightly-"))
    os.environ.setdefault("HIPCOACH_HOME", str(home))
    try:
        from hipcoach.tracking.database import ensure_ready

        ensure_ready()
        from django.conf import settings
        from django.utils import timezone

        from hipcoach.tracking.statuses import refresh_statuses

        now = timezone.now()
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        began = time.perf_counter()
        rows = generate(args.people, args.seed, now.date())
        made = time.perf_counter() - began
        print(f"{engine}: {args.people} people, {rows:,} rows made in {made:.1f} s (bulk)")
        for label, at in (
            ("first pass (every plan from scratch)", now),
            ("again at once (nothing due)", now),
            ("a day later (every day turned)", now + dt.timedelta(days=1)),
        ):
            done = refresh_statuses(now=at)
            each = (
                f" ({1000 * done['seconds'] / done['refreshed']:.1f} ms a person)"
                if done["refreshed"]
                else ""
            )
            print(
                f"{label}: {done['refreshed']} of {done['people']} refreshed in "
                f"{done['seconds']:.3f} s{each}, {done['failed']} failed"
            )
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
