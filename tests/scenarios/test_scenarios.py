"""Every virtual person under tests/scenarios/ meets the outcomes its file asserts."""

from __future__ import annotations

from pathlib import Path

import pytest

from hipcoach.content.loader import load_library
from hipcoach.engine.rules import RULES
from hipcoach.scenarios.checks import read_scenario
from hipcoach.scenarios.expectations import unmet_expectations
from hipcoach.scenarios.simulation import default_days, simulate

SCENARIOS = sorted((Path(__file__).parent).glob("*.yaml"))


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_there_are_at_least_fifteen_people() -> None:
    assert len(SCENARIOS) >= 15


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_the_scenario_meets_its_expectations(path: Path, library) -> None:
    scenario = read_scenario(path, programs=library.programs, exercises=library.exercises)
    assert scenario.expect, "a scenario asserts its outcomes"
    last = max([default_days(scenario)] + [max(e.days()) for e in scenario.expect])
    plans = simulate(scenario, library.programs, library.exercises, days=last)
    assert unmet_expectations(scenario, plans) == []


def test_every_rule_fires_in_some_scenario(library) -> None:
    fired: set[str] = set()
    for path in SCENARIOS:
        scenario = read_scenario(path, programs=library.programs, exercises=library.exercises)
        for plan in simulate(scenario, library.programs, library.exercises):
            fired |= {d.rule for d in plan.decisions}
    assert set(RULES) - fired == set()


def test_the_motivating_runner_is_followed_for_ten_weeks(library) -> None:
    path = next(p for p in SCENARIOS if p.stem == "runner-high-hamstring")
    scenario = read_scenario(path, programs=library.programs, exercises=library.exercises)
    plans = simulate(scenario, library.programs, library.exercises)
    assert len(plans) >= 70
    assert scenario.profile.pain_areas and {a.value for a in scenario.profile.pain_areas} == {
        "high_hamstring",
        "glute",
    }
    assert [p.phase for p in plans][::7][:10] == [
        "mobility",
        "mobility",
        "mobility",
        "activation",
        "strength",
        "strength",
        "strength",
        "function",
        "function",
        "maintenance",
    ]
