"""The loaded content: every exercise and program by id, and where each came from."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from hipcoach.content.schema import Category, Exercise, Lesson, Program
from hipcoach.content.yamlfile import LineMap


def gettext_noop(text: str) -> str:
    """Marks `text` for the translation catalogue where it is written (this layer knows no
    Django); a front end translates it where it is shown (`text=` below)."""
    return text


def _same(text: str) -> str:
    return text


# The words of each piece of equipment an exercise may name, and of each category, in the
# catalogue (tests/i18n/test_completeness.py fails on a value without its words).
EQUIPMENT_WORDS = {
    "band": gettext_noop("band"),
    "bench": gettext_noop("bench"),
    "box": gettext_noop("box"),
    "chair": gettext_noop("chair"),
    "dowel": gettext_noop("dowel"),
    "foam_roller": gettext_noop("foam roller"),
    "massage_ball": gettext_noop("massage ball"),
    "mat": gettext_noop("mat"),
    "mini_band": gettext_noop("mini band"),
    "step": gettext_noop("step"),
    "towel": gettext_noop("towel"),
    "wall": gettext_noop("wall"),
}
CATEGORY_WORDS = {
    Category.soft_tissue: gettext_noop("Soft tissue"),
    Category.stretch: gettext_noop("Stretch"),
    Category.dynamic: gettext_noop("Dynamic"),
    Category.activation: gettext_noop("Activation"),
    Category.strength: gettext_noop("Strength"),
    Category.functional: gettext_noop("Functional"),
    Category.foot: gettext_noop("Foot"),
}


def equipment_word(item: str, text: Callable[[str], str] = _same) -> str:
    """One piece of equipment in words ("foam_roller" → "foam roller"), through `text`."""
    known = EQUIPMENT_WORDS.get(item)
    return text(known) if known else item.replace("_", " ")


def category_words(category: Category, text: Callable[[str], str] = _same) -> str:
    """'Soft tissue', 'Activation', … through `text`."""
    return text(CATEGORY_WORDS[category])


@dataclass(frozen=True)
class Source:
    """Where a loaded item came from, so later checks can point at its lines."""

    path: str
    lines: LineMap


@dataclass
class Library:
    """Every exercise and program loaded, by id, with their sources."""

    exercises: dict[str, Exercise] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)
    lessons: dict[str, Lesson] = field(default_factory=dict)
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)  # ids of files that failed to load

    def source(self, kind: str, item_id: str) -> Source:
        return self.sources[(kind, item_id)]


def equipment_words(exercises: Iterable[Exercise], text: Callable[[str], str] = _same) -> list[str]:
    """What these exercises need (a mat, a ball, a band, a wall, a chair), in words (through
    `text`: the front end's translator), each named once, in the order first needed: the "You
    need" line of both players."""
    needed = (item for exercise in exercises for item in exercise.equipment)
    return list(dict.fromkeys(equipment_word(item, text) for item in dict.fromkeys(needed)))


@dataclass(frozen=True)
class HowTo:
    """How an exercise is done, as both players and the exercise page show it: what it needs,
    the set-up, its steps, the cues, and the common faults with their fixes."""

    equipment: tuple[str, ...] = ()
    setup: str = ""
    steps: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    faults: tuple[tuple[str, str], ...] = ()  # (the fault, its fix)


def how_to(exercise: Exercise, text: Callable[[str], str] = _same) -> HowTo:
    """`exercise`'s how-to, from its file (the equipment's words through `text`)."""
    return HowTo(
        equipment=tuple(equipment_words([exercise], text)),
        setup=exercise.starting_position,
        steps=tuple(exercise.steps),
        cues=tuple(exercise.cues),
        faults=tuple((f.fault, f.fix) for f in exercise.faults),
    )
