"""Words for a lay reader: dates in words, and the precise terms behind the plain ones.

Messages and pages say "Monday 12 January", never "2026-01-12"; the glossary keeps the
clinician's word ("prone") beside the plain one ("lying face down") for a tooltip.
"""

from __future__ import annotations

import datetime as dt
import re

from django.http import HttpRequest
from django.utils import dateformat, formats, timezone, translation
from django.utils.functional import lazy
from django.utils.safestring import mark_safe

from hipcoach.content.translations import term_text
from hipcoach.engine.words import Words
from hipcoach.tracking import languages
from hipcoach.vocabulary import Position, Term

# Dates of this era only: a mistyped year ("0001-01-01") is quoted as typed, not put in words.
ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")


def own_format(name: str, default: str) -> str:
    """One of hipcoach's own date formats (web/formats/<language>/formats.py) for the
    request's language: Django looks up only its own format names."""
    for module in formats.get_format_modules(translation.get_language()):
        if hasattr(module, name):
            return str(getattr(module, name))
    return default


def day_words(day: dt.date, *, weekday: bool = True, year: bool = False) -> str:
    """A date as people say it, in the person's language and order: "Monday 12 January 2026",
    "Monday, January 12, 2026" (en-US), "Montag, 12. Januar 2026" (the year when not this one,
    or when asked)."""
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


# The precise term → the plain words used on the pages (a tooltip keeps the term).
GLOSSARY: dict[str, str] = {position.value: position.label for position in Position} | {
    "internal rotation": "turning the thigh inward",
    "external rotation": "turning the thigh outward",
}


def term_label(term: Term) -> str:
    """A contract value's label (a side, a status, a safety question) in the request's language."""
    return term_text(term, translation.get_language() or "en")


def term_words(term: Term) -> str:
    """A contract value's longer words in the request's language."""
    return term_text(term, translation.get_language() or "en", "words")


# For a form's choices and labels, built once at import: put in words when shown.
lazy_label = lazy(term_label, str)


def labelled_lazily(terms: type[Term]) -> list[tuple[str, str]]:
    """(value, label) pairs of `terms`, each label in the language of the page that shows it."""
    return [(term.value, lazy_label(term)) for term in terms]


def active_words() -> Words:
    """The engine's texts (the player's cues, the doses) in the request's language."""
    return languages.language_words(translation.get_language() or "en")


def player_words() -> dict[str, str]:
    """The web player's own sentences (static/web/player.js), in the request's language; its
    `{name}` slots are filled in the page."""
    _ = translation.gettext
    return {
        "exercise_of": _("Exercise {n} of {total}"),
        "you_need": _("You need: {items}"),
        "paused": _("Paused."),
        "go_on": _("Go on."),
        "summary": _("This workout: {status}. {done} of {total} exercises done"),
        "ask_pain": _("Well done. How much pain did you feel during the workout, from 0 to 10?"),
        "nothing_done": _("Nothing done this time. What you did before is kept."),
        "well_done": _("Well done."),
        "leave": _(
            "Leave the workout? What you finished is saved, and when you come back it resumes "
            "at the start of this exercise."
        ),
        "stopped_at": _("You stopped at exercise {n} of {total}: {name}"),
        "resume_tail": _("What you finished is saved; Resume starts this exercise again."),
        "workout_of": _("workout of {day}"),
        "pain_of": _("pain during the workout of {day}"),
    }


def camera_words() -> dict[str, str]:
    """The guided camera test's own sentences (static/web/measure.js and measure-camera.js), in
    the request's language; a side's sentence is its own entry (German declines "left")."""
    _ = translation.gettext
    return {
        "first": _(
            "Prop the phone upright in front of you, about two metres away, so it sees you from "
            "the hips to the feet. Then sit on the edge facing it, knees bent at 90°, thighs "
            "still, both feet hanging straight down."
        ),
        "next_right": _("Now the right leg. Let both feet hang straight down."),
        "check": _("Check the line"),
        "confirm_left": _(
            "Is the drawn line on your left shin? Tap yes, or tap your knee and then your ankle "
            "on the picture."
        ),
        "confirm_right": _(
            "Is the drawn line on your right shin? Tap yes, or tap your knee and then your "
            "ankle on the picture."
        ),
        "tap_left": _("Tap your left knee on the picture, then your ankle."),
        "tap_right": _("Tap your right knee on the picture, then your ankle."),
        "tapped": _("Thank you. Keep still, the foot hanging straight down."),
        "not_found_left": _(
            "The camera did not find your left hip, knee and ankle ({why}). Check that the "
            "phone sees you from the hips to the feet in good light, and start again; or use "
            "the tilt-sensor way."
        ),
        "not_found_right": _(
            "The camera did not find your right hip, knee and ankle ({why}). Check that the "
            "phone sees you from the hips to the feet in good light, and start again; or use "
            "the tilt-sensor way."
        ),
        "no_person": _("no person found"),
        "not_seen": _("hip, knee or ankle not clearly seen"),
        "knee_high": _("knee not below the hip"),
        "shin_length": _("the shin's length is not believable"),
        "not_tapped": _("not the ankle you tapped"),
        "insecure": _(
            "The camera can only be used on a secure page: open hipcoach at its https address, "
            "or type your numbers in the form below."
        ),
        "no_model": _(
            "The pose model could not be loaded: check the connection once, then it is kept "
            "for offline use."
        ),
        "no_start": _("The camera test could not start in this browser."),
        "no_access": _("This browser gives no access to a camera here (it needs a secure page)."),
        "refused": _(
            "This browser was not allowed to use the camera. Allow the camera for this site in "
            "the browser's settings, or use the tilt-sensor way."
        ),
        "no_camera": _("No camera could be opened on this device."),
    }


def reason_language(request: HttpRequest) -> dict[str, str]:
    """A template context processor: `reason_lang`, the attribute that marks what is not
    translated yet (the figures' descriptions, the caseload's reasons: docs/translation.md)
    as English on a page in another language, so a screen reader and the voice read it as
    English. A decision or gate line kept as made (`said`) is in the reader's words and is not
    marked."""
    english = (translation.get_language() or "en").startswith("en")
    return {"reason_lang": "" if english else mark_safe(' lang="en"')}
