"""The loaded content: every exercise and program by id, and where each came from."""

from __future__ import annotations

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
