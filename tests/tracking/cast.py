"""The test cast (a module of its own: `conftest` names clash between test folders).

Alice is on the IR primer with a baseline test; Bob is on the full program; Charlie has an
account but never ran set-up. Each owns only their own records.
"""

from __future__ import annotations

import datetime as dt

from hipcoach.tracking.services import Baseline, set_up

START = dt.date(2026, 1, 5)


def person(username: str):
    from django.contrib.auth.models import User

    return User.objects.create(username=username)


def enroll(user, program: str, *, left=(22, 24, 23), right=(35, 36, 34), pain_areas=()):
    return set_up(
        user,
        program_id=program,
        goals=["running"],
        pain_areas=list(pain_areas),
        age=34,
        answers={},
        baseline=Baseline("prone", "inclinometer", left, right),
        start=START,
        today=START,
    )
