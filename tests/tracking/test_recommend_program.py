"""The program suggested at set-up comes from each program's `suits` head, not from code."""

from __future__ import annotations

import pytest

from hipcoach.tracking.programs import library, recommend_program


def test_no_pain_and_running_goals_get_the_short_primer() -> None:
    assert recommend_program(["running"], []) == (
        "hip-ir-primer",
        "no pain areas, and a short daily routine before running fits your goals",
    )
    assert recommend_program([], [])[0] == "hip-ir-primer"


@pytest.mark.parametrize(
    ("goals", "pain_areas", "why"),
    [
        (["running"], ["glute"], "you have pain to look after"),
        (["sport", "running"], [], "your goals need more than range"),
    ],
)
def test_pain_or_wider_goals_get_the_full_program(goals, pain_areas, why) -> None:
    program, reason = recommend_program(goals, pain_areas)
    assert program == "hip-foundations"
    assert reason == f"{why}: it builds range first, then strength and control"


def test_every_shipped_program_says_whom_it_suits() -> None:
    for program in library().programs.values():
        assert program.suits is not None and program.suits.goals, program.id


def test_an_unknown_goal_in_suits_is_reported_with_its_line(tmp_path) -> None:
    from hipcoach.content.loader import CONTENT_ROOT, load_files

    shipped = (CONTENT_ROOT / "programs" / "hip-ir-primer.yaml").read_text(encoding="utf-8")
    assert "  goals: [running, flexibility]\n" in shipped
    folder = tmp_path / "programs"
    folder.mkdir()
    broken = folder / "hip-ir-primer.yaml"
    broken.write_text(shipped.replace("[running, flexibility]", "[running, flying]"), "utf-8")
    line = shipped[: shipped.index("  goals: [running")].count("\n") + 1
    _, problems = load_files([broken])
    assert [(p.line, "flying" in p.message) for p in problems] == [(line, True)]
