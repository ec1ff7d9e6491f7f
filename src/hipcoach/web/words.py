"""Words for a lay reader: dates in words, and the precise terms behind the plain ones.

Messages and pages say "Monday 12 January", never "2026-01-12"; the glossary keeps the
clinician's word ("prone") beside the plain one ("lying face down") for a tooltip.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from django.utils.functional import lazy
from django.utils.safestring import mark_safe

from hipcoach.content.translations import term_text
from hipcoach.engine.words import Words
from hipcoach.tracking import languages

# the dates in words are tracking's (the PDF says them the same way), imported here
from hipcoach.tracking.languages import dates_in_words as dates_in_words
from hipcoach.tracking.languages import day_words as day_words
from hipcoach.tracking.languages import own_format as own_format
from hipcoach.vocabulary import Position, Term

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
    """The guided test's sentences (static/web/measure.js and measure-camera.js), in the
    request's language: the steps both ways share, the tilt sensor's and the camera's own. A
    side's sentence is its own entry (German declines "left"); `{slots}` are filled in the
    page, numbers in the page's locale."""
    _ = translation.gettext
    return guided_step_words() | {
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


def guided_step_words() -> dict[str, str]:
    """The guided test's steps shared by both ways, and the tilt sensor's own sentences."""
    _ = translation.gettext
    return {
        "side_left": _("Left leg"),
        "side_right": _("Right leg"),
        "get_ready": _("Get ready"),
        "zeroing": _("Zeroing"),
        "done": _("Done"),
        "saving": _("Saving"),
        "trial_of": _("Trial {n} of {total}"),
        "swing_left": _(
            "Trial {n}. Keep the thigh still and let the left foot swing out, away from the "
            "other leg, as far as it goes on its own. Stay there."
        ),
        "swing_right": _(
            "Trial {n}. Keep the thigh still and let the right foot swing out, away from the "
            "other leg, as far as it goes on its own. Stay there."
        ),
        "keep_still": _("Keep still, the foot hanging straight down."),
        "knee_forward": _(
            "Keep the knee bent at 90°: the foot has come forward. Let it swing out to the side."
        ),
        "again": _("{value} degrees. Now let the foot hang straight down again."),
        "one_more": _(
            "{value} degrees. These three are {apart} degrees apart, more than the {error} this "
            "test can be out by: one more trial. Let the foot hang straight down again."
        ),
        "done_left": _("{value} degrees. Left side done: {values} degrees."),
        "done_right": _("{value} degrees. Right side done: {values} degrees."),
        "done_left_apart": _(
            "{value} degrees. Left side done: {values} degrees, still more than {error} apart: "
            "the mean of all four is kept."
        ),
        "done_right_apart": _(
            "{value} degrees. Right side done: {values} degrees, still more than {error} apart: "
            "the mean of all four is kept."
        ),
        "and": _("{some} and {last}"),
        "test_done": _("Test done. Saving it in a few seconds."),
        "result_left": _("Left: {values}"),
        "result_right": _("Right: {values}"),
        "spread": _("spread {spread}°"),
        "tilt_lay": _(
            "Lay the phone along the front of the shin, its long side pointing up and down."
        ),
        "tilt_first": _(
            "Sit on a high edge, knees bent at 90°, thighs still. Lay the phone flat along the "
            "front of your left shin, screen facing out, top towards the knee, and let the foot "
            "hang straight down."
        ),
        "tilt_next_left": _(
            "Now the left leg: lay the phone along the front of your left shin the same way, "
            "and let the foot hang straight down."
        ),
        "tilt_next_right": _(
            "Now the right leg: lay the phone along the front of your right shin the same way, "
            "and let the foot hang straight down."
        ),
        "no_sensor": _(
            "No reading came from a tilt sensor, so the guided test cannot run in this browser "
            "(a computer usually has none). Open this page on your phone, or type your numbers "
            "in the form below."
        ),
        "sensor_refused": _(
            "This browser was not allowed to use the motion sensor, so the guided test cannot "
            "run. On an iPhone, open the page again, tap Start and choose Allow. On Android, "
            "allow motion sensors for this site in the browser's site settings. Or type your "
            "numbers in the form below."
        ),
        "sensor_insecure": _(
            "The tilt sensor can only be read on a secure page: open hipcoach at its https "
            "address, or type your numbers in the form below."
        ),
    }


def reason_language(request: HttpRequest) -> dict[str, str]:
    """A template context processor: `reason_lang`, the attribute that marks what is not
    translated yet (the figures' descriptions, the caseload's reasons: docs/translation.md)
    as English on a page in another language, so a screen reader and the voice read it as
    English. A decision or gate line kept as made (`said`) is in the reader's words and is not
    marked."""
    english = (translation.get_language() or "en").startswith("en")
    return {"reason_lang": "" if english else mark_safe(' lang="en"')}
