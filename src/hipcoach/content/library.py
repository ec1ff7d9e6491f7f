"""The loaded content: every exercise and program by id, and where each came from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from hipcoach.content.schema import Exercise, Lesson, Program
from hipcoach.content.yamlfile import LineMap


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


def equipment_words(exercises: Iterable[Exercise]) -> list[str]:
    """What these exercises need (a mat, a ball, a band, a wall, a chair), in words, each named
    once, in the order first needed: the "You need" line of both players."""
    needed = (item for exercise in exercises for item in exercise.equipment)
    return list(dict.fromkeys(item.replace("_", " ") for item in needed))


@dataclass(frozen=True)
class HowTo:
    """How an exercise is done, as both players and the exercise page show it: what it needs,
    the set-up, its steps, the cues, and the common faults with their fixes."""

    equipment: tuple[str, ...] = ()
    setup: str = ""
    steps: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    faults: tuple[tuple[str, str], ...] = ()  # (the fault, its fix)


def how_to(exercise: Exercise) -> HowTo:
    """`exercise`'s how-to, from its file."""
    return HowTo(
        equipment=tuple(equipment_words([exercise])),
        setup=exercise.starting_position,
        steps=tuple(exercise.steps),
        cues=tuple(exercise.cues),
        faults=tuple((f.fault, f.fix) for f in exercise.faults),
    )
