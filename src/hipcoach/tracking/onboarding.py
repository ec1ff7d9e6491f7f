"""Set-up (`hipcoach init`, the web's onboarding): profile, red-flag screen, baseline test
and enrollment, all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hipcoach.engine.types import Decision
from hipcoach.engine.types import Profile as EngineProfile
from hipcoach.tracking import inputs
from hipcoach.tracking.days import check_zone
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.measuring import MeasureResult, check_test, measure
from hipcoach.tracking.models import Enrollment, Profile, RedFlagScreen
from hipcoach.tracking.programs import program
from hipcoach.tracking.safety import (
    red_flag_decisions,
    safety_now,
    screen_answers,
    waiting_for_clearance,
)
from hipcoach.vocabulary import Goal, PainArea


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
    person: User,
    *,
    program_id: str,
    goals: Iterable[str],
    pain_areas: Iterable[str],
    age: int | None,
    answers: Mapping[str, bool] | None,
    baseline: Baseline | None,
    start: dt.date,
    today: dt.date,
    restart: bool = False,
    time_zone: str | None = None,
) -> SetUpResult:
    """`hipcoach init`: profile, red-flag screen, baseline test and enrollment, all or nothing.

    A "yes" on the screen stores the profile, the screen and the baseline, and enrolls no one:
    the program does not start until a clinician has cleared the person. `answers` None asks
    nothing new: the latest screen stands, which must have been cleared by a clinician (the
    red-flag questions then come back at the weekly check). `time_zone` (an IANA
    name, "" for none) is saved with the profile when given; None keeps the saved one.
    """
    goals = inputs.choices(goals, Goal, "goal")
    pain_areas = inputs.choices(pain_areas, PainArea, "pain area")
    inputs.age(age)
    if time_zone is not None:
        time_zone = check_zone(time_zone)
    if answers is None and not RedFlagScreen.objects.filter(person=person).exists():
        raise InputError(_("answer the red-flag questions first"))
    if answers is None and waiting_for_clearance(person) is not None:
        raise InputError(_("a red-flag answer is waiting for a clinician: record their clearance"))
    full = None if answers is None else screen_answers(answers)
    chosen = program(program_id)
    inputs.start_date(start, today)
    current = Enrollment.objects.filter(person=person, ended__isnull=True).first()
    if current is not None and not restart:
        raise InputError(
            _(
                "already set up: on {program} since {start}; to start again, add --restart "
                "(your history is kept)"
            ).format(program=current.program, start=current.start)
        )
    if baseline is not None:
        check_test(baseline.position, baseline.method, "ir", baseline.left, baseline.right)
    person_profile = EngineProfile(
        goals=tuple(Goal(g) for g in goals),
        pain_areas=tuple(PainArea(a) for a in pain_areas),
        age=age,
    )
    decisions = red_flag_decisions(full, today, person_profile) if full is not None else ()
    with transaction.atomic():
        Profile.objects.update_or_create(
            person=person,
            defaults={
                "goals": list(goals),
                "pain_areas": list(pain_areas),
                "age": age,
                "updated": timezone.now(),
            }
            | ({} if time_zone is None else {"time_zone": time_zone}),
        )
        if full is not None:
            RedFlagScreen.objects.create(
                person=person,
                date=today,
                answers=full,
                positive=bool(decisions),
                created=safety_now(person),
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
            person=person, program=chosen.id, version=chosen.version, start=start
        )
    return SetUpResult(enrollment, (), result)


def test_comes_first(goals: Iterable[str], pain_areas: Iterable[str], age: int | None) -> bool:
    """Whether a person with these answers gets no workout before a test of both hips (R15):
    set-up's "measure later" does not hold for them, and its page says so."""
    from hipcoach.engine.person import test_comes_first as waits

    profile = EngineProfile(
        goals=tuple(Goal(g) for g in goals),
        pain_areas=tuple(PainArea(a) for a in pain_areas),
        age=age,
    )
    return waits(profile)
