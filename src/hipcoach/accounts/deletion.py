"""Deleting a person: every record of theirs, in every table, at once, and a count of what went.

What goes: the account itself; everything recorded (profile, enrollments, workouts and each
exercise records, pain reports, hip tests, activity ratings, red-flag screens, clearances, notes);
the saved plans; the reminder choices, the devices subscribed to them and the days' reminders
sent; their sharing with clinics, sharing codes and the trail of what clinicians looked at; API
tokens; log-in sessions on every device; failed log-ins recorded under the
user name; the count of reset emails kept under the email address. Most of it follows the
account by the database's own cascade (every record's `person` is a foreign key to the account);
sessions, failed log-ins and the rate-limit counts are keyed by other means (the session's
person column, a user name, a keyed hash of the user name or address) and are deleted here.

A clinician's account goes without touching anyone's records: the trail lines of the people
they looked at stay (with the clinician's name), and a clinic left with no clinician goes
with its shares.

Nothing is kept "just in case": no soft delete, no tombstone. Backups and exports the person
wrote to files are theirs, outside the database, and untouched.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet

from hipcoach.accounts import limits
from hipcoach.accounts.models import ApiToken, PersonSession
from hipcoach.clinic.models import AccessEntry, Clinic, Clinician, Share, ShareCode
from hipcoach.tracking.models import (
    ActivityRating,
    CalendarFeed,
    Clearance,
    Enrollment,
    ExerciseLog,
    Measurement,
    Note,
    PainReport,
    PersonStatus,
    PlanCache,
    PlanCheckpoint,
    Profile,
    PushSubscription,
    RedFlagScreen,
    ReminderChoice,
    ReminderSent,
    WorkoutLog,
)

# What is counted before deleting: the words for one and for many, and how to count them, in
# the order the person reads them.
RECORDS: tuple[tuple[str, str, Callable[[User], int]], ...] = (
    ("profile", "profiles", lambda p: Profile.objects.filter(person=p).count()),
    (
        "program enrollment",
        "program enrollments",
        lambda p: Enrollment.objects.filter(person=p).count(),
    ),
    ("workout", "workouts", lambda p: WorkoutLog.objects.filter(person=p).count()),
    (
        "exercise record (one side, done, partly done or skipped)",
        "exercise records (each side, done, partly done or skipped)",
        lambda p: ExerciseLog.objects.filter(workout__person=p).count(),
    ),
    ("pain report", "pain reports", lambda p: PainReport.objects.filter(person=p).count()),
    (
        "hip test of one side",
        "hip tests (one per side)",
        lambda p: Measurement.objects.filter(person=p).count(),
    ),
    (
        "activity rating",
        "activity ratings",
        lambda p: ActivityRating.objects.filter(person=p).count(),
    ),
    (
        "red-flag screen",
        "red-flag screens",
        lambda p: RedFlagScreen.objects.filter(person=p).count(),
    ),
    (
        "clinician clearance",
        "clinician clearances",
        lambda p: Clearance.objects.filter(person=p).count(),
    ),
    ("note", "notes", lambda p: Note.objects.filter(person=p).count()),
    (
        "set of saved plans",
        "sets of saved plans",
        lambda p: PlanCache.objects.filter(person=p).count(),
    ),
    (
        "saved point of the plan",
        "saved points of the plan",
        lambda p: PlanCheckpoint.objects.filter(person=p).count(),
    ),
    (
        "stored status (for listing)",
        "stored statuses (for listing)",
        lambda p: PersonStatus.objects.filter(person=p).count(),
    ),
    (
        "calendar address",
        "calendar addresses",
        lambda p: CalendarFeed.objects.filter(person=p).count(),
    ),
    (
        "sharing with a clinic (open or ended)",
        "sharings with clinics (open or ended)",
        lambda p: Share.objects.filter(person=p).count(),
    ),
    ("sharing code", "sharing codes", lambda p: ShareCode.objects.filter(person=p).count()),
    (
        "line of what clinicians looked at",
        "lines of what clinicians looked at",
        lambda p: AccessEntry.objects.filter(person=p).count(),
    ),
    (
        "reminder choice",
        "reminder choices",
        lambda p: ReminderChoice.objects.filter(person=p).count(),
    ),
    (
        "device subscribed to reminders",
        "devices subscribed to reminders",
        lambda p: PushSubscription.objects.filter(person=p).count(),
    ),
    (
        "day's reminder sent or decided",
        "days' reminders sent or decided",
        lambda p: ReminderSent.objects.filter(person=p).count(),
    ),
    ("API token", "API tokens", lambda p: ApiToken.objects.filter(user=p).count()),
    ("log-in session", "log-in sessions", lambda p: sessions_of(p).count()),
    (
        "failed log-in record",
        "failed log-in records",
        lambda p: sum(q.count() for q in _failed_logins(p)),
    ),
)
_ONE = {many: one for one, many, _ in RECORDS} | {"rate-limit counts": "rate-limit count"}


def sessions_of(person: User) -> QuerySet[PersonSession]:
    """Every stored log-in session of `person` (on any device, expired or not), by the
    sessions' own person column (`hipcoach.accounts.sessions`): no session is decoded."""
    return PersonSession.objects.filter(user_id=person.pk)


def _failed_logins(person: User) -> list:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    name = person.get_username()
    return [
        model.objects.filter(username=name)
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    ]


def what_is_kept(person: User) -> dict[str, int]:
    """What deleting `person` would remove, by kind (kinds with nothing are left out)."""
    counts = {many: count(person) for _, many, count in RECORDS}
    return {many: n for many, n in counts.items() if n}


@transaction.atomic
def delete_person(person: User) -> dict[str, int]:
    """Delete `person` and everything of theirs, all or nothing; what was removed, by kind
    (the account last, always 1)."""
    removed = what_is_kept(person)
    sessions_of(person).delete()
    for rows in _failed_logins(person):
        rows.delete()
    if counted := limits.forget_person(person):
        removed["rate-limit counts"] = counted
    # A clinician's account goes alone: the people they saw keep everything (the trail keeps
    # the clinician's name). A clinic left with no clinician goes too, and its shares with it.
    clinician = Clinician.objects.filter(account=person).first()
    if (
        clinician is not None
        and not Clinician.objects.filter(clinic_id=clinician.clinic_id)
        .exclude(pk=clinician.pk)
        .exists()
    ):
        Clinic.objects.filter(pk=clinician.clinic_id).delete()
    person.delete()  # the records follow by cascade (see the module's note)
    removed["account"] = 1
    return removed


def listed(counts: dict[str, int]) -> list[str]:
    """['1 workout', '12 exercise records', …]: each kind with its count, in words."""
    return [
        f"{n} {_ONE.get(many, many) if n == 1 else many}"
        for many, n in counts.items()
        if many != "account"
    ]


def in_words(counts: dict[str, int]) -> str:
    """'1 workout, 12 exercise records, … and the account', for a message."""
    parts = listed(counts)
    return ", ".join(parts) + (" and the account" if parts else "the account")
