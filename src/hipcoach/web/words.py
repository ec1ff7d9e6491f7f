"""Words for a lay reader: dates in words, and the precise terms behind the plain ones.

Messages and pages say "Monday 12 January", never "2026-01-12"; the glossary keeps the
clinician's word ("prone") beside the plain one ("lying face down") for a tooltip.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from hipcoach.vocabulary import Position

# Dates of this era only: a mistyped year ("0001-01-01") is quoted as typed, not put in words.
ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")


def day_words(day: dt.date, *, weekday: bool = True) -> str:
    """A date as people say it: "Monday 12 January 2026" (the year only when not this one)."""
    text = f"{day:%A} {day.day} {day:%B}" if weekday else f"{day.day} {day:%B}"
    return text if day.year == timezone.localdate().year else f"{text} {day.year}"


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
