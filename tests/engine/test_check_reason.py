"""Why a plan asks for a check (`DayPlan.check_reason`): by the most urgent rule that asked,
and only when it asks."""

from __future__ import annotations

import datetime as dt

from hipcoach.engine.types import DayPlan, Decision, Flag


def _plan(flags: tuple[str, ...], rules: tuple[str, ...]) -> DayPlan:
    return DayPlan(
        day=7,
        date=dt.date(2026, 1, 12),
        program="p",
        phase="mobility",
        workout="w",
        stop=False,
        flags=flags,
        minutes=8.0,
        exercises=(),
        decisions=tuple(Decision(rule, "a reason", "") for rule in rules),
    )


def test_no_check_asked_no_reason() -> None:
    assert _plan((), ("R7",)).check_reason is None


def test_the_most_urgent_rule_gives_the_reason() -> None:
    reassess = (Flag.reassess.value,)
    assert _plan(reassess, ("R7",)).check_reason == "the weekly check"
    assert _plan(reassess, ("R7", "R14")).check_reason == "back after a break"
    assert _plan(reassess, ("R2", "R18", "R14")).check_reason == "after strong pain"
    assert _plan(reassess, ("R18", "R15")).check_reason == "before the first workout"
    assert _plan(reassess, ("R1",)).check_reason == "the plan asks for it"
