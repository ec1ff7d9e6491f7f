"""The test cast, as in healthchecks' `hc/test.py`: Alice and Bob each have a program and
records of their own; Charlie has an account but has not got started. Used by the web, API and
browser tests (and handy in a shell)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from hipcoach.tracking import services
from hipcoach.vocabulary import RedFlag, values

PASSWORD = "stiff-hips-no-more-42"
CLEAR_SCREEN = dict.fromkeys(values(RedFlag), False)


def person(name: str) -> User:
    return User.objects.create_user(name.lower(), f"{name.lower()}@example.org", PASSWORD)


def onboard(
    user: User,
    *,
    start: dt.date,
    program: str = "hip-foundations",
    left: tuple[float, ...] = (22, 24, 23),
    right: tuple[float, ...] = (35, 36, 34),
    today: dt.date | None = None,
) -> None:
    """Set `user` up as the web onboarding does: profile, clear screen, baseline, program."""
    services.set_up(
        user,
        program_id=program,
        goals=["running"],
        pain_areas=["high_hamstring"],
        age=34,
        answers=CLEAR_SCREEN,
        baseline=services.Baseline("prone", "phone", left, right),
        start=start,
        today=today or start,
    )


def cast(today: dt.date) -> dict[str, User]:
    """Alice and Bob onboarded today, Charlie not yet."""
    people = {name: person(name) for name in ("Alice", "Bob", "Charlie")}
    onboard(people["Alice"], start=today)
    onboard(people["Bob"], start=today, left=(30, 31, 29), right=(30, 30, 31))
    return people
