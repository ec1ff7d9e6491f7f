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


def test_the_other_commands_in_german(coach, tmp_path) -> None:
    from coachkit import INIT

    de = ("--language", "de")
    said = coach(*de, *INIT).stdout
    assert "Eingerichtet:" in said and "Weiter:" in said and "Set up:" not in said
    said = coach(*de, "pain", "--side", "left", "--during", "2").stdout
    assert "linke Seite" in said and "(grün)" in said and "on " not in said
    said = coach(
        *de,
        "measure",
        "--position",
        "prone",
        "--method",
        "phone",
        "--left",
        "20",
        "--left",
        "21",
        "--left",
        "22",
        "--right",
        "34",
        "--right",
        "35",
        "--right",
        "36",
    )
    text = " ".join(said.stdout.split())
    assert "Seite" in text and "Mittelwert" in text and "Unterschied links/rechts" in text
    assert "Left/right gap" not in text and "mean" not in text
    said = coach(*de, "progress").stdout
    assert "Tag 1 von hip-ir-primer (begonnen am" in said and "Voraussetzungen" in said
    assert "Gate" not in said and "Day 1 of" not in said
    assert "Notiert für den" in coach(*de, "note", "Lief gut").stdout
    backup = tmp_path / "backup.json"
    said = " ".join(coach(*de, "backup", str(backup)).stdout.split())
    assert "Gesichert in" in said and "1 Schmerzangabe, 4 Messungen." in said
    refused = coach(*de, "pain", "--rest", "11", ok=False)
    assert refused.exit_code == 1
    assert "Fehler: Schmerz in Ruhe muss eine ganze Zahl von 0" in " ".join(refused.output.split())
    assert "error:" not in refused.output
    refused = coach(*de, "log", "--date", "2099-01-01", ok=False)
    assert "liegt mehr als ein Jahr voraus" in refused.output or "Zukunft" in refused.output
    said = " ".join(coach(*de, "delete-account", "--yes").stdout.split())
    assert "und alles Eingetragene gelöscht: 1 Profil, 1 Programmteilnahme" in said
    assert "Satz gespeicherter Pläne und das Konto." in said and "profile" not in said
