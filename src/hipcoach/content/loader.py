"""Loading exercise and program files into a `Library`, keeping where each came from, and
checking them (`hipcoach.content.validate` holds the checks across files).

A content tree has `exercises/*.yaml`, `programs/*.yaml` and `education/*.yaml` (lessons). A
file given on its own is recognised by its folder, or else by its keys (a program has `phases`,
a lesson `summary` and `text`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from hipcoach.content.library import Library, Source
from hipcoach.content.schema import Exercise, Lesson, Program
from hipcoach.content.validate import LibraryCheck, check_library
from hipcoach.content.yamlfile import ContentError, Problem, read, validate

CONTENT_ROOT = Path(__file__).resolve().parent


def content_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The YAML files named by `paths` (folders are searched), in a stable order."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            if path.is_dir():
                found = path.rglob("*.y*ml")
                files.extend(sorted(p for p in found if p.suffix in {".yaml", ".yml"}))
            elif path.is_file():
                files.append(path)
            else:
                problems.append(Problem(_shown(path), 1, "no such file or folder"))
        except OSError as exc:  # a name too long, a folder that may not be read
            problems.append(Problem(_shown(path), 1, f"cannot be read: {exc.strerror or exc}"))
    return files, problems


SHOWN_PATH_CHARS = 120  # a path longer than a line is shortened in messages


def _shown(path: Path) -> str:
    """`path` for a message: in full, or its start and end when it is longer than a line."""
    text = str(path)
    if len(text) <= SHOWN_PATH_CHARS:
        return text
    half = SHOWN_PATH_CHARS // 2
    return f"{text[:half]}…{text[-half:]}"


def _kind_of(file: Path, data: object) -> str:
    if file.parent.name == "programs":
        return "program"
    if file.parent.name == "exercises":
        return "exercise"
    if file.parent.name == "education":
        return "lesson"
    if isinstance(data, dict) and "phases" in data:
        return "program"
    if isinstance(data, dict) and {"summary", "text"} <= data.keys() and "steps" not in data:
        return "lesson"
    return "exercise"


MODELS: dict[str, type[Exercise] | type[Program] | type[Lesson]] = {
    "exercise": Exercise,
    "program": Program,
    "lesson": Lesson,
}


def load_files(files: Iterable[Path], into: Library | None = None) -> tuple[Library, list[Problem]]:
    """Load `files` into a library (a new one, or `into`), with every problem found per file.

    A later item with an id already loaded is reported as a duplicate and not loaded.
    """
    library = into if into is not None else Library()
    problems: list[Problem] = []
    for file in files:
        try:
            data, lines = read(file)
        except ContentError as exc:
            problems.extend(exc.problems)
            library.broken.add(file.stem)
            continue
        kind = _kind_of(file, data)
        model, found = validate(MODELS[kind], data, lines, str(file))
        problems.extend(found)
        if model is None:
            # Remember its id so other files naming it are not blamed for this file's mistake.
            library.broken.add(
                str(data.get("id", file.stem)) if isinstance(data, dict) else file.stem
            )
            continue
        key = (kind, model.id)
        if key in library.sources:
            first = library.sources[key]
            where = f"{first.path}:{first.lines.line_for(('id',))}"
            problems.append(
                Problem(
                    str(file),
                    lines.line_for(("id",)),
                    f"{kind} id '{model.id}' is used twice (also at {where})",
                )
            )
            continue
        library.sources[key] = Source(str(file), lines)
        if kind == "program":
            library.programs[model.id] = model
        elif kind == "lesson":
            library.lessons[model.id] = model
        else:
            library.exercises[model.id] = model
    return library, problems


def load_library(root: Path | None = None, *, extra: Sequence[LibraryCheck] = ()) -> Library:
    """Load and check a whole content tree (default: the content shipped with hipcoach).

    Raises `ContentError` with every problem when anything is wrong. The `extra` checks are
    those of the layers above (the figures place every key pose in space: about a second of
    numpy, `hipcoach.figures.checks.checked_library`); the app's own loading leaves them out,
    since the validator and the tests check the shipped files whole.
    """
    files, problems = content_files([root or CONTENT_ROOT])
    library, found = load_files(files)
    problems += found
    problems += check_library(library, extra=extra)
    if problems:
        raise ContentError(problems)
    return library


def validate_paths(paths: Iterable[Path], *, extra: Sequence[LibraryCheck] = ()) -> list[Problem]:
    """Load and check the files named by `paths`; every problem found, sorted.

    Programs are checked against the exercises (and lessons) given; when no exercise (lesson)
    file is given at all, against those shipped with hipcoach.
    """
    files, problems = content_files(paths)
    if not files and not problems:
        problems.append(Problem(" ".join(str(p) for p in paths), 1, "no .yaml files found"))
    library, found = load_files(files)
    problems += found
    own_exercises = bool(library.exercises)
    if not library.exercises and library.programs:
        shipped, _ = load_files(content_files([CONTENT_ROOT / "exercises"])[0])
        library.exercises = shipped.exercises
        library.sources.update(shipped.sources)
    if not library.lessons and library.programs:
        shipped, _ = load_files(content_files([CONTENT_ROOT / "education"])[0])
        library.lessons = shipped.lessons
        library.sources.update(shipped.sources)
    problems += check_library(library, reachability=own_exercises, extra=extra)
    return sorted(set(problems))
