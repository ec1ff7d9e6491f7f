"""Checking what a person typed before anything is written, with one-line messages.

Every service validates its whole input first and only then writes, so a mistake leaves the
database as it was. The messages are meant to be shown as they are: they say what was wrong
and what would be right.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable

from hipcoach.engine.types import DONE_LIMITS, ExerciseLog
from hipcoach.engine.words import Said, Words, gettext_noop, said
from hipcoach.vocabulary import PainTiming, Term, values


def gettext(message: str) -> str:
    """`message` in the active language (the request's, the account's, the terminal's:
    docs/translation.md); as it is while Django is not yet set up (a command's first check)."""
    from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
    from django.utils.translation import gettext as django_gettext

    try:
        return django_gettext(message)
    except (AppRegistryNotReady, ImproperlyConfigured):
        return message


_ = gettext


def term_words(term: Term, field: str = "words") -> str:
    """A contract value's words in the active language (its English ones before Django is set
    up, or in English)."""
    english: str = getattr(term, field)
    from django.core.exceptions import ImproperlyConfigured
    from django.utils.translation import get_language

    try:
        language = get_language() or ""
    except ImproperlyConfigured:  # Django not set up: English
        return english
    if language.startswith("en") or not language:
        return english
    from hipcoach.content.translations import term_text

    return term_text(term, language, field)


# The window of dates anything may be recorded for or planned on. A date outside it is a typo
# (0001-01-01, 9999-12-30), and a plan for it would cost a pass over every day in between.
EARLIEST_DATE = dt.date(2000, 1, 1)  # before any record a person could bring: a baseline, a note
START_DAYS_BACK_MAX = 366  # a new program can start up to a year back (records kept on paper)
PLAN_DAYS_AHEAD_MAX = 366  # a plan can be asked for up to a year ahead
PLAN_DAYS_MAX = 5 * 366  # the longest program run planned (the planner passes every day of it)

ANGLE_MIN_DEG = 0.0  # a rotation test reads from neutral; below that is a mis-reading
ANGLE_MAX_DEG = 90.0  # beyond any hip's rotation: a typo or a device error
TRIALS_MAX = 5  # R1 asks for three; allow a re-take or two
PAIN_MAX = 10
NOTE_MAX_CHARS = 2000
CLEARANCE_NOTE_MAX_CHARS = 500
ACTIVITY_NAME_CHARS = (2, 120)  # a short phrase: "run 5 km", "sit through a film"


class InputError(ValueError):
    """A mistake in what the person gave; the message says what is wrong, in one line."""


class NotSetUp(InputError):
    """The person has not run `hipcoach init` yet (or stopped on a red flag)."""


class KeyReused(InputError):
    """A client key (an Idempotency-Key) sent again with something other than what it was
    first sent with: refused, so a replay never stores a second, different record."""

    def __init__(self, what: str) -> None:
        super().__init__(
            _(
                "that Idempotency-Key was already used for a different {what}: send a new key "
                "for a new record"
            ).format(what=what)
        )


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    hint = did_you_mean_said(word, choices)
    return in_active_language(hint) if isinstance(hint, Said) else hint


def did_you_mean_said(word: str, choices: Iterable[str]) -> Said | str:
    """The nearest of `choices` to a mistyped `word`, as a hint kept as made ("" when none:
    not a `Said`, whose empty text the catalogue would read as its header)."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return said(gettext_noop(" (did you mean '{word}'?)"), word=close[0]) if close else ""


def choice(value: str, allowed: Iterable[str], what: str) -> str:
    """`value` if it is one of `allowed`; else an InputError listing them."""
    allowed = tuple(allowed)
    if value in allowed:
        return value
    hint = did_you_mean(value, allowed)
    raise InputError(
        _("unknown {what} '{value}'{hint}; use one of: {allowed}").format(
            what=what, value=value, hint=hint, allowed=", ".join(allowed)
        )
    )


def choices(values: Iterable[str], allowed: Iterable[str], what: str) -> tuple[str, ...]:
    """Each value checked, duplicates dropped, order kept."""
    allowed = tuple(allowed)
    seen: dict[str, None] = {}
    for value in values:
        seen[choice(value, allowed, what)] = None
    return tuple(seen)


def parse_date(text: str, what: str = "date") -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            _("{what} '{text}' is not a date: write it as YYYY-MM-DD, e.g. 2026-01-05").format(
                what=what, text=text
            )
        ) from None


def not_future(day: dt.date, today: dt.date, what: str = "date") -> dt.date:
    """`day` if a record can be for it: not after today, and not before `EARLIEST_DATE`."""
    if day > today:
        raise InputError(
            _(
                "{what} {day} is in the future (today is {today}): you can only record what "
                "has happened"
            ).format(what=what, day=day.isoformat(), today=today.isoformat())
        )
    return not_too_early(day, what)


def not_too_early(day: dt.date, what: str = "date") -> dt.date:
    if day < EARLIEST_DATE:
        raise InputError(
            _("{what} {day} is too long ago: give a date from {earliest} on").format(
                what=what, day=day.isoformat(), earliest=EARLIEST_DATE.isoformat()
            )
        )
    return day


def start_date(day: dt.date, today: dt.date) -> dt.date:
    """A new program's start: today, or up to `START_DAYS_BACK_MAX` days back."""
    not_future(day, today, "start date")
    earliest = today - dt.timedelta(days=START_DAYS_BACK_MAX)
    if day < earliest:
        raise InputError(
            _(
                "start date {day} is more than a year ago: start from {earliest} or later "
                "(your records from before are kept)"
            ).format(day=day.isoformat(), earliest=earliest.isoformat())
        )
    return day


def plan_date(day: dt.date, today: dt.date, what: str = "date") -> dt.date:
    """A day a plan can be asked for: from `EARLIEST_DATE` to `PLAN_DAYS_AHEAD_MAX` days ahead."""
    latest = today + dt.timedelta(days=PLAN_DAYS_AHEAD_MAX)
    if day > latest:
        raise InputError(
            _("{what} {day} is more than a year ahead: plans go up to {latest}").format(
                what=what, day=day.isoformat(), latest=latest.isoformat()
            )
        )
    return not_too_early(day, what)


def plan_span(start: dt.date, day: dt.date) -> dt.date:
    """`day` if the program that started on `start` can be planned up to it.

    The plan of a day is one pass over every day since the start, so a run longer than
    `PLAN_DAYS_MAX` is refused rather than planned at ever greater cost.
    """
    problem = span_said(start, day)
    if problem is not None:
        raise InputError(in_active_language(problem))
    return day


def span_said(start: dt.date, day: dt.date) -> Said | None:
    """Why the program that started on `start` cannot be planned on `day` (`plan_span`), kept
    as made (`Said`: in each reader's words when shown), or None when it can."""
    if day < start:
        return said(
            gettext_noop("{day} is before your program started ({start})"), day=day, start=start
        )
    if (day - start).days > PLAN_DAYS_MAX:
        return said(
            gettext_noop(
                "{day} is more than {years} years after your program started ({start}): "
                "choose your program again to start it anew; your records are kept"
            ),
            day=day,
            years=PLAN_DAYS_MAX // 366,
            start=start,
        )
    return None


def in_active_language(text: Said) -> str:
    """A text kept as made, in the active language's words (the catalogue's; as it is while
    Django is not yet set up)."""
    return text.render(Words(text=gettext))


def pain_score(score: object, when: str = "") -> int:
    if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= PAIN_MAX:
        what = term_words(PainTiming(when)) if when in values(PainTiming) else _("pain")
        raise InputError(
            _(
                "{what} must be a whole number from 0 (none) to 10 (the worst imaginable), "
                "not {score}"
            ).format(what=what, score=score)
        )
    return score


def rating(score: object, what: str) -> int:
    if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 10:
        raise InputError(
            _("the rating for '{what}' must be a whole number from 0 to 10, not {score}").format(
                what=what, score=score
            )
        )
    return score


def done_dose(done: ExerciseLog) -> ExerciseLog:
    """Each dose field of an exercise done is None or a whole number up to its limit."""
    for name, most in DONE_LIMITS.items():
        value = getattr(done, name)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= most:
            raise InputError(
                _(
                    "{name} of '{exercise}' ({side}) must be a whole number from 0 to {most}, "
                    "not {value}"
                ).format(name=name, exercise=done.exercise, side=done.side, most=most, value=value)
            )
    return done


def angle(value: float, side: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise InputError(
            _("{side} angle {value} is not a number of degrees").format(
                side=side, value=repr(value)
            )
        )
    if not ANGLE_MIN_DEG <= value <= ANGLE_MAX_DEG:
        raise InputError(
            _(
                "{side} angle {value}° is not a plausible hip rotation: give degrees from "
                "{low} to {high}, measured from the starting position"
            ).format(
                side=side, value=f"{value:g}", low=f"{ANGLE_MIN_DEG:g}", high=f"{ANGLE_MAX_DEG:g}"
            )
        )
    return float(value)


def trials(values: Iterable[float], side: str) -> tuple[float, ...]:
    checked = tuple(angle(v, side) for v in values)
    if len(checked) > TRIALS_MAX:
        raise InputError(
            _("{count} trials for the {side} side: give three (at most {most})").format(
                count=len(checked), side=side, most=TRIALS_MAX
            )
        )
    return checked


def age(value: int | None) -> int | None:
    if value is not None and not 10 <= value <= 110:
        raise InputError(
            _("age {value} is not plausible: give your age in years, from 10 to 110").format(
                value=value
            )
        )
    return value


def plain_text(text: str, what: str) -> str:
    """`text` when it holds no control character but line breaks and tabs; else an InputError.

    A NUL byte cannot be stored by PostgreSQL at all, and the others are never typed by a
    person: they come from a broken client or an attack, so every door refuses them alike."""
    for char in text:
        if ord(char) < 32 and char not in "\n\r\t" or ord(char) == 127:
            raise InputError(
                _("{what}: contains a control character ({code}), not text").format(
                    what=what, code=f"{ord(char):#04x}"
                )
            )
    return text


def activity_name(name: str) -> str:
    """An activity's name, spaces tidied: a short phrase."""
    name = " ".join(plain_text(name, "activity").split())
    shortest, longest = ACTIVITY_NAME_CHARS
    if not shortest <= len(name) <= longest:
        raise InputError(
            _(
                "activity '{name}' should be a short phrase ({shortest} to {longest} characters)"
            ).format(name=name, shortest=shortest, longest=longest)
        )
    return name


def note_text(text: str) -> str:
    text = plain_text(text, "note").strip()
    if not text:
        raise InputError(_("the note is empty"))
    if len(text) > NOTE_MAX_CHARS:
        raise InputError(
            _("the note is {count} characters long: keep it under {most}").format(
                count=len(text), most=NOTE_MAX_CHARS
            )
        )
    return text


def clearance_note(note: str) -> str:
    note = plain_text(note, "clearance note").strip()
    if len(note) > CLEARANCE_NOTE_MAX_CHARS:
        raise InputError(
            _("the note is too long: keep it under {most} characters").format(
                most=CLEARANCE_NOTE_MAX_CHARS
            )
        )
    return note
