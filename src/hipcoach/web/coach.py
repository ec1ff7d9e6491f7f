"""The web's door to the tracking services: every page and API endpoint comes through here.

The services (`hipcoach.tracking.services`) hold the use cases and are the one place that
writes and calls the engine; this module only adapts them to what a request carries (a user,
an idempotency key, "today" in the person's own time zone) and reads a person's own records
for lists. Every query here is filtered by the person, so nothing reaches another's data.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from hipcoach.engine.types import DayPlan, Decision, ExerciseLog
from hipcoach.tracking import services
from hipcoach.tracking.inputs import InputError, NotSetUp
from hipcoach.tracking.models import (
    Clearance,
    Enrollment,
    Measurement,
    PainReport,
    Profile,
    WorkoutLog,
)

__all__ = ["InputError", "NotSetUp"]

KEY_NAMESPACE = uuid.UUID("5b0c2b8e-7f0a-4c8a-9b1e-4f3f6c1e2d10")


def today() -> dt.date:
    """The person's own date: the zone `PersonTimeZoneMiddleware` made current (their browser's
    or their profile's), at this instant."""
    return timezone.localdate()


def client_key(person, key: str | None, part: str = "") -> uuid.UUID | None:
    """The stored key for a client's idempotency key: per person, so two people's keys never meet."""
    if not key:
        return None
    return uuid.uuid5(KEY_NAMESPACE, f"{person.pk}:{key}:{part}")


# --- Programs and set-up -------------------------------------------------------------------


def programs() -> list[dict]:
    from hipcoach.content.doses import minutes_range

    library = services.library()
    found = []
    for program in sorted(library.programs.values(), key=lambda p: p.weeks):
        low, high = minutes_range(program, library.exercises)
        found.append(
            {
                "id": program.id,
                "name": program.name,
                "weeks": program.weeks,
                "minutes": f"{low:g}–{high:g}" if low != high else f"{low:g}",
                "summary": program.summary,
            }
        )
    return found


def recommend(goals: Sequence[str], pain_areas: Sequence[str]) -> tuple[str, str]:
    return services.recommend_program(goals, pain_areas)


def screen_stops(about: About) -> bool:
    """Whether these red-flag answers stop the program for this person (R12; R17 reads the
    goals and pain areas: a painful hop alone, say, does not)."""
    return services.screen_stops(about.answers or {}, about.goals, about.pain_areas, about.age)


def enrollment(person) -> Enrollment | None:
    return Enrollment.objects.filter(person=person, ended__isnull=True).first()


@dataclass(frozen=True)
class About:
    goals: Sequence[str]
    pain_areas: Sequence[str]
    age: int | None
    answers: Mapping[str, bool] | None  # None: no new screen (a clinician cleared the last)


def set_up(
    person,
    about: About,
    *,
    program_id: str,
    baseline: services.Baseline | None,
) -> services.SetUpResult:
    day = today()
    return services.set_up(
        person,
        program_id=program_id,
        goals=about.goals,
        pain_areas=about.pain_areas,
        age=about.age,
        answers=about.answers,
        baseline=baseline,
        start=day,
        today=day,
        restart=enrollment(person) is not None,
    )


# --- Today ---------------------------------------------------------------------------------


def plan(person, *, on: dt.date | None = None, pre_run: bool = False) -> DayPlan:
    """Today's plan (or `on`'s), today being the person's own date.

    Raises NotSetUp when there is no program (not onboarded, or stopped by a red flag).
    """
    return services.day_plan(person, on=on or today(), pre_run=pre_run)


@dataclass(frozen=True)
class WaitingScreen:
    """A red-flag "yes" that still stops the program (R12), with what to do about it."""

    date: dt.date
    reasons: list[str]
    cleared_before: dt.date | None  # a clinician's earlier clearance that this "yes" came after


def waiting_screen(person) -> WaitingScreen | None:
    """The red-flag answers still waiting for a clinician, when they keep the person from a
    program (a stopped enrollment is shown on the today page instead)."""
    if enrollment(person) is not None:
        return None
    screen = services.waiting_for_clearance(person)
    if screen is None:
        return None
    answers = {key: yes for key, yes in screen.answers.items() if yes}
    earlier = (
        Clearance.objects.filter(person=person, created__lt=screen.created)
        .order_by("-date", "-created")
        .values_list("date", flat=True)
        .first()
    )
    return WaitingScreen(
        screen.date,
        [
            d.reason
            for d in services.red_flag_decisions(answers, screen.date, services.profile_of(person))
        ],
        earlier,
    )


def stop_reasons(person) -> list[str]:
    """What the red-flag answers still waiting for a clinician say to do (R12)."""
    waiting = waiting_screen(person)
    return waiting.reasons if waiting else []


def cleared_on(person) -> dt.date | None:
    """The clearance that lets a person with no program finish getting started: the date of a
    clinician's clearance that ended every red-flag "yes" so far, or None."""
    if enrollment(person) is not None or services.waiting_for_clearance(person) is not None:
        return None
    latest = Clearance.objects.filter(person=person).order_by("-date", "-created").first()
    return latest.date if latest else None


def saved_profile(person) -> dict[str, object]:
    """The saved answers about the person, to fill the form in again (empty when none)."""
    row = Profile.objects.filter(person=person).values("goals", "pain_areas", "age").first()
    return dict(row) if row else {}


def record_screen(person, *, answers: Mapping[str, bool]) -> tuple[Decision, ...]:
    """Today's red-flag answers (R12); the stop decisions when any is yes."""
    return services.record_screen(person, answers=answers, on=today(), today=today())


def record_clearance(person, *, on: dt.date | None, note: str) -> dt.date:
    """A clinician cleared the person after a red flag (R12); InputError when nothing to clear.
    The day recorded."""
    day = on or today()
    services.record_clearance(person, on=day, today=today(), note=note)
    return day


# --- Logging -------------------------------------------------------------------------------


def log_workout(
    person,
    *,
    on: dt.date,
    status: str,
    exercises: Sequence[ExerciseLog] = (),
    pain_during: int | None = None,
    key: str | None = None,
) -> tuple[WorkoutLog, bool]:
    """A workout from the player, with each exercise and side and the pain check, all or nothing.

    Sent again with the same key (a queue retried after a lost answer), nothing is stored twice:
    each part carries a key derived from it.
    """
    day = today()
    with transaction.atomic():
        row, created = services.log_workout(
            person, on=on, status=status, today=day, client_key=client_key(person, key)
        )
        for index, done in enumerate(exercises):
            services.log_exercise(
                person,
                on=on,
                done=done,
                today=day,
                client_key=client_key(person, key, f"exercise-{index}"),
            )
        if exercises:
            row = services.finish_workout(person, on=on, status=status, today=day)
        if pain_during is not None:
            services.report_pain(
                person,
                on=on,
                when="during",
                score=pain_during,
                today=day,
                client_key=client_key(person, key, "pain"),
            )
    return row, created


def log_exercise(person, *, on: dt.date, done: ExerciseLog, key: str | None = None):
    """One exercise and side from the player, sent as soon as it is finished, added to the day's
    workout (made by the first); (row, created?). A key sent again answers the stored row."""
    return services.add_exercise(
        person, on=on, done=done, today=today(), client_key=client_key(person, key)
    )


def report_pain(
    person, *, on: dt.date, when: str, score: int, key: str | None = None
) -> PainReport:
    return services.report_pain(
        person, on=on, when=when, score=score, today=today(), client_key=client_key(person, key)
    )


def measure(
    person,
    *,
    on: dt.date,
    position: str,
    method: str,
    left: Sequence[float],
    right: Sequence[float],
    kind: str = "ir",
) -> services.MeasureResult:
    return services.measure(
        person,
        on=on,
        today=today(),
        position=position,
        method=method,
        left=left,
        right=right,
        kind=kind,
    )


def needs_morning_check(person, day: dt.date) -> bool:
    """Yesterday had a workout and there is no next-morning pain report for today yet."""
    worked = WorkoutLog.objects.filter(
        person=person, date=day - dt.timedelta(days=1), status__in=("done", "partial")
    ).exists()
    if not worked:
        return False
    return not PainReport.objects.filter(person=person, date=day, when="next_morning").exists()


# --- A person's own records ------------------------------------------------------------------


def workouts(person, *, since: dt.date | None = None):
    rows = WorkoutLog.objects.filter(person=person).prefetch_related("exercises").order_by("-date")
    return rows.filter(date__gte=since) if since else rows


def workout(person, workout_id: int) -> WorkoutLog | None:
    return workouts(person).filter(pk=workout_id).first()


def pain_reports(person, *, since: dt.date | None = None):
    rows = PainReport.objects.filter(person=person).order_by("-date", "-created")
    return rows.filter(date__gte=since) if since else rows


def measurements(person, *, since: dt.date | None = None):
    rows = Measurement.objects.filter(person=person).order_by("-date", "-created")
    return rows.filter(date__gte=since) if since else rows


def decisions_json(decisions: Sequence[Decision]) -> list[dict]:
    return [d.to_json() for d in decisions]
