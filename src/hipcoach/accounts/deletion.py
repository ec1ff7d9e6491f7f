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
from django.utils.translation import gettext, gettext_noop

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
    (
        gettext_noop("profile"),
        gettext_noop("profiles"),
        lambda p: Profile.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("program enrollment"),
        gettext_noop("program enrollments"),
        lambda p: Enrollment.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("workout"),
        gettext_noop("workouts"),
        lambda p: WorkoutLog.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("exercise record (one side, done, partly done or skipped)"),
        gettext_noop("exercise records (each side, done, partly done or skipped)"),
        lambda p: ExerciseLog.objects.filter(workout__person=p).count(),
    ),
    (
        gettext_noop("pain report"),
        gettext_noop("pain reports"),
        lambda p: PainReport.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("hip test of one side"),
        gettext_noop("hip tests (one per side)"),
        lambda p: Measurement.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("activity rating"),
        gettext_noop("activity ratings"),
        lambda p: ActivityRating.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("red-flag screen"),
        gettext_noop("red-flag screens"),
        lambda p: RedFlagScreen.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("clinician clearance"),
        gettext_noop("clinician clearances"),
        lambda p: Clearance.objects.filter(person=p).count(),
    ),
    (gettext_noop("note"), gettext_noop("notes"), lambda p: Note.objects.filter(person=p).count()),
    (
        gettext_noop("set of saved plans"),
        gettext_noop("sets of saved plans"),
        lambda p: PlanCache.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("saved point of the plan"),
        gettext_noop("saved points of the plan"),
        lambda p: PlanCheckpoint.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("stored status (for listing)"),
        gettext_noop("stored statuses (for listing)"),
        lambda p: PersonStatus.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("calendar address"),
        gettext_noop("calendar addresses"),
        lambda p: CalendarFeed.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("sharing with a clinic (open or ended)"),
        gettext_noop("sharings with clinics (open or ended)"),
        lambda p: Share.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("sharing code"),
        gettext_noop("sharing codes"),
        lambda p: ShareCode.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("line of what clinicians looked at"),
        gettext_noop("lines of what clinicians looked at"),
        lambda p: AccessEntry.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("reminder choice"),
        gettext_noop("reminder choices"),
        lambda p: ReminderChoice.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("device subscribed to reminders"),
        gettext_noop("devices subscribed to reminders"),
        lambda p: PushSubscription.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("day's reminder sent or decided"),
        gettext_noop("days' reminders sent or decided"),
        lambda p: ReminderSent.objects.filter(person=p).count(),
    ),
    (
        gettext_noop("API token"),
        gettext_noop("API tokens"),
        lambda p: ApiToken.objects.filter(user=p).count(),
    ),
    (
        gettext_noop("log-in session"),
        gettext_noop("log-in sessions"),
        lambda p: sessions_of(p).count(),
    ),
    (
        gettext_noop("failed log-in record"),
        gettext_noop("failed log-in records"),
        lambda p: sum(q.count() for q in _failed_logins(p)),
    ),
)
_ONE = {many: one for one, many, _ in RECORDS} | {
    gettext_noop("rate-limit counts"): gettext_noop("rate-limit count")
}


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
    """['1 workout', '12 exercise records', …]: each kind with its count, in words, in the
    active language (the kinds are the keys of `counts`, English, as the API returns them; a
    language whose plural is not "one, else many" would need the catalogue's plural forms)."""
    return [
        f"{n} {gettext(_ONE.get(many, many) if n == 1 else many)}"
        for many, n in counts.items()
        if many != "account"
    ]


def in_words(counts: dict[str, int]) -> str:
    """'1 workout, 12 exercise records, … and the account', for a message."""
    parts = listed(counts)
    if not parts:
        return gettext("the account")
    return gettext("{records} and the account").format(records=", ".join(parts))
