"""The pieces a day's workout is built from: an item (an exercise with its dose, side and
origin), and what the building steps ask of exercises and doses: the stand-in down a
regression chain and its dose, the next load of a ladder, strength and static-stretch kinds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hipcoach.content.schema import Category, Dose, Exercise
from hipcoach.engine.constants import (
    LOAD_LADDER,
    STRENGTH_REPS_MAX,
    STRENGTH_REPS_STEP,
    STRENGTH_SETS_MAX,
)
from hipcoach.engine.dosing import load_words
from hipcoach.engine.words import Listed, Named, Said
from hipcoach.engine.words import said as _

MAX_SETS = 10  # the schema's limit


@dataclass(slots=True)
class Item:
    """An exercise of the workout being built, with its dose and where it came from."""

    exercise: Exercise
    dose: Dose
    block: int  # index of the template block it comes from
    programmed: str  # the block's exercise id
    week: int | None  # the progression week of the dose, while it is the programmed one
    side: str = "both"
    extra: int = 0  # sets added for asymmetry
    after_run: bool = False  # on a run day, done after the run (R8)

    @property
    def replaces(self) -> str | None:
        return None if self.exercise.id == self.programmed else self.programmed


def name_of(exercise: Exercise) -> Named:
    """The name inside a sentence: 'glute bridge', but 'A-skip' and '90/90 ...' as written
    (in another language, its own name for the exercise)."""
    name = exercise.name
    return Named(exercise.id, name[0].lower() + name[1:] if name[1:2].islower() else name)


def is_static(exercise: Exercise, dose: Dose) -> bool:
    """A hold-only stretch: what R6 doses and R8 limits."""
    holds = dose.reps is None and dose.time_s is None and dose.hold_s is not None
    tagged = "long_static_hold" in exercise.contraindications
    return holds and (exercise.category is Category.stretch or tagged)


def next_load(load: str | None) -> str | None:
    """The next word up a load ladder (light band → medium band), or None."""
    if load is None:
        return None
    for ladder in LOAD_LADDER:
        lowered = [word.lower() for word in ladder]
        if load.lower() in lowered:
            i = lowered.index(load.lower())
            return ladder[i + 1] if i + 1 < len(ladder) else None
    return None


def strength_step(dose: Dose) -> tuple[Dose, Said] | None:
    """One R10 step up (a heavier load word, else reps, else a set) and its words, or None."""
    heavier = next_load(dose.load)
    if heavier is not None:
        return dose.model_copy(update={"load": heavier}), _(
            "{before} → {after}", before=load_words(dose.load or ""), after=load_words(heavier)
        )
    if dose.reps is not None and dose.reps < STRENGTH_REPS_MAX:
        reps = min(STRENGTH_REPS_MAX, dose.reps + STRENGTH_REPS_STEP)
        return dose.model_copy(update={"reps": reps}), _(
            "{before} → {after} reps a set", before=dose.reps, after=reps
        )
    if dose.sets < STRENGTH_SETS_MAX:
        return dose.model_copy(update={"sets": dose.sets + 1}), _(
            "{before} → {after} sets", before=dose.sets, after=dose.sets + 1
        )
    return None


def is_strength(exercise: Exercise, dose: Dose) -> bool:
    return exercise.category is Category.strength and dose.reps is not None


def substitute(
    exercise: Exercise,
    excluded: frozenset[str],
    library: Mapping[str, Exercise],
    taken: frozenset[str] | set[str] = frozenset(),
) -> Exercise | None:
    """The first exercise down the regression chain (breadth first) without excluded tags.

    Exercises in `taken` (already in today's workout) are passed over, so a workout does not
    end up with the same stand-in twice.
    """
    seen = {exercise.id}
    queue = list(exercise.regressions)
    while queue:
        candidate_id = queue.pop(0)
        if candidate_id in seen or candidate_id not in library:
            continue
        seen.add(candidate_id)
        candidate = library[candidate_id]
        if candidate_id not in taken and not excluded.intersection(
            t.value for t in candidate.contraindications
        ):
            return candidate
        queue.extend(candidate.regressions)
    return None


def stand_in_dose(own: Dose, replaced: Dose) -> Dose:
    """A stand-in's dose: its own (reps, holds and times are written for that exercise, so a
    side plank keeps its 20 s hold instead of a 2 s rep hold), with no more sets than the
    exercise it replaces."""
    if own.sets <= replaced.sets:
        return own
    return own.model_copy(update={"sets": replaced.sets})


def smaller(dose: Dose, other: Dose) -> Dose:
    """`dose` with each counted field no larger than in `other`."""
    update = {}
    for name in ("sets", "reps", "hold_s", "time_s"):
        value, bound = getattr(dose, name), getattr(other, name)
        if value is not None and bound is not None and value > bound:
            update[name] = bound
    return dose.model_copy(update=update) if update else dose


def allowed(exercise: Exercise, excluded: frozenset[str]) -> bool:
    return not excluded.intersection(t.value for t in exercise.contraindications)


def listing(parts: Sequence[object]) -> Listed:
    """Parts of a reason in a row: "a; b; c"."""
    return Listed(tuple(parts), "; ", last=False)
