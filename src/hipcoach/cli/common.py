"""What every terminal-coach command shares: the local person, dates, errors and the plan view.

Commands import Django and the engine inside their bodies, so `hipcoach --help` stays quick.
A mistake by the person (an `InputError`) or a database that cannot be reached becomes one
line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from hipcoach.cli.helptext import LANGUAGE_VARIABLE, Choices, gettext_noop
from hipcoach.cli.output import console, fail

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from django.contrib.auth.models import User

    from hipcoach.engine.words import Words
    from hipcoach.vocabulary import Term

STOPPED = 3  # exit code when the plan says stop (a red flag): not a mistake, but not "go"

DATE_HELP = gettext_noop("The day, as YYYY-MM-DD (default: today).")


def pain_side_option(flag: str) -> Any:
    """The option naming a pain report's side (`hipcoach pain --side`, `go --pain-side`)."""
    from hipcoach.vocabulary import Side

    return typer.Option(
        Side.both.value,
        flag,
        help=gettext_noop(
            "The side that hurts: {sides} (the default: the whole person).", sides=Choices(Side)
        ),
    )


def pain_place_option(flag: str) -> Any:
    """The option naming where a pain report's pain is (`--place`, `go --pain-place`)."""
    from hipcoach.vocabulary import PainPlace

    return typer.Option(
        PainPlace.unspecified.value,
        flag,
        help=gettext_noop(
            "Where it hurts: {places} (the default, read as the hip).", places=Choices(PainPlace)
        ),
    )


T = TypeVar("T")


@contextmanager
def handled() -> Iterator[None]:
    """Get the database ready (Django set up, migrations applied); inside, turn a person's
    mistake or an unreachable database into a one-line message and a non-zero exit."""
    from django.db import DatabaseError

    from hipcoach.tracking.database import ensure_ready
    from hipcoach.tracking.inputs import InputError
    from hipcoach.tracking.inputs import gettext as _

    try:
        ensure_ready()
        yield
    except InputError as exc:
        fail([_("error: {problem}").format(problem=exc)])
    except DatabaseError as exc:
        from hipcoach.tracking import database

        if database.is_busy(exc):  # another writer kept the lock for the whole wait
            fail([f"error: {database.Busy()}"])
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        fail([f"error: the database cannot be used: {first}"])


def local_person(*, create: bool = False):
    """Django ready, migrations applied, and the local person's user row (NotSetUp if none)."""
    from hipcoach.tracking.database import ensure_ready
    from hipcoach.tracking.people import local_person as person

    ensure_ready()
    return person(create=create)


def speak_language(person: User | None = None) -> Words:
    """Put the command's output in the person's language (`--language`, else the account's,
    else the terminal's LANG: `tracking.languages.terminal_language`); the engine's texts in
    that language. Django must be ready (after `local_person`)."""
    import os

    from django.utils import translation

    from hipcoach.tracking.languages import language_words, terminal_language

    language = terminal_language(person, os.environ.get(LANGUAGE_VARIABLE) or None)
    translation.activate(language)
    return language_words(language)


def active_words() -> Words:
    """The engine's texts in the language `speak_language` made the command's."""
    from django.utils import translation

    from hipcoach.tracking.languages import language_words

    return language_words(translation.get_language() or "en-gb")


def speak_terminal_language() -> Words:
    """`speak_language` for a command that may run before anyone is set up here: the local
    person's language when there is one, else `--language` or the terminal's. Django is made
    ready (and the database migrated) first."""
    from hipcoach.tracking.database import ensure_ready
    from hipcoach.tracking.inputs import NotSetUp
    from hipcoach.tracking.people import local_person as person

    ensure_ready()
    try:
        found = person()
    except NotSetUp:
        found = None
    return speak_language(found)


def date_text(day: dt.date | dt.datetime) -> str:
    """A date for the terminal's reader: ISO in English, as the terminal has always written it
    (scripts may read it), else the active language's own date ("7. Jan 2026")."""
    from django.utils import translation
    from django.utils.formats import date_format

    if (translation.get_language() or "en").startswith("en"):
        return f"{day:%Y-%m-%d}"
    return date_format(day, "DATE_FORMAT")


def number_text(value: float) -> str:
    """A number as short as it goes ("9.4", "12"), with the active language's decimal mark."""
    from django.utils.formats import get_format

    return f"{value:g}".replace(".", str(get_format("DECIMAL_SEPARATOR")))


def side_words(side: str) -> str:
    """A side as the terminal names it: in English its id ("left"), as it always did; in
    another language its label there ("linke Seite")."""
    from django.utils import translation

    from hipcoach.vocabulary import Side

    if (translation.get_language() or "en").startswith("en"):
        return str(Side(side).value)
    return term_words(Side(side))


def term_words(term: Term, field: str = "label") -> str:
    """A contract value's `label` or `words` in the active language (`speak_language`)."""
    from django.utils import translation

    from hipcoach.content.locales import has_content_translation

    language = translation.get_language() or ""
    if not has_content_translation(language):
        return str(getattr(term, field))
    from hipcoach.content.translations import term_text

    return term_text(term, language, field)


def refresh_plans(person: User) -> None:
    """Plan today and tomorrow after a command has written (`tracking.plans.plan_ahead`)."""
    from hipcoach.tracking.plans import plan_ahead

    plan_ahead(person, today=today())


def today() -> dt.date:
    """The person's own date: in the time zone of their profile (asked by `init`), else in this
    computer's. The web and the API decide it the same way (`hipcoach.tracking.days`)."""
    from hipcoach.tracking import days

    return days.day_in(_profile_zone())


def _profile_zone() -> ZoneInfo | None:
    from django.apps import apps

    if not apps.ready:  # before the database is set up: the computer's day
        return None
    from django.db import DatabaseError

    from hipcoach.tracking import days
    from hipcoach.tracking.inputs import NotSetUp
    from hipcoach.tracking.people import local_person

    try:
        return days.profile_zone(local_person())
    except (NotSetUp, DatabaseError):
        return None


def day(text: str | None, what: str = "--date") -> dt.date:
    """`--date` parsed (an InputError when malformed, or outside the window of dates anything
    can be recorded for or planned on: `inputs.plan_date`); today when not given."""
    from hipcoach.tracking.inputs import parse_date, plan_date

    return today() if text is None else plan_date(parse_date(text, what), today(), what)


def interactive(yes: bool) -> bool:
    """Ask questions only when nobody said --yes and a person is at the keyboard."""
    return not yes and sys.stdin.isatty()


def ask(question: str, default: str | None = None) -> str | None:
    """A typed answer, or None when input has ended (a script that gave no answer)."""
    try:
        return typer.prompt(
            question, default=default if default is not None else "", show_default=bool(default)
        )
    except (typer.Abort, EOFError):
        return None


def ask_until(question: str, check: Callable[[str], T], default: str | None = None) -> T:
    """Ask until `check` takes the answer: after a mistake, say what was wrong and ask again.

    `check` gets the answer with spaces trimmed ("" for none) and raises InputError for a
    mistake. When input has ended (a script, Ctrl-D) the mistake is raised, not asked again.
    """
    from hipcoach.tracking.inputs import InputError

    while True:
        answer = ask(question, default)
        try:
            return check((answer or "").strip())
        except InputError as exc:
            if answer is None:
                raise
            console.print(f"{exc}. Try again.", style="red", highlight=False, markup=False)


def print_json(data: object) -> None:
    import json

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def say(text: str) -> None:
    console.print(text, highlight=False)
