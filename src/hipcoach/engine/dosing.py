"""A dose in words. (The dose arithmetic is in `hipcoach.content.doses`.)"""

from __future__ import annotations

from typing import Protocol


class DoseFields(Protocol):
    """What putting a dose into words reads: a content `Dose` or a `PlannedExercise`."""

    @property
    def sets(self) -> int: ...
    @property
    def reps(self) -> int | None: ...
    @property
    def hold_s(self) -> int | None: ...
    @property
    def time_s(self) -> int | None: ...
    @property
    def rest_s(self) -> int: ...
    @property
    def load(self) -> str | None: ...


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def dose_text(dose: DoseFields, *, per_side: bool = False, spoken: bool = False) -> str:
    """A dose in words, the one wording every front end shows and the player speaks.

    Written (tables, lists, the player's screen): '2 × 10 reps, 3 s hold each, rest 30 s,
    each side'. Spoken (the player's cues, which are also its captions): units said in full and
    no signs a voice would read out, '2 sets, 10 reps, hold 3 seconds each'; the rests and the
    side are cues of their own there, so they are left out.
    """
    if spoken:
        if dose.time_s is not None:
            work = _count(dose.time_s, "second")
        elif dose.reps is not None:
            hold = f", hold {_count(dose.hold_s, 'second')} each" if dose.hold_s else ""
            work = _count(dose.reps, "rep") + hold
        else:
            work = f"hold {_count(dose.hold_s or 0, 'second')}"
        parts = [_count(dose.sets, "set")] if dose.sets > 1 else []
        return ", ".join([*parts, work, *([dose.load] if dose.load else [])])
    if dose.time_s is not None:
        work = f"{dose.time_s} s"
    elif dose.reps is not None:
        work = _count(dose.reps, "rep") + (f", {dose.hold_s} s hold each" if dose.hold_s else "")
    else:
        work = f"{dose.hold_s or 0} s hold"
    text = f"{dose.sets} × {work}" if dose.sets > 1 else work
    if dose.load:
        text += f", {dose.load}"
    if dose.rest_s and dose.sets > 1:
        text += f", rest {dose.rest_s} s"
    return text + (", each side" if per_side else "")
