"""The terminal coach's docs cover every command and every `program` subcommand, each with an
example, enumerated from the commands themselves (a new command cannot be left out)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from hipcoach.cli import COMMANDS, command_function

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "cli.md"
# Where a command may be documented instead: the web app's and the virtual people's own pages.
ELSEWHERE = {"serve": ROOT / "docs" / "web.md", "simulate": ROOT / "docs" / "scenarios.md"}


GROUPS = ("program", "clinic")  # commands that are groups of subcommands


def _subcommands() -> list[str]:
    from importlib import import_module

    found = []
    for group_name in GROUPS:
        module, attribute = COMMANDS[group_name]
        group = typer.main.get_group(getattr(import_module(module), attribute))
        found += sorted(f"{group_name} {name}" for name in group.commands)
    return found


EVERY_COMMAND = [name for name in COMMANDS if name not in GROUPS] + _subcommands()


@pytest.mark.parametrize("command", EVERY_COMMAND)
def test_every_command_has_a_section_with_an_example(command: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    first = command.split()[0]
    if first in ELSEWHERE:
        text += ELSEWHERE[first].read_text(encoding="utf-8")
    assert f"`hipcoach {command}" in text, f"docs/cli.md has no section for {command}"
    assert re.search(rf"^\$ hipcoach {command}\b", text, re.MULTILINE), f"no example of {command}"


@pytest.mark.parametrize("name", [name for name in COMMANDS if name not in GROUPS])
def test_every_command_has_help_with_an_example(name: str) -> None:
    assert "Example" in (command_function(name).__doc__ or ""), name


def test_there_are_the_commands_the_readme_names() -> None:
    assert {"init", "today", "go", "measure", "progress", "restore", "serve"} <= set(COMMANDS)
    assert "program validate" in EVERY_COMMAND


def test_the_settings_are_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for setting in ("HIPCOACH_HOME", "DATABASE_URL", "HIPCOACH_USER"):
        assert setting in text
