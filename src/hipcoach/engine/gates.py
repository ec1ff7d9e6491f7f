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

from hipcoach.content.schema import RANGE_MEASURES, Criterion, Gate, Measure
from hipcoach.engine.constants import ADHERENCE_MIN_PER_WEEK, RANGE_WAIVER_DAYS
from hipcoach.engine.types import GateCheck


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
    loss: str | None = None  # a real loss since the best, in words: it holds the phase (R2)
    checks: tuple[GateCheck, ...] = ()  # readiness checks the gate waits for (rule "check")
    phase_credit: float = 0.0  # workouts done in this phase before today (partial = half), R20


@dataclass(frozen=True, slots=True)
class GateResult:
    open: bool
    checks: tuple[GateCheck, ...]
    waived: bool  # a range criterion that is not met was waived today (R7)
    shown: tuple[str, ...] = ()  # each check with its value, in words
    adherence_by_total: str | None = None  # R20: the adherence line met by the phase's total
    adherence_short: str | None = None  # R20: what would move the person on, in words


_NAMES = {
    Measure.ir_prone: "Internal rotation lying face down, stiffer side",
    Measure.ir_seated: "Internal rotation sitting, stiffer side",
    Measure.ir_supine: "Internal rotation lying on your back, stiffer side",
    Measure.ir_asymmetry: "Difference between the sides",
    Measure.green_days: "Days with pain in the green zone",
    Measure.adherence: "Planned workouts done",
}


LOSS_CHECK = "No real loss of range since your best test"


def waiver_day(gate: Gate) -> int:
    """The day of the phase from which range criteria are waived (R7)."""
    return gate.max_days if gate.max_days is not None else RANGE_WAIVER_DAYS


def _target(criterion: Criterion) -> str:
    bound = criterion.at_least if criterion.at_least is not None else criterion.at_most
    sign = "≥" if criterion.at_least is not None else "≤"
    measure = criterion.measure
    if measure is Measure.adherence:
        text = f"{sign} {bound:.0%}"
    elif measure is Measure.green_days:
        text = f"{sign} {bound:g} days"
    else:
        text = f"{sign} {bound:g}°"
    if criterion.window_days and measure is Measure.adherence:
        # Today's workout is not done yet when today's plan is made: the window ends yesterday.
        text += f" of the {criterion.window_days} days before today"
    elif criterion.window_days:
        text += f" of the last {criterion.window_days}"
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


def _shown(criterion: Criterion, value: float | None) -> str:
    if value is None:
        return "no data yet"
    if criterion.measure is Measure.adherence:
        return f"{value:.0%}"
    if criterion.measure is Measure.green_days:
        return f"{value:g} days"
    return f"{round(value, 1):g}°"


def _reading(criterion: Criterion, value: float | None) -> str:
    """The value against the target, for the checklist: "23° of 30°", "3 of 5 days"."""
    bound = criterion.at_least if criterion.at_least is not None else criterion.at_most
    measure = criterion.measure
    if measure is Measure.adherence:
        goal = f"{bound:.0%}"
    elif measure is Measure.green_days:
        goal = f"{bound:g} days"
    else:
        goal = f"{bound:g}°"
    if value is None:
        return (
            "no workout planned before today yet"
            if measure is Measure.adherence
            else "not measured yet"
        )
    if criterion.at_most is not None:
        return f"{_shown(criterion, value)}, at most {goal}"
    if measure is Measure.green_days:
        return f"{value:g} of {goal}"
    return f"{_shown(criterion, value)} of {goal}"


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
) -> tuple[bool, str]:
    """R20 for an unmet adherence line: (met by the phase's total, the words for it)."""
    assert criterion.at_least is not None
    needed = math.ceil(criterion.at_least * gate.min_days - 1e-9)
    done = ctx.phase_credit
    window = criterion.window_days or 7
    steady = value is not None and value >= adherence_floor() - 1e-9
    met = steady and done >= needed
    share = f"{value:.0%}" if value is not None else "none"
    if met:
        return True, (
            f"Planned workouts done in the last {window} days: {share}, short of "
            f"{criterion.at_least:.0%}; but the work done counts: {done:g} workouts in this phase "
            f"(its worth is {needed}), at {ADHERENCE_MIN_PER_WEEK} or more a week. Range still "
            "builds at three sessions a week, only more slowly (Cipriani 2012)."
        )
    left = max(0.0, needed - done)
    rate = (
        ""
        if steady
        else f" Keep to at least {ADHERENCE_MIN_PER_WEEK} a week: fewer, and range fades about as "
        "fast as it builds (Willy 2001). If the full plan is too much, pick three fixed days a "
        "week and do those."
    )
    return False, (
        f"Planned workouts done in the last {window} days: {share}; this phase moves on at "
        f"{criterion.at_least:.0%}, or once you have done its worth at {ADHERENCE_MIN_PER_WEEK} or "
        f"more a week: {needed} workouts in this phase in all. {done:g} so far: {left:g} to go. "
        f"Range still builds at three sessions a week, only more slowly (Cipriani 2012).{rate}"
    )


def evaluate_gate(gate: Gate, ctx: GateContext) -> GateResult:
    """The checklist for `gate` today, and whether it opens."""
    adherence_by_total: str | None = None
    adherence_short: str | None = None
    checks = [
        GateCheck(
            name="Days in this phase",
            met=ctx.days_in_phase >= gate.min_days,
            value=float(ctx.days_in_phase),
            target=f"≥ {gate.min_days} days",
            reading=f"{ctx.days_in_phase} of {gate.min_days} days",
        )
    ]
    shown = [f"{checks[0].name}: {ctx.days_in_phase} days"]
    has_range = any(c.measure in RANGE_MEASURES for c in gate.criteria)
    waiving = has_range and ctx.days_in_phase >= waiver_day(gate)
    waived = False
    for criterion in gate.criteria:
        value = _value(criterion, ctx)
        value = round(value, 3) if value is not None else None
        name = criterion.label or _NAMES[criterion.measure]
        target = _target(criterion)
        method = ctx.range_methods.get(criterion.measure)
        if method is not None:
            target += f", by {method} or a more precise method"
        met = _met(criterion, value)
        if not met and criterion.measure is Measure.adherence and criterion.at_least is not None:
            by_total, words = _by_total(gate, criterion, value, ctx)
            if by_total:
                met, adherence_by_total = True, words
                checks.append(
                    GateCheck(
                        name,
                        True,
                        value,
                        f"{target}, or the phase's worth of workouts done (R20)",
                        f"{_reading(criterion, value)}; met by the workouts done in this phase "
                        f"({ctx.phase_credit:g})",
                    )
                )
                shown.append(f"{name}: {_shown(criterion, value)}, the phase's worth done")
                continue
            if ctx.days_in_phase >= gate.min_days:
                adherence_short = words
        shown.append(f"{name}: {_shown(criterion, value)}")
        if waiving and criterion.measure in RANGE_MEASURES:
            waived = waived or not met
            note = f"not needed from day {waiver_day(gate)} of a phase"
            checks.append(
                GateCheck(
                    name,
                    True,
                    value,
                    f"{target} (waived from day {waiver_day(gate)}, R7)",
                    f"{_reading(criterion, value)}; {note}",
                )
            )
            continue
        checks.append(GateCheck(name, met, value, target, _reading(criterion, value)))
    if ctx.loss is not None:
        # a real loss holds the phase where it is, whatever the waiver (R2)
        checks.append(
            GateCheck(LOSS_CHECK, False, None, "a later test shows the range back", ctx.loss)
        )
        shown.append(f"{LOSS_CHECK}: {ctx.loss}")
    for line in ctx.checks:
        checks.append(line)
        shown.append(f"{line.name}: {line.reading}")
    if waiving and not any(c.measure is Measure.green_days for c in gate.criteria):
        checks.append(
            GateCheck(
                "Pain in the green zone today",
                ctx.pain_green,
                None,
                "green",
                "green" if ctx.pain_green else "not green",
            )
        )
        shown.append(f"Pain in the green zone today: {'yes' if ctx.pain_green else 'no'}")
    return GateResult(
        all(check.met for check in checks),
        tuple(checks),
        waived,
        tuple(shown),
        adherence_by_total,
        adherence_short,
    )
