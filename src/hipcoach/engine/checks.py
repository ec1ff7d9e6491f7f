"""Readiness checks (rule "check", program data): a check's result gates what it says it gates.

A check exercise (`Exercise.check`) sits in a workout with its `CheckRule` on the block: a pass
mark on the pain reported during that day's workout (its instructions ask for it), the load tags
a fail leaves out until a pass (`holds`), whether the phase's gate waits for a pass
(`holds_gate`), and the days before it is tried again after a fail (`retry_days`). A result is
read the day after the check was planned and the workout logged done or partly done (and the
check itself not logged skipped), as any workout log is. A check failed `CHECK_FAILS_REFER`
times in a phase suggests a clinician look. A new phase starts its checks afresh.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hipcoach.content.schema import CheckRule, Phase
from hipcoach.engine.constants import CHECK_FAILS_REFER, CHECK_WEEK_AFTER_FAIL
from hipcoach.engine.history_by_day import HistoryByDay
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision, Flag, GateCheck, PlannedExercise
from hipcoach.vocabulary import WorkoutStatus

_HOLD_WORDS = {"running": "no runs", "impact": "no hops, skips or runs"}


def phase_checks(phase: Phase) -> dict[str, CheckRule]:
    """The phase's check exercises and their rules (the first block of each)."""
    found: dict[str, CheckRule] = {}
    for workout in phase.workouts:
        for block in workout.blocks:
            if block.check is not None:
                found.setdefault(block.exercise, block.check)
    return found


@dataclass
class _State:
    passed_on: int | None = None
    failed_on: int | None = None
    score: int = 0
    fails: int = 0


class CheckWatch:
    """The checks of the phase in force: results, holds and the gate line."""

    def __init__(self) -> None:
        self.phase_index = -1
        self.rules: dict[str, CheckRule] = {}
        self.state: dict[str, _State] = {}

    def _phase(self, index: int, phase: Phase) -> None:
        if index != self.phase_index:
            self.phase_index = index
            self.rules = phase_checks(phase)
            self.state = {e: _State() for e in self.rules}

    def on_day(
        self,
        d: int,
        index: int,
        phase: Phase,
        yesterday: tuple[PlannedExercise, ...],
        days: HistoryByDay,
        names: dict[str, str],
        flags: set[Flag],
        decisions: list[Decision],
    ) -> tuple[list[tuple[str, str]], set[str]]:
        """Day `d`: read yesterday's check results; return ((tag, "check") held, check ids left
        out today because their retry day has not come)."""
        self._phase(index, phase)
        held: list[tuple[str, str]] = []
        waiting: set[str] = set()
        for exercise, rule in self.rules.items():
            state = self.state[exercise]
            name = names.get(exercise, exercise)
            self._read(d - 1, exercise, rule, state, yesterday, days, name, decisions)
            if state.failed_on is None or (
                state.passed_on is not None and state.passed_on > state.failed_on
            ):
                continue
            retry = state.failed_on + rule.retry_days
            if d < retry:
                waiting.add(exercise)
            held += [(tag.value, "check") for tag in rule.holds]
            tags = {t.value for t in rule.holds}
            if "impact" in tags:
                tags.discard("running")  # "no hops, skips or runs" says it
            what = [_HOLD_WORDS.get(t, f"no exercise tagged {t}") for t in sorted(tags)]
            if rule.holds_gate:
                what.append("the next phase waits for a pass")
            failed = dt.date.fromordinal(state.failed_on).isoformat()
            twice = ""
            if state.fails >= CHECK_FAILS_REFER:
                flags.add(Flag.refer)
                twice = (
                    f" It has failed twice or more ({state.fails} times): ask a physiotherapist "
                    "to look at what hurts on landing before the next try; the rest of the plan "
                    "goes on."
                )
            decisions.append(
                decide(
                    "check",
                    f"The {name.lower()} on {failed} gave {state.score}/10, above its pass mark "
                    f"of {rule.pass_max_pain}/10, so until it passes: {'; '.join(what)}. Try it "
                    f"again on {dt.date.fromordinal(retry).isoformat()} (it is in the plan from "
                    f"then) and report the pain it gives.{twice}",
                )
            )
        return held, waiting

    def _read(
        self,
        day: int,
        exercise: str,
        rule: CheckRule,
        state: _State,
        planned: tuple[PlannedExercise, ...],
        days: HistoryByDay,
        name: str,
        decisions: list[Decision],
    ) -> None:
        if not any(p.id == exercise for p in planned) or days.credit(day) <= 0:
            return
        log = days.workouts.get(day)
        if log is not None and any(
            e.exercise == exercise and e.status == WorkoutStatus.skipped for e in log.exercises
        ):
            return
        score = days.pain.during.get(day)
        if score is None:
            return
        if score <= rule.pass_max_pain:
            if state.passed_on is not None and (
                state.failed_on is None or state.passed_on > state.failed_on
            ):
                return  # passed already: the first pass since the last fail counts
            state.passed_on = day
            decisions.append(
                decide(
                    "check",
                    f"The {name.lower()} on {dt.date.fromordinal(day).isoformat()} passed "
                    f"({score}/10, the pass mark is {rule.pass_max_pain}/10): what it gates can go "
                    "ahead.",
                )
            )
        else:
            state.failed_on, state.score = day, score
            state.fails += 1

    def gate_lines(self, d: int) -> tuple[GateCheck, ...]:
        """One checklist line for each check of the phase whose pass the gate waits for: a pass,
        and, when a fail held work back, a week since the pass for that work to be done."""
        lines = []
        for exercise, rule in self.rules.items():
            if not rule.holds_gate:
                continue
            state = self.state[exercise]
            passed = state.passed_on is not None and (
                state.failed_on is None or state.passed_on > state.failed_on
            )
            since = d - (state.passed_on or d)
            wait = CHECK_WEEK_AFTER_FAIL if state.fails and rule.holds else 0
            if passed and since < wait:
                passed = False
                reading = (
                    f"passed on {dt.date.fromordinal(state.passed_on or 0).isoformat()}; "
                    f"the work it held goes on for {wait} days first ({since} so far)"
                )
            elif passed:
                reading = f"passed on {dt.date.fromordinal(state.passed_on or 0).isoformat()}"
            elif state.failed_on is not None:
                reading = f"not passed: {state.score}/10"
            else:
                reading = "not done yet"
            lines.append(
                GateCheck(
                    f"{exercise.replace('-', ' ').capitalize()} passed",
                    passed,
                    None,
                    f"pain ≤ {rule.pass_max_pain}/10",
                    reading,
                )
            )
        return tuple(lines)
