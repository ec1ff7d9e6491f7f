"""Today's plan: the one way the terminal, the web pages and the API get a person's `DayPlan`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib.auth.models import User

from hipcoach.engine.types import DayPlan
from hipcoach.tracking import checkpoints, plan_cache
from hipcoach.tracking.history import history_of, profile_of
from hipcoach.tracking.inputs import InputError, NotSetUp, plan_span
from hipcoach.tracking.programs import library, program
from hipcoach.tracking.records import active_enrollment

if TYPE_CHECKING:
    from hipcoach.engine.checkpoint import Checkpoint
    from hipcoach.engine.choices import Choice
    from hipcoach.tracking.models import Enrollment


# What else shapes every plan after the rules made it: a registry of functions, each giving a
# person's choices (`engine.choices`) by their id, filled at start-up by the apps that have
# them (the clinic's `ready`: a clinician's choices, while the person shares with them). An app
# that writes a choice tells the plan cache (`plan_cache.records_changed`), as a record does.
CHOICES: list[Callable[[int], tuple[Choice, ...]]] = []


def day_plan(person: User, *, on: dt.date, pre_run: bool = False) -> DayPlan:
    """The engine's plan for `on` (any date from the start on, future ones too).

    NotSetUp when the person has no program, InputError for a date before its start or more
    than `inputs.PLAN_DAYS_MAX` days after it (the pass would cost ever more). The plan
    comes from the plan cache while none of the person's records, the content and the code
    have changed since it was computed (`plan_cache`); else it is computed and kept.
    """
    found = plan_cache.lookup(person.pk, on, pre_run)
    cached = found.plan
    if cached is not None:
        return cached
    fresh = compute_plan(person, on=on, pre_run=pre_run)
    plan_cache.keep(found, fresh)
    return fresh


def compute_plan(person: User, *, on: dt.date, pre_run: bool = False) -> DayPlan:
    """The plan for `on` computed from the records now, without the plan cache: from the
    person's latest checkpoint before `on` (`checkpoints`), keeping new ones on the way."""
    enrollment = active_enrollment(person)
    plan_span(enrollment.start, on)
    return _plans(person, enrollment, on, on, pre_run=pre_run)[-1]


def _plans(
    person: User,
    enrollment: Enrollment,
    first: dt.date,
    last: dt.date,
    *,
    pre_run: bool = False,
    until: dt.date | None = None,
) -> list[DayPlan]:
    """The plans of `first` to `last` from the records dated up to `until` (`last` when None;
    `pre_run`: a run follows `last`'s workout), from the latest checkpoint before `first` (or
    the start), keeping checkpoints on the way: before `last`, and up to `until` (a day's state
    is kept only when every record it may depend on was read)."""
    # Imported here: a plan found in the cache needs neither the planner nor the content models.
    from hipcoach.engine.checkpoint import CheckpointError
    from hipcoach.engine.choices import apply
    from hipcoach.engine.planner import TESTS_LOOKBACK_DAYS, plan_days_from

    chosen = program(enrollment.program)
    start = enrollment.start
    at = checkpoints.revision(person.pk)  # before the records are read
    found = checkpoints.latest(person.pk, chosen.id, start, before=first)
    until = last if until is None else min(until, last)
    # the exercise logs and the tests are most of the rows, and a resumed pass reads only
    # those of the last few days (`engine.planner.plan_days_from`)
    history = history_of(
        person,
        until=until,
        exercises_from=found.date if found is not None else None,
        tests_from=found.date - dt.timedelta(days=TESTS_LOOKBACK_DAYS) if found else None,
    )
    stop = min((last - start).days, (until - start).days + 1)

    def pass_from(checkpoint: Checkpoint | None) -> tuple[list[DayPlan], list[Checkpoint]]:
        begin = checkpoint.day + 1 if checkpoint is not None else 0
        return plan_days_from(
            checkpoint,
            chosen,
            library().exercises,
            profile_of(person),
            history,
            start,
            last,
            keep=checkpoints.days_to_keep(begin, stop),
            pre_run_days=frozenset({last}) if pre_run else frozenset(),
            lessons=library().lessons,
        )

    try:
        plans, made = pass_from(found)
    except CheckpointError:  # not resumable after all: from the start
        found = None
        history = history_of(person, until=until)
        plans, made = pass_from(None)
    checkpoints.store(person.pk, at, made)
    begin = found.day + 1 if found is not None else 0
    choices = tuple(choice for source in CHOICES for choice in source(person.pk))
    return [apply(plan, choices) for plan in plans[(first - start).days - begin :]]


def plan_ahead(person: User, *, today: dt.date) -> None:
    """Plan `today` and tomorrow now, so that the next look finds them in the plan cache.

    The terminal calls this after a command writes: each command is a new process, and
    `hipcoach today` should not pay for the plan the write made stale. (The web needs no such
    step: the page after a write asks for the plan at once, in the same server.) A day that
    has no plan (no program, stopped at the screen, past the planning window) is left alone.
    """
    for offset in (0, 1):
        try:
            day_plan(person, on=today + dt.timedelta(days=offset))
        except (NotSetUp, InputError):
            return


def coming_days(person: User, *, today: dt.date, days: int) -> list[DayPlan]:
    """The plans of `today` and the `days - 1` days after it, as the records stand now (a day
    ahead changes as records come in), in one pass of the engine. Before the program's start,
    from its start. NotSetUp without a program; InputError past the planning window."""
    enrollment = active_enrollment(person)
    first = max(today, enrollment.start)
    last = plan_span(enrollment.start, first + dt.timedelta(days=days - 1))
    return _plans(person, enrollment, first, last, until=today)


def past_days(person: User, *, today: dt.date, days: int) -> list[DayPlan]:
    """The plans of the `days` days up to `today` (from the program's start, if later), as the
    records stand now, in one pass of the engine: the decisions day by day that a clinician
    reads. NotSetUp without a program; InputError past the planning window; [] before the
    program's start."""
    enrollment = active_enrollment(person)
    if today < enrollment.start:
        return []
    first = max(enrollment.start, today - dt.timedelta(days=days - 1))
    return days_between(person, first=first, last=today)


def days_between(person: User, *, first: dt.date, last: dt.date) -> list[DayPlan]:
    """The plans of `first` to `last` (both within the program's run, `first` ≤ `last`) from the
    records as they stand, in one pass of the engine: what a report shows day by day. NotSetUp
    without a program; InputError for a day before the start or past the planning window."""
    enrollment = active_enrollment(person)
    plan_span(enrollment.start, first)
    plan_span(enrollment.start, last)
    if last < first:
        raise InputError(f"{last} is before {first}: the period ends before it begins")
    return _plans(person, enrollment, first, last)
