"""The `hipcoach` command: a thin Typer layer over the library.

A command's module is imported only when that command runs (or when `--help` lists it), so
`hipcoach today` pays for its own imports and for no other command's. The modules themselves
import Django, the engine and the content inside their functions, for the same reason.

Adding a command: write it as a function (its options as Typer parameters, their help marked
with `helptext.gettext_noop`, its own help as its description, `helptext.described`) in a
module of this package, then name it in COMMANDS below. The help is shown in the terminal's
language (`helptext`). A module that holds a
`typer.Typer()` of its own (like `program`) gives a group of subcommands the same way. A
command that goes on running once started (a server, a player) calls `collect_again()`.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, MutableMapping
from importlib import import_module
from typing import Any

import typer
import typer.main
from typer.core import TyperGroup
from typer.models import CommandInfo

from hipcoach.cli.helptext import LANGUAGE_VARIABLE, gettext_noop, help_language, in_language

# The command's name → (module, attribute), in the order `hipcoach --help` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "schema": ("hipcoach.cli.content", "schema"),
    "simulate": ("hipcoach.cli.simulate", "simulate"),
    "serve": ("hipcoach.cli.serve", "serve"),
    "worker": ("hipcoach.cli.worker", "worker"),
    "proxy-config": ("hipcoach.cli.proxy", "proxy_config"),
    "generate-people": ("hipcoach.cli.generate", "generate_people"),
    "init": ("hipcoach.cli.setup", "init"),
    "today": ("hipcoach.cli.today", "today"),
    "go": ("hipcoach.cli.go", "go"),
    "log": ("hipcoach.cli.records", "log"),
    "pain": ("hipcoach.cli.records", "pain"),
    "measure": ("hipcoach.cli.measure", "measure"),
    "activities": ("hipcoach.cli.records", "activities"),
    "note": ("hipcoach.cli.records", "note"),
    "screen": ("hipcoach.cli.setup", "screen"),
    "cleared": ("hipcoach.cli.setup", "cleared"),
    "progress": ("hipcoach.cli.progress", "progress"),
    "export": ("hipcoach.cli.data", "export"),
    "backup": ("hipcoach.cli.data", "backup"),
    "report": ("hipcoach.cli.data", "report"),
    "restore": ("hipcoach.cli.data", "restore"),
    "remind": ("hipcoach.cli.remind", "remind"),
    "delete-account": ("hipcoach.cli.account", "delete_account"),
    "program": ("hipcoach.cli.program", "app"),
    "clinic": ("hipcoach.cli.clinic", "app"),
}


class LazyCommands(TyperGroup):
    """Typer's group of commands, each built from its module the first time it is looked up."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _CommandsByName()

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names alone: nothing is imported for them

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # a command run in-process after another (the tests) starts from no --language;
        # `--language`, read first (eager), sets it again for the commands built after it
        os.environ.pop(LANGUAGE_VARIABLE, None)
        return super().parse_args(ctx, args)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        in_language(self, help_language(), deep=False)  # its commands: as each is built
        super().format_help(ctx, formatter)


class _CommandsByName(MutableMapping[str, Any]):
    """The click commands by name: every name in COMMANDS is there (for lists, suggestions of
    a mistyped name and `in`), and a command is built when it is first looked up."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = _build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self._built

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*COMMANDS, *self._built]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*COMMANDS, *self._built]))


def _build(name: str) -> Any:
    """The click command Typer makes of COMMANDS[name], its help in the terminal's language."""
    target = command_function(name)
    built: Any
    if isinstance(target, typer.Typer):
        built = typer.main.get_group(target)
        built.name = name
    else:
        built = typer.main.get_command_from_info(
            CommandInfo(name=name, callback=target),
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode,
        )
    in_language(built, help_language())
    return built


app = typer.Typer(
    name="hipcoach",
    help=gettext_noop(
        "hipcoach: a hip-mobility coach. Daily workouts, honest measurement, published rules."
    ),
    cls=LazyCommands,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def _language_chosen(language: str | None) -> str | None:
    # Read before the command is looked up (the option is eager), so that the command's
    # --help is built in it; the command reads it once Django is ready
    # (`cli.common.speak_language`).
    if language:
        os.environ[LANGUAGE_VARIABLE] = language
    return language


@app.callback()
def _hipcoach(
    language: str | None = typer.Option(
        None,
        "--language",
        metavar="CODE",
        is_eager=True,
        callback=_language_chosen,
        help=gettext_noop(
            "The language of the output: en-gb, en-us or de. Default: the account's, "
            "else the terminal's LANG."
        ),
    ),
) -> None:
    # A group needs a callback (or several registered commands) to be built as one; the
    # commands come from COMMANDS, not from Typer's registry.
    del language  # read by `_language_chosen`


def command_function(name: str) -> Any:
    """The function (or Typer app) behind command `name`, its module imported now."""
    module, attribute = COMMANDS[name]
    return getattr(import_module(module), attribute)


def main() -> None:
    """Console-script entry point."""
    # Starting a command (Django, the engine, the content's and the terminal's modules) makes
    # a few hundred thousand objects that live as long as the process, and almost no garbage.
    # The cyclic collector walking them again and again took about a tenth of a short command
    # such as `hipcoach today` (benchmarks/bench_today.py), so it stays off while a command
    # starts; a command that goes on running (the server, the player, a simulation) turns it
    # back on with `collect_again()` once it has started.
    gc.disable()
    from django.core.exceptions import ImproperlyConfigured

    try:
        app()
    except ImproperlyConfigured as exc:  # a setting the environment got wrong: say which
        from hipcoach.cli.output import errors

        errors.print(f"Cannot start: {exc}", style="bold red")
        raise SystemExit(2) from None


def collect_again() -> None:
    """The cyclic garbage collector back on for a command that runs on, with what start-up
    made set aside (`gc.freeze`) so it is not walked again. Nothing to do where the collector
    was never turned off (`main` was not the entry: the tests' runner, an embedding program)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
