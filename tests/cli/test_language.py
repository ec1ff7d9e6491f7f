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
