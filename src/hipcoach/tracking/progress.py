"""Is it working? Phase and gate checklist (the engine's), adherence, streak, range and pain.

The phase and the gate checklist come from today's plan: the engine decides them. Adherence
and the streak are counts over the workout log, with the engine's credit (a partial workout
counts half) so they agree with the gate's adherence line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hipcoach.engine.history_by_day import CREDIT
from hipcoach.engine.types import DayPlan
from hipcoach.tracking.models import ActivityRating, Measurement, PainReport, WorkoutLog
from hipcoach.tracking.services import active_enrollment, day_plan

ADHERENCE_WINDOW_DAYS = 28


@dataclass(frozen=True)
class Progress:
    program: str
    start: dt.date
    today: dt.date
    plan: DayPlan
    adherence: float | None  # share of the window's workouts done; None before any was due
    window_days: int  # the days the adherence counts
    streak: int  # days in a row with a workout done (or partly done) up to today
    workouts: list[tuple[dt.date, str]]
    measurements: list[dict]
    pain: list[tuple[dt.date, str, int]]
    activities: list[tuple[dt.date, float]]

    def to_json(self) -> dict:
        plan = self.plan
        return {
            "program": self.program,
            "start": self.start.isoformat(),
            "date": self.today.isoformat(),
            "day": plan.day,
            "phase": plan.phase,
            "stop": plan.stop,
            "flags": list(plan.flags),
            "gates": [g.to_json() for g in plan.gate],
            "adherence": None if self.adherence is None else round(self.adherence, 3),
            "adherence_window_days": self.window_days,
            "streak": self.streak,
            "workouts": [{"date": d.isoformat(), "status": s} for d, s in self.workouts],
            "measurements": self.measurements,
            "pain": [{"date": d.isoformat(), "when": w, "score": s} for d, w, s in self.pain],
            "activities": [
                {"date": d.isoformat(), "score": round(s, 2)} for d, s in self.activities
            ],
            "decisions": [d.to_json() for d in plan.decisions],
        }


def adherence(
    statuses: dict[dt.date, str],
    start: dt.date,
    today: dt.date,
    window: int = ADHERENCE_WINDOW_DAYS,
) -> tuple[float | None, int]:
    """(share done, days counted) over the last `window` days since `start`.

    Today counts only once its workout is logged: a workout not done *yet* is not missed.
    """
    first = max(start, today - dt.timedelta(days=window - 1))
    days = [first + dt.timedelta(days=i) for i in range((today - first).days + 1)]
    if today not in statuses:
        days = days[:-1]
    if not days:
        return None, 0
    return sum(CREDIT[statuses[d]] if d in statuses else 0.0 for d in days) / len(days), len(days)


def streak(statuses: dict[dt.date, str], today: dt.date) -> int:
    """Consecutive days with a workout done or partly done, ending today (or yesterday)."""
    day = today if statuses.get(today) in ("done", "partial") else today - dt.timedelta(days=1)
    count = 0
    while statuses.get(day) in ("done", "partial"):
        count += 1
        day -= dt.timedelta(days=1)
    return count


def progress(person, *, today: dt.date) -> Progress:
    enrollment = active_enrollment(person)
    plan = day_plan(person, on=max(today, enrollment.start))
    workouts = list(
        WorkoutLog.objects.filter(person=person, date__lte=today)
        .order_by("date")
        .values_list("date", "status")
    )
    statuses = {d: s for d, s in workouts if d >= enrollment.start}
    share, counted = adherence(statuses, enrollment.start, today)
    fields = ("date", "side", "position", "method", "kind", "trials", "mean")
    measurements = [
        dict(zip(fields, row, strict=True)) | {"date": row[0].isoformat(), "mean": round(row[6], 2)}
        for row in Measurement.objects.filter(person=person, date__lte=today)
        .order_by("date", "created", "id")
        .values_list(*fields)
    ]
    pain = list(
        PainReport.objects.filter(person=person, date__lte=today)
        .order_by("date", "created", "id")
        .values_list("date", "when", "score")
    )
    by_day: dict[dt.date, list[int]] = {}
    for day, score in ActivityRating.objects.filter(person=person, date__lte=today).values_list(
        "date", "score"
    ):
        by_day.setdefault(day, []).append(score)
    activities = [(d, sum(v) / len(v)) for d, v in sorted(by_day.items())]
    return Progress(
        program=enrollment.program,
        start=enrollment.start,
        today=today,
        plan=plan,
        adherence=share,
        window_days=counted,
        streak=streak(statuses, today),
        workouts=workouts,
        measurements=measurements,
        pain=pain,
        activities=activities,
    )
