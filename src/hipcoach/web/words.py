"""Words for a lay reader: dates in words, and the precise terms behind the plain ones.

Messages and pages say "Monday 12 January", never "2026-01-12"; the glossary keeps the
clinician's word ("prone") beside the plain one ("lying face down") for a tooltip.
"""

from __future__ import annotations

import datetime as dt
import re
from contextvars import ContextVar

from django.utils import timezone

from hipcoach.vocabulary import Position

# Dates of this era only: a mistyped year ("0001-01-01") is quoted as typed, not put in words.
ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")


# Where English puts the month before the day ("Monday, January 12"): the United States and
# the territories that write dates as it does (CLDR's en-US date patterns; UNSOURCED, not
# retrieved). Everywhere else, and with no language named, the day comes first.
MONTH_FIRST_REGIONS = frozenset({"US", "AS", "GU", "MP", "PR", "UM", "VI"})
_month_first: ContextVar[bool] = ContextVar("month_first", default=False)


def month_first(accept_language: str) -> bool:
    """Whether the reader's first language (an Accept-Language header) writes the month
    before the day: "en-US" does, "en-GB", "en" and "fr-FR" do not."""
    first = accept_language.split(",")[0].split(";")[0].strip()
    language, _, region = first.replace("_", "-").partition("-")
    return language.lower() == "en" and region.upper()[:2] in MONTH_FIRST_REGIONS


def use_month_first(on: bool):
    """Write this request's dates month first (`on`) or day first; returns the token that
    `restore_date_order` takes."""
    return _month_first.set(on)


def restore_date_order(token) -> None:
    _month_first.reset(token)


def date_locale() -> str:
    """The locale a page's script writes this request's dates in, in the pages' own order."""
    return "en-US" if _month_first.get() else "en-GB"


def day_words(day: dt.date, *, weekday: bool = True, year: bool = False) -> str:
    """A date as people say it: "Monday 12 January 2026" (the year when not this one, or when
    asked), or "Monday, January 12, 2026" for a reader who writes the month first."""
    with_year = year or day.year != timezone.localdate().year
    if _month_first.get():
        text = f"{day:%B} {day.day}"
        text = f"{day:%A}, {text}" if weekday else text
        return f"{text}, {day.year}" if with_year else text
    text = f"{day:%A} {day.day} {day:%B}" if weekday else f"{day.day} {day:%B}"
    return f"{text} {day.year}" if with_year else text


def dates_in_words(text: str) -> str:
    """Every ISO date in `text` ("since 2026-01-12") written in words ("since 12 January")."""

    def words(match: re.Match[str]) -> str:
        try:
            return day_words(dt.date(*map(int, match.groups())), weekday=False)
        except ValueError:
            return match.group(0)

    return ISO_DATE.sub(words, text)


# The precise term → the plain words used on the pages (a tooltip keeps the term).
GLOSSARY: dict[str, str] = {position.value: position.label for position in Position} | {
    "internal rotation": "turning the thigh inward",
    "external rotation": "turning the thigh outward",
}
