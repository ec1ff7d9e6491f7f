"""`hipcoach simulate`: a table by default, DayPlan JSON with --json, clear errors otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hipcoach.cli import app

RUNNER = CliRunner()
EXAMPLE = """\
program: hip-foundations
start: 2026-01-05            # day 0
profile: {goals: [running], pain_areas: [high_hamstring], age: 34}
events:
  - day: 0
    red_flags: {trauma: false}
    measure: {position: prone, method: inclinometer, left: [22, 24, 23], right: [35, 36, 34]}
    pain: {rest: 3}
  - day: 1
    workout: done            # done | skipped | partial
    pain: {during: 2}
  - day: 2
    pain: {next_morning: 2}
    running: true            # a run follows today's workout
"""


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "person.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    return path


def test_json_prints_a_day_plan_per_day_up_to_the_last_event_plus_seven(example: Path) -> None:
    result = RUNNER.invoke(app, ["simulate", str(example), "--json"])
    assert result.exit_code == 0, result.output
    plans = json.loads(result.stdout)
    assert [p["day"] for p in plans] == list(range(10))
    first = plans[0]
    assert {"day", "date", "phase", "stop", "flags", "minutes", "exercises", "decisions"} <= set(
        first
    )
    assert first["date"] == "2026-01-05" and first["phase"] == "mobility"
    assert {"id", "side", "sets", "reps", "hold_s", "time_s"} <= set(first["exercises"][0])
    assert {"rule", "reason", "evidence"} == set(first["decisions"][0])
    assert plans[2]["pre_run"] is True


def test_days_sets_the_last_day(example: Path) -> None:
    result = RUNNER.invoke(app, ["simulate", str(example), "--json", "--days", "30"])
    assert [p["day"] for p in json.loads(result.stdout)][-1] == 30


def test_the_default_output_is_a_table(example: Path) -> None:
    result = RUNNER.invoke(app, ["simulate", str(example), "--days", "3"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "Simulated days" in result.stdout and "2026-01-08" in result.stdout
    assert "mobility" in result.stdout


def test_an_invalid_scenario_lists_every_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(
        EXAMPLE.replace("hip-foundations", "hip-foundation")
        .replace("trauma: false", "traumaa: false")
        .replace("rest: 3", "rest: 13"),
        encoding="utf-8",
    )
    result = RUNNER.invoke(app, ["simulate", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"{path}:1: 'hip-foundation' is not a program in the library (did you mean 'hip-foundations'?)",
        f"{path}:6: 'traumaa' is not a red-flag question (did you mean 'trauma'?); the questions are: "
        "trauma, fever_or_hot_joint, recent_infection_surgery_or_injection, cancer_history, "
        "unexplained_weight_loss, constant_or_night_pain, cannot_bear_weight, "
        "saddle_numbness_or_bladder_bowel_change, progressive_leg_weakness, pop_with_bruising, "
        "painful_hop, recent_load_increase",
        f"{path}:8: 'events[1].pain[1].rest': input should be less than or equal to 10 (got 13)",
    ]
    assert "Traceback" not in result.output


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    result = RUNNER.invoke(app, ["simulate", str(tmp_path / "nobody.yaml")])
    assert result.exit_code == 1
    assert "cannot read the file" in result.stderr


def test_a_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "program: hip-foundations\nstart: 2026-01-05\nevents:\n  - day: [0\n", encoding="utf-8"
    )
    result = RUNNER.invoke(app, ["simulate", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:")
    assert "YAML syntax error" in result.stderr
