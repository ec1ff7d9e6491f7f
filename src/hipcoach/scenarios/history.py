"""A scenario as the engine's inputs: the person's profile and their history by date."""

from __future__ import annotations

import datetime as dt

from hipcoach.engine.types import (
    ExerciseLog,
    History,
    Measurement,
    PainReport,
    Profile,
    RedFlagScreen,
    WorkoutLog,
)
from hipcoach.scenarios.format import Scenario
from hipcoach.vocabulary import (
    MEASURED_SIDES,
    Kind,
    Method,
    PainPlace,
    PainTiming,
    Position,
    Side,
    WorkoutStatus,
)


def to_profile(scenario: Scenario) -> Profile:
    p = scenario.profile
    return Profile(
        goals=tuple(p.goals),
        pain_areas=tuple(p.pain_areas),
        age=p.age,
    )


def to_history(scenario: Scenario) -> History:
    """The scenario's events as a `History`.

    Events may come in any order and may repeat (`until`, `every`). When two events give the
    same thing for the same day (the workout, a pain moment, a test side, a red-flag answer,
    running, PSFS), the later one in the file wins: a repeated `workout: done` can be followed
    by a single `workout: skipped` on one day.
    """
    start = scenario.start
    measures: dict[tuple[int, Kind, Position, Method, Side], tuple[float, ...]] = {}
    pain: dict[tuple[int, PainTiming, Side, PainPlace], int] = {}
    workouts: dict[int, tuple[WorkoutStatus, tuple[ExerciseLog, ...]]] = {}
    # Per day, in file order: red-flag answers (merged while no clearance comes between) and
    # clearances (None), so a "yes" after a same-day clearance still stops (R12).
    screens: dict[int, list[dict[str, bool] | None]] = {}
    running: dict[int, bool] = {}
    psfs: dict[int, float] = {}
    for event in scenario.events:
        tests = event.measure or []
        logs = tuple(log.to_log() for log in event.exercises)
        for day in event.days():
            if event.red_flags:
                entries = screens.setdefault(day, [])
                if entries and entries[-1] is not None:
                    entries[-1].update(event.red_flags)
                else:
                    entries.append(dict(event.red_flags))
            for test in tests:
                for side in MEASURED_SIDES:
                    value = getattr(test, side)
                    if value is not None:
                        key = (day, test.kind, test.position, test.method, side)
                        measures[key] = tuple(value)
            for said in event.pain or ():
                for when in PainTiming:
                    score = getattr(said, when)
                    if score is not None:
                        pain[(day, when, said.side, said.place)] = score
            if event.workout is not None:
                workouts[day] = (event.workout, logs)
            if event.running is not None:
                running[day] = event.running
            if event.psfs is not None:
                psfs[day] = event.psfs
            if event.cleared:
                screens.setdefault(day, []).append(None)

    def date(day: int) -> dt.date:
        return start + dt.timedelta(days=day)

    return History(
        measurements=tuple(
            Measurement(date(day), side, position, method, trials, kind)
            for (day, kind, position, method, side), trials in sorted(measures.items())
        ),
        pain=tuple(
            PainReport(date(day), when, score, side, place)
            for (day, when, side, place), score in sorted(pain.items())
        ),
        workouts=tuple(
            WorkoutLog(date(day), status, logs) for day, (status, logs) in sorted(workouts.items())
        ),
        screens=tuple(
            RedFlagScreen(date(day), (), cleared=True)
            if answers is None
            else RedFlagScreen(date(day), tuple(answers.items()))
            for day, entries in sorted(screens.items())
            for answers in entries
        ),
        running_days=frozenset(date(day) for day, yes in running.items() if yes),
        outcomes=tuple((date(day), "psfs", score) for day, score in sorted(psfs.items())),
    )


def last_event_day(scenario: Scenario) -> int:
    """The last day any event happens on (0 with no events)."""
    return max((max(e.days(), default=e.day) for e in scenario.events), default=0)
