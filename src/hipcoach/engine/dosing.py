"""A dose in words. (The dose arithmetic is in `hipcoach.content.doses`.)"""

from __future__ import annotations

from typing import Protocol

from hipcoach.engine.words import ENGLISH, Content, Words, rendered


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


def load_words(load: str) -> Content:
    """A dose's load ("light band") in the reader's words, by its place in a content
    translation file (`loads`: every load is a word of a ladder, the validator checks it)."""
    return Content(("loads", load.lower()), load)


def _seconds(words: Words, number: int) -> str:
    ngettext = words.plural
    return ngettext("{n} second", "{n} seconds", number).format(n=number)


def _reps(words: Words, number: int) -> str:
    ngettext = words.plural
    return ngettext("{n} rep", "{n} reps", number).format(n=number)


def dose_text(
    dose: DoseFields, *, per_side: bool = False, spoken: bool = False, words: Words = ENGLISH
) -> str:
    """A dose in words, the one wording every front end shows and the player speaks.

    Written (tables, lists, the player's screen): '2 × 10 reps, 3 s hold each, rest 30 s,
    each side'. Spoken (the player's cues, which are also its captions): units said in full and
    no signs a voice would read out, '2 sets, 10 reps, hold 3 seconds each'; the rests and the
    side are cues of their own there, so they are left out. `words` puts it in the person's
    language (English by default).
    """
    _ = words.text
    if spoken:
        if dose.time_s is not None:
            work = _seconds(words, dose.time_s)
        elif dose.reps is not None:
            hold = _(", hold {seconds} each").format(seconds=_seconds(words, dose.hold_s or 0))
            work = _reps(words, dose.reps) + (hold if dose.hold_s else "")
        else:
            work = _("hold {seconds}").format(seconds=_seconds(words, dose.hold_s or 0))
        ngettext = words.plural
        sets = ngettext("{n} set", "{n} sets", dose.sets).format(n=dose.sets)
        parts = [sets] if dose.sets > 1 else []
        load = [rendered(load_words(dose.load), words)] if dose.load else []
        return ", ".join([*parts, work, *load])
    if dose.time_s is not None:
        work = _("{seconds} s").format(seconds=dose.time_s)
    elif dose.reps is not None:
        each = _(", {seconds} s hold each").format(seconds=dose.hold_s)
        work = _reps(words, dose.reps) + (each if dose.hold_s else "")
    else:
        work = _("{seconds} s hold").format(seconds=dose.hold_s or 0)
    text = f"{dose.sets} × {work}" if dose.sets > 1 else work
    if dose.load:
        text += f", {rendered(load_words(dose.load), words)}"
    if dose.rest_s and dose.sets > 1:
        text += _(", rest {seconds} s").format(seconds=dose.rest_s)
    return text + (_(", each side") if per_side else "")
