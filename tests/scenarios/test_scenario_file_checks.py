"""Reading scenario files: every problem named with its file and line; events become history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hipcoach.content.loader import load_library
from hipcoach.content.yamlfile import ContentError, parse
from hipcoach.scenarios.checks import check_scenario
from hipcoach.scenarios.history import last_event_day, to_history

LIBRARY = load_library()


def _check(text: str):
    data, lines = parse(text, "person.yaml")
    return check_scenario(
        data, lines, "person.yaml", programs=LIBRARY.programs, exercises=LIBRARY.exercises
    )


def _problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        _check(text)
    return [str(p) for p in caught.value.problems]


HEAD = "program: hip-ir-primer\nstart: 2026-01-05\n"


def test_unknown_keys_and_values_are_reported_with_lines() -> None:
    problems = _problems(
        HEAD
        + "profile: {goals: [runing]}\n"
        + "events:\n"
        + "  - day: 0\n"
        + "    measure: {position: prone, method: inclinometr, left: 20}\n"
        + "  - day: 1\n"
        + "    workout: finished\n"
        + "    mood: good\n"
    )
    assert problems == [
        "person.yaml:3: 'profile.goals[1]': 'runing' is not one of running, sport, daily_life, "
        "flexibility, recovery (did you mean 'running'?)",
        "person.yaml:6: 'events[1].measure[1].method': 'inclinometr' is not one of goniometer, "
        "inclinometer, phone, sensor, camera_guided, camera, estimate (did you mean 'inclinometer'?)",
        "person.yaml:8: 'events[2].workout': 'finished' is not one of done, skipped, partial",
        "person.yaml:9: 'events[2].mood' is not a field here (a typo, or a field in the wrong place?)",
    ]


def test_a_measure_needs_a_side_and_pain_needs_a_moment() -> None:
    problems = _problems(
        HEAD + "events:\n  - day: 0\n    measure: {position: prone, method: phone}\n    pain: {}\n"
    )
    assert "person.yaml:5: 'events[1].measure[1]': a measure needs left, right or both" in problems
    assert "person.yaml:6: 'events[1].pain[1]': pain needs during, next_morning or rest" in problems


def test_exercise_logs_need_known_ids_and_a_workout() -> None:
    problems = _problems(
        HEAD
        + "events:\n  - day: 0\n    workout: done\n    exercises:\n      - {id: seated-banded-irr, reps: 10}\n"
        "  - day: 1\n    exercises: [{id: seated-banded-ir}]\n"
    )
    assert problems[0].startswith(
        "person.yaml:7: 'seated-banded-irr' is not an exercise in the library"
    )
    assert "exercise logs need a workout status" in problems[1]


def test_expectations_name_known_phases_exercises_and_rules() -> None:
    problems = _problems(
        HEAD + "expect:\n  - {day: 0, phase: strength, rules: [R99], exercises: [pigeon]}\n"
    )
    assert any("'strength' is not a phase of 'hip-ir-primer'" in p for p in problems)
    assert any("'R99' is not a rule id" in p for p in problems)
    assert any(
        "'pigeon' is not an exercise in the library (did you mean 'pigeon-stretch'?)" in p
        for p in problems
    )


def test_until_repeats_and_the_later_event_wins() -> None:
    scenario = _check(
        HEAD
        + "events:\n"
        + "  - {day: 0, until: 6, workout: done, pain: {during: 2}}\n"
        + "  - {day: 0, until: 6, every: 3, running: true}\n"
        + "  - {day: 3, workout: skipped}\n"
        + "  - {day: 4, measure: [{position: prone, method: phone, left: [20, 22], right: 30},"
        + " {position: prone, method: phone, kind: er, left: 40}]}\n"
    )
    history = to_history(scenario)
    start = dt.date(2026, 1, 5)
    statuses = {(w.date - start).days: w.status for w in history.workouts}
    assert statuses == {
        0: "done",
        1: "done",
        2: "done",
        3: "skipped",
        4: "done",
        5: "done",
        6: "done",
    }
    assert sorted((d - start).days for d in history.running_days) == [0, 3, 6]
    assert len(history.pain) == 7
    assert {(m.side, m.kind, m.trials) for m in history.measurements} == {
        ("left", "ir", (20, 22)),
        ("right", "ir", (30,)),
        ("left", "er", (40,)),
    }
    assert last_event_day(scenario) == 6


def test_until_before_day_is_an_error() -> None:
    problems = _problems(HEAD + "events:\n  - {day: 5, until: 2, workout: done}\n")
    assert problems == ["person.yaml:4: 'events[1]': until must not be before day"]


def test_every_shipped_scenario_reads_cleanly() -> None:
    from hipcoach.scenarios.checks import read_scenario

    for path in sorted((Path(__file__).parent).glob("*.yaml")):
        read_scenario(path, programs=LIBRARY.programs, exercises=LIBRARY.exercises)
