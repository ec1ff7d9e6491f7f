"""What a person did and felt, as rows: one table per kind of record, each owned by a person.

Every row belongs to one person (a `django.contrib.auth` user), so the terminal coach (one
local person) and the web app (many people, each seeing only their own data) share these tables.

Values that other tools rely on (sides, positions, methods, statuses, pain moments) are the
contract values of `hipcoach.vocabulary`, checked by the database as well as by the services.
Records a phone may queue offline carry a `client_key`, unique, so sending one twice stores it
once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from hipcoach.engine import types as engine
from hipcoach.vocabulary import (
    MEASURED_SIDES,
    Kind,
    Method,
    PainPlace,
    PainTiming,
    Position,
    Side,
    Term,
    WorkoutStatus,
    values,
)

PERSON = settings.AUTH_USER_MODEL


def _choices(terms: type[Term]) -> list[tuple[str, str]]:
    # The admin's labels are the values in words; the people-facing words are the vocabulary's
    # (changing these would only churn migrations).
    return [(v, v.replace("_", " ")) for v in values(terms)]


def _one_of(field: str, terms: type[Term] | tuple[Term, ...], name: str) -> models.CheckConstraint:
    allowed = tuple(term.value for term in terms)
    return models.CheckConstraint(condition=Q(**{f"{field}__in": allowed}), name=name)


class Profile(models.Model):
    """What the engine needs to know about a person besides their history."""

    person = models.OneToOneField(PERSON, on_delete=models.CASCADE, related_name="profile")
    goals = models.JSONField(default=list, blank=True)  # values of vocabulary.Goal
    pain_areas = models.JSONField(default=list, blank=True)  # values of vocabulary.PainArea
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    # The person's IANA time zone ("" = not known yet): their "today" for the API's tokens and
    # the terminal; the web keeps it up to date from the browser (`tracking.days`).
    time_zone = models.CharField(max_length=64, blank=True, default="")
    # The language the person chose for the pages, the terminal and the player's voice (a code
    # of settings.LANGUAGES); "" follows the browser's (docs/translation.md).
    language = models.CharField(max_length=16, blank=True, default="")
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(age__isnull=True) | Q(age__gte=10, age__lte=110),
                name="profile_age_plausible",
            )
        ]

    def __str__(self) -> str:
        return f"profile of {self.person}"


class Enrollment(models.Model):
    """A person on a program version from a start date (day 0). One is active at a time."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="enrollments")
    program = models.CharField(max_length=80)  # a program id (slug) from the content library
    version = models.PositiveIntegerField()
    start = models.DateField()
    ended = models.DateField(null=True, blank=True)  # set when a new enrollment replaces it
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(ended__isnull=True), name="one_active_enrollment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.program} v{self.version} from {self.start}"


class WorkoutLog(models.Model):
    """One day's workout as done: done, skipped or partial. One per person and day."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="workouts")
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.SET_NULL, null=True, blank=True, related_name="workouts"
    )
    date = models.DateField()
    status = models.CharField(max_length=10, choices=_choices(WorkoutStatus))
    client_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["person", "date"], name="one_workout_a_day"),
            _one_of("status", WorkoutStatus, "workout_status_known"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.status}"


class ExerciseLog(models.Model):
    """One exercise and side of a workout, with the dose actually done."""

    workout = models.ForeignKey(WorkoutLog, on_delete=models.CASCADE, related_name="exercises")
    exercise = models.CharField(max_length=80)  # an exercise id (slug)
    side = models.CharField(max_length=5, choices=_choices(Side))
    status = models.CharField(max_length=10, choices=_choices(WorkoutStatus))
    sets = models.PositiveSmallIntegerField(null=True, blank=True)
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    hold_s = models.PositiveSmallIntegerField(null=True, blank=True)
    time_s = models.PositiveSmallIntegerField(null=True, blank=True)
    client_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "id"]
        constraints = [
            _one_of("side", Side, "exercise_side_known"),
            _one_of("status", WorkoutStatus, "exercise_status_known"),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} ({self.side}) {self.status}"

    def as_done(self) -> engine.ExerciseLog:
        """The row as the engine's one "exercise done" shape."""
        return engine.ExerciseLog(
            self.exercise,
            Side(self.side),
            WorkoutStatus(self.status),
            self.sets,
            self.reps,
            self.hold_s,
            self.time_s,
        )


class PainReport(models.Model):
    """Pain 0–10 (NPRS) at one moment of a day: during a workout, the next morning, or at rest;
    on one side or both, and where. Reports made before sides and places were asked are of
    both sides and an unsaid place (`unspecified`, read as the hip): the whole person, as the
    engine read them then."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="pain_reports")
    date = models.DateField()
    when = models.CharField(max_length=12, choices=_choices(PainTiming))
    score = models.PositiveSmallIntegerField()
    side = models.CharField(max_length=5, choices=_choices(Side), default=Side.both.value)
    place = models.CharField(
        max_length=14, choices=_choices(PainPlace), default=PainPlace.unspecified.value
    )
    client_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "created"]
        indexes = [models.Index(fields=["person", "date"])]
        constraints = [
            _one_of("when", PainTiming, "pain_when_known"),
            _one_of("side", Side, "pain_side_known"),
            _one_of("place", PainPlace, "pain_place_known"),
            models.CheckConstraint(condition=Q(score__lte=10), name="pain_score_0_to_10"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.when} {self.score}/10 {self.side} {self.place}"


class Measurement(models.Model):
    """One test of one side: IR or ER, in a position, by a method; the trials and their mean."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField()
    side = models.CharField(max_length=5)  # one of vocabulary.MEASURED_SIDES
    position = models.CharField(max_length=10, choices=_choices(Position))
    method = models.CharField(max_length=15, choices=_choices(Method))
    kind = models.CharField(max_length=2, choices=_choices(Kind), default=Kind.ir.value)
    trials = models.JSONField()  # degrees, in the order taken
    mean = models.FloatField()
    client_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "created"]
        indexes = [models.Index(fields=["person", "date"])]
        constraints = [
            _one_of("side", MEASURED_SIDES, "measurement_side_known"),
            _one_of("position", Position, "measurement_position_known"),
            _one_of("method", Method, "measurement_method_known"),
            _one_of("kind", Kind, "measurement_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.kind} {self.side} {self.position} {self.method} {self.mean:.1f}°"


def engine_measurement(
    day: dt.date, side: str, position: str, method: str, trials: Iterable[float], kind: str
) -> engine.Measurement:
    """A measurement's values (as `values_list` reads them) as the engine's `Measurement`."""
    return engine.Measurement(
        day, Side(side), Position(position), Method(method), tuple(trials), Kind(kind)
    )


class ActivityRating(models.Model):
    """How well the person can do one of their own chosen activities, 0 (not at all) to 10.

    The "your own activities" outcome of a day is the mean of that day's ratings.
    """

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="activity_ratings")
    date = models.DateField()
    activity = models.CharField(max_length=120)
    score = models.PositiveSmallIntegerField()
    client_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "created"]
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=10), name="activity_score_0_to_10")
        ]
        # a plan reads the last weeks of a person's ratings (`history.history_of`)
        indexes = [models.Index(fields=["person", "date"], name="rating_person_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.activity}: {self.score}/10"


class RedFlagScreen(models.Model):
    """The answers to the red-flag questions on one day; any "yes" stops the program (R12)."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="screens")
    date = models.DateField()
    answers = models.JSONField()  # {key: yes?}, every vocabulary.RedFlag value
    positive = models.BooleanField()
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "created"]

    def __str__(self) -> str:
        return f"{self.date} {'positive' if self.positive else 'clear'}"


class Clearance(models.Model):
    """A clinician saw the person and cleared them to exercise: it ends the stop of every
    red-flag screen dated on or before it (R12); a later "yes" stops the program again."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="clearances")
    date = models.DateField()
    note = models.TextField(max_length=500, blank=True, default="")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "created"]

    def __str__(self) -> str:
        return f"{self.date} cleared"


class Note(models.Model):
    """A free-text note on a day, in the person's words."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField()
    text = models.TextField(max_length=2000)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "created"]

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:40]}"


class PlanCache(models.Model):
    """A person's records revision and the day plans computed at that revision.

    `revision` goes up with every write of any of the person's records (`plan_cache` connects
    that to every model here that belongs to a person), and the same update empties `plans`.
    A plan is stored only if the revision is still the one it was computed at, so a plan
    computed from records that have since changed is never kept.
    """

    person = models.OneToOneField(
        PERSON, on_delete=models.CASCADE, primary_key=True, related_name="plan_cache"
    )
    revision = models.PositiveBigIntegerField(default=0)
    plans = models.JSONField(default=dict)  # "date|pre-run|code version" -> DayPlan JSON

    def __str__(self) -> str:
        return f"plans of {self.person} at revision {self.revision}"


class PlanCheckpoint(models.Model):
    """The planner's state at the end of one day of a person's program (`engine.checkpoint`),
    so that a plan resumes from it instead of passing over every day since the start.

    Kept under the content and code version it was computed with (`plan_cache.code_version`)
    and for one program and start; a write of a record dated d deletes the person's
    checkpoints from d on (`checkpoints`). Not a record: made from the records, never
    carried by a backup.
    """

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="plan_checkpoints")
    version = models.CharField(max_length=64)
    program = models.CharField(max_length=100)
    start = models.DateField()
    date = models.DateField()  # the last day the state includes
    state = models.TextField()  # the engine's JSON text
    # the first day whose records a plan resumed from it reads (`engine.resume`); null: all
    reads_from = models.DateField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "version", "program", "start", "date"],
                name="one_checkpoint_a_day",
            )
        ]
        indexes = [models.Index(fields=["person", "date"], name="checkpoint_person_date")]

    def __str__(self) -> str:
        return f"checkpoint of {self.person} at the end of {self.date}"


class CalendarFeed(models.Model):
    """The secret address of a person's calendar feed (their coming workouts, for a calendar
    app). Only a hash of its key is kept; a new key ends the old address at once. Not a record
    of theirs: the plans are not made from it, and a backup does not carry it."""

    person = models.OneToOneField(
        PERSON, on_delete=models.CASCADE, primary_key=True, related_name="calendar_feed"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"calendar feed of {self.person}"


class PersonStatus(models.Model):
    """Where a person stands, as of their own day `date`: one row per person, for listing many
    people at once (a clinician's list) without planning each. Written by the background pass
    (`tracking.statuses`), never by a record's write; it is stale once `revision` is not the
    plan cache's (a record changed since), `code_version` not the running one (content or code
    changed), or `date` not the person's today. Not a record of theirs: no plan is made from
    it, and a backup does not carry it."""

    person = models.OneToOneField(
        PERSON, on_delete=models.CASCADE, primary_key=True, related_name="status"
    )
    date = models.DateField()  # the person's own today (their profile's zone) when computed
    computed = models.DateTimeField()  # the instant it was computed
    revision = models.PositiveBigIntegerField(default=0)  # the records' revision (PlanCache)
    code_version = models.CharField(max_length=32)  # plan_cache.code_version() then
    program = models.CharField(max_length=80, blank=True, default="")  # "" = no program
    day = models.PositiveIntegerField(null=True, blank=True)  # DayPlan.day (0 = first day)
    phase = models.CharField(max_length=40, blank=True, default="")
    stop = models.BooleanField(default=False)
    flags = models.JSONField(default=list, blank=True)  # DayPlan.flags
    rules = models.JSONField(default=list, blank=True)  # rule ids of today's decisions, in order
    unplanned = models.TextField(blank=True, default="")  # why there is no plan, in words
    pain_score = models.PositiveSmallIntegerField(null=True, blank=True)  # the last report
    pain_when = models.CharField(max_length=12, blank=True, default="")
    pain_date = models.DateField(null=True, blank=True)
    # where the last report's pain was: its side and place ("" before they were kept here)
    pain_side = models.CharField(max_length=5, blank=True, default="")
    pain_place = models.CharField(max_length=14, blank=True, default="")
    workouts_7 = models.PositiveSmallIntegerField(default=0)  # done or partly done, 7 days
    workouts_30 = models.PositiveSmallIntegerField(default=0)  # the same over 30 days
    ir_left = models.FloatField(null=True, blank=True)  # the latest test of each side (degrees)
    ir_left_date = models.DateField(null=True, blank=True)
    ir_right = models.FloatField(null=True, blank=True)
    ir_right_date = models.DateField(null=True, blank=True)
    ir_position = models.CharField(max_length=10, blank=True, default="")
    ir_method = models.CharField(max_length=15, blank=True, default="")
    ir_error = models.FloatField(null=True, blank=True)  # the method's error (MDC, degrees)
    # each side's latest test against the one before it, in degrees (None: one test or none)
    ir_left_change = models.FloatField(null=True, blank=True)
    ir_right_change = models.FloatField(null=True, blank=True)
    last_data = models.DateField(null=True, blank=True)  # the latest day with any record
    # the 30-day remote-monitoring period running on `date` (`reports.monitoring`: back to back
    # from the program's start) and its days with data up to `date`; none before any anchor
    monitoring_first = models.DateField(null=True, blank=True)
    monitoring_days = models.PositiveSmallIntegerField(null=True, blank=True)
    # how much attention the person needs (`engine.attention`: larger, more pressing) and why,
    # most pressing first, each kept as made (`statuses.reasons_kept`)
    need = models.PositiveSmallIntegerField(default=0)
    reasons = models.JSONField(default=list, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["date"]),
            models.Index(fields=["code_version"]),
            models.Index(fields=["-need", "person"], name="status_need"),
        ]

    def __str__(self) -> str:
        return f"status of {self.person} on {self.date}"


class ReminderChoice(models.Model):
    """Whether, when and how a person wants the daily reminder (`tracking.reminders`): on or
    off, the hour in their own time (their profile's zone), by web push and/or e-mail. Not a
    record of theirs: no plan is made from it, and a backup does not carry it."""

    person = models.OneToOneField(
        PERSON, on_delete=models.CASCADE, primary_key=True, related_name="reminder_choice"
    )
    on = models.BooleanField(default=False)
    hour = models.PositiveSmallIntegerField(default=8)  # 0-23, the person's own clock
    by_push = models.BooleanField(default=True)
    by_email = models.BooleanField(default=False)
    updated = models.DateTimeField(default=timezone.now)
    # test reminders sent in the window that began at tests_since (`reminders.send_test`)
    tests = models.PositiveSmallIntegerField(default=0)
    tests_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(hour__lte=23), name="reminder_hour_of_a_day")
        ]

    def __str__(self) -> str:
        return f"reminders of {self.person}"


class PushSubscription(models.Model):
    """One browser's web-push subscription (RFC 8030/8291): where the push service takes a
    message for it, and the keys to encrypt it. An endpoint is one device's: subscribed again
    by another person (a shared device), it becomes theirs. Deleted when the push service
    says it is gone (404 or 410). Not a record of theirs."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="push_subscriptions")
    endpoint = models.CharField(max_length=2048, unique=True)
    p256dh = models.CharField(max_length=100)  # the browser's public key, base64url
    auth = models.CharField(max_length=40)  # the shared authentication secret, base64url
    created = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"push subscription of {self.person}"


class ReminderSent(models.Model):
    """The reminder of one person's own day, claimed by the worker that handles it: one row
    per person and date (unique), inserted in a transaction before anything is sent, so that
    several workers never send the same day twice. `outcome` says what was decided (a workout
    reminder, a stop explained, or why nothing was sent) and `sent` by which channels. Not a
    record of theirs."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="reminders_sent")
    date = models.DateField()  # the person's own date
    claimed = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=20)  # reminders.Outcome
    sent = models.JSONField(default=list, blank=True)  # "push" (one per device), "email"
    note = models.TextField(blank=True, default="")  # why, in words; a failure's message

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "date"], name="one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"reminder of {self.person} on {self.date}: {self.outcome}"


# What the app keeps for a person that is not a record of theirs: no plan is made from it and
# no backup carries it (the plan cache and the checkpoints refill themselves; a calendar
# address is made anew; a status is computed again by the next pass; reminders are chosen
# again, a device subscribes again).
NOT_RECORDS: tuple[type[models.Model], ...] = (
    PlanCache,
    PlanCheckpoint,
    CalendarFeed,
    PersonStatus,
    ReminderChoice,
    PushSubscription,
    ReminderSent,
)
