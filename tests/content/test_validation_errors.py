"""Every kind of content mistake is reported with its file, line and a plain message."""

from __future__ import annotations

from pathlib import Path

from contentkit import ContentTree, exercise_text, program_text

from hipcoach.content.loader import validate_paths


def problems_in(tree: ContentTree) -> list[str]:
    return [f"{Path(p.path).name}:{p.line}: {p.message}" for p in validate_paths([tree.root])]


def test_the_valid_tree_has_no_problems(tree: ContentTree) -> None:
    assert problems_in(tree.valid()) == []


def test_a_yaml_syntax_error_names_its_line(tree: ContentTree) -> None:
    tree.valid()
    tree.exercise(
        "alpha",
        exercise_text("alpha").replace(
            "targets: [hip_internal_rotation]", "targets: [hip_internal"
        ),
    )
    found = problems_in(tree)
    assert len(found) == 1
    assert found[0].startswith("alpha.yaml:5: YAML syntax error")


def test_a_missing_field_is_named(tree: ContentTree) -> None:
    tree.valid()
    tree.exercise("alpha", exercise_text("alpha").replace("per_side: true\n", ""))
    assert "alpha.yaml:1: 'per_side' is missing" in problems_in(tree)


def test_a_wrong_typed_field_is_named_at_its_line(tree: ContentTree) -> None:
    tree.valid()
    tree.exercise("alpha", exercise_text("alpha").replace("  reps: 10", "  reps: ten"))
    found = problems_in(tree)
    assert any(
        p.startswith("alpha.yaml:11: 'dose.reps': input should be a valid integer") for p in found
    ), found


def test_an_unknown_field_is_reported(tree: ContentTree) -> None:
    tree.valid()
    tree.exercise(
        "alpha", exercise_text("alpha").replace("per_side: true", "per_side: true\nper_sides: true")
    )
    assert any(
        p.startswith("alpha.yaml:9: 'per_sides' is not a field here") for p in problems_in(tree)
    )


def test_a_bad_category_suggests_the_closest(tree: ContentTree) -> None:
    tree.valid()
    tree.exercise("alpha", exercise_text("alpha", category="strech"))
    found = problems_in(tree)
    assert any(
        p.startswith("alpha.yaml:3: 'category': 'strech' is not one of")
        and "did you mean 'stretch'" in p
        for p in found
    ), found


def test_an_unknown_exercise_in_a_program_suggests_the_closest(tree: ContentTree) -> None:
    tree.valid()
    tree.program("test-program", program_text(block="alpah"))
    found = problems_in(tree)
    assert (
        "test-program.yaml:17: exercise 'alpah' is not an exercise in the library (did you mean 'alpha'?)"
        in found
    )


def test_an_unknown_regression_is_reported_at_its_line(tree: ContentTree) -> None:
    tree.valid()
    tree.exercise("alpha", exercise_text("alpha", regressions="[gamma]"))
    assert "alpha.yaml:21: regression 'gamma' is not an exercise in the library" in problems_in(
        tree
    )


def test_a_duplicate_exercise_id_names_both_files(tree: ContentTree) -> None:
    tree.valid()
    tree.exercise("alpha-copy", exercise_text("alpha"))
    found = problems_in(tree)
    assert any(
        p.startswith("alpha.yaml:1: exercise id 'alpha' is used twice (also at ")
        and "alpha-copy.yaml:1" in p
        for p in found
    ) or any(p.startswith("alpha-copy.yaml:1: exercise id 'alpha' is used twice") for p in found), (
        found
    )


def test_a_key_given_twice_is_reported(tree: ContentTree) -> None:
    tree.valid()
    tree.exercise(
        "alpha", exercise_text("alpha").replace("per_side: true", "per_side: true\nper_side: false")
    )
    assert "alpha.yaml:9: 'per_side' is given twice in the same block" in problems_in(tree)


def test_a_regression_cycle_is_reported(tree: ContentTree) -> None:
    tree.valid()
    tree.exercise("beta", exercise_text("beta", category="stretch", regressions="[alpha]"))
    found = problems_in(tree)
    cycles = [p for p in found if "go round in a circle" in p]
    assert len(cycles) == 1, found
    assert "alpha → beta → alpha" in cycles[0] or "beta → alpha → beta" in cycles[0]


def test_a_dose_with_no_work_is_reported(tree: ContentTree) -> None:
    tree.valid()
    tree.exercise("alpha", exercise_text("alpha").replace("  reps: 10\n  hold_s: 3\n", ""))
    assert (
        "alpha.yaml:9: 'dose': a dose needs reps, hold_s or time_s: say how much to do"
        in problems_in(tree)
    )


def test_a_gate_naming_an_unknown_measure_is_reported(tree: ContentTree) -> None:
    tree.valid()
    tree.program("test-program", program_text(measure="ir_pron"))
    found = problems_in(tree)
    assert any(
        p.startswith(
            "test-program.yaml:30: 'phases[1].gate.criteria[1].measure': 'ir_pron' is not one of"
        )
        and "did you mean 'ir_prone'" in p
        for p in found
    ), found


def test_a_workout_over_the_time_budget_is_reported(tree: ContentTree) -> None:
    tree.valid()
    tree.program("test-program", program_text(max_minutes=2))
    found = problems_in(tree)
    assert any(
        p.startswith("test-program.yaml:14: workout 'daily' takes about")
        and "over its budget of 2 minutes" in p
        for p in found
    ), found


def test_a_schedule_naming_an_unknown_workout_is_reported(tree: ContentTree) -> None:
    tree.valid()
    text = program_text().replace("schedule: [daily, daily,", "schedule: [dialy, daily,")
    tree.program("test-program", text)
    assert (
        "test-program.yaml:22: schedule day 1: 'dialy' is not a workout of phase 'mobility' (did you mean 'daily'?)"
        in problems_in(tree)
    )


def test_an_empty_file_is_reported(tree: ContentTree) -> None:
    tree.valid()
    tree.exercise("alpha", "")
    assert "alpha.yaml:1: the file is empty" in problems_in(tree)


def test_a_missing_path_is_reported(tmp_path: Path) -> None:
    found = validate_paths([tmp_path / "nowhere.yaml"])
    assert [p.message for p in found] == ["no such file or folder"]


def test_a_program_alone_is_checked_against_the_shipped_exercises(tmp_path: Path) -> None:
    program = tmp_path / "mine.yaml"
    program.write_text(
        program_text(block="seated-ir-activaton")
        .replace("beta", "prone-ir-activation")
        .replace("alpha: {reps: 12}", "seated-ir-activation: {reps: 12}")
    )
    found = [p.message for p in validate_paths([program])]
    assert (
        "exercise 'seated-ir-activaton' is not an exercise in the library (did you mean 'seated-ir-activation'?)"
        in found
    )


def test_an_impossible_date_is_reported_at_its_line() -> None:
    import pytest

    from hipcoach.content.yamlfile import ContentError, parse

    with pytest.raises(ContentError) as caught:
        parse("program: x\nstart: 2026-13-05\n", "s.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "s.yaml:2: '2026-13-05' is not a valid date or value"
    ]
