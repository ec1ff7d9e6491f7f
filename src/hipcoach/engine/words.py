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


def _english_words(term: Term) -> str:
    return term.words


def _english_content(path: tuple[str, ...], english: str) -> str:
    return english


def _english_name(exercise_id: str, name: str) -> str:
    return name


@dataclass(frozen=True, slots=True)
class Words:
    """How texts are put into the person's language (all English by default)."""

    text: Callable[[str], str] = _same
    plural: Callable[[str, str, int], str] = _english_plural
    term: Callable[[Term], str] = _english_term  # a contract value's label
    term_words: Callable[[Term], str] = _english_words  # a contract value's longer words
    name: Callable[[str, str], str] = _english_name  # an exercise's name, by id and English
    # the content's words by their place in a translation file ("programs", id, "name")
    content: Callable[[tuple[str, ...], str], str] = _english_content
    decimal: str = "."  # the decimal mark of numbers filled into texts
    english: bool = True  # English: a `Coded` value is shown as its code ("prone, phone")


ENGLISH = Words()


# -- texts put in words when shown ------------------------------------------------------------
#
# A decision's reason and a gate check are made once, in the planner, and read by many people in
# their own languages (a person and their clinician), sometimes days later from a stored plan or
# a checkpoint. So they are kept as `Said`: the English format string and its values, put into
# a reader's words only when shown (`Said.render`). The format strings are written literally
# where they are made, through `said` (imported as `_`) and `said_plural` (as `ngettext`), so the
# catalogue finds them as it finds the cues.


@dataclass(frozen=True, slots=True)
class Named:
    """An exercise's name, by its id and English name: in the reader's words when shown."""

    id: str
    name: str
    lower: bool = False  # in lower case in English, as a sentence names it ("the bridge")

    def __str__(self) -> str:
        return str(shown(self))


@dataclass(frozen=True, slots=True)
class TermWords:
    """A contract value's longer words (`Term.words`: a safety answer's sign), when shown."""

    term: Term

    def __str__(self) -> str:
        return str(shown(self))


@dataclass(frozen=True, slots=True)
class Coded:
    """A contract value the English texts name by its code ("prone, phone"): in another
    language, its label."""

    term: Term

    def __str__(self) -> str:
        return str(shown(self))


@dataclass(frozen=True, slots=True)
class Content:
    """Words of the content (a program's or a phase's name, a gate line's label), by their
    place in a translation file (`hipcoach.content.translations`); `lower`: in lower case in
    English, as a sentence names them ("the mobility phase")."""

    path: tuple[str, ...]
    english: str
    lower: bool = False

    def __str__(self) -> str:
        return str(shown(self))


@dataclass(frozen=True, slots=True)
class Listed:
    """Parts joined into one phrase: "a, b and c" (`last`: "and" before the last part; else
    all joined with `between`)."""

    parts: tuple[object, ...]
    between: object = ", "  # a string, or a `Said` when it has words ("; and ")
    last: bool = True

    def __str__(self) -> str:
        return str(shown(self))


@dataclass(frozen=True, slots=True)
class Upper:
    """A text with its first letter made a capital (a sentence that begins with a value)."""

    text: object

    def __str__(self) -> str:
        return str(shown(self))


@dataclass(
    slots=True, unsafe_hash=True
)  # read-only by use; not frozen: made thousands of times a plan
class Said:
    """A text not yet in words: its English format string (`{slots}` for the values), the
    plural form and the number that chooses between them, and the values, each a plain string
    or number (kept as it is; a number's decimal point in the reader's way), a `Term`, a
    `TermWords`, a `Coded`, a `Content`, a `Named`, a `Listed`, an `Upper` or another `Said`."""

    text: str
    values: tuple[tuple[str, object], ...] = ()
    plural: str | None = None
    number: int = 0

    def render(self, words: Words = ENGLISH) -> str:
        """The text in `words`: the format translated first, then the values filled in."""
        if words is ENGLISH:  # the planner's own words for every decision: kept quick
            form = self.plural if self.plural is not None and self.number != 1 else self.text
        elif self.plural is not None:
            form = words.plural(self.text, self.plural, self.number)
        else:
            form = words.text(self.text)
        if not self.values:
            return form
        return form.format(
            **{
                key: value if type(value) in _PLAIN else shown(value, words)
                for key, value in self.values
            }
        )

    def __str__(self) -> str:
        return self.render(ENGLISH)


@dataclass(frozen=True, slots=True)
class _Number:
    """A number filled into a format string: its spec as Python reads it, with the reader's
    decimal mark."""

    value: float
    mark: str

    def __format__(self, spec: str) -> str:
        text = format(self.value, spec)
        return text.replace(".", self.mark) if self.mark != "." else text


_PLAIN = frozenset({str, int})  # values filled in as they are


def shown(value: object, words: Words = ENGLISH) -> object:
    """A value of a `Said` as the reader sees it (a number stays a number for its spec)."""
    kind = type(value)
    if kind is str or kind is int:  # most values: as they are
        return value
    if kind is Said:
        return value.render(words)  # type: ignore[attr-defined]  # (the type, tested above)
    if kind is float:
        return value if words.decimal == "." else _Number(value, words.decimal)  # type: ignore[arg-type]  # (the type, tested above)
    if isinstance(value, Said):
        return value.render(words)
    if isinstance(value, Term):
        return words.term(value)
    if isinstance(value, Coded):
        return value.term.value if words.english else words.term(value.term)
    if isinstance(value, TermWords):
        return words.term_words(value.term)
    if isinstance(value, Content):
        if words.english:
            return value.english.lower() if value.lower else value.english
        return words.content(value.path, value.english)
    if isinstance(value, Named):
        if value.lower and words.english:
            return value.name.lower()
        return words.name(value.id, value.name)
    if isinstance(value, Listed):
        parts = [str(shown(part, words)) for part in value.parts]
        between = str(shown(value.between, words))
        if value.last and len(parts) > 1:
            head = between.join(parts[:-1])
            return words.text(gettext_noop("{parts} and {last}")).format(parts=head, last=parts[-1])
        return between.join(parts)
    if isinstance(value, Upper):
        text = str(shown(value.text, words))
        return text[:1].upper() + text[1:]
    if isinstance(value, float) and not isinstance(value, bool):
        return _Number(value, words.decimal)
    return value


def said(text: str, /, **values: object) -> Said:
    """`text` with its values, put in words when shown (imported as `_` where texts are made).

    A text without values is made once and shared (a `Said` is read-only by use): the rules
    name the same few every day."""
    if values:
        return Said(text, tuple(values.items()))
    made = _CONSTANT.get(text)
    if made is None:
        made = Said(text)
        if len(_CONSTANT) < _CONSTANT_LIMIT:  # the literal texts of the code: a bounded few
            _CONSTANT[text] = made
    return made


_CONSTANT: dict[str, Said] = {}  # the texts without values made so far, by their text
_CONSTANT_LIMIT = 4096


def said_plural(singular: str, plural: str, number: int, /, **values: object) -> Said:
    """A text whose form follows `number` (imported as `ngettext` where texts are made)."""
    return Said(singular, tuple(values.items()), plural, number)


def joined(*parts: object, between: str = "") -> Said:
    """Texts put one after another (`between` them) as one: the parts are in words when shown,
    the joining needs none."""
    keys = _JOINED_KEYS[: len(parts)] if len(parts) <= len(_JOINED_KEYS) else _keys(len(parts))
    form = _JOINED.get((len(parts), between))
    if form is None:
        form = between.join("{" + key + "}" for key in keys)
        if len(_JOINED) < _CONSTANT_LIMIT:
            _JOINED[len(parts), between] = form
    return Said(form, tuple(zip(keys, parts, strict=True)))


def _keys(count: int) -> tuple[str, ...]:
    return tuple(f"p{number}" for number in range(count))


_JOINED_KEYS = _keys(16)  # the slots of the parts `joined` puts together: p0, p1, ...
_JOINED: dict[tuple[int, str], str] = {}  # its format strings, by the number of parts and `between`


def rendered(text: object, words: Words = ENGLISH) -> str:
    """A text that may be kept as made (a `Said`, a `Content`, ...), in `words` (a plain string
    as it is)."""
    return text if isinstance(text, str) else str(shown(text, words))
