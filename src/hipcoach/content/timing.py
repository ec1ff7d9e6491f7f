"""How long a workout takes, computed from its doses.

The estimate is what a person following the player would spend: the work itself (holds, reps
at a tempo, timed work), rests between sets, both sides for a per-side exercise with a short
switch between them, and a little time to move between exercises (more when the body position
changes, e.g. from standing to lying face down).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only names: a stored plan is put into words without loading pydantic
    from hipcoach.content.schema import BodyPosition, Dose

DEFAULT_TEMPO_S = 3  # seconds to move through one rep when a dose gives no tempo
SIDE_SWITCH_S = 5  # seconds to change sides on a per-side exercise
NEXT_EXERCISE_S = 5  # seconds to move on to the next exercise in the same position
POSITION_CHANGE_S = 15  # seconds to get down, up or turned over when the position changes


def dose_seconds(dose: Dose, *, per_side: bool, fewer_sets: int = 0) -> float:
    """Seconds one exercise takes at `dose`: every set (each side if `per_side`) and rests;
    `fewer_sets`: with that many sets less (the time without some, without a new dose)."""
    if dose.time_s is not None:
        per_set = dose.time_s
    elif dose.reps is not None:
        per_set = dose.reps * ((dose.tempo_s or DEFAULT_TEMPO_S) + (dose.hold_s or 0))
    else:
        per_set = dose.hold_s or 0
    sets = dose.sets - fewer_sets
    one_side = sets * per_set + (sets - 1) * dose.rest_s
    if per_side:
        return 2 * one_side + SIDE_SWITCH_S
    return one_side


@dataclass(frozen=True)
class TimedBlock:
    """What the estimate needs of a block: its dose, whether per side, and its position."""

    dose: Dose
    per_side: bool
    position: BodyPosition


def workout_seconds(blocks: Iterable[TimedBlock]) -> float:
    """Seconds for a whole workout, transitions between exercises included."""
    return sequence_seconds((block.dose, block.per_side, block.position) for block in blocks)


def sequence_seconds(parts: Iterable[tuple[Dose, bool, BodyPosition]]) -> float:
    """`workout_seconds` of (dose, per side, position) in order, without making the blocks (the
    engine times each workout it builds several times over)."""
    return sets_seconds((dose, per_side, position, 0) for dose, per_side, position in parts)


def sets_seconds(parts: Iterable[tuple[Dose, bool, BodyPosition, int]]) -> float:
    """`sequence_seconds` of (dose, per side, position, sets fewer than the dose's) in order."""
    total = 0.0
    previous: BodyPosition | None = None
    for dose, per_side, position, fewer in parts:
        if previous is not None:
            total += POSITION_CHANGE_S if position != previous else NEXT_EXERCISE_S
        total += dose_seconds(dose, per_side=per_side, fewer_sets=fewer)
        previous = position
    return total


def minutes(seconds: float) -> float:
    """Seconds as minutes rounded to a tenth, the unit shown to people."""
    return round(seconds / 60, 1)
