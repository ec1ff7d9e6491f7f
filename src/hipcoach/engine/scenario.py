"""Virtual people: the scenario file, its conversion to engine inputs, and `simulate`.

A scenario is a YAML file describing one person: the program, the start date (day 0), the
profile and a list of events by day (red-flag answers, tests, pain, workouts, runs, PSFS
scores), plus optional `expect` lines that tests check against the plans. The format is in
`docs/scenarios.md`; `scenario_json_schema()` gives its JSON Schema.

Reading a file is the only I/O here, and it is kept apart: `read_scenario` reads and checks
a file, every other function works on the parsed model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from hipcoach.content.schema import SLUG_PATTERN, Exercise, Program
from hipcoach.content.yamlfile import ContentError, LineMap, Problem, did_you_mean, read, validate
from hipcoach.engine.planner import plan_days
from hipcoach.engine.rules import RULES
from hipcoach.engine.types import (
    GOALS,
    KINDS,
    METHODS,
    PAIN_AREAS,
    POSITIONS,
    RED_FLAG_KEYS,
    DayPlan,
    ExerciseLog,
    Flag,
    History,
    Measurement,
    PainReport,
    Profile,
    RedFlagScreen,
    WorkoutLog,
)

MAX_DAY = 3650


def _enum(name: str, values: tuple[str, ...]) -> Any:
    return Enum(name, [(v, v) for v in values], type=str)


Goal = _enum("Goal", GOALS)
PainArea = _enum("PainArea", PAIN_AREAS)
Position = _enum("Position", POSITIONS)
Method = _enum("Method", METHODS)
Kind = _enum("Kind", KINDS)
Side = _enum("Side", ("left", "right", "both"))
Status = _enum("Status", ("done", "skipped", "partial"))

Degrees = Annotated[float, Field(ge=-30, le=120, description="Degrees of rotation.")]


def _listed(value: Any) -> Any:
    """One item where a list is expected becomes a list of one (so errors name one shape)."""
    return value if isinstance(value, list) or value is None else [value]


Trials = Annotated[
    list[Degrees],
    Field(min_length=1, max_length=10, description="One number, or a list of trials."),
    BeforeValidator(_listed, json_schema_input_type=Degrees | list[Degrees]),
]
Day = Annotated[int, Field(ge=0, le=MAX_DAY, description="Days since the start (day 0).")]
Score = Annotated[int, Field(ge=0, le=10, description="Pain, 0 (none) to 10 (worst imaginable).")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProfileModel(_Strict):
    goals: list[Goal] = Field(default_factory=list)  # type: ignore[valid-type]
    pain_areas: list[PainArea] = Field(default_factory=list)  # type: ignore[valid-type]
    age: int | None = Field(None, ge=10, le=110)


class MeasureModel(_Strict):
    """One test: each side's trials (one number or a list), at one position, by one method."""

    position: Position  # type: ignore[valid-type]
    method: Method  # type: ignore[valid-type]
    kind: Kind = Field(Kind("ir"), description="ir (internal rotation, the default) or er.")  # type: ignore[valid-type]
    left: Trials | None = None
    right: Trials | None = None

    @model_validator(mode="after")
    def _has_a_side(self) -> MeasureModel:
        if self.left is None and self.right is None:
            raise ValueError("a measure needs left, right or both")
        return self


class PainModel(_Strict):
    during: Score | None = None
    next_morning: Score | None = None
    rest: Score | None = None

    @model_validator(mode="after")
    def _has_a_score(self) -> PainModel:
        if self.during is None and self.next_morning is None and self.rest is None:
            raise ValueError("pain needs during, next_morning or rest")
        return self


class ExerciseLogModel(_Strict):
    """One exercise of a logged workout, for one side or both."""

    id: str = Field(pattern=SLUG_PATTERN)
    side: Side = Side("both")  # type: ignore[valid-type]
    status: Status = Status("done")  # type: ignore[valid-type]
    sets: int | None = Field(None, ge=0, le=20)
    reps: int | None = Field(None, ge=0, le=200)
    hold_s: int | None = Field(None, ge=0, le=600)
    time_s: int | None = Field(None, ge=0, le=3600)


class _Repeating(_Strict):
    day: Day
    until: Day | None = Field(None, description="Repeat the entry up to this day (inclusive).")
    every: int = Field(1, ge=1, le=365, description="With until: repeat every this many days.")

    @model_validator(mode="after")
    def _until_after_day(self) -> _Repeating:
        if self.until is not None and self.until < self.day:
            raise ValueError("until must not be before day")
        return self

    def days(self) -> range:
        return range(self.day, (self.until if self.until is not None else self.day) + 1, self.every)


class EventModel(_Repeating):
    """What happened on a day (or, with until, on every `every`-th day up to until)."""

    red_flags: dict[str, bool] | None = Field(
        None, description="Red-flag screen answers; any true stops the program."
    )
    measure: Annotated[
        list[MeasureModel] | None,
        BeforeValidator(_listed, json_schema_input_type=MeasureModel | list[MeasureModel] | None),
    ] = Field(None, description="One test, or a list of tests.")
    pain: PainModel | None = None
    workout: Status | None = None  # type: ignore[valid-type]
    exercises: list[ExerciseLogModel] = Field(
        default_factory=list, description="Per-exercise logs of the day's workout."
    )
    running: bool | None = Field(None, description="A run follows the day's workout.")
    cleared: bool | None = Field(
        None,
        description="A clinician saw the person and cleared them to exercise: ends the stop of "
        "earlier red flags (R12).",
    )
    psfs: float | None = Field(None, ge=0, le=10, description="The PSFS-style activity score.")
    note: str | None = None

    @model_validator(mode="after")
    def _exercises_need_workout(self) -> EventModel:
        if self.exercises and self.workout is None:
            raise ValueError("exercise logs need a workout status (done, partial or skipped)")
        return self


class ExpectModel(_Repeating):
    """What the plan of a day (or of each day up to until) must show."""

    phase: str | None = None
    workout: str | None = None
    stop: bool | None = None
    flags: list[Flag] = Field(default_factory=list, description="Flags that must be present.")
    no_flags: list[Flag] = Field(default_factory=list, description="Flags that must be absent.")
    exercises: list[str] = Field(default_factory=list, description="Exercise ids that must appear.")
    no_exercises: list[str] = Field(default_factory=list, description="Exercise ids that must not.")
    rules: list[str] = Field(default_factory=list, description="Rule ids with a decision.")
    no_rules: list[str] = Field(default_factory=list, description="Rule ids without one.")
    sets: dict[str, dict[Side, int]] = Field(  # type: ignore[valid-type]
        default_factory=dict, description="Exercise id → side → sets."
    )
    loads: dict[str, str] = Field(default_factory=dict, description="Exercise id → load words.")
    max_minutes: float | None = None
    first_side: Side | None = Field(  # type: ignore[valid-type]
        None, description="The side listed first for every per-side exercise."
    )


class Scenario(_Strict):
    """A virtual person for `hipcoach simulate`."""

    name: str | None = None
    description: str | None = None
    program: str = Field(pattern=SLUG_PATTERN)
    start: dt.date = Field(description="The enrollment start: day 0.")
    profile: ProfileModel = Field(default_factory=ProfileModel)
    events: list[EventModel] = Field(default_factory=list)
    expect: list[ExpectModel] = Field(default_factory=list)


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema of the scenario format."""
    return Scenario.model_json_schema() | {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "hipcoach scenario",
    }


# -- reading and checking ----------------------------------------------------------------------


def read_scenario(
    path: Path, *, programs: Mapping[str, Program], exercises: Mapping[str, Exercise]
) -> Scenario:
    """Read and check a scenario file against the library.

    Raises `ContentError` with every problem, each naming the file and line.
    """
    data, lines = read(path)
    return check_scenario(data, lines, str(path), programs=programs, exercises=exercises)


def check_scenario(
    data: Any,
    lines: LineMap,
    path: str,
    *,
    programs: Mapping[str, Program],
    exercises: Mapping[str, Exercise],
) -> Scenario:
    """Validate parsed scenario data; raise `ContentError` with every problem found."""
    model, problems = validate(Scenario, data, lines, path)
    problems += _library_checks(data, lines, path, programs, exercises)
    if model is not None and not problems:
        problems += _expect_checks(model, lines, path, programs, exercises)
    if problems or model is None:
        raise ContentError(sorted(set(problems)))
    return model


def _items(value: Any) -> list[tuple[int, dict]]:
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _library_checks(
    data: Any,
    lines: LineMap,
    path: str,
    programs: Mapping[str, Program],
    exercises: Mapping[str, Exercise],
) -> list[Problem]:
    """Names the file uses that the library or the screen does not know (on the raw data, so
    they are reported together with the shape problems)."""
    if not isinstance(data, dict):
        return []
    problems: list[Problem] = []
    program = data.get("program")
    if isinstance(program, str) and program not in programs:
        hint = did_you_mean(program, list(programs))
        problems.append(
            Problem(
                path,
                lines.line_for(("program",)),
                f"'{program}' is not a program in the library{hint}",
            )
        )
    for i, event in _items(data.get("events")):
        answers = event.get("red_flags")
        for key in answers if isinstance(answers, dict) else {}:
            if key not in RED_FLAG_KEYS:
                hint = did_you_mean(str(key), RED_FLAG_KEYS)
                problems.append(
                    Problem(
                        path,
                        lines.line_for(("events", i, "red_flags", key)),
                        f"'{key}' is not a red-flag question{hint}; the questions are: "
                        + ", ".join(RED_FLAG_KEYS),
                    )
                )
        for j, log in _items(event.get("exercises")):
            exercise_id = log.get("id")
            if isinstance(exercise_id, str) and exercise_id not in exercises:
                hint = did_you_mean(exercise_id, list(exercises))
                problems.append(
                    Problem(
                        path,
                        lines.line_for(("events", i, "exercises", j, "id")),
                        f"'{exercise_id}' is not an exercise in the library{hint}",
                    )
                )
    return problems


def _expect_checks(
    scenario: Scenario,
    lines: LineMap,
    path: str,
    programs: Mapping[str, Program],
    exercises: Mapping[str, Exercise],
) -> list[Problem]:
    problems: list[Problem] = []

    def problem(loc: tuple, message: str) -> None:
        problems.append(Problem(path, lines.line_for(loc), message))

    program = programs[scenario.program]
    phase_ids = [p.id for p in program.phases]
    workout_ids = [w.id for p in program.phases for w in p.workouts]
    for i, expect in enumerate(scenario.expect):
        if expect.phase is not None and expect.phase not in phase_ids:
            hint = did_you_mean(expect.phase, phase_ids)
            problem(
                ("expect", i, "phase"), f"'{expect.phase}' is not a phase of '{program.id}'{hint}"
            )
        if expect.workout is not None and expect.workout not in workout_ids:
            hint = did_you_mean(expect.workout, workout_ids)
            problem(
                ("expect", i, "workout"),
                f"'{expect.workout}' is not a workout of '{program.id}'{hint}",
            )
        named = [
            (field, j, x)
            for field in ("exercises", "no_exercises")
            for j, x in enumerate(getattr(expect, field))
        ]
        named += [("sets", x, x) for x in expect.sets] + [("loads", x, x) for x in expect.loads]
        for field, where, exercise_id in named:
            if exercise_id not in exercises:
                hint = did_you_mean(exercise_id, list(exercises))
                problem(
                    ("expect", i, field, where),
                    f"'{exercise_id}' is not an exercise in the library{hint}",
                )
        for field in ("rules", "no_rules"):
            for j, rule_id in enumerate(getattr(expect, field)):
                if rule_id not in RULES:
                    hint = did_you_mean(rule_id, list(RULES))
                    problem(("expect", i, field, j), f"'{rule_id}' is not a rule id{hint}")
    return problems


# -- to engine inputs ------------------------------------------------------------------------------


def to_profile(scenario: Scenario) -> Profile:
    p = scenario.profile
    return Profile(
        goals=tuple(g.value for g in p.goals),
        pain_areas=tuple(a.value for a in p.pain_areas),
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
    measures: dict[tuple, tuple[float, ...]] = {}
    pain: dict[tuple[int, str], int] = {}
    workouts: dict[int, tuple[str, tuple[ExerciseLog, ...]]] = {}
    # Per day, in file order: red-flag answers (merged while no clearance comes between) and
    # clearances (None), so a "yes" after a same-day clearance still stops (R12).
    screens: dict[int, list[dict[str, bool] | None]] = {}
    running: dict[int, bool] = {}
    psfs: dict[int, float] = {}
    for event in scenario.events:
        tests = event.measure or []
        logs = tuple(
            ExerciseLog(
                exercise=log.id,
                side=log.side.value,
                status=log.status.value,
                sets=log.sets,
                reps=log.reps,
                hold_s=log.hold_s,
                time_s=log.time_s,
            )
            for log in event.exercises
        )
        for day in event.days():
            if event.red_flags:
                entries = screens.setdefault(day, [])
                if entries and entries[-1] is not None:
                    entries[-1].update(event.red_flags)
                else:
                    entries.append(dict(event.red_flags))
            for test in tests:
                for side in ("left", "right"):
                    value = getattr(test, side)
                    if value is not None:
                        key = (day, test.kind.value, test.position.value, test.method.value, side)
                        measures[key] = tuple(value)
            if event.pain:
                for when in ("during", "next_morning", "rest"):
                    score = getattr(event.pain, when)
                    if score is not None:
                        pain[(day, when)] = score
            if event.workout is not None:
                workouts[day] = (event.workout.value, logs)
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
            PainReport(date(day), when, score) for (day, when), score in sorted(pain.items())
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


def default_days(scenario: Scenario) -> int:
    """The default last simulated day: the last event day + 7."""
    return last_event_day(scenario) + 7


def simulate(
    scenario: Scenario,
    programs: Mapping[str, Program],
    exercises: Mapping[str, Exercise],
    *,
    days: int | None = None,
) -> list[DayPlan]:
    """The plans of days 0..`days` (default: the last event day + 7), in one pass."""
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
    )


# -- expectations ------------------------------------------------------------------------------------


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
    for exercise_id, by_side in expect.sets.items():
        for side, sets in by_side.items():
            found = [e.sets for e in plan.exercises if e.id == exercise_id and e.side == side.value]
            if found != [sets] and sets not in found:
                out.append(f"{exercise_id} {side.value}: sets {found or 'absent'}, expected {sets}")
    for exercise_id, load in expect.loads.items():
        found_loads = sorted({str(e.load) for e in plan.exercises if e.id == exercise_id})
        if found_loads != [load]:
            out.append(f"{exercise_id}: load {found_loads or 'absent'}, expected {load}")
    if expect.max_minutes is not None and plan.minutes > expect.max_minutes:
        out.append(f"{plan.minutes} minutes, expected at most {expect.max_minutes:g}")
    if expect.first_side is not None:
        firsts = {}
        for e in plan.exercises:
            if e.side != "both":
                firsts.setdefault(e.id, e.side)
        wrong = sorted(k for k, v in firsts.items() if v != expect.first_side.value)
        if wrong:
            out.append(f"{', '.join(wrong)} not {expect.first_side.value} first")
        if not firsts:
            out.append("no per-side exercise to check the first side of")
    return out
