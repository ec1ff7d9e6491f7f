"""The clinician adjusts a person's plan: a note to the person, a re-test date, an exercise
left out (and brought back). Each is a choice the engine applies to the plan the rules made
(`engine.choices`), shown in the plan's reasons as the clinician's, and a line in the
person's trail.

A change needs an open share with the "adjust" scope (`access.share_for`, ReadOnly else). The
choices apply while the person shares with the clinic: ending the share ends them, and the
plan is made again without them (`choices_for` is registered with `tracking.plans` at
start-up, and every write here tells the plan cache, as a record's write does).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q

from hipcoach.clinic import audit
from hipcoach.clinic.access import share_for
from hipcoach.clinic.models import Action, Adjustment, Clinician, Share
from hipcoach.clinic.reading import person_today
from hipcoach.engine.choices import KINDS, Choice
from hipcoach.tracking import onboarding, plan_cache, programs
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.models import Profile
from hipcoach.tracking.programs import library
from hipcoach.tracking.records import current_enrollment
from hipcoach.tracking.safety import record_clearance

TEXT_MAX = 500
# what a clinician writes with a clearance: with "Cleared by <name>, <clinic>: " in front it
# stays within the clearance note's limit (`inputs.CLEARANCE_NOTE_MAX_CHARS`)
CLEARANCE_WORDS_MAX = 250
AHEAD_DAYS_MAX = 366  # a re-test or a leave-out starts within a year


def choices_for(person_id: int) -> tuple[Choice, ...]:
    """The choices in force for the person: of the clinics they share with now, not ended."""
    shared = Share.objects.filter(person_id=person_id, revoked__isnull=True).values("clinic_id")
    rows = Adjustment.objects.filter(person_id=person_id, clinic_id__in=shared).filter(
        Q(ended__isnull=True) | Q(kind="leave_out")
    )
    return tuple(
        Choice(
            kind=row.kind,  # type: ignore[arg-type]  # checked by the table's constraint
            date=row.date,
            by=row.by,
            text=row.text,
            exercise=row.exercise,
            exercise_name=row.exercise_name,
            until=row.until,
        )
        for row in rows.order_by("date", "created", "id")
    )


def in_force(person: User) -> list[Adjustment]:
    """What the person's plan carries of their clinics' choices now (for their sharing page)."""
    shared = Share.objects.filter(person=person, revoked__isnull=True).values("clinic_id")
    return list(
        Adjustment.objects.filter(person=person, clinic_id__in=shared, ended__isnull=True)
        .select_related("clinic")
        .order_by("-date", "-created")
    )


def _day(value: object, what: str, today: dt.date) -> dt.date:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            value = None
    if not isinstance(value, dt.date):
        raise InputError(f"{what}: give a date such as {today.isoformat()}")
    if not today <= value <= today + dt.timedelta(days=AHEAD_DAYS_MAX):
        raise InputError(f"{what}: from today ({today}) to a year ahead")
    return value


def adjust(
    clinician: Clinician,
    person_id: int,
    *,
    kind: str,
    date: object = None,
    text: str = "",
    exercise: str = "",
    program: str = "",
    now: dt.datetime,
) -> Adjustment:
    """Make one choice for person `person_id` (NoAccess without an open share, ReadOnly when
    it is read only; InputError for a bad choice, and nothing is written then).

    `note`: `text` (1 to 500 characters), from the person's today. `retest`: on `date` (today
    to a year ahead), `text` the why (optional). `leave_out`: the `exercise` id of the content
    library, from `date` (default: the person's today), `text` the why (optional). `program`:
    the person starts `program` (a shipped program's id, not the one they are on) today, as
    their own "change program" does (`onboarding.set_up`, their answers and history kept;
    refused while a red-flag answer waits for a clearance), `text` the why (optional)."""
    share = share_for(clinician, person_id, adjust=True)
    today = person_today(share.person, now)
    if kind not in KINDS:
        raise InputError(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
    words = " ".join(text.split())
    if len(words) > TEXT_MAX:
        raise InputError(f"the words: at most {TEXT_MAX} characters")
    if kind == "note":
        if not words:
            raise InputError("a note: write what to tell them")
        day, what = today, f"a note: {words}"
    elif kind == "retest":
        day = _day(date, "the re-test date", today)
        what = f"a re-test of both hips on {day}"
    elif kind == "leave_out":
        found = library().exercises.get(exercise)
        if found is None:
            raise InputError(f"exercise: {exercise!r} is not an exercise of the library")
        day = today if date in (None, "") else _day(date, "leave it out from", today)
        what = f"left out {found.name} from {day}"
    else:
        chosen = programs.program(program)  # an InputError naming the programs
        current = current_enrollment(share.person)
        if current is not None and current.program == chosen.id:
            raise InputError(f"they are on {chosen.name} already")
        day, what, exercise = today, f"put you on {chosen.name} from {today}", chosen.id
    with transaction.atomic():
        if kind == "program":
            _start_program(share.person, exercise, today)
        row = Adjustment.objects.create(
            person_id=person_id,
            clinic=share.clinic,
            clinician=clinician,
            by=f"{clinician.name}, {share.clinic.name}",
            kind=kind,
            date=day,
            exercise=exercise if kind in ("leave_out", "program") else "",
            text=words,
            created=now,
        )
    plan_cache.records_changed(person_id, since=day)
    audit.record(
        person_id,
        clinic=share.clinic,
        clinician=clinician,
        action=Action.changed,
        what=what,
        now=now,
    )
    return row


def _start_program(person: User, program_id: str, today: dt.date) -> None:
    """The person on `program_id` from `today`, their saved answers and history kept."""
    saved = Profile.objects.filter(person=person).first()
    if saved is None:
        raise InputError("they have not set up yet: they choose their first program themselves")
    onboarding.set_up(
        person,
        program_id=program_id,
        goals=saved.goals,
        pain_areas=saved.pain_areas,
        age=saved.age,
        answers=None,
        baseline=None,
        start=today,
        today=today,
        restart=True,
    )


def end(clinician: Clinician, person_id: int, adjustment_id: int, *, now: dt.datetime) -> None:
    """End one choice of the clinic's for the person: a leave-out ends yesterday (the days
    before keep it), a note or re-test is withdrawn. InputError when there is no such open
    choice of the clinic's."""
    share = share_for(clinician, person_id, adjust=True)
    row = (
        Adjustment.objects.filter(
            pk=adjustment_id, person_id=person_id, clinic=share.clinic, ended__isnull=True
        ).first()
        if 0 < adjustment_id < 2**63
        else None
    )
    if row is None:
        raise InputError("there is no choice in force by that number")
    today = person_today(share.person, now)
    row.ended = now
    if row.kind == "leave_out":  # one that has not begun yet never applies
        row.until = (today if row.date < today else row.date) - dt.timedelta(days=1)
    row.save(update_fields=["ended", "until"])
    plan_cache.records_changed(person_id, since=min(row.date, today))
    audit.record(
        person_id,
        clinic=share.clinic,
        clinician=clinician,
        action=Action.changed,
        what=f"ended the choice of {row.date}: {row.kind.replace('_', ' ')}",
        now=now,
    )


def clear(clinician: Clinician, person_id: int, *, note: str = "", now: dt.datetime) -> None:
    """Record that the clinician saw the person today and cleared them to exercise (needs the
    "adjust" scope): the person's own clearance (`tracking.safety.record_clearance`, R12),
    with the clinician's name in its note, so it ends the same stops and a later "yes" stops
    the program again. InputError when nothing waits for a clinician (nothing is written)."""
    share = share_for(clinician, person_id, adjust=True)
    today = person_today(share.person, now)
    said = " ".join(note.split())
    if len(said) > CLEARANCE_WORDS_MAX:
        raise InputError(f"what you found: at most {CLEARANCE_WORDS_MAX} characters")
    signed = f"Cleared by {clinician.name}, {share.clinic.name}" + (f": {said}" if said else "")
    record_clearance(share.person, on=today, today=today, note=signed)
    audit.record(
        person_id,
        clinic=share.clinic,
        clinician=clinician,
        action=Action.changed,
        what=f"recorded your clearance to exercise on {today}",
        now=now,
    )
