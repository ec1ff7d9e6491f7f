"""Properties over random people (hypothesis): safety and progression invariants hold always."""

from __future__ import annotations

import datetime as dt
import os

from enginekit import LIBRARY, MINI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hipcoach.content.loader import load_library
from hipcoach.engine.planner import plan, plan_days
from hipcoach.engine.rules import RULES
from hipcoach.engine.types import (
    Flag,
    History,
    Measurement,
    PainReport,
    Profile,
    RedFlagScreen,
    WorkoutLog,
)
from hipcoach.vocabulary import PainArea, PainPlace, RedFlag, Side, values

SHIPPED = load_library()
PROGRAMS = [
    (MINI, LIBRARY),
    (SHIPPED.programs["hip-foundations"], SHIPPED.exercises),
    (SHIPPED.programs["hip-ir-primer"], SHIPPED.exercises),
]
START = dt.date(2026, 1, 5)
# Locally each run draws new people, to keep finding new cases. In CI (CI=true) the draw is
# fixed and larger, so a submission's verdict does not depend on the luck of one run.
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PROPERTY_SETTINGS = settings(
    max_examples=200 if IN_CI else 60,
    derandomize=IN_CI,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def people(draw):
    """A random person: a program, a profile, and up to ~120 days of history."""
    program, library = draw(st.sampled_from(PROGRAMS))
    days = draw(st.integers(1, 120))
    day = st.integers(0, days)
    workouts = draw(
        st.dictionaries(
            day, st.sampled_from(["done", "done", "done", "partial", "skipped"]), max_size=days + 1
        )
    )
    if draw(st.booleans()):  # most people keep at it
        workouts |= {d: "done" for d in range(days + 1) if d not in workouts}
    pain = draw(
        st.lists(
            st.tuples(day, st.sampled_from(["during", "next_morning", "rest"]), st.integers(0, 10)),
            max_size=60,
        )
    )
    if draw(st.booleans()):
        pain += [(d, "during", draw(st.integers(0, 3))) for d in range(0, days + 1, 2)]
    tests = draw(
        st.lists(
            st.tuples(
                day,
                st.sampled_from(["prone", "seated"]),
                st.sampled_from(["inclinometer", "phone"]),
                st.sampled_from(["ir", "ir", "er"]),
                st.integers(5, 50),
                st.integers(5, 50),
            ),
            max_size=12,
        )
    )
    screens = draw(
        st.lists(
            st.tuples(
                day,
                st.sampled_from(values(RedFlag)),
                st.booleans().map(lambda b: b and False) | st.just(True),
            ),
            max_size=2,
        )
    )
    # a report's side and place: mostly the whole person (as every report before sides were
    # asked), sometimes one side, anywhere
    sided = [
        (
            draw(st.sampled_from([Side.both, Side.both, Side.left, Side.right])),
            draw(st.sampled_from(list(PainPlace))),
        )
        for _ in pain
    ]
    runs = draw(st.sets(day, max_size=20))
    areas = draw(st.sets(st.sampled_from(values(PainArea)), max_size=3))

    def date(d: int) -> dt.date:
        return START + dt.timedelta(days=d)

    history = History(
        measurements=tuple(
            Measurement(date(d), side, position, method, (value,) * 3, kind)
            for d, position, method, kind, left, right in tests
            for side, value in (("left", left), ("right", right))
        ),
        pain=tuple(
            PainReport(date(d), when, score, side, place)
            for (d, when, score), (side, place) in zip(pain, sided, strict=True)
        ),
        workouts=tuple(WorkoutLog(date(d), status) for d, status in workouts.items()),
        screens=tuple(RedFlagScreen(date(d), ((key, yes),)) for d, key, yes in screens),
        running_days=frozenset(date(d) for d in runs),
    )
    return program, library, Profile(pain_areas=tuple(sorted(areas))), history, days


def _plans(person):
    program, library, profile, history, days = person
    return plan_days(program, library, profile, history, START, START + dt.timedelta(days=days))


@PROPERTY_SETTINGS
@given(people())
def test_no_strength_or_function_work_before_the_mobility_minimum(person) -> None:
    program, library = person[0], person[1]
    mobility = program.phases[0]
    minimum = mobility.gate.min_days if mobility.gate else 10**6
    for p in _plans(person):
        if p.day < minimum:
            assert p.phase == mobility.id
            assert not any(
                library[e.id].category.value in ("strength", "functional") for e in p.exercises
            )


def _progressed(today, before, program) -> list[str]:
    order = [phase.id for phase in program.phases]
    found = []
    if order.index(today.phase) > order.index(before.phase):
        found.append("phase advance")
    for d in today.decisions:
        waits = " wait" in d.reason or "ready to step up, but" in d.reason
        if (
            d.rule in ("week", "gate", "R10") and not waits
        ) or "the plan steps back up" in d.reason:
            found.append(f"{d.rule} decision")
    return found


@PROPERTY_SETTINGS
@given(people())
def test_no_progression_the_day_after_a_red_zone(person) -> None:
    program = person[0]
    plans = _plans(person)
    for day, (red, after) in enumerate(zip(plans, plans[1:], strict=False)):
        if red.stop and "pain_flare" in red.flags and "red_flag" not in red.flags:
            assert _progressed(after, red, program) == []
            before = plans[day - 1] if day else None
            if before is None or before.stop or before.workout != after.workout:
                continue
            if not (before.pre_run or after.pre_run):
                _assert_no_dose_increase(before, after)


def _assert_no_dose_increase(before, after) -> None:
    def doses(plan):
        by_id: dict[str, tuple] = {}
        for e in plan.exercises:  # the smaller side: asymmetry sets are not a progression
            dose = (e.sets, e.reps or 0, e.hold_s or 0, e.time_s or 0)
            by_id[e.id] = min(by_id.get(e.id, dose), dose)
        return by_id

    old, new = doses(before), doses(after)
    for exercise_id in old.keys() & new.keys():
        assert all(n <= o for n, o in zip(new[exercise_id], old[exercise_id], strict=True)), (
            exercise_id
        )


@PROPERTY_SETTINGS
@given(people())
def test_once_a_red_flag_is_reported_every_later_day_stops(person) -> None:
    history = person[3]
    positive = [s.date for s in history.screens if s.positives]
    first = min(positive) if positive else None
    for p in _plans(person):
        if first is not None and p.date >= first:
            assert p.stop and p.exercises == () and "red_flag" in p.flags
        else:
            assert "red_flag" not in p.flags


@PROPERTY_SETTINGS
@given(people())
def test_workouts_fit_the_time_budget(person) -> None:
    program = person[0]
    phases = {phase.id: phase for phase in program.phases}
    for p in _plans(person):
        budget = phases[p.phase].time_budget or program.time_budget
        assert p.minutes <= budget.max_minutes + 0.05  # asymmetry sets included (traded)


@PROPERTY_SETTINGS
@given(people())
def test_the_same_input_gives_the_same_output(person) -> None:
    program, library, profile, history, days = person
    first = _plans(person)
    assert first == _plans(person)
    today = START + dt.timedelta(days=days)
    assert plan(program, library, profile, history, START, today) == first[-1]
    assert [p.to_json() for p in first] == [p.to_json() for p in _plans(person)]


@PROPERTY_SETTINGS
@given(people())
def test_plans_are_well_formed(person) -> None:
    codes = {f.value for f in Flag}
    for p in _plans(person):
        assert set(p.flags) <= codes and len(set(p.flags)) == len(p.flags)
        assert all(d.rule in RULES and d.reason and d.evidence for d in p.decisions)
        if p.stop:
            assert p.exercises == () and p.minutes == 0
        for e in p.exercises:
            assert e.side in ("left", "right", "both") and e.sets >= 1
