"""`--help` in the terminal's language: German for `--language de` or a German LANG, the
English as written for an English terminal, and every help text of every command with its
German words in the catalogue."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
import typer.main
from typer.models import CommandInfo
from typer.testing import CliRunner

from hipcoach.cli import COMMANDS, app, command_function
from hipcoach.cli.helptext import WRITTEN

GROUPS = ("program", "clinic")


@pytest.fixture
def terminal(home: Path, monkeypatch: pytest.MonkeyPatch):
    """`hipcoach ARGS` in-process, in a terminal whose language is `lang` (None: none set)."""

    def run(*args: str, lang: str | None = None) -> str:
        for name in ("LC_ALL", "LC_MESSAGES", "LANG", "HIPCOACH_LANGUAGE"):
            monkeypatch.delenv(name, raising=False)
        if lang:
            monkeypatch.setenv("LANG", lang)
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return " ".join(result.stdout.split())  # the words, whatever the wrapping

    return run


def test_the_programs_help_in_german(terminal) -> None:
    said = terminal("--language", "de", "--help")
    assert "ein Coach für die Beweglichkeit der Hüfte" in said
    assert "Die Sprache der Ausgabe" in said and "Diese Hilfe zeigen und beenden." in said
    # the commands' descriptions in the list
    assert "Zeige das heutige Workout" in said and "Miss die Hüftrotation" in said
    assert "a hip-mobility coach" not in said and "Show today's workout" not in said
    assert "Show this message and exit." not in said


def test_a_commands_help_follows_a_german_lang(terminal) -> None:
    said = terminal("today", "--help", lang="de_DE.UTF-8")
    assert "Zeige das heutige Workout" in said and "Beispiele:" in said
    assert "Den Plan als DayPlan-JSON-Objekt ausgeben." in said
    assert "Der Tag, als JJJJ-MM-TT (Standard: heute). Künftige Tage" in said
    assert "hipcoach today --json --date 2026-02-02" in said  # the examples as they are
    assert "Print the plan" not in said and "Show today's workout" not in said


def test_values_and_their_or_in_german(terminal) -> None:
    said = terminal("--language", "de", "pain", "--help")
    assert "Die Seite, die schmerzt: left, right oder both (Standard: die ganze Person)." in said
    assert "Schmerz beim Aufstehen am nächsten Morgen, 0–10." in said
    said = terminal("--language", "de", "measure", "--help")
    assert "ir (Innenrotation, der Standard) oder er (Außenrotation)." in said


def test_a_groups_subcommand_in_german(terminal) -> None:
    said = terminal("--language", "de", "program", "--help")
    assert "Programme und Übungen: auflisten, zeigen, prüfen und zeichnen." in said
    assert "Liste die Programme auf" in said
    said = terminal("program", "show", "--help", lang="de_AT.UTF-8")
    assert "Eine Programm-ID aus `program list`." in said


def test_english_as_written(terminal) -> None:
    for lang in (None, "en_US.UTF-8", "fr_FR.UTF-8", "C.UTF-8"):  # French: not offered
        said = terminal("--help", lang=lang)
        assert "hipcoach: a hip-mobility coach. Daily workouts, honest measurement" in said
        assert "Show today's workout: phase, exercises with doses per side" in said
        said = terminal("pain", "--help", lang=lang)
        assert "The side that hurts: left, right or both (the default: the whole person)." in said
    # --language wins over the terminal's, as for the commands
    said = terminal("--language", "en-gb", "today", "--help", lang="de_DE.UTF-8")
    assert "Print the plan as a DayPlan JSON object." in said
    # and the run after a German one starts from English again (in-process)
    terminal("--language", "de", "today", "--help")
    assert "Print the plan as a DayPlan JSON object." in terminal("today", "--help")


def _every_command() -> list[click.Command]:
    """Every command and subcommand as Typer builds it, English (nothing said again)."""
    found = []
    for name in COMMANDS:
        target = command_function(name)
        if isinstance(target, typer.Typer):
            group = typer.main.get_group(target)
            found += [group, *group.commands.values()]
        else:
            found.append(_built(name, target))
    return found


def _built(name: str, target: object) -> click.Command:
    return typer.main.get_command_from_info(
        CommandInfo(name=name, callback=target),
        pretty_exceptions_short=False,
        rich_markup_mode="rich",
    )


def _texts(command: click.Command) -> list[str]:
    context = click.Context(command)
    return [command.help or ""] + [
        getattr(param, "help", None) or "" for param in command.get_params(context)
    ]


def test_the_english_is_what_was_written() -> None:
    """Built for an English terminal, each option shows its marked message with its values,
    and each command its description (the docstring Typer reads), untouched."""
    for command in _every_command():
        for text in filter(None, _texts(command)):
            assert text in WRITTEN, f"{command.name}: {text[:60]} is not marked"
            message, values = WRITTEN[text]
            assert text == inspect.cleandoc(
                message.format(**{k: str(v) for k, v in values.items()})
            )
    for name in COMMANDS:
        target = command_function(name)
        if not isinstance(target, typer.Typer):
            built = _built(name, target)
            assert built.help == inspect.cleandoc(target.__doc__ or "")


def test_every_help_text_has_its_german_words() -> None:
    from django.utils import translation

    from hipcoach.cli.helptext import _said

    untranslated = []
    with translation.override("de"):
        for command in _every_command():
            for text in _texts(command):
                if text and _said(text) == text:
                    untranslated.append(f"{command.name}: {text[:60]}")
    assert untranslated == []


def test_english_help_sets_up_no_django(tmp_path) -> None:
    """`hipcoach --help` in English stays as quick as it was: Django is not set up; in German
    it is (for the catalogue), but no database is made or read."""
    code = (
        "import sys\nfrom hipcoach.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "from django.apps import apps\n"
        "print('READY' if apps.ready else 'NOT SET UP', file=sys.stderr)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env |= {"HIPCOACH_HOME": str(tmp_path / "home"), "COLUMNS": "100"}
    english = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert (
        english.stderr.strip().endswith("NOT SET UP") and "a hip-mobility coach" in english.stdout
    )
    german = subprocess.run(
        [sys.executable, "-c", code],
        env=env | {"LANG": "de_DE.UTF-8"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Beweglichkeit der Hüfte" in german.stdout
    assert not [p for p in (tmp_path / "home").rglob("*") if "sqlite" in p.name]
