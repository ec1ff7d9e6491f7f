"""Template filters for a lay reader: dates in words (`day_words`, `dates_in_words`)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import dateformat

from hipcoach.vocabulary import Term, WorkoutStatus, values
from hipcoach.web import words

register = template.Library()


@register.filter
def day_words(day: dt.date | None) -> str:
    """{{ date|day_words }} → "Monday 12 January"."""
    return words.day_words(day) if day else ""


@register.filter
def weekday_day(day: dt.date | None) -> str:
    """{{ plan.date|weekday_day }} → "Saturday 5 December", "Saturday, December 5" (en-US),
    "Samstag, 5. Dezember": the plan's day in the person's language and order."""
    return dateformat.format(day, words.own_format("WEEKDAY_DAY_FORMAT", "l j F")) if day else ""


@register.filter
def day_words_year(day: dt.date | None) -> str:
    """{{ date|day_words_year }} → "12 January 2026" (no weekday, the year always)."""
    return words.day_words(day, weekday=False, year=True) if day else ""


@register.filter
def dates_in_words(text: str) -> str:
    """{{ reason|dates_in_words }}: the ISO dates in an engine's reason written in words."""
    return words.dates_in_words(str(text))


@register.filter
def status_words(status: str | None) -> str:
    """A workout's or an exercise's status in the vocabulary's words ("partly done")."""
    return words.term_label(WorkoutStatus(status)) if status in STATUSES else (status or "")


STATUSES = frozenset(values(WorkoutStatus))


@register.filter
def term_label(term: Term) -> str:
    """{{ position|term_label }}: a contract value's label in the person's language."""
    return words.term_label(term)
