"""The content in another language, without copying the YAML: one file per language,
`hipcoach/locale/<language>/content.yaml`, keyed by kind, id and field (docs/content.md).

Only the words a person reads are translated: an exercise's name, set-up, steps, cues,
faults and why, and its figure's words (each key pose's name, `key_poses`, and how it moves,
`moves`: read by `figure_words`, so the poses, and the figures drawn from them, stay one);
a lesson's title, summary and text; a program's name, summary and end text, and each phase's
name, goal and gate checklist lines (`gate`, by measure) and its weeks' own notes (`weeks`,
by week); the load words of the doses' ladders (`loads`, by the English word). Everything
else (doses, poses, schedules, evidence) stays in the one English file. `check_translations` reports, each with its file and line, a text missing from a
language's file and a key that names nothing in the content any more (stale); the shipped
files have neither (`tests/content/test_translations.py`). The contract values' words
(`hipcoach.vocabulary`: sides, statuses, the safety questions, ...) are in the same file under
`vocabulary`, and the hip test's step words (`hipcoach.figures.hip_test`, above this layer)
under `hip_test`. The front ends pass the language in (this layer knows no Django):
`library_in`, `term_text`, `content_text`, `content_lines`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from hipcoach import vocabulary
from hipcoach.content.library import Library
from hipcoach.content.locales import LOCALE, base_language, file_for
from hipcoach.content.schema import LOAD_LADDER, Exercise, Fault, Lesson, Phase, Program
from hipcoach.content.yamlfile import ContentError, LineMap, Loc, Problem, read
from hipcoach.vocabulary import Term

EXERCISE_FIELDS = ("name", "starting_position", "steps", "cues", "faults", "why")
FIGURE_FIELDS = ("key_poses", "moves")  # of an exercise with poses
LESSON_FIELDS = ("title", "summary", "text")
PROGRAM_FIELDS = ("name", "summary")
PHASE_FIELDS = ("name", "goal")
# sections of a translation file whose English lives above the content (the figures' hip test)
OUTER_SECTIONS = ("hip_test",)


def gate_labels(phase: Phase) -> dict[str, str]:
    """The phase's gate checklist lines in the program's own words, by measure (the engine's
    gate reads them under programs.<id>.phases.<id>.gate.<measure>)."""
    if phase.gate is None:
        return {}
    return {c.measure.value: c.label for c in phase.gate.criteria if c.label}


def week_notes(phase: Phase) -> dict[int, dict[str, str]]:
    """The phase's weekly dose changes' own notes, by week (the plan's "week" reason reads
    them under programs.<id>.phases.<id>.weeks.<week>.note)."""
    return {change.week: {"note": change.note} for change in phase.weeks if change.note}


def content_text(language: str, path: tuple[str, ...], english: str) -> str:
    """The words under `path` of `language`'s file (programs.<id>.name, ...), else `english`."""
    found = _under(language, path)
    return found if isinstance(found, str) and found.strip() else english


def content_lines(language: str, path: tuple[str, ...], english: list[str]) -> list[str]:
    """The list of lines under `path` of `language`'s file (hip_test.<position>.steps), else
    `english` (also when the translation has another number of lines)."""
    found = _under(language, path)
    if not isinstance(found, list) or len(found) != len(english):
        return english
    return [
        str(line) if str(line).strip() else line_en
        for line, line_en in zip(found, english, strict=True)
    ]


def _under(language: str, path: tuple[str, ...]) -> Any:
    found: Any = _texts(language)
    for key in path:
        if not isinstance(found, dict):
            return None
        # a week's key is a number in the file (weeks: {2: ...}), a string in a path
        found = found.get(key, found.get(int(key)) if key.isdigit() else None)
    return found


def languages() -> list[str]:
    """The languages that have a content translation file."""
    return sorted(p.parent.name for p in LOCALE.glob("*/content.yaml"))


def english(library: Library) -> dict[str, Any]:
    """The translatable words of `library`, in the shape a translation file has."""
    exercises = {
        ex.id: {
            field: (
                [{"fault": f.fault, "fix": f.fix} for f in ex.faults]
                if field == "faults"
                else getattr(ex, field)
            )
            for field in EXERCISE_FIELDS
        }
        | (_figure_english(ex) if ex.poses is not None else {})
        for ex in library.exercises.values()
    }
    lessons = {
        lesson.id: {field: getattr(lesson, field) for field in LESSON_FIELDS}
        for lesson in library.lessons.values()
    }
    programs = {
        program.id: {field: getattr(program, field) for field in PROGRAM_FIELDS}
        | ({"end": program.end.text} if program.end is not None else {})
        | {
            "phases": {
                phase.id: {field: getattr(phase, field) for field in PHASE_FIELDS}
                | ({"gate": labels} if (labels := gate_labels(phase)) else {})
                | ({"weeks": notes} if (notes := week_notes(phase)) else {})
                for phase in program.phases
            }
        }
        for program in library.programs.values()
    }
    return {
        "exercises": exercises,
        "lessons": lessons,
        "programs": programs,
        # the load words of a dose (every load is on a ladder: the validator checks it)
        "loads": {word: word for ladder in LOAD_LADDER for word in ladder},
        "vocabulary": {
            terms.__name__: {
                term.value: {"label": term.label}
                | ({"words": term.words} if term.words != term.label else {})
                for term in terms
            }
            for terms in term_classes()
        },
    }


def _figure_english(exercise: Exercise) -> dict[str, Any]:
    assert exercise.poses is not None
    found: dict[str, Any] = {"key_poses": [key.name for key in exercise.poses.keys]}
    if exercise.poses.moves:
        found["moves"] = exercise.poses.moves
    return found


def figure_words(exercise: Exercise, language: str) -> tuple[list[str], str | None]:
    """The names of `exercise`'s key poses and the words for how it moves, in `language`
    (English when not translated; the moves None then, for the figure's words to mirror)."""
    english_names = [key.name for key in exercise.poses.keys] if exercise.poses else []
    texts = _texts(language).get("exercises", {}).get(exercise.id, {})
    names = texts.get("key_poses")
    if not isinstance(names, list) or len(names) != len(english_names):
        names = english_names
    moves = texts.get("moves")
    return [str(n) for n in names], str(moves) if moves else None


def term_classes() -> list[type[Term]]:
    """Every kind of contract value with words (`hipcoach.vocabulary`), by name."""
    found = [
        item
        for item in vars(vocabulary).values()
        if isinstance(item, type) and issubclass(item, Term) and item is not Term
    ]
    return sorted(found, key=lambda terms: terms.__name__)


def term_text(term: Term, language: str, field: str = "label") -> str:
    """A contract value's `label` or `words` in `language` (English when not translated)."""
    english_text: str = getattr(term, field)
    entry = _texts(language).get("vocabulary", {}).get(type(term).__name__, {}).get(term.value)
    if not entry:
        return english_text
    found = entry.get(field) or (entry.get("label") if field == "words" else None)
    return str(found) if found else english_text


def _dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def _compare(
    want: Any, got: Any, loc: Loc, lines: LineMap, path: str, problems: list[Problem]
) -> None:
    line = lines.line_for(loc)
    if isinstance(want, dict):
        if not isinstance(got, dict):
            problems.append(Problem(path, line, f"{_dotted(loc)} should be a block of keys"))
            return
        for key in want:
            if key not in got:
                problems.append(Problem(path, line, f"missing translation: {_dotted((*loc, key))}"))
            else:
                _compare(want[key], got[key], (*loc, key), lines, path, problems)
        for key in got:
            if key not in want:
                problems.append(
                    Problem(
                        path,
                        lines.line_for((*loc, key)),
                        f"stale translation: {_dotted((*loc, key))} is not in the content",
                    )
                )
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            count = len(got) if isinstance(got, list) else "not a list"
            problems.append(
                Problem(
                    path,
                    line,
                    f"{_dotted(loc)} has {count} items; the English has {len(want)}",
                )
            )
            return
        for i, (w, g) in enumerate(zip(want, got, strict=True)):
            _compare(w, g, (*loc, i), lines, path, problems)
    elif not isinstance(got, str) or not got.strip():
        problems.append(Problem(path, line, f"{_dotted(loc)} should be translated text"))


def check_translations(
    library: Library,
    language: str | None = None,
    *,
    files: list[Path] | None = None,
    outer: Mapping[str, Any] | None = None,
) -> list[Problem]:
    """Every missing or stale text in the translation files: `files`, else the shipped file of
    `language`, else those of every language. `outer` holds the English of the words that live
    in a layer above the content, by their section of the file (`OUTER_SECTIONS`: the hip
    test's steps, from `hipcoach.figures.hip_test.hip_test_english`); such a section is checked
    only when its English is given (the content cannot read it), any other unknown one is
    stale."""
    problems: list[Problem] = []
    want = english(library) | dict(outer or {})
    unchecked = set(OUTER_SECTIONS) - set(want)
    if files is None:
        files = [file_for(code) for code in ([language] if language else languages())]
    for file in files:
        try:
            got, lines = read(file)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        if isinstance(got, dict):
            got = {key: value for key, value in got.items() if key not in unchecked}
        _compare(want, got, (), lines, str(file), problems)
    return sorted(problems)


@cache
def _texts(language: str) -> dict[str, Any]:
    """The translation file of `language` ({} for English or a language without one)."""
    file = file_for(language)
    if base_language(language) == "en" or not file.exists():
        return {}
    data, _ = read(file)
    return data if isinstance(data, dict) else {}


def exercise_in(exercise: Exercise, language: str) -> Exercise:
    """`exercise` with its words in `language` (any not translated stay English)."""
    texts = _texts(language).get("exercises", {}).get(exercise.id)
    if not texts:
        return exercise
    update: dict[str, Any] = {k: v for k, v in texts.items() if k in EXERCISE_FIELDS}
    if "faults" in update:
        update["faults"] = [Fault(fault=f["fault"], fix=f["fix"]) for f in update["faults"]]
    return exercise.model_copy(update=update)


def lesson_in(lesson: Lesson, language: str) -> Lesson:
    """`lesson` with its words in `language`."""
    texts = _texts(language).get("lessons", {}).get(lesson.id)
    if not texts:
        return lesson
    return lesson.model_copy(update={k: v for k, v in texts.items() if k in LESSON_FIELDS})


def program_texts(program_id: str, language: str) -> dict[str, Any]:
    """A program's translated name, summary and phases ({} when not translated)."""
    found: dict[str, Any] = _texts(language).get("programs", {}).get(program_id, {})
    return found


def program_in(program: Program, language: str) -> Program:
    """`program` with its name, summary and phases' names and goals in `language`."""
    texts = program_texts(program.id, language)
    if not texts:
        return program
    phases = texts.get("phases", {})
    return program.model_copy(
        update={k: v for k, v in texts.items() if k in PROGRAM_FIELDS}
        | {
            "phases": [
                phase.model_copy(
                    update={k: v for k, v in phases.get(phase.id, {}).items() if k in PHASE_FIELDS}
                )
                for phase in program.phases
            ]
        }
    )


_TRANSLATED: dict[tuple[int, str], Library] = {}


def library_in(library: Library, language: str) -> Library:
    """`library` with every exercise, lesson and program in `language` (kept per library and
    language: read-only data). English, or a language without a file, is `library` itself."""
    code = base_language(language)
    if not _texts(code):
        return library
    key = (id(library), code)
    found = _TRANSLATED.get(key)
    if found is None:
        found = _TRANSLATED[key] = Library(
            exercises={k: exercise_in(v, code) for k, v in library.exercises.items()},
            programs={k: program_in(v, code) for k, v in library.programs.items()},
            lessons={k: lesson_in(v, code) for k, v in library.lessons.items()},
            sources=library.sources,
            broken=library.broken,
        )
    return found
