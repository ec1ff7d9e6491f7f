"""The red-flag screen and a clinician's clearance (R12): recorded in the order they happen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hipcoach.engine.types import Decision, Profile
from hipcoach.tracking import inputs
from hipcoach.tracking.history import profile_of
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.models import Clearance, RedFlagScreen
from hipcoach.tracking.records import current_enrollment, profile_row
from hipcoach.vocabulary import Goal, PainArea, RedFlag, StopEnd, values


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


def record_screen(person: User, *, answers: Mapping[str, bool], on: dt.date, today: dt.date):
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


def _after_last_clearance(person: User) -> QuerySet[RedFlagScreen]:
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


def waiting_for_clearance(person: User) -> RedFlagScreen | None:
    """The latest red-flag "yes" that no clinician's clearance has ended yet (R12), or None.

    Only a clearance ends a stop: a later screen with every answer "no" does not."""
    return _after_last_clearance(person).order_by("-date", "-created").first()


def safety_now(person: User) -> dt.datetime:
    """Now, but strictly after the person's last screen or clearance: their order decides
    whether a "yes" was cleared (R12), even when the clock stands still or steps back."""
    latest = [
        row.created
        for model in (RedFlagScreen, Clearance)
        if (row := model.objects.filter(person=person).order_by("-created").first()) is not None
    ]
    now = timezone.now()
    return max([now, *(t + dt.timedelta(microseconds=1) for t in latest)])


def _plan_ends_with_clearance(person: User, on: dt.date) -> bool:
    """Whether the plan of `on` names a clinician's clearance as what may end its stop or hold
    (`DayPlan.ended_by`: R15, R16, and a red flag's stop), the same plan every front end reads."""
    from hipcoach.tracking.plans import day_plan
    from hipcoach.tracking.records import NotSetUp

    try:
        plan = day_plan(person, on=on)
    except (NotSetUp, InputError):
        return False
    return bool({StopEnd.clearance, StopEnd.clinician} & set(plan.ended_by))


@dataclass(frozen=True)
class WaitingScreen:
    """A red-flag "yes" that still keeps the person from a program (R12), with what to do."""

    date: dt.date
    reasons: list[str]
    cleared_before: dt.date | None  # a clinician's earlier clearance that this "yes" came after
    clearance_by: str | None = None  # the clinic that records the clearance (None: the person)


def waiting_screen(person: User) -> WaitingScreen | None:
    """The red-flag answers still waiting for a clinician when they keep the person from a
    program (set-up stopped at the screen); None otherwise (a stop within a program is the
    day's plan's)."""
    if current_enrollment(person) is not None:
        return None
    screen = waiting_for_clearance(person)
    if screen is None:
        return None
    answers = {key: yes for key, yes in screen.answers.items() if yes}
    earlier = (
        Clearance.objects.filter(person=person, created__lt=screen.created)
        .order_by("-date", "-created")
        .values_list("date", flat=True)
        .first()
    )
    decisions = red_flag_decisions(answers, screen.date, profile_of(person))
    from hipcoach.tracking.plans import clearance_by

    return WaitingScreen(
        screen.date, [d.reason for d in decisions], earlier, clearance_by(person.pk)
    )


def cleared_on(person: User) -> dt.date | None:
    """The clearance that lets a person with no program finish getting started: the date of a
    clinician's clearance that ended every red-flag "yes" so far, or None."""
    if current_enrollment(person) is not None or waiting_for_clearance(person) is not None:
        return None
    latest = Clearance.objects.filter(person=person).order_by("-date", "-created").first()
    return latest.date if latest else None


def record_clearance(
    person: User, *, on: dt.date, today: dt.date, note: str = "", by_clinician: bool = False
) -> None:
    """Record that a clinician saw the person on `on` and cleared them to exercise.

    It ends the stop of every red-flag screen dated on or before `on` (R12, R17), a young
    person's stop (R15) and an older adult's adapted program (R16) in force that day; a later
    "yes" stops the program again. Refused when there is nothing waiting for a clinician, and
    when the person records it themselves (`by_clinician` False) while a clinic they share
    with records it (`plans.clearance_by`: the plan says `StopEnd.clinician`).
    """
    from hipcoach.tracking.plans import clearance_by

    inputs.not_future(on, today)
    note = inputs.clearance_note(note)
    clinic = clearance_by(person.pk)
    if clinic is not None and not by_clinician:
        raise InputError(
            _(
                "your clinician at {clinic} records your clearance, with their name: ask them "
                "(you share your record with them and let them adjust your plan)"
            ).format(clinic=clinic)
        )
    waiting = _after_last_clearance(person).filter(date__lte=on).exists()
    if not waiting and not _plan_ends_with_clearance(person, on):
        raise InputError(
            _(
                "nothing to clear: nothing on or before {date} is waiting for a clinician "
                "(no red-flag answer, no stop or adapted program that a clearance ends)"
            ).format(date=on)
        )
    with transaction.atomic():  # the record and its plan-cache revision together, or neither
        Clearance.objects.create(person=person, date=on, note=note, created=safety_now(person))
