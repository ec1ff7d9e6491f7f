"""The test cast, one for every test (a module of its own: `conftest` names clash between folders).

Alice is on the full program (hip-foundations) with a clear screen, a sore high hamstring and a
baseline test that shows her left hip turning in less (23° against 35°). Bob is on the IR primer
with both sides alike (30° and 31°, within the measurement error). Charlie has an account but
never got started. Each owns only their own records. The web and API tests meet them on the day
the test runs (`tests/conftest.py`); the tracking tests on the fixed day START.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from hipcoach.tracking import onboarding
from hipcoach.vocabulary import RedFlag, values

START = dt.date(2026, 1, 5)
PASSWORD = "stiff-hips-no-more-42"
CLEAR_SCREEN = dict.fromkeys(values(RedFlag), False)

ALICE = {"program": "hip-foundations", "left": (22, 24, 23), "right": (35, 36, 34)}
BOB = {"program": "hip-ir-primer", "left": (30, 30, 30), "right": (31, 31, 31)}


def person(name: str) -> User:
    """An account with the cast's password and an address of its own, not yet set up."""
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
    onboarding.set_up(
        user,
        program_id=program,
        goals=["running"],
        pain_areas=["high_hamstring"],
        age=34,
        answers=CLEAR_SCREEN,
        baseline=onboarding.Baseline("prone", "phone", left, right),
        start=start,
        today=today or start,
    )


def cast(start: dt.date) -> dict[str, User]:
    """Alice and Bob onboarded on `start`, Charlie not yet."""
    people = {name: person(name) for name in ("Alice", "Bob", "Charlie")}
    onboard(people["Alice"], start=start, **ALICE)
    onboard(people["Bob"], start=start, **BOB)
    return people


def in_constant_pain(name: str, today: dt.date) -> User:
    """A person two weeks into the program who has woken with pain of 7/10 every day since it
    began, today too: R13 refers them (pain above 5 on most days of two weeks), and today's
    pain stops the workout. Nothing they or a clinician record ends that referral; the pain
    coming down does."""
    from hipcoach.tracking.workouts import report_pain

    user = person(name)
    start = today - dt.timedelta(days=14)
    onboard(user, start=start, today=today)
    for k in range(15):
        day = start + dt.timedelta(days=k)
        report_pain(user, on=day, when="next_morning", score=7, today=today)
    return user
