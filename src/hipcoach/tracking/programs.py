"""The shipped programs: loaded once per process, looked up by id, and suggested at set-up."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from hipcoach.engine.words import Said, gettext_noop, said
from hipcoach.tracking.inputs import InputError, did_you_mean_said, in_active_language

if TYPE_CHECKING:  # only names: a plan found in the cache needs no content models
    from hipcoach.content.library import Library
    from hipcoach.content.schema import Program


@cache
def library() -> Library:
    """The shipped exercises and programs, checked.

    Every check but the physical one of the key poses: that one takes about a second (a cold
    `hipcoach today` took 1.5 s instead of 0.5 s) and finds nothing new at run time, since the
    shipped files are checked whole by `hipcoach program validate` and by the tests."""
    from hipcoach.content.loader import load_library

    return load_library()


@dataclass(frozen=True)
class ProgramChoice:
    """A shipped program as offered at set-up."""

    id: str
    name: str
    weeks: int
    minutes: str  # a day's workout, a range when the workouts differ: "5–9.5"
    summary: str


def program_choices() -> list[ProgramChoice]:
    """The shipped programs to choose from, shortest first."""
    from hipcoach.content.doses import minutes_range

    found = []
    for shipped in sorted(library().programs.values(), key=lambda p: p.weeks):
        low, high = minutes_range(shipped, library().exercises)
        minutes = f"{low:g}–{high:g}" if low != high else f"{low:g}"
        found.append(
            ProgramChoice(shipped.id, shipped.name, shipped.weeks, minutes, shipped.summary)
        )
    return found


def program_ids() -> list[str]:
    return sorted(library().programs)


def program(program_id: str) -> Program:
    """The shipped program `program_id`; an InputError naming the choices when there is none."""
    found = library().programs.get(program_id)
    if found is None:
        raise InputError(in_active_language(unknown_program(program_id)))
    return found


def unknown_program(program_id: str) -> Said:
    """What is said of a program the content does not have (a typo, or one no longer
    shipped), kept as made (`Said`: in each reader's words when shown)."""
    return said(
        gettext_noop("unknown program '{program}'{hint}; choose one of: {programs}"),
        program=program_id,
        hint=did_you_mean_said(program_id, library().programs),
        programs=", ".join(program_ids()),
    )


def recommend_program(goals: Iterable[str], pain_areas: Iterable[str]) -> tuple[str, str]:
    """The program to suggest at set-up, and why, in words.

    Each program says whom it suits (`suits` in its file: the goals it serves, whether it looks
    after pain, a rank); the best-ranked program that suits the person's goals and pain areas
    is suggested, or else the best-ranked one of all.
    """
    wanted, painful = set(goals), set(pain_areas)
    offered = sorted(
        ((p.suits.rank, p.id, p.suits) for p in library().programs.values() if p.suits is not None),
    )
    for _rank, program_id, suits in offered:
        if wanted <= {goal.value for goal in suits.goals} and (suits.pain or not painful):
            return program_id, suits.why_pain if painful and suits.why_pain else suits.why
    return (offered[0][1] if offered else program_ids()[0]), "it is the program available"
