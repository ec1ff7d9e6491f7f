"""A scenario's `expect` lines checked against the plans: what each day must show."""

from __future__ import annotations

from hipcoach.engine.types import DayPlan, PlannedExercise
from hipcoach.scenarios.format import DoseExpectModel, ExpectModel, Scenario


def unmet_expectations(scenario: Scenario, plans: list[DayPlan]) -> list[str]:
    """Every `expect` line that the plans do not meet, in words (empty when all are met)."""
    failures: list[str] = []
    for expect in scenario.expect:
        for day in expect.days():
            if day >= len(plans):
                failures.append(f"day {day}: not simulated (only days 0..{len(plans) - 1})")
                continue
            failures += [f"day {day}: {problem}" for problem in _check(expect, plans[day])]
    return failures


def _check(expect: ExpectModel, plan: DayPlan) -> list[str]:
    out = []
    if expect.phase is not None and plan.phase != expect.phase:
        out.append(f"phase is {plan.phase}, expected {expect.phase}")
    if expect.workout is not None and plan.workout != expect.workout:
        out.append(f"workout is {plan.workout}, expected {expect.workout}")
    if expect.stop is not None and plan.stop != expect.stop:
        out.append(f"stop is {plan.stop}, expected {expect.stop}")
    for flag in expect.flags:
        if flag.value not in plan.flags:
            out.append(f"flag {flag.value} missing (flags: {', '.join(plan.flags) or 'none'})")
    for flag in expect.no_flags:
        if flag.value in plan.flags:
            out.append(f"flag {flag.value} present")
    ids = {e.id for e in plan.exercises}
    for exercise_id in expect.exercises:
        if exercise_id not in ids:
            out.append(f"exercise {exercise_id} missing")
    for exercise_id in expect.no_exercises:
        if exercise_id in ids:
            out.append(f"exercise {exercise_id} present")
    rules = {d.rule for d in plan.decisions}
    for rule in expect.rules:
        if rule not in rules:
            out.append(f"no {rule} decision (rules: {', '.join(sorted(rules)) or 'none'})")
    for rule in expect.no_rules:
        if rule in rules:
            out.append(f"an {rule} decision is present")
    text = " ".join(d.reason for d in plan.decisions)
    for words in expect.says:
        if words not in text:
            out.append(f"no decision says {words!r}")
    for words in expect.no_says:
        if words in text:
            out.append(f"a decision says {words!r}")
    for exercise_id, by_side in expect.sets.items():
        for side, sets in by_side.items():
            found = [e.sets for e in plan.exercises if e.id == exercise_id and e.side == side.value]
            if found != [sets] and sets not in found:
                out.append(f"{exercise_id} {side.value}: sets {found or 'absent'}, expected {sets}")
    for exercise_id, load in expect.loads.items():
        found_loads = sorted({str(e.load) for e in plan.exercises if e.id == exercise_id})
        if found_loads != [load]:
            out.append(f"{exercise_id}: load {found_loads or 'absent'}, expected {load}")
    for exercise_id, dose in expect.doses.items():
        entries = [e for e in plan.exercises if e.id == exercise_id]
        out += _dose_problems(exercise_id, entries, dose)
    for exercise_id, doses in expect.side_doses.items():
        for side, side_dose in doses.items():
            entries = [e for e in plan.exercises if e.id == exercise_id and e.side == side.value]
            out += _dose_problems(f"{exercise_id} {side.value}", entries, side_dose)
    for exercise_id in expect.after_run:
        after = [e.after_run for e in plan.exercises if e.id == exercise_id]
        if not after or not all(after):
            out.append(f"{exercise_id} not after the run ({'absent' if not after else 'before'})")
    if expect.max_minutes is not None and plan.minutes > expect.max_minutes:
        out.append(f"{plan.minutes} minutes, expected at most {expect.max_minutes:g}")
    if expect.first_side is not None:
        firsts: dict[str, str] = {}
        for e in plan.exercises:
            if e.side != "both":
                firsts.setdefault(e.id, e.side)
        wrong = sorted(k for k, v in firsts.items() if v != expect.first_side.value)
        if wrong:
            out.append(f"{', '.join(wrong)} not {expect.first_side.value} first")
        if not firsts:
            out.append("no per-side exercise to check the first side of")
    return out


def _dose_problems(what: str, entries: list[PlannedExercise], dose: DoseExpectModel) -> list[str]:
    """What differs between each of `entries` and the fields of `dose` that are set."""
    out = []
    for name in sorted(dose.model_fields_set):
        wanted = getattr(dose, name)
        values = sorted({getattr(e, name) for e in entries}, key=str)
        if values != [wanted]:
            out.append(f"{what}: {name} {values or 'absent'}, expected {wanted}")
    return out
