"""Reading a scenario file and checking it: its shape, and the names it uses against the
library (programs, exercises, phases, workouts, red-flag questions, rule ids).

Every problem names the file and line; all of them are reported at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hipcoach.content.schema import Exercise, Program
from hipcoach.content.yamlfile import ContentError, LineMap, Problem, did_you_mean, read, validate
from hipcoach.engine.rules import RULES
from hipcoach.scenarios.format import Scenario
from hipcoach.vocabulary import RedFlag, values


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
            if key not in values(RedFlag):
                hint = did_you_mean(str(key), values(RedFlag))
                problems.append(
                    Problem(
                        path,
                        lines.line_for(("events", i, "red_flags", key)),
                        f"'{key}' is not a red-flag question{hint}; the questions are: "
                        + ", ".join(RedFlag),
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
        # (field, where in it: an index, or the exercise id a map is keyed by, exercise id)
        named: list[tuple[str, int | str, str]] = [
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
