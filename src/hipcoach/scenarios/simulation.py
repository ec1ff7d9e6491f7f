"""A scenario's days run through the planner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from hipcoach.content.schema import Exercise, Lesson, Program
from hipcoach.engine.planner import plan_days
from hipcoach.engine.types import DayPlan
from hipcoach.scenarios.format import Scenario
from hipcoach.scenarios.history import last_event_day, to_history, to_profile


def default_days(scenario: Scenario) -> int:
    """The default last simulated day: the last event day + 7."""
    return last_event_day(scenario) + 7


def simulate(
    scenario: Scenario,
    programs: Mapping[str, Program],
    exercises: Mapping[str, Exercise],
    *,
    days: int | None = None,
    lessons: Mapping[str, Lesson] | None = None,
) -> list[DayPlan]:
    """The plans of days 0..`days` (default: the last event day + 7), in one pass; with
    `lessons` (the library's), each workout day names its lesson."""
    last = default_days(scenario) if days is None else days
    program = programs[scenario.program]
    start = scenario.start
    return plan_days(
        program,
        exercises,
        to_profile(scenario),
        to_history(scenario),
        start,
        start + dt.timedelta(days=last),
        lessons=lessons,
    )
