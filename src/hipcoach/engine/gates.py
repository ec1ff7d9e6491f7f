"""The gate checklist: what must be true to leave a phase, read from the program's data.

A gate opens on a day when the phase has lasted its `min_days` and every criterion is met.
From the gate's `max_days` on (or day `RANGE_WAIVER_DAYS` when it gives none), range criteria
are waived (R7): a slow range never blocks the next phase for ever, but the phase then opens
only while pain is green. Range criteria read only tests by the method of the first test at that
position or a more precise one (a rougher or another device never meets them). A real loss of
range since the best test adds an unmet line that no waiver lifts: the phase is held (R2). The
planner adds what the checklist does not show: no phase advance while pain is amber or red or a
regression is in force (R9).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from hipcoach.content.schema import RANGE_MEASURES, Criterion, Gate, Measure
from hipcoach.engine.constants import ADHERENCE_MIN_PER_WEEK, RANGE_WAIVER_DAYS
from hipcoach.engine.measurement import method_code
from hipcoach.engine.types import GateCheck
from hipcoach.engine.words import Content, Listed, Said, joined
from hipcoach.engine.words import said as _
from hipcoach.engine.words import said_plural as ngettext


@dataclass(frozen=True, slots=True)
class GateContext:
    """What the criteria look at, computed by the planner for one day."""

    days_in_phase: int
    range_ir: dict[Measure, float | None]  # the lower side's latest mean per position
    asymmetry: float | None  # abs(left − right) at the latest test with both sides
    green_days: Callable[[int], int]  # window days → green days among them
    adherence: Callable[[int], float | None]  # window days → fraction done (None: nothing planned)
    pain_green: bool  # today's zone is green (reported or carried)
    # the method whose tests (or more precise ones) count for each range measure
    range_methods: dict[Measure, str | None] = field(default_factory=dict)
    loss: Listed | None = None  # a real loss since the best, in words: it holds the phase (R2)
    checks: tuple[GateCheck, ...] = ()  # readiness checks the gate waits for (rule "check")
    phase_credit: float = 0.0  # workouts done in this phase before today (partial = half), R20


@dataclass(frozen=True, slots=True)
class GateResult:
    open: bool
    checks: tuple[GateCheck, ...]
    waived: bool  # a range criterion that is not met was waived today (R7)
    shown: tuple[Said, ...] = ()  # each check with its value, in words (an open gate's only)
    adherence_by_total: Said | None = None  # R20: the adherence line met by the phase's total
    adherence_short: Said | None = None  # R20: what would move the person on, in words


_NAMES = {
    Measure.ir_prone: _("Internal rotation lying face down, stiffer side"),
    Measure.ir_seated: _("Internal rotation sitting, stiffer side"),
    Measure.ir_supine: _("Internal rotation lying on your back, stiffer side"),
    Measure.ir_asymmetry: _("Difference between the sides"),
    Measure.green_days: _("Days with pain in the green zone"),
    Measure.adherence: _("Planned workouts done"),
}


LOSS_CHECK = _("No real loss of range since your best test")


def _criterion_name(criterion: Criterion, where: tuple[str, ...]) -> Said | Content:
    """A criterion's name: the program's own label (content words, under `where`: the phase's
    place in a translation file), or ours."""
    if criterion.label:
        return Content((*where, "gate", criterion.measure.value), criterion.label)
    return _NAMES[criterion.measure]


def waiver_day(gate: Gate) -> int:
    """The day of the phase from which range criteria are waived (R7)."""
    return gate.max_days if gate.max_days is not None else RANGE_WAIVER_DAYS


@cache  # a few bounds, asked for every day of a phase: the same words each time
def _goal(measure: Measure, bound: float) -> Said:
    """A criterion's bound in words: "80%", "5 days", "30°"."""
    if measure is Measure.adherence:
        return _("{share:.0%}", share=float(bound))
    if measure is Measure.green_days:
        return ngettext("{days:g} day", "{days:g} days", round(bound), days=float(bound))
    return _("{degrees:g}°", degrees=float(bound))


def _target(criterion: Criterion) -> Said:
    return _target_of(
        criterion.measure, criterion.at_least, criterion.at_most, criterion.window_days
    )


@cache  # the same few targets every day of a phase
def _target_of(
    measure: Measure, at_least: float | None, at_most: float | None, window_days: int | None
) -> Said:
    bound = at_least if at_least is not None else at_most
    assert bound is not None
    sign = "≥" if at_least is not None else "≤"
    text = _("{sign} {goal}", sign=sign, goal=_goal(measure, bound))
    if window_days and measure is Measure.adherence:
        # Today's workout is not done yet when today's plan is made: the window ends yesterday.
        return _("{target} of the {days} days before today", target=text, days=window_days)
    if window_days:
        return _("{target} of the last {days}", target=text, days=window_days)
    return text


def _value(criterion: Criterion, ctx: GateContext) -> float | None:
    measure = criterion.measure
    if measure in RANGE_MEASURES:
        return ctx.range_ir.get(measure)
    if measure is Measure.ir_asymmetry:
        return ctx.asymmetry
    window = criterion.window_days or 7
    if measure is Measure.green_days:
        return float(ctx.green_days(window))
    return ctx.adherence(window)


def _shown(criterion: Criterion, value: float | None) -> Said:
    if value is None:
        return _("no data yet")
    if criterion.measure is Measure.adherence:
        return _goal(Measure.adherence, value)
    if criterion.measure is Measure.green_days:
        return _goal(Measure.green_days, value)
    return _goal(criterion.measure, round(value, 1))


def _reading(criterion: Criterion, value: float | None) -> Said:
    """The value against the target, for the checklist: "23° of 30°", "3 of 5 days"."""
    bound = criterion.at_least if criterion.at_least is not None else criterion.at_most
    assert bound is not None
    measure = criterion.measure
    goal = _goal(measure, bound)
    if value is None:
        return (
            _("no workout planned before today yet")
            if measure is Measure.adherence
            else _("not measured yet")
        )
    if criterion.at_most is not None:
        return _("{value}, at most {goal}", value=_shown(criterion, value), goal=goal)
    if measure is Measure.green_days:
        return _("{value:g} of {goal}", value=float(value), goal=goal)
    return _("{value} of {goal}", value=_shown(criterion, value), goal=goal)


def _met(criterion: Criterion, value: float | None) -> bool:
    if value is None:
        return False
    if criterion.at_least is not None:
        return value >= criterion.at_least
    return value <= (criterion.at_most if criterion.at_most is not None else value)


def adherence_floor() -> float:
    """R20: the share of planned days that is `ADHERENCE_MIN_PER_WEEK` workouts a week."""
    return ADHERENCE_MIN_PER_WEEK / 7


def _by_total(
    gate: Gate, criterion: Criterion, value: float | None, ctx: GateContext
) -> tuple[bool, Said]:
    """R20 for an unmet adherence line: (met by the phase's total, the words for it)."""
    assert criterion.at_least is not None
    needed = math.ceil(criterion.at_least * gate.min_days - 1e-9)
    done = ctx.phase_credit
    window = criterion.window_days or 7
    steady = value is not None and value >= adherence_floor() - 1e-9
    met = steady and done >= needed
    share = _goal(Measure.adherence, value) if value is not None else _("none")
    at_least = _goal(Measure.adherence, criterion.at_least)
    if met:
        return True, _(
            "Planned workouts done in the last {window} days: {share}, short of "
            "{at_least}; but the work done counts: {done:g} workouts in this phase "
            "(its worth is {needed}), at {per_week} or more a week. Range still "
            "builds at three sessions a week, only more slowly (Cipriani 2012).",
            window=window,
            share=share,
            at_least=at_least,
            done=float(done),
            needed=needed,
            per_week=ADHERENCE_MIN_PER_WEEK,
        )
    left = max(0.0, needed - done)
    rate = (
        ""
        if steady
        else _(
            " Keep to at least {per_week} a week: fewer, and range fades about as "
            "fast as it builds (Willy 2001). If the full plan is too much, pick three fixed days "
            "a week and do those.",
            per_week=ADHERENCE_MIN_PER_WEEK,
        )
    )
    return False, _(
        "Planned workouts done in the last {window} days: {share}; this phase moves on at "
        "{at_least}, or once you have done its worth at {per_week} or "
        "more a week: {needed} workouts in this phase in all. {done:g} so far: {left:g} to go. "
        "Range still builds at three sessions a week, only more slowly (Cipriani 2012).{rate}",
        window=window,
        share=share,
        at_least=at_least,
        per_week=ADHERENCE_MIN_PER_WEEK,
        needed=needed,
        done=float(done),
        left=float(left),
        rate=rate,
    )


def evaluate_gate(gate: Gate, ctx: GateContext, where: tuple[str, ...] = ()) -> GateResult:
    """The checklist for `gate` today, and whether it opens. `where`: the phase's place in a
    content translation file ("programs", id, "phases", id), for the program's own labels."""
    adherence_by_total: Said | None = None
    adherence_short: Said | None = None
    days_name = _("Days in this phase")
    checks = [
        GateCheck.of(
            days_name,
            ctx.days_in_phase >= gate.min_days,
            float(ctx.days_in_phase),
            ngettext("≥ {days} day", "≥ {days} days", gate.min_days, days=gate.min_days),
            ngettext(
                "{done} of {days} day",
                "{done} of {days} days",
                gate.min_days,
                done=ctx.days_in_phase,
                days=gate.min_days,
            ),
        )
    ]
    # the checks in words are what a move says (`shown`): made only while every check so far
    # is met (most days a gate is read, one is not, and the words would be thrown away)
    showing = ctx.days_in_phase >= gate.min_days
    shown = (
        [
            ngettext(
                "{name}: {days} day",
                "{name}: {days} days",
                ctx.days_in_phase,
                name=days_name,
                days=ctx.days_in_phase,
            )
        ]
        if showing
        else []
    )
    has_range = any(c.measure in RANGE_MEASURES for c in gate.criteria)
    waiving = has_range and ctx.days_in_phase >= waiver_day(gate)
    waived = False
    for criterion in gate.criteria:
        value = _value(criterion, ctx)
        value = round(value, 3) if value is not None else None
        name = _criterion_name(criterion, where)
        target = _target(criterion)
        method = ctx.range_methods.get(criterion.measure)
        if method is not None:
            target = _(
                "{target}, by {method} or a more precise method",
                target=target,
                method=method_code(method),
            )
        met = _met(criterion, value)
        if not met and criterion.measure is Measure.adherence and criterion.at_least is not None:
            by_total, words = _by_total(gate, criterion, value, ctx)
            if by_total:
                met, adherence_by_total = True, words
                checks.append(
                    GateCheck.of(
                        name,
                        True,
                        value,
                        _("{target}, or the phase's worth of workouts done (R20)", target=target),
                        _(
                            "{reading}; met by the workouts done in this phase ({credit:g})",
                            reading=_reading(criterion, value),
                            credit=float(ctx.phase_credit),
                        ),
                    )
                )
                if showing:
                    shown.append(
                        _(
                            "{name}: {value}, the phase's worth done",
                            name=name,
                            value=_shown(criterion, value),
                        )
                    )
                continue
            if ctx.days_in_phase >= gate.min_days:
                adherence_short = words
        waived_now = waiving and criterion.measure in RANGE_MEASURES
        showing = showing and (met or waived_now)
        if showing:
            shown.append(_("{name}: {value}", name=name, value=_shown(criterion, value)))
        if waived_now:
            waived = waived or not met
            checks.append(
                GateCheck.of(
                    name,
                    True,
                    value,
                    _("{target} (waived from day {day}, R7)", target=target, day=waiver_day(gate)),
                    _(
                        "{reading}; not needed from day {day} of a phase",
                        reading=_reading(criterion, value),
                        day=waiver_day(gate),
                    ),
                )
            )
            continue
        checks.append(GateCheck.of(name, met, value, target, _reading(criterion, value)))
    if ctx.loss is not None:
        # a real loss holds the phase where it is, whatever the waiver (R2)
        checks.append(
            GateCheck.of(
                LOSS_CHECK,
                False,
                None,
                _("a later test shows the range back"),
                joined(ctx.loss),
            )
        )
        showing = False  # (its line is never met)
    for line in ctx.checks:
        checks.append(line)
        showing = showing and line.met
        if showing:
            name_said, _target_said, reading_said = line.said or (line.name, None, line.reading)
            shown.append(_("{name}: {value}", name=name_said, value=reading_said))
    if waiving and not any(c.measure is Measure.green_days for c in gate.criteria):
        checks.append(
            GateCheck.of(
                _("Pain in the green zone today"),
                ctx.pain_green,
                None,
                _("green"),
                _("green") if ctx.pain_green else _("not green"),
            )
        )
        showing = showing and ctx.pain_green
        if showing:
            shown.append(_("Pain in the green zone today: yes"))
    opens = all(check.met for check in checks)
    return GateResult(
        opens,
        tuple(checks),
        waived,
        tuple(shown) if opens else (),
        adherence_by_total,
        adherence_short,
    )
