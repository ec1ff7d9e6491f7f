"""The checks that content means what it says, each shown on a broken copy of a valid tree."""

from __future__ import annotations

from pathlib import Path

from contentkit import ContentTree, exercise_text, program_text

from hipcoach.content.loader import validate_paths


def problems_in(tree: ContentTree) -> list[str]:
    return [f"{Path(p.path).name}:{p.line}: {p.message}" for p in validate_paths([tree.root])]


def gamma_runs(tree: ContentTree, *, week_2_seconds: int) -> None:
    """Add a running exercise 'gamma' to the daily workout: 60 s a day, then week 2's."""
    text = (
        exercise_text("gamma", category="functional", regressions="[beta]")
        .replace("position: seated", "position: standing")
        .replace("per_side: true", "per_side: false")
        .replace("  reps: 10\n  hold_s: 3\n", "  time_s: 60\n")
        .replace("contraindications: []", "contraindications: [running, impact, weight_bearing]")
    )
    tree.exercise("gamma", text)
    program = (
        program_text()
        .replace(
            "          - exercise: beta\n",
            "          - exercise: gamma\n            dose: {time_s: 60}\n          - exercise: beta\n",
        )
        .replace(
            "          alpha: {reps: 12}\n",
            f"          alpha: {{reps: 12}}\n          gamma: {{time_s: {week_2_seconds}}}\n",
        )
    )
    tree.program("test-program", program)


def test_a_tag_outside_the_closed_list_is_refused_with_the_closest(tree: ContentTree) -> None:
    tree.valid()
    text = exercise_text("alpha", regressions="[beta]").replace(
        "contraindications: []", "contraindications: [kneelng]"
    )
    tree.exercise("alpha", text)
    found = problems_in(tree)
    assert any(
        p.startswith("alpha.yaml:23: 'contraindications[1]': 'kneelng' is not one of")
        and "did you mean 'kneeling'" in p
        for p in found
    ), found


def test_a_kneeling_start_without_the_kneeling_tag_is_reported(tree: ContentTree) -> None:
    tree.valid()
    text = exercise_text("alpha", regressions="[beta]").replace(
        "position: seated", "position: kneeling"
    )
    tree.exercise("alpha", text)
    assert problems_in(tree) == [
        "alpha.yaml:23: tag 'kneeling' is missing: it starts in position 'kneeling'"
    ]


def test_a_standing_exercise_must_say_it_bears_weight(tree: ContentTree) -> None:
    tree.valid()
    text = exercise_text("alpha", regressions="[beta]").replace(
        "position: seated", "position: standing"
    )
    tree.exercise("alpha", text)
    assert problems_in(tree) == [
        "alpha.yaml:23: tag 'weight_bearing' is missing: it is done standing"
    ]


def test_a_load_word_off_the_progression_ladder_is_reported(tree: ContentTree) -> None:
    tree.valid()
    text = exercise_text("alpha", regressions="[beta]").replace(
        "  hold_s: 3\n", "  hold_s: 3\n  load: light mini band above the knees\n"
    )
    tree.exercise("alpha", text)
    found = problems_in(tree)
    assert len(found) == 1
    assert found[0].startswith(
        "alpha.yaml:13: load 'light mini band above the knees' is not a step of the progression "
        "ladder, so it could never be stepped up (R10): use one of 'light band'"
    ), found


def test_any_load_word_off_every_ladder_is_reported(tree: ContentTree) -> None:
    tree.valid()
    text = exercise_text("alpha", regressions="[beta]").replace(
        "  hold_s: 3\n", "  hold_s: 3\n  load: a 2 kg weight\n"
    )
    tree.exercise("alpha", text)
    found = problems_in(tree)
    assert len(found) == 1 and found[0].startswith(
        "alpha.yaml:13: load 'a 2 kg weight' is not a step of the progression ladder"
    ), found
    assert "'body weight', 'light dumbbell'" in found[0]


def test_a_ladder_load_word_passes(tree: ContentTree) -> None:
    tree.valid()
    text = exercise_text("alpha", regressions="[beta]").replace(
        "  hold_s: 3\n", "  hold_s: 3\n  load: Light mini-band\n"
    )
    tree.exercise("alpha", text)
    assert problems_in(tree) == []


def test_strength_sets_with_short_rests_are_reported_at_the_block(tree: ContentTree) -> None:
    tree.valid()
    tree.exercise("alpha", exercise_text("alpha", category="strength", regressions="[beta]"))
    found = problems_in(tree)
    assert (
        "test-program.yaml:17: 'alpha' is strength work but rests 0 s between sets: "
        "give it at least 60 s (rest_s), or it trains endurance"
    ) in found


def test_an_exercise_no_program_reaches_must_say_why_it_is_there(tree: ContentTree) -> None:
    tree.valid()
    tree.exercise("gamma", exercise_text("gamma"))
    assert problems_in(tree) == [
        "gamma.yaml:1: 'gamma' is in no program and no program exercise reaches it as a "
        "regression or run-day alternative: add it to a program, or say why it is in the "
        "library (library_only)"
    ]
    reason = "library_only: A swap a clinician may choose for a person.\nwhy:"
    tree.exercise("gamma", exercise_text("gamma").replace("why:", reason))
    assert problems_in(tree) == []


def test_a_regression_of_a_program_exercise_is_reachable(tree: ContentTree) -> None:
    tree.valid()  # beta is in the program, and also alpha's regression
    tree.exercise("gamma", exercise_text("gamma"))
    tree.exercise("beta", exercise_text("beta", category="stretch", regressions="[gamma]"))
    assert problems_in(tree) == []


def test_a_program_exercise_marked_library_only_is_reported(tree: ContentTree) -> None:
    tree.valid()
    reason = "library_only: A swap a clinician may choose for a person.\nwhy:"
    text = exercise_text("alpha", regressions="[beta]").replace("why:", reason)
    tree.exercise("alpha", text)
    assert problems_in(tree) == [
        "alpha.yaml:24: 'alpha' is used by a program, so it is not library-only"
    ]


def test_running_that_rises_more_than_ten_percent_a_week_is_reported(tree: ContentTree) -> None:
    tree.valid()
    gamma_runs(tree, week_2_seconds=90)
    assert problems_in(tree) == [
        "test-program.yaml:10: running rises 50% in week 2 of phase 'mobility' "
        "(7 → 10.5 minutes a week): at most 10% a week"
    ]


def test_running_that_rises_ten_percent_a_week_passes(tree: ContentTree) -> None:
    tree.valid()
    gamma_runs(tree, week_2_seconds=66)
    assert problems_in(tree) == []


LESSON = """\
id: range
title: Why range comes first
summary: Range before strength, because strength needs range to work in.
text: >-
  A muscle can only be strengthened through the range the joint reaches, and stretching
  adds range within about two weeks (Gribble 1999), so the range comes first.
evidence:
  - Gribble 1999
"""


def test_a_phase_naming_an_unknown_lesson_is_reported(tree: ContentTree) -> None:
    tree.valid()
    (tree.root / "education").mkdir()
    (tree.root / "education" / "range.yaml").write_text(LESSON)
    text = program_text().replace(
        "    goal: Restore the range first.\n",
        "    goal: Restore the range first.\n    learn: [rang]\n",
    )
    tree.program("test-program", text)
    assert problems_in(tree) == [
        "test-program.yaml:13: 'rang' is not a lesson in the library (did you mean 'range'?)"
    ]


def test_a_lesson_listing_evidence_its_text_does_not_cite_is_reported(tree: ContentTree) -> None:
    tree.valid()
    (tree.root / "education").mkdir()
    (tree.root / "education" / "range.yaml").write_text(
        LESSON.replace("  - Gribble 1999\n", "  - Gribble 1999\n  - Bandy 1994\n")
    )
    assert problems_in(tree) == [
        "range.yaml:9: evidence 'Bandy 1994' is not cited in the lesson's text"
    ]


END = """\
end:
  text: Go on to the next program, which builds on this one.
  next_program: {next}
  keep_phase: {keep}
  retest: [ir, pain, psfs]
phases:
"""


def test_a_program_end_naming_an_unknown_program_or_phase_is_reported(tree: ContentTree) -> None:
    tree.valid()
    text = program_text().replace(
        "phases:\n", END.format(next="test-programme", keep="strenght"), 1
    )
    tree.program("test-program", text)
    assert problems_in(tree) == [
        "test-program.yaml:11: end.next_program 'test-programme' is not a program in the library",
        "test-program.yaml:12: end.keep_phase 'strenght' is not a phase of this program "
        "(did you mean 'strength'?)",
    ]


def test_a_program_end_may_not_lead_back_to_itself(tree: ContentTree) -> None:
    tree.valid()
    text = program_text().replace("phases:\n", END.format(next="test-program", keep="strength"), 1)
    tree.program("test-program", text)
    assert problems_in(tree) == [
        "test-program.yaml:11: end.next_program 'test-program' is this program itself"
    ]


def _alpha_is_a_check(tree: ContentTree) -> None:
    tree.exercise("alpha", exercise_text("alpha", regressions="[beta]") + "check: true\n")


def test_a_check_without_a_pass_mark_and_a_gate_is_refused(tree: ContentTree) -> None:
    tree.valid()
    _alpha_is_a_check(tree)
    found = problems_in(tree)
    assert any(
        p.startswith("test-program.yaml:17: 'alpha' is a check")
        and "pass mark" in p
        and "gate" in p
        for p in found
    ), found


def test_a_check_needs_something_to_gate(tree: ContentTree) -> None:
    tree.valid()
    _alpha_is_a_check(tree)
    tree.program(
        "test-program",
        program_text().replace(
            "          - exercise: alpha\n          - exercise: beta\n",
            "          - exercise: alpha\n            check: {pass_max_pain: 2}\n"
            "          - exercise: beta\n",
        ),
    )
    found = problems_in(tree)
    assert any(p.startswith("test-program.yaml:18:") and "must gate" in p for p in found), found


def test_a_check_with_a_pass_mark_and_a_gate_is_valid(tree: ContentTree) -> None:
    tree.valid()
    _alpha_is_a_check(tree)
    tree.program(
        "test-program",
        program_text()
        .replace(
            "          - exercise: alpha\n          - exercise: beta\n",
            "          - exercise: alpha\n"
            "            check: {pass_max_pain: 2, holds: [impact], holds_gate: true}\n"
            "          - exercise: beta\n",
        )
        .replace(
            "          - exercise: alpha\n    schedule: [strong",
            "          - exercise: alpha\n            check: {pass_max_pain: 2, holds_gate: true}\n"
            "    schedule: [strong",
        ),
    )
    assert problems_in(tree) == []


def test_a_pass_mark_on_an_exercise_that_is_no_check_is_refused(tree: ContentTree) -> None:
    tree.valid()
    tree.program(
        "test-program",
        program_text().replace(
            "          - exercise: alpha\n          - exercise: beta\n",
            "          - exercise: alpha\n            check: {pass_max_pain: 2, holds_gate: true}\n"
            "          - exercise: beta\n",
        ),
    )
    found = problems_in(tree)
    assert any(p.startswith("test-program.yaml:18:") and "not a check" in p for p in found), found


def test_a_pose_at_the_end_of_rotation_without_the_end_range_tag_is_reported(
    tree: ContentTree,
) -> None:
    tree.valid()
    text = exercise_text("alpha", regressions="[beta]").replace(
        "left_hip_internal_rotation: 30", "left_hip_internal_rotation: 65"
    )
    tree.exercise("alpha", text)
    assert problems_in(tree) == [
        "alpha.yaml:33: tag 'end_range_rotation' is missing: the key pose 'end' turns the left "
        "hip 65° inward (the end of its rotation from 40°); rules that must not push end range "
        "(R5, R16) find it by the tag"
    ]


def test_a_pose_turned_out_to_the_end_needs_the_tag_too_and_the_tag_ends_it(
    tree: ContentTree,
) -> None:
    tree.valid()
    text = exercise_text("alpha", regressions="[beta]").replace(
        "left_hip_internal_rotation: 30", "left_hip_internal_rotation: -50"
    )
    tree.exercise("alpha", text)
    assert [p.split(": ", 1)[1][:40] for p in problems_in(tree)] == [
        "tag 'end_range_rotation' is missing: the"
    ]
    assert "50° outward" in problems_in(tree)[0]
    tree.exercise(
        "alpha", text.replace("contraindications: []", "contraindications: [end_range_rotation]")
    )
    assert problems_in(tree) == []


def test_an_impact_drill_needs_an_easier_version_without_impact(tree: ContentTree) -> None:
    tree.valid()
    impact = "contraindications: [impact, weight_bearing]"
    text = exercise_text("alpha", regressions="[beta]").replace(
        "position: seated", "position: standing"
    )
    tree.exercise("alpha", text.replace("contraindications: []", impact))
    tree.exercise(
        "beta",
        exercise_text("beta", category="stretch").replace(
            "contraindications: []", "contraindications: [impact, weight_bearing]"
        ),
    )
    assert (
        "alpha.yaml:21: an impact drill needs an easier version without impact among its "
        "regressions: when landing must wait, that version stands in"
    ) in problems_in(tree)
    tree.exercise("beta", exercise_text("beta", category="stretch"))
    assert problems_in(tree) == []


def test_a_note_that_places_the_body_otherwise_than_the_exercise_is_reported(
    tree: ContentTree,
) -> None:
    tree.valid()
    text = program_text().replace(
        "          - exercise: alpha\n",
        "          - exercise: alpha\n            note: Standing for now. Turn the thigh in.\n",
    )
    tree.program("test-program", text)
    problem = problems_in(tree)[0]
    assert problem.startswith("test-program.yaml:18:")
    assert "the note says 'Standing for now' but 'alpha' is done in position 'seated'" in problem
    tree.program("test-program", text.replace("Standing for now", "Seated for now"))
    assert problems_in(tree) == []
