"""The hip rotation test drawn step by step: for each test position (`vocabulary.Position`),
the key poses of the test and the words under each, from `hip_test.yaml`; the words in
another language come from the content's translation file (`hip_test.<position>.steps`,
docs/translation.md), the drawing stays one."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hipcoach.content.poses import Poses
from hipcoach.content.translations import content_lines
from hipcoach.vocabulary import Position

SOURCE = Path(__file__).with_name("hip_test.yaml")


class TestFigure(BaseModel):
    """One position's test: its key poses, and one line of words for each."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    steps: list[str] = Field(min_length=2)
    poses: Poses

    @model_validator(mode="after")
    def _a_line_per_pose(self) -> TestFigure:
        if len(self.steps) != len(self.poses.keys):
            raise ValueError("give one line of steps for each key pose")
        return self


@cache
def hip_test_figures() -> dict[Position, TestFigure]:
    """Every test position's figure, in the vocabulary's order (a position missing from the
    file, or one the vocabulary does not have, is a `ValueError` naming it)."""
    import yaml

    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    names = [p.value for p in Position]
    unknown = sorted(set(data) - set(names))
    missing = [n for n in names if n not in data]
    if unknown or missing:
        raise ValueError(
            f"{SOURCE.name}: positions {unknown or ''} unknown, {missing or ''} missing"
        )
    return {p: TestFigure.model_validate(data[p.value]) for p in Position}


SECTION = "hip_test"  # the section of a content translation file that holds the steps


def hip_test_english() -> dict[str, dict[str, dict[str, list[str]]]]:
    """The hip test's translatable words in the shape a translation file has, under its
    section (`content.translations.check_translations(outer=...)` checks every language has
    them)."""
    return {
        SECTION: {
            position.value: {"steps": list(test.steps)}
            for position, test in hip_test_figures().items()
        }
    }


def hip_test_steps(position: Position, language: str) -> list[str]:
    """The words under each step of the test in `position`, in `language` (English when not
    translated)."""
    english = hip_test_figures()[position].steps
    return content_lines(language, (SECTION, position.value, "steps"), english)
