"""One person a year into hip-foundations, for the benchmarks (written straight through the ORM).

A workout most days with nine exercises logged on each side, pain during and the next morning,
a weekly test of both hips and, weekly, two own-activity ratings. Django must be set up.
"""

from __future__ import annotations

import datetime as dt
import random

PROGRAM = "hip-foundations"


def make_person(username: str, days: int, *, seed: int = 5):
    """Create `username` with `days` days of history ending yesterday; print what was made."""
    from django.contrib.auth.models import User

    from hipcoach.tracking.models import (
        ActivityRating,
        Enrollment,
        ExerciseLog,
        Measurement,
        PainReport,
        WorkoutLog,
    )
    from hipcoach.tracking.onboarding import Baseline, set_up
    from hipcoach.tracking.programs import library

    rng = random.Random(seed)
    today = dt.date.today()
    start = today - dt.timedelta(days=days)
    person = User.objects.create_user(username)
    set_up(
        person,
        program_id=PROGRAM,
        goals=["running"],
        pain_areas=["high_hamstring"],
        age=34,
        answers={},
        baseline=Baseline("prone", "inclinometer", (22, 24, 23), (35, 36, 34)),
        start=max(start, today - dt.timedelta(days=366)),  # the earliest start allowed
        today=today,
    )
    Enrollment.objects.filter(person=person).update(start=start)  # longer runs: moved back
    exercises = sorted(library().exercises)[:9]
    workouts, pain, tests, ratings = [], [], [], []
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
            ratings += [
                ActivityRating(person=person, date=day, activity=a, score=min(10, 3 + n // 60))
                for a in ("run 5 km", "sit through a film")
            ]
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
    ActivityRating.objects.bulk_create(ratings)
    print(
        f"history: {days} days on {PROGRAM}: {len(workouts)} workouts, {len(logs)} exercise logs, "
        f"{len(pain)} pain reports, {len(tests)} measurements, {len(ratings)} ratings"
    )
    return person
