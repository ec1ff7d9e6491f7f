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
from hipcoach.engine.words import Listed, Named, Said
from hipcoach.engine.words import said as _
from hipcoach.vocabulary import WorkoutStatus

_HOLD_WORDS = {"running": _("no runs"), "impact": _("no hops, skips or runs")}


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
            name = Named(exercise, names.get(exercise, exercise), lower=True)
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
            what = [
                _HOLD_WORDS.get(t) or _("no exercise tagged {tag}", tag=t) for t in sorted(tags)
            ]
            if rule.holds_gate:
                what.append(_("the next phase waits for a pass"))
            failed = dt.date.fromordinal(state.failed_on).isoformat()
            twice: Said | str = ""
            if state.fails >= CHECK_FAILS_REFER:
                flags.add(Flag.refer)
                twice = _(
                    " It has failed twice or more ({fails} times): ask a physiotherapist "
                    "to look at what hurts on landing before the next try; the rest of the plan "
                    "goes on.",
                    fails=state.fails,
                )
            decisions.append(
                decide(
                    "check",
                    _(
                        "The {name} on {failed} gave {score}/10, above its pass mark "
                        "of {pass_mark}/10, so until it passes: {what}. Try it "
                        "again on {retry} (it is in the plan from "
                        "then) and report the pain it gives.{twice}",
                        name=name,
                        failed=failed,
                        score=state.score,
                        pass_mark=rule.pass_max_pain,
                        what=Listed(tuple(what), "; ", last=False),
                        retry=dt.date.fromordinal(retry).isoformat(),
                        twice=twice,
                    ),
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
        name: Named,
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
                    _(
                        "The {name} on {day} passed "
                        "({score}/10, the pass mark is {pass_mark}/10): what it gates can go "
                        "ahead.",
                        name=name,
                        day=dt.date.fromordinal(day).isoformat(),
                        score=score,
                        pass_mark=rule.pass_max_pain,
                    ),
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
                reading = _(
                    "passed on {day}; the work it held goes on for {wait} days first "
                    "({since} so far)",
                    day=dt.date.fromordinal(state.passed_on or 0).isoformat(),
                    wait=wait,
                    since=since,
                )
            elif passed:
                reading = _(
                    "passed on {day}", day=dt.date.fromordinal(state.passed_on or 0).isoformat()
                )
            elif state.failed_on is not None:
                reading = _("not passed: {score}/10", score=state.score)
            else:
                reading = _("not done yet")
            lines.append(
                GateCheck.of(
                    _(
                        "{name} passed",
                        name=Named(exercise, exercise.replace("-", " ").capitalize()),
                    ),
                    passed,
                    None,
                    _("pain ≤ {pass_mark}/10", pass_mark=rule.pass_max_pain),
                    reading,
                )
            )
        return tuple(lines)
