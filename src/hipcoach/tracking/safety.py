"""The red-flag screen and a clinician's clearance (R12): recorded in the order they happen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hipcoach.engine.types import Decision, Profile
from hipcoach.tracking import inputs
from hipcoach.tracking.history import profile_of
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.models import Clearance, RedFlagScreen
from hipcoach.tracking.records import profile_row
from hipcoach.vocabulary import Goal, PainArea, RedFlag, values


def screen_answers(answers: Mapping[str, bool]) -> dict[str, bool]:
    """Every screen key with its answer (unanswered = no); an unknown key is an error."""
    for key in answers:
        inputs.choice(key, RedFlag, "red-flag question")
    return {key: bool(answers.get(key, False)) for key in values(RedFlag)}


def red_flag_decisions(
    answers: Mapping[str, bool], day: dt.date, profile: Profile | None = None
) -> tuple[Decision, ...]:
    """The stop decisions of a screen for this person (R12; R17 reads the profile): empty when
    no answer stops the program (a painful hop alone, say, is not a red flag)."""
    from hipcoach.engine.safety import red_flag_decisions as decide

    positives = [key for key, yes in answers.items() if yes]
    return tuple(decide(positives, day.isoformat(), profile)) if positives else ()


def screen_stops(
    answers: Mapping[str, bool], goals: Iterable[str], pain_areas: Iterable[str], age: int | None
) -> bool:
    """Whether these answers stop the program for a person with these goals, pain areas and
    age (R12; R17 reads them: a painful hop alone, say, does not). A screen's `positive`."""
    profile = Profile(tuple(Goal(g) for g in goals), tuple(PainArea(a) for a in pain_areas), age)
    return _stops(answers, profile)


def _stops(answers: Mapping[str, bool], profile: Profile) -> bool:
    from hipcoach.engine.safety import stopping_keys

    return bool(stopping_keys((key for key, yes in answers.items() if yes), profile))


def record_screen(person, *, answers: Mapping[str, bool], on: dt.date, today: dt.date):
    """Store a red-flag screen; the stop decisions when an answer stops the program (else
    empty). Whether a yes stops depends on the person (R17): `positive` records that."""
    profile_row(person)
    full = screen_answers(answers)
    inputs.not_future(on, today)
    profile = profile_of(person)
    with transaction.atomic():  # the record and its plan-cache revision together, or neither
        RedFlagScreen.objects.create(
            person=person,
            date=on,
            answers=full,
            positive=_stops(full, profile),
            created=safety_now(person),
        )
    return red_flag_decisions(full, on, profile)


def _after_last_clearance(person):
    """The "yes" screens recorded after the latest clearance, in the engine's order (R12: by
    date, then by the order recorded), so a "yes" given after a clearance on the same day
    stands."""
    flagged = RedFlagScreen.objects.filter(person=person, positive=True)
    last = Clearance.objects.filter(person=person).order_by("-date", "-created").first()
    if last is not None:
        flagged = flagged.filter(
            Q(date__gt=last.date) | Q(date=last.date, created__gt=last.created)
        )
    return flagged


def waiting_for_clearance(person) -> RedFlagScreen | None:
    """The latest red-flag "yes" that no clinician's clearance has ended yet (R12), or None.

    Only a clearance ends a stop: a later screen with every answer "no" does not."""
    return _after_last_clearance(person).order_by("-date", "-created").first()


def safety_now(person) -> dt.datetime:
    """Now, but strictly after the person's last screen or clearance: their order decides
    whether a "yes" was cleared (R12), even when the clock stands still or steps back."""
    latest = [
        row.created
        for model in (RedFlagScreen, Clearance)
        if (row := model.objects.filter(person=person).order_by("-created").first()) is not None
    ]
    now = timezone.now()
    return max([now, *(t + dt.timedelta(microseconds=1) for t in latest)])


# The person-level decisions a clinician's review ends: a young person's stop (R15) and an
# older adult's adapted program (R16).
_REVIEWED_RULES = frozenset({"R15", "R16"})


def _waits_for_clinician(person, on: dt.date) -> bool:
    """Whether the plan of `on` has a decision that a clinician's review ends (R15, R16)."""
    from hipcoach.tracking.plans import compute_plan
    from hipcoach.tracking.records import NotSetUp

    try:
        plan = compute_plan(person, on=on)
    except (NotSetUp, InputError):
        return False
    return any(d.rule in _REVIEWED_RULES for d in plan.decisions)


def record_clearance(person, *, on: dt.date, today: dt.date, note: str = "") -> None:
    """Record that a clinician saw the person on `on` and cleared them to exercise.

    It ends the stop of every red-flag screen dated on or before `on` (R12, R17), a young
    person's stop (R15) and an older adult's adapted program (R16) in force that day; a later
    "yes" stops the program again. Refused when there is nothing waiting for a clinician.
    """
    inputs.not_future(on, today)
    note = inputs.clearance_note(note)
    waiting = _after_last_clearance(person).filter(date__lte=on).exists()
    if not waiting and not _waits_for_clinician(person, on):
        raise InputError(
            f"nothing to clear: no red-flag answer on or before {on} is waiting for a clinician"
        )
    with transaction.atomic():  # the record and its plan-cache revision together, or neither
        Clearance.objects.create(person=person, date=on, note=note, created=safety_now(person))
