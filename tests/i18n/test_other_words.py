"""The words outside the pages' templates are complete in German too: the equipment and the
categories of every exercise, every figure's text alternative and key-pose names, and the
reminder e-mail (its template) — a value the content adds without its German fails here, as a
missing catalogue entry fails `test_completeness`."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from hipcoach.content.library import CATEGORY_WORDS, EQUIPMENT_WORDS, equipment_words
from hipcoach.content.schema import Category
from hipcoach.content.translations import figure_words
from hipcoach.figures.words import _NEUTRAL, _PHRASES, PLACEMENT_WORDS, describe
from hipcoach.tracking.programs import library


def test_every_piece_of_equipment_and_every_category_has_german_words() -> None:
    named = {item for e in library().exercises.values() for item in e.equipment}
    assert named - set(EQUIPMENT_WORDS) == set(), "give these their words in EQUIPMENT_WORDS"
    assert set(CATEGORY_WORDS) == set(Category)
    with translation.override("de"):
        for english in (*EQUIPMENT_WORDS.values(), *CATEGORY_WORDS.values()):
            assert gettext(english) != english, english
        bridge = library().exercises["banded-lateral-walk"]
        assert equipment_words([bridge], gettext) == ["Miniband"]
    assert equipment_words([bridge]) == ["mini band"]  # English as it was


ENGLISH_FIGURE_WORDS = {
    *PLACEMENT_WORDS.values(),
    *(p.split(" {")[0].replace("{side} ", "") for pair in _PHRASES.values() for p in pair),
    *(p.replace("{side} ", "") for p in _NEUTRAL.values()),
    "side working",
}


@pytest.mark.parametrize("exercise_id", sorted(library().exercises))
def test_every_figure_reads_in_german(exercise_id: str) -> None:
    exercise = library().exercises[exercise_id]
    if exercise.poses is None:
        pytest.skip("no figure")
    english_names = [key.name for key in exercise.poses.keys]
    assert figure_words(exercise, "en-gb") == (english_names, None)
    names, moves = figure_words(exercise, "de")
    assert len(names) == len(english_names) and moves
    with translation.override("de"):
        for side in ("left", "right") if exercise.per_side else ("both",):
            said = describe(exercise.poses, side, text=gettext, moves=moves)
            english = describe(exercise.poses, side)
            assert said != english
            left = [w for w in ENGLISH_FIGURE_WORDS if len(w.split()) >= 2 and w in said]
            assert left == [], f"{exercise_id} {side}: {left}"
            assert exercise.poses.moves not in said


def test_the_reminder_email_template_is_german() -> None:
    context = {
        "title": "T",
        "text": "X",
        "workout": True,
        "link": "https://h/l",
        "hour": "07",
        "stop": "https://h/s",
    }
    english = render_to_string("tracking/reminder_email.txt", context)
    with translation.override("de"):
        german = render_to_string("tracking/reminder_email.txt", context)
    assert "Start it: https://h/l" in english and "daily reminder at 07:00" in english
    assert "Starte es: https://h/l" in german and "um 07:00" in german
    assert "https://h/s" in german and "Start it" not in german
