"""Today's plan: the one way the terminal, the web pages and the API get a person's `DayPlan`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from hipcoach.engine.types import DayPlan, History, Profile
from hipcoach.engine.words import Said
from hipcoach.tracking import checkpoints, plan_cache
from hipcoach.tracking.history import histories_of, history_of, profile_of, profiles_of
from hipcoach.tracking.inputs import InputError, NotSetUp, plan_span, span_said
from hipcoach.tracking.programs import library, program, unknown_program
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
# Who records the person's clearance when not they themselves: functions giving, by the
# person's id, the clinic's name (None: none), filled at start-up like CHOICES (the clinic's:
# a clinic they share with, with the "adjust" scope). An app that changes it drops the plans.
CLEARED_BY: list[Callable[[int], str | None]] = []
# Of some people (by id), those whose plans an app's CHOICES or CLEARED_BY may shape at all (the
# clinic's: those who share with a clinic now), in one query for all of them: `read_ahead`
# asks the others' CHOICES and CLEARED_BY nothing, which would find nothing. Filled at start-up
# with them; an app that fills either fills this too.
SHAPED: list[Callable[[list[int]], set[int]]] = []


@dataclass
class _Pending:
    """Plans and checkpoints made inside `written_together`, not written yet."""

    plans: list[tuple[plan_cache.Lookup, DayPlan]] = field(default_factory=list)
    checkpoints: list[tuple[int, int, list[Checkpoint]]] = field(default_factory=list)


_PENDING: ContextVar[_Pending | None] = ContextVar("pending_plan_writes", default=None)


@contextmanager
def written_together() -> Iterator[None]:
    """The plans and checkpoints made inside are written when the block ends, everyone's at
    once (`plan_cache.keep_many`, `checkpoints.store_many`: a handful of statements, not a few
    a person), each still only while its person's revision is the one it was made at. The
    nightly pass writes a batch of people this way. When the block raises, none is written:
    they are made from the records again when next asked for."""
    pending = _Pending()
    token = _PENDING.set(pending)
    try:
        yield
    finally:
        _PENDING.reset(token)
    checkpoints.store_many(pending.checkpoints)
    plan_cache.keep_many(pending.plans)


def clearance_by(person_id: int) -> str | None:
    """The clinic that records the person's clearance (`CLEARED_BY`), or None."""
    return next((name for source in CLEARED_BY if (name := source(person_id))), None)


def why_no_plan(enrollment: Enrollment, on: dt.date) -> Said | None:
    """Why the person's program gives no plan on `on`, kept as made (`Said`: in each reader's
    words when shown; the words `day_plan`'s InputError says), or None when it gives one: its
    program gone from the content, or `on` outside the run that can be planned."""
    if enrollment.program not in library().programs:
        return unknown_program(enrollment.program)
    return span_said(enrollment.start, on)


def day_plan(
    person: User, *, on: dt.date, pre_run: bool = False, ahead: ReadAhead | None = None
) -> DayPlan:
    """The engine's plan for `on` (any date from the start on, future ones too).

    NotSetUp when the person has no program, InputError for a date before its start or more
    than `inputs.PLAN_DAYS_MAX` days after it (the pass would cost ever more). The plan
    comes from the plan cache while none of the person's records, the content and the code
    have changed since it was computed (`plan_cache`); else it is computed and kept.
    `ahead`: what `read_ahead` read for this person and others at once, used instead of
    reading it again (the same plan as without it).
    """
    if ahead is not None and not pre_run and ahead.dates.get(person.pk) == on:
        found = ahead.lookups[person.pk]
    else:
        found = plan_cache.lookup(person.pk, on, pre_run)
    cached = found.plan
    if cached is not None:
        return cached
    fresh = compute_plan(person, on=on, pre_run=pre_run, revision=found.revision, ahead=ahead)
    pending = _PENDING.get()
    if pending is not None:
        pending.plans.append((found, fresh))
    else:
        plan_cache.keep(found, fresh)
    return fresh


def day_plan_json(person: User, *, on: dt.date, pre_run: bool = False) -> dict[str, Any]:
    """`day_plan(...).to_json()`, the contract's JSON of the plan, taken as stored when the
    plan cache has it: the API's today answers without making the plan's objects again."""
    found = plan_cache.lookup(person.pk, on, pre_run)
    stored = found.contract
    if stored is not None:
        return stored
    fresh = compute_plan(person, on=on, pre_run=pre_run, revision=found.revision)
    return plan_cache.contract_of(plan_cache.keep(found, fresh))


def compute_plan(
    person: User,
    *,
    on: dt.date,
    pre_run: bool = False,
    revision: int | None = None,
    ahead: ReadAhead | None = None,
) -> DayPlan:
    """The plan for `on` computed from the records now, without the plan cache: from the
    person's latest checkpoint before `on` (`checkpoints`), keeping new ones on the way.
    `revision`: the person's records revision, when read already (before the records)."""
    enrollment = ahead.enrollments.get(person.pk) if ahead is not None else None
    if enrollment is None:
        enrollment = active_enrollment(person)
    plan_span(enrollment.start, on)
    read = ahead.reads.get(person.pk) if ahead is not None else None
    return _plans(person, enrollment, on, on, pre_run=pre_run, revision=revision, read=read)[-1]


@dataclass(frozen=True)
class _Read:
    """What a plan of one person on `on` reads, read with others' (`read_ahead`): the latest
    checkpoint before `on` of the program begun on `start`, the records from it, the profile."""

    program: str
    start: dt.date
    on: dt.date
    checkpoint: Checkpoint | None
    history: History
    profile: Profile
    shaped: bool  # whether CHOICES and CLEARED_BY may give anything (`SHAPED`)


@dataclass(frozen=True)
class ReadAhead:
    """What the plans of many people need, read a table at a time for all of them."""

    dates: dict[int, dt.date]  # each person's day, as asked for
    lookups: dict[int, plan_cache.Lookup]
    enrollments: dict[int, Enrollment]
    reads: dict[int, _Read]


def shaped_of(ids: list[int]) -> set[int]:
    """Of these people, those whose plans CHOICES or CLEARED_BY may shape (`SHAPED`): one query
    for all of them (two, when several apps tell), and all of them when an app that shapes
    plans does not tell whom."""
    if len(SHAPED) < len(CHOICES) or len(SHAPED) < len(CLEARED_BY):
        return set(ids)
    return {pk for source in SHAPED for pk in source(ids)} if ids else set()


def read_ahead(people: dict[int, dt.date]) -> ReadAhead:
    """Read at once, for each person by id on their own date, what `day_plan(on=date,
    ahead=...)` would read of them one by one: the stored plans, the program, the latest
    checkpoint, the records since it, the profile. About a dozen queries for all of them
    instead of a dozen a person (the nightly pass). A person whose plan is stored already, or
    who cannot be planned (no program, a date out of the run), is not read further: their
    `day_plan` finds the plan, or says why not, as it would alone."""
    from hipcoach.tracking.models import Enrollment

    lookups = plan_cache.lookup_many(people)
    todo = [pk for pk, found in lookups.items() if found.plan is None]
    enrollments = {
        e.person_id: e for e in Enrollment.objects.filter(person_id__in=todo, ended__isnull=True)
    }
    wanted: dict[int, tuple[str, dt.date, dt.date]] = {}
    for pk, enrollment in enrollments.items():
        try:
            plan_span(enrollment.start, people[pk])
            wanted[pk] = (program(enrollment.program).id, enrollment.start, people[pk])
        except InputError:  # said again by the person's own `day_plan`
            continue
    found = checkpoints.latest_many(wanted)
    histories = histories_of(
        {
            pk: (on, c.reads_from, c.date) if (c := found[pk]) is not None else (on, None, None)
            for pk, (_, _, on) in wanted.items()
        }
    )
    profiles = profiles_of(list(wanted))
    shaped = shaped_of(list(wanted))
    reads = {
        pk: _Read(name, start, on, found[pk], histories[pk], profiles[pk], pk in shaped)
        for pk, (name, start, on) in wanted.items()
    }
    return ReadAhead(people, lookups, enrollments, reads)


def _plans(
    person: User,
    enrollment: Enrollment,
    first: dt.date,
    last: dt.date,
    *,
    pre_run: bool = False,
    until: dt.date | None = None,
    revision: int | None = None,
    read: _Read | None = None,
) -> list[DayPlan]:
    """The plans of `first` to `last` from the records dated up to `until` (`last` when None;
    `pre_run`: a run follows `last`'s workout), from the latest checkpoint before `first` (or
    the start), keeping checkpoints on the way: before `last`, and up to `until` (a day's state
    is kept only when every record it may depend on was read). `read`: the checkpoint, records
    and profile read already (`read_ahead`), when read for this program, start and day."""
    # Imported here: a plan found in the cache needs neither the planner nor the content models.
    from hipcoach.engine.checkpoint import CheckpointError
    from hipcoach.engine.choices import apply
    from hipcoach.engine.planner import plan_days_from

    chosen = program(enrollment.program)
    start = enrollment.start
    # before the records are read
    at = checkpoints.revision(person.pk) if revision is None else revision
    until = last if until is None else min(until, last)
    if read is not None and (read.program, read.start, read.on) != (chosen.id, start, first):
        read = None
    if read is not None and first == last == until:
        found, history, profile = read.checkpoint, read.history, read.profile
    else:
        found = checkpoints.latest(person.pk, chosen.id, start, before=first)
        # a resumed pass reads the records of the last few weeks only, and the exercise logs
        # (most of the rows) only since the checkpoint: the older records it needs, it carries
        # (`engine.resume`)
        history = history_of(
            person,
            until=until,
            since=found.reads_from if found is not None else None,
            exercises_from=found.date if found is not None else None,
        )
        profile = profile_of(person)
    stop = min((last - start).days, (until - start).days + 1)
    # a hold or an advance changes the phase of the days after it: the planner acts on those
    shaped = read.shaped if read is not None else person.pk in shaped_of([person.pk])
    if not shaped:  # no app's choices or clearance apply to them: no query asks for any
        choices: tuple[Choice, ...] = ()
        attached = None
    else:
        choices = tuple(choice for source in CHOICES for choice in source(person.pk))
        attached = clearance_by(person.pk)

    def pass_from(checkpoint: Checkpoint | None) -> tuple[list[DayPlan], list[Checkpoint]]:
        begin = checkpoint.day + 1 if checkpoint is not None else 0
        return plan_days_from(
            checkpoint,
            chosen,
            library().exercises,
            profile,
            history,
            start,
            last,
            keep=checkpoints.days_to_keep(begin, stop),
            pre_run_days=frozenset({last}) if pre_run else frozenset(),
            lessons=library().lessons,
            choices=choices,
        )

    try:
        plans, made = pass_from(found)
    except CheckpointError:  # not resumable after all: from the start
        found = None
        history = history_of(person, until=until)
        plans, made = pass_from(None)
    pending = _PENDING.get()
    if pending is not None:
        pending.checkpoints.append((person.pk, at, made))
    else:
        checkpoints.store(person.pk, at, made)
    begin = found.day + 1 if found is not None else 0
    return [
        dataclasses.replace(apply(plan, choices), clearance_by=attached)
        if attached
        else apply(plan, choices)
        for plan in plans[(first - start).days - begin :]
    ]


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
        raise InputError(
            _("{last} is before {first}: the period ends before it begins").format(
                last=last, first=first
            )
        )
    return _plans(person, enrollment, first, last)
