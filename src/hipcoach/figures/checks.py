"""The content checks that need the body in space: every programmed exercise is posed, and
every key pose rests on what its placement names without passing through the floor."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from hipcoach.content.library import Library
from hipcoach.content.poses import KeyPose
from hipcoach.content.yamlfile import Problem


def programmed_exercises(library: Library) -> set[str]:
    """The ids of every exercise some program's workout uses."""
    return {
        block.exercise
        for program in library.programs.values()
        for phase in program.phases
        for workout in phase.workouts
        for block in workout.blocks
    }


@lru_cache(maxsize=512)
def _physical_problems(key_json: str) -> tuple[str, ...]:
    from hipcoach.figures.placing import problems_of

    return tuple(problems_of(KeyPose.model_validate_json(key_json)))


def check_poses(library: Library) -> list[Problem]:
    """Missing poses on programmed exercises; key poses under the floor or off their supports."""
    problems: list[Problem] = []
    used = programmed_exercises(library)
    for exercise in library.exercises.values():
        source = library.source("exercise", exercise.id)
        if exercise.poses is None:
            if exercise.id in used:
                problems.append(
                    Problem(
                        source.path,
                        source.lines.line_for(("id",)),
                        f"'{exercise.id}' is in a program but has no poses: add a 'poses:' block "
                        "(a start and an end) so its figure can be drawn",
                    )
                )
            continue
        for i, key in enumerate(exercise.poses.keys):
            line = source.lines.line_for(("poses", "keys", i))
            for message in _physical_problems(key.model_dump_json()):
                problems.append(Problem(source.path, line, message))
    return problems


def checked_library(root: Path | None = None) -> Library:
    """The content tree at `root` (default: the shipped one) loaded with every check, the key
    poses placed in space included; `ContentError` with every problem."""
    from hipcoach.content.loader import load_library

    return load_library(root, extra=(check_poses,))


def validate_files(paths: Iterable[Path]) -> list[Problem]:
    """Every problem in the content files named by `paths`, the key poses' included (what
    `hipcoach program validate` reports)."""
    from hipcoach.content.loader import validate_paths

    return validate_paths(paths, extra=(check_poses,))
