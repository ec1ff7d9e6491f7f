"""The terminal coach's docs cover every command, each with an example."""

from __future__ import annotations

import re
from pathlib import Path

from hipcoach.cli import app

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
COACH = (
    "init",
    "today",
    "go",
    "log",
    "pain",
    "measure",
    "activities",
    "note",
    "screen",
    "cleared",
    "progress",
    "export",
    "backup",
    "restore",
)


def test_every_coach_command_has_a_section_with_an_example() -> None:
    text = DOCS.read_text(encoding="utf-8")
    registered = {c.name or c.callback.__name__ for c in app.registered_commands}
    for command in COACH:
        assert command in registered
        assert f"## `hipcoach {command}`" in text or f"`hipcoach {command}`" in text, command
        assert re.search(rf"^\$ hipcoach {command}\b", text, re.MULTILINE), (
            f"no example of {command}"
        )


def test_every_coach_command_has_help_with_an_example() -> None:
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        if name in COACH:
            assert "Example" in (command.callback.__doc__ or ""), name


def test_the_settings_are_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for setting in ("HIPCOACH_HOME", "DATABASE_URL", "HIPCOACH_USER"):
        assert setting in text
