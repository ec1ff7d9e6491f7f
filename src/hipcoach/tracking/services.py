"""The use cases: what the terminal coach and the web app do with a person's data.

Each function checks all of its input first (raising `InputError` with a one-line message) and
only then writes, in one transaction, so a mistake leaves nothing behind. Dates are arguments:
the caller says what "today" is. Decisions (what to do today, whether a change is real, what a
red flag means) are the engine's; this layer only fetches, converts and stores.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from hipcoach.engine.types import (
    GOALS,
    KINDS,
    METHODS,
    PAIN_AREAS,
    PAIN_WHENS,
    POSITIONS,
    RED_FLAG_KEYS,
    SIDES,
    WORKOUT_STATUSES,
    DayPlan,
    Decision,
)
from hipcoach.tracking import checks
from hipcoach.tracking.checks import InputError, NotSetUp
from hipcoach.tracking.history import history_of, profile_of
from hipcoach.tracking.models import (
    ActivityRating,
    Clearance,
    Enrollment,
    ExerciseLog,
    Measurement,
    Note,
    PainReport,
    Profile,
    RedFlagScreen,
    WorkoutLog,
)
from hipcoach.tracking.programs import library, planner

__all__ = ["InputError", "NotSetUp", "library"]


def program_ids() -> list[str]:
    return sorted(library().programs)


def _program(program_id: str):
    program = library().programs.get(program_id)
    if program is None:
        hint = checks.did_you_mean(program_id, library().programs)
        raise InputError(
            f"unknown program '{program_id}'{hint}; choose one of: {', '.join(program_ids())}"
        )
    return program


def _key(client_key: str | uuid.UUID | None) -> uuid.UUID | None:
    if client_key is None or isinstance(client_key, uuid.UUID):
        return client_key
    try:
        return uuid.UUID(str(client_key))
    except ValueError:
        raise InputError(f"client key '{client_key}' is not a UUID") from None


def _already(model, person, client_key: uuid.UUID | None):
    """The row stored earlier under `client_key` (sent twice), or None for a new record."""
    if client_key is None:
        return None
    row = model.objects.filter(client_key=client_key).first()
    if row is not None and getattr(row, "person_id", None) not in (None, person.pk):
        raise InputError("that client key belongs to someone else's record")
    return row


# --- Set-up and the red-flag screen -------------------------------------------------------


def profile_row(person) -> Profile:
    profile = Profile.objects.filter(person=person).first()
    if profile is None:
        raise NotSetUp("hipcoach is not set up yet: run `hipcoach init` first")
    return profile


def active_enrollment(person) -> Enrollment:
    """The person's current enrollment; NotSetUp (with what to do) when there is none."""
    enrollment = Enrollment.objects.filter(person=person, ended__isnull=True).first()
    if enrollment is not None:
        return enrollment
    screen = RedFlagScreen.objects.filter(person=person).order_by("-date", "-created").first()
    if screen is not None and screen.positive:
        raise NotSetUp(
            f"the program did not start: the red-flag screen of {screen.date} needs a clinician "
            "first; once they have cleared you, record it with `hipcoach cleared`, then run "
            "`hipcoach init` again"
        )
    raise NotSetUp("hipcoach is not set up yet: run `hipcoach init` first")


def screen_answers(answers: Mapping[str, bool]) -> dict[str, bool]:
    """Every screen key with its answer (unanswered = no); an unknown key is an error."""
    for key in answers:
        checks.choice(key, RED_FLAG_KEYS, "red-flag question")
    return {key: bool(answers.get(key, False)) for key in RED_FLAG_KEYS}


def red_flag_decisions(answers: Mapping[str, bool], day: dt.date) -> tuple[Decision, ...]:
    from hipcoach.engine.safety import red_flag_decisions as decide

    positives = [key for key, yes in answers.items() if yes]
    return tuple(decide(positives, day.isoformat())) if positives else ()


def record_screen(person, *, answers: Mapping[str, bool], on: dt.date, today: dt.date):
    """Store a red-flag screen; the R12 decisions when any answer is yes (else empty)."""
    profile_row(person)
    full = screen_answers(answers)
    checks.not_future(on, today)
    RedFlagScreen.objects.create(
        person=person,
        date=on,
        answers=full,
        positive=any(full.values()),
        created=_safety_now(person),
    )
    return red_flag_decisions(full, on)


def _safety_now(person) -> dt.datetime:
    """Now, but strictly after the person's last screen or clearance: their order decides
    whether a "yes" was cleared (R12), even when the clock stands still or steps back."""
    latest = [
        row.created
        for model in (RedFlagScreen, Clearance)
        if (row := model.objects.filter(person=person).order_by("-created").first()) is not None
    ]
    now = timezone.now()
    return max([now, *(t + dt.timedelta(microseconds=1) for t in latest)])


def record_clearance(person, *, on: dt.date, today: dt.date, note: str = "") -> None:
    """Record that a clinician saw the person on `on` and cleared them to exercise (R12).

    It ends the stop of every red-flag screen dated on or before `on`; a later "yes" stops the
    program again. Refused when there is no red flag to clear.
    """
    checks.not_future(on, today)
    note = note.strip()
    if len(note) > 500:
        raise InputError("the note is too long: keep it under 500 characters")
    flagged = RedFlagScreen.objects.filter(person=person, positive=True, date__lte=on)
    latest = (
        Clearance.objects.filter(person=person)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    if latest is not None:
        flagged = flagged.filter(date__gt=latest)
    if not flagged.exists():
        raise InputError(
            f"nothing to clear: no red-flag answer on or before {on} is waiting for a clinician"
        )
    Clearance.objects.create(person=person, date=on, note=note, created=_safety_now(person))


@dataclass(frozen=True)
class Baseline:
    """A first IR test for `init`: position, method and the trials of each side."""

    position: str
    method: str
    left: Sequence[float]
    right: Sequence[float]


@dataclass(frozen=True)
class SetUpResult:
    enrollment: Enrollment | None  # None: stopped at the red-flag screen
    decisions: tuple[Decision, ...]  # R12 when stopped
    baseline: MeasureResult | None = None


def set_up(
    person,
    *,
    program_id: str,
    goals: Iterable[str],
    pain_areas: Iterable[str],
    age: int | None,
    answers: Mapping[str, bool],
    baseline: Baseline | None,
    start: dt.date,
    today: dt.date,
    restart: bool = False,
) -> SetUpResult:
    """`hipcoach init`: profile, red-flag screen, baseline test and enrollment, all or nothing.

    A "yes" on the screen stores the profile, the screen and the baseline, and enrolls no one:
    the program does not start until a clinician has cleared the person.
    """
    goals = checks.choices(goals, GOALS, "goal")
    pain_areas = checks.choices(pain_areas, PAIN_AREAS, "pain area")
    checks.age(age)
    full = screen_answers(answers)
    program = _program(program_id)
    checks.not_future(start, today, "start date")
    current = Enrollment.objects.filter(person=person, ended__isnull=True).first()
    if current is not None and not restart:
        raise InputError(
            f"already set up: on {current.program} since {current.start}; to start again, add "
            "--restart (your history is kept)"
        )
    if baseline is not None:
        _check_test(baseline.position, baseline.method, "ir", baseline.left, baseline.right)
    decisions = red_flag_decisions(full, today)
    with transaction.atomic():
        Profile.objects.update_or_create(
            person=person,
            defaults={
                "goals": list(goals),
                "pain_areas": list(pain_areas),
                "age": age,
                "updated": timezone.now(),
            },
        )
        RedFlagScreen.objects.create(
            person=person,
            date=today,
            answers=full,
            positive=bool(decisions),
            created=_safety_now(person),
        )
        result = None
        if baseline is not None:
            result = measure(
                person,
                on=today,
                today=today,
                position=baseline.position,
                method=baseline.method,
                left=baseline.left,
                right=baseline.right,
            )
        if decisions:
            return SetUpResult(None, decisions, result)
        if current is not None:
            current.ended = today
            current.save(update_fields=["ended"])
        enrollment = Enrollment.objects.create(
            person=person, program=program.id, version=program.version, start=start
        )
    return SetUpResult(enrollment, (), result)


def recommend_program(goals: Iterable[str], pain_areas: Iterable[str]) -> tuple[str, str]:
    """The program to suggest at set-up, and why, in words.

    The full program when there is pain or a goal beyond a warm-up; the short primer for
    someone who mainly wants their hips ready to run. Only shipped programs are suggested.
    """
    available = set(program_ids())
    goals, pain_areas = set(goals), set(pain_areas)
    full, primer = "hip-foundations", "hip-ir-primer"
    if primer in available and not pain_areas and goals <= {"running", "flexibility"}:
        return primer, "no pain areas, and a short daily routine before running fits your goals"
    if full in available:
        why = "you have pain to look after" if pain_areas else "your goals need more than range"
        return full, f"{why}: it builds range first, then strength and control"
    return sorted(available)[0], "it is the program available"


# --- Today -------------------------------------------------------------------------------


def day_plan(person, *, on: dt.date, pre_run: bool = False) -> DayPlan:
    """The engine's plan for `on` (any date from the start on, future ones too)."""
    plan = planner()
    enrollment = active_enrollment(person)
    if on < enrollment.start:
        raise InputError(f"{on} is before your program started ({enrollment.start})")
    return plan(
        _program(enrollment.program),
        library().exercises,
        profile_of(person),
        history_of(person, until=on),
        enrollment.start,
        on,
        pre_run=pre_run,
    )


def day_plan_json(person, *, on: dt.date, pre_run: bool = False) -> dict:
    """The plan for `on` as its JSON contract, from the plan cache when nothing has changed."""
    from hipcoach.tracking import plancache

    enrollment = active_enrollment(person)
    if on < enrollment.start:
        raise InputError(f"{on} is before your program started ({enrollment.start})")
    key = plancache.key(person, on, pre_run)
    cached = plancache.load(person, key)
    if cached is not None:
        return cached
    plan = day_plan(person, on=on, pre_run=pre_run).to_json()
    plancache.store(person, key, plan)
    return plan


# --- Logging -----------------------------------------------------------------------------


def _workout_day(person, on: dt.date, today: dt.date) -> Enrollment:
    enrollment = active_enrollment(person)
    checks.not_future(on, today)
    if on < enrollment.start:
        raise InputError(f"{on} is before your program started ({enrollment.start})")
    return enrollment


def log_workout(
    person, *, on: dt.date, status: str, today: dt.date, client_key=None
) -> tuple[WorkoutLog, bool]:
    """Record the day's workout as done, skipped or partial; (row, created?).

    A day has one workout: logging it again changes its status. The same client key sent twice
    stores it once.
    """
    checks.choice(status, WORKOUT_STATUSES, "status")
    key = _key(client_key)
    enrollment = _workout_day(person, on, today)
    if (row := _already(WorkoutLog, person, key)) is not None:
        return row, False
    with transaction.atomic():
        row = WorkoutLog.objects.filter(person=person, date=on).first()
        if row is not None:
            row.status, row.updated = status, timezone.now()
            row.save(update_fields=["status", "updated"])
            return row, False
        fields = {"client_key": key} if key else {}
        row = WorkoutLog.objects.create(
            person=person, enrollment=enrollment, date=on, status=status, **fields
        )
    return row, True


@dataclass(frozen=True)
class DoneDose:
    """The dose actually done for one exercise and side."""

    sets: int | None = None
    reps: int | None = None
    hold_s: int | None = None
    time_s: int | None = None


def log_exercise(
    person,
    *,
    on: dt.date,
    exercise: str,
    side: str,
    status: str,
    dose: DoneDose = DoneDose(),
    today: dt.date,
    client_key=None,
) -> ExerciseLog:
    """Record one exercise and side of the day's workout (the player calls this as it goes).

    The day's workout is created as `partial` with the first exercise; `finish_workout` gives
    it its final status, so a workout cut short stays `partial` with what was done.
    """
    checks.choice(side, SIDES, "side")
    checks.choice(status, WORKOUT_STATUSES, "status")
    if exercise not in library().exercises:
        raise InputError(
            f"unknown exercise '{exercise}'{checks.did_you_mean(exercise, library().exercises)}"
        )
    key = _key(client_key)
    enrollment = _workout_day(person, on, today)
    existing = ExerciseLog.objects.filter(client_key=key).first() if key else None
    if existing is not None:
        return existing
    with transaction.atomic():
        workout, made = WorkoutLog.objects.get_or_create(
            person=person, date=on, defaults={"status": "partial", "enrollment": enrollment}
        )
        if not made and workout.status == "skipped":
            workout.status, workout.updated = "partial", timezone.now()
            workout.save(update_fields=["status", "updated"])
        fields = {"client_key": key} if key else {}
        return ExerciseLog.objects.create(
            workout=workout,
            exercise=exercise,
            side=side,
            status=status,
            sets=dose.sets,
            reps=dose.reps,
            hold_s=dose.hold_s,
            time_s=dose.time_s,
            **fields,
        )


def finish_workout(person, *, on: dt.date, status: str, today: dt.date) -> WorkoutLog:
    """Give the day's workout its final status once the player is through it."""
    row, _ = log_workout(person, on=on, status=status, today=today)
    return row


# --- Pain, activities and notes ------------------------------------------------------------


def report_pain(
    person, *, on: dt.date, when: str, score: int, today: dt.date, client_key=None
) -> PainReport:
    """Record pain 0–10 during the workout, the next morning, or at rest."""
    checks.choice(when, PAIN_WHENS, "pain moment")
    checks.pain_score(score, when)
    checks.not_future(on, today)
    key = _key(client_key)
    profile_row(person)
    if (row := _already(PainReport, person, key)) is not None:
        return row
    fields = {"client_key": key} if key else {}
    return PainReport.objects.create(person=person, date=on, when=when, score=score, **fields)


def rate_activities(
    person, *, on: dt.date, ratings: Sequence[tuple[str, int]], today: dt.date
) -> list[ActivityRating]:
    """Rate your own activities 0 (cannot do it) to 10 (as well as before the problem)."""
    if not ratings:
        raise InputError('name at least one activity with its rating, e.g. "run 5 km=4"')
    cleaned = []
    for name, score in ratings:
        name = " ".join(name.split())
        if not 2 <= len(name) <= 120:
            raise InputError(f"activity '{name}' should be a short phrase (2 to 120 characters)")
        cleaned.append((name, checks.rating(score, name)))
    checks.not_future(on, today)
    profile_row(person)
    with transaction.atomic():
        return [
            ActivityRating.objects.create(person=person, date=on, activity=name, score=score)
            for name, score in cleaned
        ]


def last_activities(person) -> list[str]:
    """The activities named at the latest rating, to rate the same ones again."""
    latest = ActivityRating.objects.filter(person=person).order_by("-date", "-created").first()
    if latest is None:
        return []
    names = ActivityRating.objects.filter(person=person, date=latest.date).order_by("created", "id")
    return list(dict.fromkeys(names.values_list("activity", flat=True)))


def add_note(person, *, on: dt.date, text: str, today: dt.date) -> Note:
    text = text.strip()
    if not text:
        raise InputError("the note is empty")
    if len(text) > 2000:
        raise InputError(f"the note is {len(text)} characters long: keep it under 2000")
    checks.not_future(on, today)
    profile_row(person)
    return Note.objects.create(person=person, date=on, text=text)


# --- Measurement ---------------------------------------------------------------------------


def _check_test(position, method, kind, left, right) -> tuple[tuple[float, ...], tuple[float, ...]]:
    checks.choice(position, POSITIONS, "position")
    checks.choice(method, METHODS, "method")
    checks.choice(kind, KINDS, "kind")
    left, right = checks.trials(left, "left"), checks.trials(right, "right")
    if not left and not right:
        raise InputError("give at least one trial: --left DEG and --right DEG, three of each")
    return left, right


@dataclass(frozen=True)
class MeasureResult:
    """A test just stored, with the last like-for-like test before it (R1) to compare with."""

    test: object  # engine.measurement.Test
    previous: object | None  # the latest earlier Test of the same kind, position and method
    trials: dict[str, tuple[float, ...]] = field(default_factory=dict)  # side -> degrees
    changes: dict[str, object] = field(default_factory=dict)  # side -> engine Change (R2)
    asymmetric: bool = False  # R3 on this test alone (the engine flags it after two tests)
    within_error: bool = False  # the sides differ by no more than the method's error
    pooled: bool = False  # the same day already had trials of this test: all are averaged

    @property
    def short_of_trials(self) -> bool:
        from hipcoach.engine.constants import TRIALS_PER_TEST

        return self.test.trials < TRIALS_PER_TEST


def measure(
    person,
    *,
    on: dt.date,
    today: dt.date,
    position: str,
    method: str,
    left: Sequence[float],
    right: Sequence[float],
    kind: str = "ir",
) -> MeasureResult:
    """Store a rotation test (each side's trials and mean) and compare it like for like."""
    from hipcoach.engine import measurement as maths

    left, right = _check_test(position, method, kind, left, right)
    checks.not_future(on, today)
    profile_row(person)
    earlier = Measurement.objects.filter(
        person=person, kind=kind, position=position, method=method, date__lt=on
    ).order_by("-date")
    latest_day = earlier.values_list("date", flat=True).first()
    from hipcoach.engine.types import Measurement as EngineMeasurement

    previous = None
    if latest_day is not None:
        rows = earlier.filter(date=latest_day).values_list("side", "trials")
        previous = maths.group_tests(
            EngineMeasurement(latest_day, s, position, method, tuple(t), kind) for s, t in rows
        )[0]
    new = [
        EngineMeasurement(on, s, position, method, t, kind)
        for s, t in (("left", left), ("right", right))
        if t
    ]
    # Trials given earlier the same day belong to the same test: the engine pools them (R1),
    # so the result shown here is the pooled test too.
    same_day = [
        EngineMeasurement(on, s, position, method, tuple(t), kind)
        for s, t in Measurement.objects.filter(
            person=person, kind=kind, position=position, method=method, date=on
        ).values_list("side", "trials")
    ]
    with transaction.atomic():
        for m in new:
            Measurement.objects.create(
                person=person,
                date=on,
                side=m.side,
                position=position,
                method=method,
                kind=kind,
                trials=list(m.trials),
                mean=m.mean,
            )
    test = maths.group_tests(same_day + new)[0]
    changes = {}
    for side in ("left", "right"):
        before = previous.side(side) if previous else None
        after = test.side(side)
        if before is not None and after is not None:
            changes[side] = maths.Change(before, after, method)
    trials: dict[str, tuple[float, ...]] = {}
    for m in same_day + new:
        trials[m.side] = trials.get(m.side, ()) + m.trials
    return MeasureResult(
        test,
        previous,
        trials,
        changes,
        maths.is_asymmetric(test),
        maths.within_error(test),
        pooled=bool(same_day),
    )
