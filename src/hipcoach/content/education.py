"""Short education: which lesson a day's view offers, from the phase's `learn` list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the terminal's today view imports this module without pydantic
    from hipcoach.content.library import Library
    from hipcoach.content.schema import Lesson

CONTENT_ROOT = Path(__file__).resolve().parent


def phase_lessons(library: Library, program_id: str, phase_id: str | None) -> list[Lesson]:
    """The lessons a program's phase names, in its order (unknown ids are skipped)."""
    program = library.programs.get(program_id)
    if program is None or phase_id is None:
        return []
    phase = next((p for p in program.phases if p.id == phase_id), None)
    if phase is None:
        return []
    return [library.lessons[i] for i in phase.learn if i in library.lessons]


def shipped_lesson_line(program_id: str, phase_id: str | None, day: int) -> tuple[str, str] | None:
    """`(title, summary)` of the lesson `lesson_for` gives, read straight from the shipped files.

    For the terminal's today view, which avoids loading the checked library (and pydantic): the
    files are the shipped ones, checked wherever the library is loaded and by the tests.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        program = yaml.load((CONTENT_ROOT / "programs" / f"{program_id}.yaml").read_text(), loader)
        phase = next(p for p in program["phases"] if p["id"] == phase_id)
        ids = phase.get("learn") or []
        if not ids:
            return None
        lesson_id = ids[day % len(ids)]
        lesson = yaml.load((CONTENT_ROOT / "education" / f"{lesson_id}.yaml").read_text(), loader)
        return lesson["title"], lesson["summary"]
    except (OSError, StopIteration, KeyError, TypeError, yaml.YAMLError):
        return None  # not a shipped program or phase: no lesson line


def lesson_for(library: Library, program_id: str, phase_id: str | None, day: int) -> Lesson | None:
    """The lesson for day `day` of a program: the phase's lessons take turns, one a day."""
    lessons = phase_lessons(library, program_id, phase_id)
    return lessons[day % len(lessons)] if lessons else None
