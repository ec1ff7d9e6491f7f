"""The terminal coach's docs cover every command, each with an example."""

from __future__ import annotations

import re
from pathlib import Path

from hipcoach.cli import COMMANDS, command_function

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
    "delete-account",
)


def test_every_coach_command_has_a_section_with_an_example() -> None:
    text = DOCS.read_text(encoding="utf-8")
    registered = set(COMMANDS)
    for command in COACH:
        assert command in registered
        assert f"## `hipcoach {command}`" in text or f"`hipcoach {command}`" in text, command
        assert re.search(rf"^\$ hipcoach {command}\b", text, re.MULTILINE), (
            f"no example of {command}"
        )


def test_every_coach_command_has_help_with_an_example() -> None:
    for name in COMMANDS:
        if name in COACH:
            assert "Example" in (command_function(name).__doc__ or ""), name


def test_the_settings_are_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for setting in ("HIPCOACH_HOME", "DATABASE_URL", "HIPCOACH_USER"):
        assert setting in text
