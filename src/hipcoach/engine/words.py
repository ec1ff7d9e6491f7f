"""The language the engine's texts are put in: English, unless a front end passes its own.

The engine imports no Django and no catalogue: the player's cues and the doses are written
here as English format strings, each passed through `Words.text` (or `Words.plural`) before its
values are filled in, so a front end that passes its translator (the web page's, the
terminal's: `hipcoach.web.words.active_words`) hears them in the person's language. The
catalogue finds these strings because every call names them literally (`_`, `ngettext`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hipcoach.vocabulary import Term


def _same(text: str) -> str:
    return text


def gettext_noop(text: str) -> str:
    """Marks `text` for the catalogue where it is written; it is translated where it is used."""
    return text


def _english_plural(singular: str, plural: str, number: int) -> str:
    return singular if number == 1 else plural


def _english_term(term: Term) -> str:
    return term.label


def _english_name(exercise_id: str, name: str) -> str:
    return name


@dataclass(frozen=True, slots=True)
class Words:
    """How texts are put into the person's language (all English by default)."""

    text: Callable[[str], str] = _same
    plural: Callable[[str, str, int], str] = _english_plural
    term: Callable[[Term], str] = _english_term  # a contract value's label
    name: Callable[[str, str], str] = _english_name  # an exercise's name, by id and English


ENGLISH = Words()
