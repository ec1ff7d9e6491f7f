"""The content's translation files: every translatable text of every exercise, lesson and
program is in each language's file, and nothing there names what the content no longer has."""

from __future__ import annotations

from pathlib import Path

import pytest

from hipcoach.content.loader import load_library
from hipcoach.content.translations import (
    check_translations,
    exercise_in,
    file_for,
    languages,
    library_in,
)
from hipcoach.figures.hip_test import hip_test_english


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_german_is_the_second_language_and_complete(library):
    assert "de" in languages()
    assert check_translations(library, outer=hip_test_english()) == []


def test_a_missing_hip_test_step_is_an_error(library, tmp_path):
    """The hip test's words (above the content, in the figures) are checked with the rest."""
    text = file_for("de").read_text(encoding="utf-8")
    start = text.index("hip_test:\n")
    seated = text.index("  seated:\n", start)
    supine = text.index("  supine:\n", seated)
    file = tmp_path / "content.yaml"
    file.write_text(text[:seated] + text[supine:], encoding="utf-8")
    problems = [str(p) for p in check_translations(library, files=[file], outer=hip_test_english())]
    assert any("missing translation: hip_test.seated" in p for p in problems), problems
    assert check_translations(library, files=[file]) == []  # not asked for: not checked


def test_a_missing_and_a_stale_text_are_errors_with_file_and_line(library, tmp_path):
    text = file_for("de").read_text(encoding="utf-8")
    # drop the steps of one exercise and name an exercise that does not exist
    start = text.index("  a-skip:\n")
    steps = text.index("    steps:\n", start)
    cues = text.index("    cues:\n", steps)
    broken = (text[:steps] + text[cues:]).replace(
        "exercises:\n", "exercises:\n  no-such-exercise:\n    name: Nichts\n", 1
    )
    file = tmp_path / "content.yaml"
    file.write_text(broken, encoding="utf-8")
    problems = [str(p) for p in check_translations(library, files=[file])]
    assert any("missing translation: exercises.a-skip.steps" in p for p in problems), problems
    stale = [p for p in problems if "stale translation: exercises.no-such-exercise" in p]
    assert stale and stale[0].startswith(f"{file}:")
    line = int(stale[0].split(":")[1])
    assert broken.splitlines()[line - 1].strip() == "no-such-exercise:"


@pytest.mark.parametrize(
    ("line", "key"),
    [
        (
            '            note: "Zehn Wiederholungen bei der Arbeit auf einem Bein."\n',
            "programs.hip-foundations.phases.function.weeks.2",
        ),
        ("  light dumbbell: leichte Kurzhantel\n", "missing translation: loads.light dumbbell"),
    ],
)
def test_a_missing_week_note_or_load_word_is_an_error(library, tmp_path, line, key):
    """A dose week's own note and every load word need their German, as the rest does."""
    text = file_for("de").read_text(encoding="utf-8")
    assert line in text
    file = tmp_path / "content.yaml"
    file.write_text(text.replace(line, "", 1), encoding="utf-8")
    problems = [str(p) for p in check_translations(library, files=[file])]
    assert any(key in p for p in problems), problems


def test_a_list_of_another_length_is_an_error(library, tmp_path):
    text = file_for("de").read_text(encoding="utf-8")
    marker = "    cues:\n"
    at = text.index(marker) + len(marker)
    file = tmp_path / "content.yaml"
    file.write_text(text[:at] + "    - Ein Hinweis zu viel.\n" + text[at:], encoding="utf-8")
    problems = [str(p) for p in check_translations(library, files=[file])]
    assert any("the English has" in p for p in problems), problems


def test_the_translated_library_keeps_ids_and_doses_and_changes_the_words(library):
    german = library_in(library, "de-DE")
    bridge, brücke = library.exercises["glute-bridge"], german.exercises["glute-bridge"]
    assert brücke.name == "Gesäßbrücke" and brücke.dose == bridge.dose
    assert brücke.poses == bridge.poses and len(brücke.steps) == len(bridge.steps)
    assert german.lessons["normal-soreness"].title != library.lessons["normal-soreness"].title
    assert german.programs["hip-foundations"].phases[0].name == "Mobilität"
    assert library_in(library, "en-gb") is library
    assert exercise_in(bridge, "fr") is bridge  # a language without a file: English


def test_the_file_is_shipped_with_the_package():
    assert Path(file_for("de")).is_file()
