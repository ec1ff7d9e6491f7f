"""The person's language: the one chosen in their account, read by the web's middleware and
the terminal; "" means none chosen (the browser's, or the terminal's LANG, decides)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from hipcoach.engine.words import Words

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def own_format(name: str, default: str) -> str:
    """One of hipcoach's own date formats (web/formats/<language>/formats.py:
    `WEEKDAY_DAY_FORMAT`, `DAY_FORMAT`, `YEAR_AFTER`) for the active language: Django looks
    up only its own format names."""
    from django.utils import formats, translation

    for module in formats.get_format_modules(translation.get_language()):
        if hasattr(module, name):
            return str(getattr(module, name))
    return default


# Dates of this era only: a mistyped year ("0001-01-01") is quoted as typed, not put in words.
ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")


def day_words(day: dt.date, *, weekday: bool = True, year: bool = False) -> str:
    """A date as people say it, in the person's language and order: "Monday 12 January 2026",
    "Monday, January 12, 2026" (en-US), "Montag, 12. Januar 2026" (the year when not this one,
    or when asked)."""
    from django.utils import dateformat, timezone

    pattern = (
        own_format("WEEKDAY_DAY_FORMAT", "l j F") if weekday else own_format("DAY_FORMAT", "j F")
    )
    if year or day.year != timezone.localdate().year:
        pattern += own_format("YEAR_AFTER", " Y")
    return dateformat.format(day, pattern)


def dates_in_words(text: str) -> str:
    """Every ISO date in `text` ("since 2026-01-12") written in words ("since 12 January")."""

    def words(match: re.Match[str]) -> str:
        try:
            return day_words(dt.date(*map(int, match.groups())), weekday=False)
        except ValueError:
            return match.group(0)

    return ISO_DATE.sub(words, text)


def phase_name(program: str | None, phase: str, words: Words) -> str:
    """A phase as the reader's language names it (its id in English, as it always was): the
    PDF report, the clinic's terminal."""
    if program is None:
        return phase
    return words.content(("programs", program, "phases", phase, "name"), phase)


def profile_language(person: User) -> str:
    """The language the person chose in their account ("" when none: follow the browser)."""
    from hipcoach.tracking.models import Profile

    saved = Profile.objects.filter(person=person).values_list("language", flat=True).first()
    return saved or ""


def mail_language(person: User) -> str:
    """The language of what is sent to the person without a request to read one from (the
    reminders, the password-reset e-mail): the account's, else the default (British English)."""
    from django.conf import settings

    return profile_language(person) or str(settings.LANGUAGE_CODE)


def choose_language(person: User, code: str) -> bool:
    """Save `code` (one of settings.LANGUAGES, or "" for the browser's) as the person's
    language, in their profile if they have one yet; False, writing nothing, when the code is
    not offered."""
    from django.conf import settings

    from hipcoach.tracking.models import Profile

    if code and code not in dict(settings.LANGUAGES):
        return False
    Profile.objects.filter(person=person).exclude(language=code).update(language=code)
    return True


def language_words(language: str) -> Words:
    """The engine's texts (the player's cues, the doses, the sides) in `language`: the
    catalogue's words, the translated vocabulary and exercise names (docs/translation.md).
    Call it with `language` active (`django.utils.translation.override`)."""
    from django.utils import translation

    from hipcoach.content.locales import has_content_translation

    if not has_content_translation(language):
        # English (the content's own words): nothing to read, so the terminal's every
        # command does not load the whole library for it (benchmarks/bench_today.py).
        return Words(text=translation.gettext, plural=translation.ngettext, decimal=_mark())

    from hipcoach.content.translations import content_text, library_in, term_text
    from hipcoach.tracking.programs import library

    def name(exercise_id: str, english: str) -> str:
        found = library_in(library(), language).exercises.get(exercise_id)
        return found.name if found else english

    return Words(
        text=translation.gettext,
        plural=translation.ngettext,
        term=lambda term: term_text(term, language),
        term_words=lambda term: term_text(term, language, "words"),
        name=name,
        content=lambda path, english: content_text(language, path, english),
        decimal=_mark(),
        english=False,
    )


def _mark() -> str:
    """The active language's decimal mark ("," in German)."""
    from django.utils.formats import get_format

    return str(get_format("DECIMAL_SEPARATOR"))


def terminal_language(person: User | None, chosen: str | None = None) -> str:
    """The terminal's language: `chosen` (--language), else the account's, else the
    terminal's own (LC_ALL, LC_MESSAGES, LANG: "de_DE.UTF-8" → de), else British English.
    A language hipcoach does not have falls back the same way."""
    import os

    from django.conf import settings
    from django.utils.translation import get_supported_language_variant

    wanted = [
        chosen or "",
        profile_language(person) if person is not None else "",
        *(os.environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG")),
    ]
    for code in wanted:
        code = code.split(".")[0].replace("_", "-").lower()
        if not code or code in ("c", "posix"):
            continue
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return str(settings.LANGUAGE_CODE)
