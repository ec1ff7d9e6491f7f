"""`hipcoach program list|show|validate` and `hipcoach schema`, as a program author uses them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from hipcoach.cli import app
from hipcoach.content.doses import minutes_range
from hipcoach.content.loader import CONTENT_ROOT, load_library

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "160"})


def test_the_shipped_content_validates() -> None:
    result = run("program", "validate", str(CONTENT_ROOT))
    assert result.exit_code == 0, result.output
    assert "all files are valid" in result.output


def test_list_shows_both_programs_with_their_minutes() -> None:
    result = run("program", "list")
    assert result.exit_code == 0, result.output
    assert "hip-ir-primer" in result.output
    assert "hip-foundations" in result.output


def test_show_the_primer_names_the_three_primer_exercises_and_its_minutes() -> None:
    result = run("program", "show", "hip-ir-primer")
    assert result.exit_code == 0, result.output
    library = load_library()
    for exercise_id in ("seated-ir-activation", "prone-ir-activation", "brettzel-2"):
        assert library.exercises[exercise_id].name in result.output
    shown = [float(m) for m in re.findall(r"about ([\d.]+) min", result.output)]
    assert shown and all(5 <= m <= 10 for m in shown)


def test_the_primer_takes_five_to_ten_minutes_every_week() -> None:
    library = load_library()
    low, high = minutes_range(library.programs["hip-ir-primer"], library.exercises)
    assert 5 <= low <= high <= 10


def test_show_an_unknown_program_suggests_the_closest() -> None:
    result = run("program", "show", "hip-ir-primr")
    assert result.exit_code == 1
    assert "no program 'hip-ir-primr' (did you mean 'hip-ir-primer'?)" in result.output


def test_validate_a_broken_copy_exits_non_zero_with_file_and_line(tmp_path: Path) -> None:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_ROOT / "exercises", copy / "exercises")
    shutil.copytree(CONTENT_ROOT / "programs", copy / "programs")
    primer = copy / "programs" / "hip-ir-primer.yaml"
    lines = primer.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if "exercise: seated-ir-activation" in line)
    lines[number] = lines[number].replace("seated-ir-activation", "seated-ir-activaton")
    primer.write_text("\n".join(lines) + "\n")
    result = run("program", "validate", str(copy))
    assert result.exit_code == 1
    assert f"hip-ir-primer.yaml:{number + 1}: exercise 'seated-ir-activaton'" in result.output
    assert "did you mean 'seated-ir-activation'" in result.output
    assert "Traceback" not in result.output


def test_validate_reports_a_removed_exercise_that_is_still_used(tmp_path: Path) -> None:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_ROOT, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (copy / "exercises" / "prone-ir-activation.yaml").unlink()
    result = run("program", "validate", str(copy))
    assert result.exit_code == 1
    assert "'prone-ir-activation' is not an exercise in the library" in result.output


def test_schema_writes_json_schema_for_editors(tmp_path: Path) -> None:
    result = run("schema", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    exercise = json.loads((tmp_path / "exercise.schema.json").read_text())
    program = json.loads((tmp_path / "program.schema.json").read_text())
    assert "per_side" in exercise["properties"]
    assert "phases" in program["properties"]
    assert "category" in exercise["required"]


def test_show_teaches_each_phase_its_lessons() -> None:
    result = run("program", "show", "hip-foundations")
    assert result.exit_code == 0, result.output
    library = load_library()
    for lesson_id in ("range-before-strength", "holds-before-running", "normal-soreness"):
        assert library.lessons[lesson_id].title in result.output
    assert "Learn" in result.output
