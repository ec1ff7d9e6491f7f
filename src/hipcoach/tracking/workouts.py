"""Logging what was done and felt: the day's workout and its exercises, pain, the person's
own activities, and notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hipcoach.engine.types import Decision
from hipcoach.engine.types import ExerciseLog as EngineExerciseLog
from hipcoach.tracking import days, inputs
from hipcoach.tracking.inputs import InputError, KeyReused
from hipcoach.tracking.models import (
    ActivityRating,
    Enrollment,
    ExerciseLog,
    Note,
    PainReport,
    WorkoutLog,
)
from hipcoach.tracking.programs import library
from hipcoach.tracking.records import (
    active_enrollment,
    already_stored,
    profile_row,
    stored_key,
)
from hipcoach.vocabulary import PainPlace, PainTiming, Side, StopEnd, WorkoutStatus, status_rank


def workout_day(person: User, on: dt.date, today: dt.date) -> Enrollment:
    enrollment = active_enrollment(person)
    inputs.not_future(on, today)
    if on < enrollment.start:
        raise InputError(
            _("{day} is before your program started ({start})").format(
                day=on, start=enrollment.start
            )
        )
    return enrollment


# A day's status only rises (`vocabulary.STATUS_ORDER`): a workout done stays done when the
# player is run again and skipped through, or when a second device sends a shorter workout.


def log_workout(
    person: User, *, on: dt.date, status: str, today: dt.date, key: str | None = None
) -> tuple[WorkoutLog, bool]:
    """Record the day's workout as done, skipped or partial; (row, created?).

    A day has one workout, and logging it again adds to it, never takes from it: its status
    becomes the better of the two (done > partial > skipped). The same key (the client's
    idempotency key) sent twice, even by two requests at once, stores it once and answers with
    the stored row.
    """
    inputs.choice(status, WorkoutStatus, "status")
    stored = stored_key(person, key)
    enrollment = workout_day(person, on, today)
    if (row := already_stored(WorkoutLog, person, stored)) is not None:
        if row.date != on:
            raise KeyReused("workout")
        return row, False
    with transaction.atomic():
        row, created = _day_workout(person, enrollment, on, status, stored)
        if not created:
            row = _raise_status(row, status)
    return row, created


def _day_workout(
    person: User, enrollment, on: dt.date, status: str, key
) -> tuple[WorkoutLog, bool]:
    """The day's workout row, made with `status` when there is none yet.

    Two devices (or two replays of one key) making the day's row at once: one insert wins, the
    other meets the unique constraint, and get_or_create reads the winner's row instead.
    """
    fields = {"client_key": key} if key else {}
    return WorkoutLog.objects.get_or_create(
        person=person,
        date=on,
        defaults={"status": status, "enrollment": enrollment, **fields},
    )


def _raise_status(row: WorkoutLog, status: str) -> WorkoutLog:
    """`row` with the better of its status and `status`. The row is locked first (inside the
    caller's transaction), so two devices finishing at once cannot lower it."""
    row = WorkoutLog.objects.select_for_update().get(pk=row.pk)
    if status_rank(row.status) < status_rank(status):
        row.status, row.updated = status, timezone.now()
        row.save(update_fields=["status", "updated"])
    return row


def log_exercise(
    person: User,
    *,
    on: dt.date,
    done: EngineExerciseLog,
    today: dt.date,
    key: str | None = None,
    part: str = "",
) -> tuple[ExerciseLog, bool]:
    """Record one exercise and side of the day's workout; (row, created?).

    Every exercise and side sent is kept, in the order it came: the day's workout gathers them
    all (a second run, a second device), and `merged` reads them per exercise and side. The
    day's workout is made with the first record (partial, or skipped for a skipped one); a
    workout cut short stays so, and finishing it (`log_workout`) raises its status. The same
    key (the client's idempotency key; `part` names which record of what was sent under it)
    sent twice, even at once, is stored once.
    """
    exercise = done.exercise
    inputs.choice(done.side, Side, "side")
    inputs.choice(done.status, WorkoutStatus, "status")
    inputs.done_dose(done)
    if exercise not in library().exercises:
        raise InputError(
            _("unknown exercise '{exercise}'{hint}").format(
                exercise=exercise, hint=inputs.did_you_mean(exercise, library().exercises)
            )
        )
    stored = stored_key(person, key, part)
    enrollment = workout_day(person, on, today)
    if (existing := _stored_exercise(person, stored)) is not None:
        return _same_exercise(existing, on, done), False
    day_status = "skipped" if done.status == "skipped" else "partial"
    try:
        with transaction.atomic():
            workout, made = _day_workout(person, enrollment, on, day_status, None)
            if not made:
                best = _best_of_day(workout, exercise, done.side)
                if best is not None and _adds_nothing(best, done.status):
                    return best, False
                _raise_status(workout, day_status)
            fields = {"client_key": stored} if stored else {}
            row = ExerciseLog.objects.create(
                workout=workout,
                exercise=exercise,
                side=done.side,
                status=done.status,
                sets=done.sets,
                reps=done.reps,
                hold_s=done.hold_s,
                time_s=done.time_s,
                **fields,
            )
    except IntegrityError:
        # the same key stored meanwhile by a concurrent replay: that row is the answer
        if (existing := _stored_exercise(person, stored)) is not None:
            return existing, False
        raise
    return row, True


def _stored_exercise(person: User, key) -> ExerciseLog | None:
    if key is None:
        return None
    row = ExerciseLog.objects.select_related("workout").filter(client_key=key).first()
    if row is not None and row.workout.person_id != person.pk:
        raise InputError(_("that client key belongs to someone else's record"))
    return row


def _same_exercise(row: ExerciseLog, on: dt.date, done: EngineExerciseLog) -> ExerciseLog:
    """`row`, stored earlier under the key now sent with `done` again; KeyReused when `done`
    is not what was stored (a key used twice for two things)."""
    if row.workout.date != on or row.as_done() != done:
        raise KeyReused("exercise record")
    return row


def _best_of_day(workout: WorkoutLog, exercise: str, side: str) -> ExerciseLog | None:
    """The most complete record of `exercise` on `side` in the day's workout, if any."""
    rows = ExerciseLog.objects.filter(workout=workout, exercise=exercise, side=side)
    found = merged(rows.order_by("pk"))
    return found[0] if found else None


def _adds_nothing(best: ExerciseLog, status: str) -> bool:
    """Whether a record of `status` adds nothing to the day's `best` of that exercise and
    side: it is below it (a second run skipped through a done day, a shorter run from a second
    device), or a skip after anything. Such a record is not stored, so the record of the day
    (the export, the deletion's count) never shows skips over work that was done."""
    return status_rank(status) < status_rank(best.status) or status == WorkoutStatus.skipped


def merged(rows: Iterable[ExerciseLog]) -> list[ExerciseLog]:
    """A day's exercise records, one per exercise and side: the most complete of each (done
    over partial over skipped, then the most sets), in the order each was first logged."""
    best: dict[tuple[str, str], ExerciseLog] = {}
    for row in rows:
        at = (row.exercise, row.side)
        if at not in best or _completeness(row) > _completeness(best[at]):
            best[at] = row
    return list(best.values())


def _completeness(row: ExerciseLog) -> tuple[int, int]:
    return status_rank(row.status), row.sets or 0


def finish_workout(person: User, *, on: dt.date, status: str, today: dt.date) -> WorkoutLog:
    """Give the day's workout its final status once the player is through it (never lower
    than it already is)."""
    row, _ = log_workout(person, on=on, status=status, today=today)
    return row


def log_played_workout(
    person: User,
    *,
    on: dt.date,
    status: str,
    today: dt.date,
    exercises: Sequence[EngineExerciseLog] = (),
    pain_during: int | None = None,
    key: str | None = None,
    pain_side: str = Side.both.value,
    pain_place: str = PainPlace.unspecified.value,
) -> tuple[WorkoutLog, bool]:
    """A workout from a player, with each exercise and side and the pain check (on
    `pain_side`, at `pain_place`), all or nothing; (the day's workout, created?).

    Sent again with the same key (a queue retried after a lost answer), nothing is stored twice:
    each part carries a key derived from it.
    """
    with transaction.atomic():
        row, created = log_workout(person, on=on, status=status, today=today, key=key)
        for index, done in enumerate(exercises):
            log_exercise(person, on=on, done=done, today=today, key=key, part=f"exercise-{index}")
        if exercises:
            row = finish_workout(person, on=on, status=status, today=today)
        if pain_during is not None:
            report_pain(
                person,
                on=on,
                when=PainTiming.during,
                score=pain_during,
                today=today,
                key=key,
                side=pain_side,
                place=pain_place,
                part="pain",
            )
    return row, created


def needs_morning_check(person: User, day: dt.date, *, now: dt.datetime) -> bool:
    """Whether to ask for next-morning pain on `day` at `now` (the person's own time): the day
    before had a workout (done or partly done), the night is over (`days.WAKE_UP`, and at least
    `days.MORNING_AFTER_WORKOUT` since its last exercise), and there is no next-morning report
    for `day` yet."""
    worked = WorkoutLog.objects.filter(
        person=person,
        date=day - dt.timedelta(days=1),
        status__in=(WorkoutStatus.done, WorkoutStatus.partial),
    ).first()
    if worked is None or now.time() < days.WAKE_UP:
        return False
    if now - _last_activity(worked) < days.MORNING_AFTER_WORKOUT:
        return False
    return not PainReport.objects.filter(
        person=person, date=day, when=PainTiming.next_morning
    ).exists()


def _last_activity(workout: WorkoutLog) -> dt.datetime:
    """When the day's workout was last added to: its latest exercise, or the day's own row."""
    latest = workout.exercises.order_by("-created").values_list("created", flat=True).first()
    return max(filter(None, (latest, workout.updated)))


# A workout left unfinished late in the evening is offered again until the night is over
# (`days.NIGHT_ENDS`), when its last exercise is this recent.
RESUME_WITHIN = dt.timedelta(hours=3)


def unfinished_evening(person: User, *, today: dt.date, now: dt.datetime) -> dt.date | None:
    """The evening before `today` when its workout was begun late and left unfinished, and the
    person's night is not over yet at `now`: the player finishes it as that evening's (its
    records, its pain). None otherwise."""
    if now.time() >= days.NIGHT_ENDS:
        return None
    evening = today - dt.timedelta(days=1)
    row = WorkoutLog.objects.filter(person=person, date=evening).first()
    if row is None or row.status == WorkoutStatus.done:
        return None
    return evening if now - _last_activity(row) <= RESUME_WITHIN else None


# --- Pain, activities and notes ------------------------------------------------------------


def report_pain(
    person: User,
    *,
    on: dt.date,
    when: str,
    score: int,
    today: dt.date,
    key: str | None = None,
    part: str = "",
    side: str = Side.both.value,
    place: str = PainPlace.unspecified.value,
) -> PainReport:
    """Record pain 0–10 during the workout, the next morning, or at rest; on the left, the
    right or both sides (the default: the whole person), and where (`unspecified`, the
    default, is read as the hip). The same key (the client's idempotency key) sent twice
    stores it once."""
    inputs.choice(when, PainTiming, "pain moment")
    inputs.pain_score(score, when)
    inputs.choice(side, Side, "pain side")
    inputs.choice(place, PainPlace, "pain place")
    inputs.not_future(on, today)
    stored = stored_key(person, key, part)
    profile_row(person)
    if (row := already_stored(PainReport, person, stored)) is not None:
        if (row.date, row.when, row.score, row.side, row.place) != (on, when, score, side, place):
            raise KeyReused("pain report")
        return row
    fields = {"client_key": stored} if stored else {}
    with transaction.atomic():  # the record and its plan-cache revision together, or neither
        return PainReport.objects.create(
            person=person, date=on, when=when, score=score, side=side, place=place, **fields
        )


@dataclass(frozen=True)
class PainAnswer:
    """What a pain score means for the plan, given where the score is given: the day's pain
    decisions in the plan's own words, and whether the safety questions come first (R18)."""

    day: dt.date  # the day whose plan the report changes
    decisions: tuple[Decision, ...]
    screen_first: bool


def pain_answer(person: User, report: PainReport, *, today: dt.date) -> PainAnswer:
    """What the plan does with `report`: pain during a workout acts on the next day's plan,
    pain on waking or at rest on the same day's. Empty when there is no plan to change."""
    from hipcoach.tracking.plans import day_plan

    acts_on = report.date + dt.timedelta(days=1 if report.when == PainTiming.during else 0)
    try:
        plan = day_plan(person, on=acts_on)
    except InputError:  # no program, or a day the plan cannot reach: nothing to say
        return PainAnswer(acts_on, (), False)
    return PainAnswer(acts_on, plan.pain_decisions, StopEnd.screen in plan.ended_by)


def rate_activities(
    person: User, *, on: dt.date, ratings: Sequence[tuple[str, int]], today: dt.date
) -> list[ActivityRating]:
    """Rate your own activities 0 (cannot do it) to 10 (as well as before the problem)."""
    if not ratings:
        raise InputError(_('name at least one activity with its rating, e.g. "run 5 km=4"'))
    cleaned = []
    for name, score in ratings:
        name = inputs.activity_name(name)
        cleaned.append((name, inputs.rating(score, name)))
    inputs.not_future(on, today)
    profile_row(person)
    with transaction.atomic():
        return [
            ActivityRating.objects.create(person=person, date=on, activity=name, score=score)
            for name, score in cleaned
        ]


def last_activities(person: User) -> list[str]:
    """The activities named at the latest rating, to rate the same ones again."""
    latest = ActivityRating.objects.filter(person=person).order_by("-date", "-created").first()
    if latest is None:
        return []
    names = ActivityRating.objects.filter(person=person, date=latest.date).order_by("created", "id")
    return list(dict.fromkeys(names.values_list("activity", flat=True)))


def add_note(person: User, *, on: dt.date, text: str, today: dt.date) -> Note:
    text = inputs.note_text(text)
    inputs.not_future(on, today)
    profile_row(person)
    with transaction.atomic():  # the record and its plan-cache revision together, or neither
        return Note.objects.create(person=person, date=on, text=text)
