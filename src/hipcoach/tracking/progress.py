"""Is it working? Phase and gate checklist (the engine's), adherence, streak, range and pain.

The one computation of a person's progress: the terminal (`hipcoach progress`), the web's
progress page and the API's progress endpoint all render the `Progress` made here.

The phase and the gate checklist come from today's plan: the engine decides them. Adherence
and the streak are counts over the workout log, with the engine's credit (a partial workout
counts half) so they agree with the gate's adherence line. Range is the engine's tests
(`engine.measurement`), in the set-up the person tests with most (tests compare only like for
like, R1), with its measurement error and the program's target. The words about range — how
the sides compare (`verdict`) and what the latest test says against the previous and the best
(`change`) — are the engine's (`engine.trend`), the same reading as the plan's R2 reasons: pages
show them as they are.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User

from hipcoach.engine import measurement as maths
from hipcoach.engine import trend
from hipcoach.engine.history_by_day import CREDIT
from hipcoach.engine.types import DayPlan
from hipcoach.engine.words import ENGLISH, Said, Words, joined, rendered
from hipcoach.tracking.models import (
    ActivityRating,
    Enrollment,
    Measurement,
    PainReport,
    WorkoutLog,
    engine_measurement,
)
from hipcoach.tracking.plans import day_plan, why_no_plan
from hipcoach.tracking.programs import library
from hipcoach.vocabulary import PainPlace, Side, WorkoutStatus

ADHERENCE_WINDOW_DAYS = 28
PAIN_SIDE_DAYS = 14  # the days the pain-by-side summary covers, today included


def where_words(side: str, place: str, words: Words = ENGLISH) -> str:
    """A pain report's side and place in `words`: 'left side, the buttock'; 'both sides'."""
    said = [words.term(Side(side))]
    if place != PainPlace.unspecified:
        said.append(words.term_words(PainPlace(place)))
    return ", ".join(said)


def pain_by_side_words(pain: list[tuple[dt.date, str, int, str, str]], today: dt.date) -> str:
    """The last `PAIN_SIDE_DAYS` days' pain reports by side, in words ("" with none): how
    many, the worst and where, for the left side, the right side and both sides."""
    recent = [p for p in pain if 0 <= (today - p[0]).days < PAIN_SIDE_DAYS]
    if not recent:
        return ""
    parts = []
    for side in (Side.left, Side.right, Side.both):
        said = [(score, place) for _, _, score, on, place in recent if on == side]
        if not said:
            parts.append(f"{side.label}: none")
            continue
        places = dict.fromkeys(
            PainPlace(place).words for _, place in said if place != PainPlace.unspecified
        )
        where = f" ({', '.join(places)})" if places else ""
        count = f"{len(said)} report{'s' if len(said) != 1 else ''}"
        parts.append(f"{side.label}: {count}, worst {max(s for s, _ in said)}/10{where}")
    return f"Pain by side, the last {PAIN_SIDE_DAYS} days: {'; '.join(parts)}."


@dataclass(frozen=True)
class Progress:
    program: str | None  # None: no program (not set up, or stopped by a red flag)
    start: dt.date | None
    today: dt.date
    plan: DayPlan | None  # today's plan (the program's first day before it starts)
    adherence: float | None  # share of the window's workouts done; None before any was due
    window_days: int  # the days the adherence counts
    streak: int  # days in a row with a workout done (or partly done) up to today
    workouts: list[tuple[dt.date, str]]
    measurements: list[dict]
    pain: list[tuple[dt.date, str, int, str, str]]  # (date, when, score, side, place)
    activities: list[tuple[dt.date, float]]
    ir_tests: list[maths.Test]  # in the set-up tested most (R1), oldest first
    target: float | None  # the program's range target for that set-up's position
    # the latest test's left-right comparison, in words (`trend.asymmetry_words`), kept as made
    # (`engine.words.Said`: in each reader's words when shown; English in `to_json`)
    verdict: Said | str
    change: Said | str = ""  # the latest test against the previous and the best, in words
    # (`trend.latest_words`: "no detectable change", "a real loss since your best", or "that
    # reading looks too different from your last one — please measure again")
    # why a program has no plan today (run too long to plan, gone from the content), kept as
    # made (`tracking.plans.why_no_plan`: in each reader's words when shown; English in JSON)
    unplanned: Said | str = ""

    @property
    def latest_test(self) -> maths.Test | None:
        return self.ir_tests[-1] if self.ir_tests else None

    @property
    def measurement_error(self) -> float | None:
        """How far the latest test's method can be out (degrees), the band around the line."""
        latest = self.latest_test
        return maths.mdc(latest.method) if latest else None

    @property
    def habit_words(self) -> str:
        """'Workouts done: 82% of the last 27 days · streak: 5 days': the terminal's line and
        the progress page's, one computation."""
        share = "—" if self.adherence is None else f"{self.adherence:.0%}"
        window = f" of the last {self.window_days} days" if self.window_days else ""
        days = "day" if self.streak == 1 else "days"
        return f"Workouts done: {share}{window} · streak: {self.streak} {days}"

    @property
    def pain_sides(self) -> str:
        """`pain_by_side_words` of the reports up to today."""
        return pain_by_side_words(self.pain, self.today)

    @property
    def gate(self) -> tuple:
        return self.plan.gate if self.plan else ()

    def count(self, status: str) -> int:
        """How many workouts were logged with `status` (done, partial, skipped)."""
        return sum(1 for _, s in self.workouts if s == status)

    def to_json(self) -> dict:
        plan = self.plan
        assert self.start is not None, "no program: nothing to report"
        return {
            "program": self.program,
            "start": self.start.isoformat(),
            "date": self.today.isoformat(),
            "day": plan.day if plan else None,
            "phase": plan.phase if plan else None,
            "stop": plan.stop if plan else None,
            "flags": list(plan.flags) if plan else [],
            "gates": [g.to_json() for g in self.gate],
            "unplanned": str(self.unplanned) or None,
            "adherence": None if self.adherence is None else round(self.adherence, 3),
            "adherence_window_days": self.window_days,
            "streak": self.streak,
            "workouts": [{"date": d.isoformat(), "status": s} for d, s in self.workouts],
            "measurements": self.measurements,
            "asymmetry": rendered(self.verdict),
            "change": rendered(self.change),
            "pain": [
                {"date": d.isoformat(), "when": w, "score": s, "side": side, "place": place}
                for d, w, s, side, place in self.pain
            ],
            "pain_by_side": self.pain_sides or None,
            "activities": [
                {"date": d.isoformat(), "score": round(s, 2)} for d, s in self.activities
            ],
            "decisions": [d.to_json() for d in plan.decisions] if plan else [],
        }


def adherence(
    statuses: dict[dt.date, WorkoutStatus],
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


def streak(statuses: dict[dt.date, WorkoutStatus], today: dt.date) -> int:
    """Consecutive days with a workout done or partly done, ending today (or yesterday)."""
    day = today if statuses.get(today) in ("done", "partial") else today - dt.timedelta(days=1)
    count = 0
    while statuses.get(day) in ("done", "partial"):
        count += 1
        day -= dt.timedelta(days=1)
    return count


def ir_tests(person: User, *, until: dt.date | None = None) -> list[maths.Test]:
    """The person's IR tests in their most used set-up (tests compare only like for like, R1)."""
    rows = Measurement.objects.filter(person=person, kind="ir")
    if until is not None:
        rows = rows.filter(date__lte=until)
    return like_for_like(rows.order_by("date", "created").values_list(*IR_COLUMNS))


IR_COLUMNS = ("date", "side", "position", "method", "trials", "kind")  # what `like_for_like` reads


def like_for_like(rows: Iterable[tuple]) -> list[maths.Test]:
    """The tests of a person's measurement rows (`IR_COLUMNS`, oldest first) in their most
    used set-up."""
    tests = maths.group_tests(
        engine_measurement(d, side, position, method, trials, kind)
        for d, side, position, method, trials, kind in rows
    )
    if not tests:
        return []
    setup = Counter(t.setup for t in tests).most_common(1)[0][0]
    return [t for t in tests if t.setup == setup]


def range_target(program_id: str | None, position: str) -> float | None:
    """The range target of the program's gates for this position, e.g. 30° prone."""
    program = library().programs.get(program_id) if program_id else None
    for phase in program.phases if program else []:
        for criterion in phase.gate.criteria if phase.gate else []:
            if criterion.measure.value == f"ir_{position}" and criterion.at_least is not None:
                return criterion.at_least
    return None


# the verdicts are the engine's words (`engine.trend`), never recomputed here
asymmetry_verdict = trend.asymmetry_words


# The plan's words about the range itself, beside how the sides compare: a markedly limited
# hip (R4) and a possible bony limit (R5). Two hips at 12° and 14° differ by nothing a phone
# can tell, and both are markedly limited: the verdict says both, as today's plan does.
RANGE_RULES = ("R4", "R5")


def _verdict(latest: maths.Test | None, plan: DayPlan | None) -> Said:
    """The latest test's verdict: how the sides compare (`trend.asymmetry_words`), then what
    today's plan says of the range (R4, R5), in the plan's own words."""
    flags = plan.flags if plan is not None else ()
    words: list[Said | str] = [trend.asymmetry_words(latest, flagged="asymmetry" in flags)]
    if plan is not None:
        words += [d.said or d.reason for d in plan.decisions if d.rule in RANGE_RULES]
    return joined(*words, between=" ")


def progress(person: User, *, today: dt.date) -> Progress:
    """The person's progress up to `today` (with `plan` None when they have no program)."""
    enrollment = Enrollment.objects.filter(person=person, ended__isnull=True).first()
    plan, unplanned = None, None
    if enrollment is not None:
        on = max(today, enrollment.start)
        # gone from the content, or run too long: no plan, but the rest still shows
        unplanned = why_no_plan(enrollment, on)
        plan = day_plan(person, on=on) if unplanned is None else None
    workouts = list(
        WorkoutLog.objects.filter(person=person, date__lte=today)
        .order_by("date")
        .values_list("date", "status")
    )
    start = enrollment.start if enrollment else None
    statuses = {d: WorkoutStatus(s) for d, s in workouts if start is not None and d >= start}
    share, counted = adherence(statuses, start, today) if start else (None, 0)
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
        .values_list("date", "when", "score", "side", "place")
    )
    by_day: dict[dt.date, list[int]] = {}
    for day, score in ActivityRating.objects.filter(person=person, date__lte=today).values_list(
        "date", "score"
    ):
        by_day.setdefault(day, []).append(score)
    activities = [(d, sum(v) / len(v)) for d, v in sorted(by_day.items())]
    tests = ir_tests(person, until=today)
    program = enrollment.program if enrollment else None
    return Progress(
        program=program,
        start=start,
        today=today,
        plan=plan,
        unplanned=unplanned or "",
        adherence=share,
        window_days=counted,
        streak=streak(statuses, today),
        workouts=workouts,
        measurements=measurements,
        pain=pain,
        activities=activities,
        ir_tests=tests,
        target=range_target(program, tests[-1].position) if tests else None,
        verdict=_verdict(tests[-1] if tests else None, plan),
        change=trend.latest_words(tests),
    )
