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
from django.utils.translation import gettext as _

from hipcoach.clinic import audit
from hipcoach.clinic.access import share_for
from hipcoach.clinic.caseload import FLAG_NEED
from hipcoach.clinic.models import Action, Adjustment, Clinic, Clinician, Scope, Share
from hipcoach.clinic.reading import person_today
from hipcoach.content.schema import Exercise
from hipcoach.engine.choices import KINDS, Choice, cap_words
from hipcoach.engine.constants import PAIN_AREA_EXCLUSIONS
from hipcoach.engine.types import PlannedExercise
from hipcoach.tracking import onboarding, plan_cache, programs
from hipcoach.tracking.inputs import InputError, NotSetUp
from hipcoach.tracking.models import PersonStatus, Profile
from hipcoach.tracking.plans import day_plan
from hipcoach.tracking.programs import library
from hipcoach.tracking.records import current_enrollment
from hipcoach.tracking.safety import record_clearance
from hipcoach.vocabulary import Side

TEXT_MAX = 500
# what a clinician writes with a clearance: with "Cleared by <name>, <clinic>: " in front it
# stays within the clearance note's limit (`inputs.CLEARANCE_NOTE_MAX_CHARS`)
CLEARANCE_WORDS_MAX = 250
AHEAD_DAYS_MAX = 366  # a re-test or a leave-out starts within a year
# the choices that run from a date to an end: ending one keeps the days before it as they were
SPANS = ("leave_out", "swap", "cap", "hold", "advance")
# a cap's ceilings, within what a program's dose may be (`content.schema.Dose`)
CAP_LIMITS = {"sets": (1, 10), "reps": (1, 100), "seconds": (5, 300)}


def _planned(exercise_id: str) -> PlannedExercise | None:
    """A swap's exercise with its own default dose, as the engine plans one."""
    found = library().exercises.get(exercise_id)
    if found is None:
        return None
    dose = found.dose
    return PlannedExercise(
        found.id,
        found.name,
        Side.left if found.per_side else Side.both,
        dose.sets,
        reps=dose.reps,
        hold_s=dose.hold_s,
        time_s=dose.time_s,
        rest_s=dose.rest_s,
        load=dose.load,
        tempo_s=dose.tempo_s,
    )


def choices_for(person_id: int) -> tuple[Choice, ...]:
    """The choices in force for the person: of the clinics they share with now, not ended."""
    shared = Share.objects.filter(person_id=person_id, revoked__isnull=True).values("clinic_id")
    rows = Adjustment.objects.filter(person_id=person_id, clinic_id__in=shared).filter(
        Q(ended__isnull=True) | Q(kind__in=SPANS)
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
            swap_to=_planned(row.swap_to) if row.kind == "swap" else None,
            cap_sets=row.cap_sets,
            cap_reps=row.cap_reps,
            cap_seconds=row.cap_seconds,
        )
        for row in rows.order_by("date", "created", "id")
    )


def clearance_by(person_id: int) -> str | None:
    """The clinic that records the person's clearance: one they share with, with the "adjust"
    scope (the first to be shared with, when several). A read-only share does not: the person
    chose to let that clinic read, not change, their plan, and a clearance changes it (it ends
    a stop), so they still record a clearance themselves."""
    share = (
        Share.objects.filter(person_id=person_id, revoked__isnull=True, scope=Scope.adjust)
        .select_related("clinic")
        .order_by("created", "id")
        .first()
    )
    return share.clinic.name if share is not None else None


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
        raise InputError(
            _("{what}: give a date such as {example}").format(what=what, example=today.isoformat())
        )
    if not today <= value <= today + dt.timedelta(days=AHEAD_DAYS_MAX):
        raise InputError(
            _("{what}: from today ({today}) to a year ahead").format(what=what, today=today)
        )
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
    swap_to: str = "",
    sets: object = None,
    reps: object = None,
    seconds: object = None,
    now: dt.datetime,
) -> Adjustment:
    """Make one choice for person `person_id` (NoAccess without an open share, ReadOnly when
    it is read only; InputError for a bad choice, and nothing is written then).

    `note`: `text` (1 to 500 characters), from the person's today. `retest`: on `date` (today
    to a year ahead), `text` the why (optional). `leave_out`: the `exercise` id of the content
    library, from `date` (default: the person's today), `text` the why (optional). `program`:
    the person starts `program` (a shipped program's id, not the one they are on) today, as
    their own "change program" does (`onboarding.set_up`, their answers and history kept;
    refused while a red-flag answer waits for a clearance), `text` the why (optional).
    `swap`: the `exercise` replaced by `swap_to` from `date` (today by default), which must
    fit (`_check_swap`). `cap`: the `exercise`'s dose at most `sets`, `reps`, `seconds` (one
    at least) from `date`. `hold` and `advance`: the phase the person is in today, kept or
    moved on from (`engine.choices`), `text` the why (needed); making one ends the other."""
    share = share_for(clinician, person_id, adjust=True)
    today = person_today(share.person, now)
    ceilings: tuple[int | None, int | None, int | None] = (None, None, None)
    if kind not in KINDS:
        raise InputError(
            _("kind: {kind} is not one of {kinds}").format(kind=repr(kind), kinds=", ".join(KINDS))
        )
    words = " ".join(text.split())
    if len(words) > TEXT_MAX:
        raise InputError(_("the words: at most {most} characters").format(most=TEXT_MAX))
    if kind == "note":
        if not words:
            raise InputError(_("a note: write what to tell them"))
        day, what = today, f"a note: {words}"
    elif kind == "retest":
        day = _day(date, "the re-test date", today)
        what = f"a re-test of both hips on {day}"
    elif kind == "leave_out":
        found = library().exercises.get(exercise)
        if found is None:
            raise InputError(
                _("exercise: {exercise} is not an exercise of the library").format(
                    exercise=repr(exercise)
                )
            )
        day = today if date in (None, "") else _day(date, "leave it out from", today)
        what = f"left out {found.name} from {day}"
    elif kind in ("swap", "cap"):
        found = library().exercises.get(exercise)
        if found is None:
            raise InputError(
                _("exercise: {exercise} is not an exercise of the library").format(
                    exercise=repr(exercise)
                )
            )
        day = today if date in (None, "") else _day(date, "from", today)
        if kind == "swap":
            to = _check_swap(share.person, found, swap_to)
            what = f"swapped {found.name} for {to.name} from {day}"
        else:
            ceilings = _ceilings(sets=sets, reps=reps, seconds=seconds)
            what = f"capped {found.name}: {cap_words(*ceilings)} from {day}"
    elif kind in ("hold", "advance"):
        if not words:
            raise InputError(_("a {kind}: say why, for them to read").format(kind=kind))
        exercise, name = _phase_now(share.person, today)
        day = today
        what = (
            f"held you in the {name} phase" if kind == "hold" else f"moved you on from {name}"
        ) + f" from {day}"
    else:
        chosen = programs.program(program)  # an InputError naming the programs
        current = current_enrollment(share.person)
        if current is not None and current.program == chosen.id:
            raise InputError(_("they are on {program} already").format(program=chosen.name))
        day, what, exercise = today, f"put you on {chosen.name} from {today}", chosen.id
    with transaction.atomic():
        if kind == "program":
            _start_program(share.person, exercise, today)
        if kind in ("hold", "advance"):  # a hold and an advance undo each other: the last wins
            other = "advance" if kind == "hold" else "hold"
            for open_row in Adjustment.objects.filter(
                person_id=person_id, clinic=share.clinic, kind=other, ended__isnull=True
            ):
                _close(open_row, today, now)
        row = Adjustment.objects.create(
            person_id=person_id,
            clinic=share.clinic,
            clinician=clinician,
            by=f"{clinician.name}, {share.clinic.name}",
            kind=kind,
            date=day,
            exercise=exercise if kind not in ("note", "retest") else "",
            text=words,
            created=now,
            swap_to=swap_to if kind == "swap" else "",
            cap_sets=ceilings[0] if kind == "cap" else None,
            cap_reps=ceilings[1] if kind == "cap" else None,
            cap_seconds=ceilings[2] if kind == "cap" else None,
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
        raise InputError(_("they have not set up yet: they choose their first program themselves"))
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


def sign_off(
    clinician: Clinician, person_id: int, *, note: str = "", now: dt.datetime
) -> Adjustment:
    """Sign off the person's episode (a discharge): a dated line "Signed off by …" in their
    plan's reasons for a week and on their sharing page, a line of their trail, and they
    leave the clinic's list of who needs attention until a flag appears that their stored
    need did not have at the sign-off (`caseload.FLAG_NEED`). Any open share may: it changes
    nothing of the plan, only the clinic's own list. The share, and the clinic's choices in
    force, stay (the person goes on with the program as the clinic left it)."""
    share = share_for(clinician, person_id)
    today = person_today(share.person, now)
    words = " ".join(note.split())
    if len(words) > TEXT_MAX:
        raise InputError(_("the words: at most {most} characters").format(most=TEXT_MAX))
    status = PersonStatus.objects.filter(person_id=person_id).only("need").first()
    with transaction.atomic():
        share.signed_off = now
        share.signed_off_need = (status.need if status is not None else 0) & FLAG_NEED
        share.save(update_fields=["signed_off", "signed_off_need"])
        row = Adjustment.objects.create(
            person_id=person_id,
            clinic=share.clinic,
            clinician=clinician,
            by=f"{clinician.name}, {share.clinic.name}",
            kind="sign_off",
            date=today,
            text=words,
            created=now,
        )
    plan_cache.records_changed(person_id, since=today)
    audit.record(
        person_id,
        clinic=share.clinic,
        clinician=clinician,
        action=Action.changed,
        what=f"signed off your episode on {today}" + (f": {words}" if words else ""),
        now=now,
    )
    return row


def _close(row: Adjustment, today: dt.date, now: dt.datetime) -> None:
    """End `row` now: a span ends yesterday (one that has not begun yet never applies)."""
    row.ended = now
    if row.kind in SPANS:
        row.until = (today if row.date < today else row.date) - dt.timedelta(days=1)
    row.save(update_fields=["ended", "until"])


def close_all(person: User, clinic: Clinic, *, now: dt.datetime) -> None:
    """End every choice of `clinic`'s in force for `person` (their share ended)."""
    today = person_today(person, now)
    for row in Adjustment.objects.filter(person=person, clinic=clinic, ended__isnull=True):
        _close(row, today, now)


def _check_swap(person: User, found: Exercise, swap_to: str) -> Exercise:
    """The exercise that takes `found`'s place, if it fits: of the library, not a readiness
    check, of the same kind (category) or training one of the same targets, and without a
    load the person's pain areas leave out (R11). InputError otherwise."""
    to = library().exercises.get(swap_to)
    if to is None:
        raise InputError(
            _("swap for: {exercise} is not an exercise of the library").format(
                exercise=repr(swap_to)
            )
        )
    if to.id == found.id:
        raise InputError(_("swap for: choose another exercise than the one it replaces"))
    if to.check or found.check:
        raise InputError(_("a readiness check is not swapped: it tests what it gates"))
    if to.category != found.category and not set(to.targets) & set(found.targets):
        raise InputError(
            _(
                "swap for: {to} neither is a {category} exercise nor trains what {found} trains "
                "({targets})"
            ).format(
                to=to.name,
                category=found.category.value,
                found=found.name,
                targets=", ".join(found.targets),
            )
        )
    saved = Profile.objects.filter(person=person).first()
    areas = saved.pain_areas if saved is not None else []
    barred = {
        tag for area in areas for tag in getattr(PAIN_AREA_EXCLUSIONS.get(area), "excluded", ())
    }
    loads = {str(getattr(c, "value", c)) for c in to.contraindications} & barred
    if loads:
        raise InputError(
            _("swap for: {to} loads {loads}, which their pain areas leave out (R11)").format(
                to=to.name, loads=", ".join(sorted(loads))
            )
        )
    return to


def _ceilings(**given: object) -> tuple[int | None, int | None, int | None]:
    """A cap's (sets, reps, seconds), each a whole number in `CAP_LIMITS` or none."""
    out: list[int | None] = []
    for what, value in given.items():
        if value in (None, ""):
            out.append(None)
            continue
        low, high = CAP_LIMITS[what]
        try:
            number = int(str(value))
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise InputError(
                _("at most {what}: a whole number from {low} to {high}").format(
                    what=what, low=low, high=high
                )
            )
        out.append(number)
    if all(v is None for v in out):
        raise InputError(_("a cap: give at most sets, reps or seconds (one at least)"))
    return out[0], out[1], out[2]


def _phase_now(person: User, today: dt.date) -> tuple[str, str]:
    """The id and name of the phase the person is in today (InputError: no plan, or no phase
    after it)."""
    try:
        plan = day_plan(person, on=today)
    except (NotSetUp, InputError) as error:
        raise InputError(
            _("they have no plan today to hold or move on: {problem}").format(problem=error)
        ) from error
    phases = programs.program(plan.program).phases
    index = next((i for i, p in enumerate(phases) if p.id == plan.phase), None)
    if index is None:
        raise InputError(_("their phase is not one of their program's"))
    if index == len(phases) - 1:  # no phase after it: nothing to move them on to or keep
        raise InputError(
            _("they are in the last phase ({phase}): there is none after").format(
                phase=phases[index].name
            )
        )
    return plan.phase, phases[index].name.lower()


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
        raise InputError(_("there is no choice in force by that number"))
    if row.kind == "sign_off":  # a discharge is a dated fact; a new flag brings them back
        raise InputError(_("a sign-off is not ended: a new flag brings them back to your list"))
    today = person_today(share.person, now)
    _close(row, today, now)
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
        raise InputError(
            _("what you found: at most {most} characters").format(most=CLEARANCE_WORDS_MAX)
        )
    signed = f"Cleared by {clinician.name}, {share.clinic.name}" + (f": {said}" if said else "")
    record_clearance(share.person, on=today, today=today, note=signed, by_clinician=True)
    audit.record(
        person_id,
        clinic=share.clinic,
        clinician=clinician,
        action=Action.changed,
        what=f"recorded your clearance to exercise on {today}",
        now=now,
    )
