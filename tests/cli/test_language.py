"""`hipcoach --language`: the terminal's words, doses and exercise names in the language asked
for (else the account's, else the terminal's LANG)."""

from __future__ import annotations

import pytest


def test_today_in_german(enrolled) -> None:
    text = enrolled("--language", "de", "today").stdout
    assert "Tag 1 (" in text and "Phase: mobility" in text and "Warum:" in text
    assert "Starte es mit" in text and "hipcoach go" in text
    assert "Sekunden" in text or " s halten" in text or "Wiederholungen" in text
    assert "Gesäß" in text or "Hüft" in text  # the exercises' German names
    assert "Why:" not in text and "Start it with" not in text


def test_the_terminal_language_follows_lang(enrolled, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert "Warum:" in enrolled("today").stdout
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")  # a language hipcoach does not have: English
    assert "Why:" in enrolled("today").stdout


def test_english_stays_the_default(enrolled, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    text = enrolled("today").stdout
    assert "Why:" in text and "Start it with" in text


def test_todays_reasons_and_a_stop_in_german(enrolled) -> None:
    """The plan's reasons (R1's test, R3's one-test asymmetry) and a red-flag stop (R12), in
    German in the terminal; English for an English terminal, from the same stored plan."""
    from django.contrib.auth.models import User

    from hipcoach.tracking.safety import record_screen
    from hipcoach.vocabulary import RedFlag, values

    text = enrolled("--language", "de", "today").stdout
    assert "Test der Innenrotation" in text and "Test of internal rotation" not in text
    assert "Dieser Test zeigt die Seite links" in text
    assert "Test of internal rotation" in enrolled("--language", "en-gb", "today").stdout
    answers = dict.fromkeys(values(RedFlag), False) | {"trauma": True}
    on = enrolled.today
    record_screen(User.objects.get(), answers=answers, on=on, today=on)
    stopped = enrolled("--language", "de", "today").stdout
    assert "Beende das Programm" in stopped and "Stop the program" not in stopped
