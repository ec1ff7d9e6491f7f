"""The `--help` texts in the terminal's language.

The commands' options and descriptions are written in English where they are declared, marked
for the catalogue with `gettext_noop` (a command's description with `described`), and stay
the English strings click shows: Typer builds a command from them when it is looked up, before
anyone knows the language, and an English terminal shows them exactly as written. When the
terminal speaks another language (`help_language`), the built command's texts are said again
through the catalogue (`in_language`) before they are shown.

A leaf: it sets Django up only when a language other than English is asked for (to read the
catalogue), and never opens the database.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from hipcoach.vocabulary import Term

F = TypeVar("F", bound=Callable[..., Any])

LANGUAGE_VARIABLE = "HIPCOACH_LANGUAGE"  # what `hipcoach --language` set, for the command

# The environment variables a terminal names its language by, strongest first (as gettext).
TERMINAL_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


class Choices:
    """The values of a contract term a help text lists: "left, right or both" in English
    (`vocabulary.one_of`); joined by the reader's "or" in another language. The values
    themselves (ids) are the same in every language."""

    def __init__(self, terms: type[Term]) -> None:
        self.terms = terms

    def __str__(self) -> str:
        from hipcoach.vocabulary import one_of

        return one_of(self.terms)

    def said(self) -> str:
        from django.utils.translation import gettext

        *first, last = [str(term.value) for term in self.terms]
        if not first:
            return last
        return gettext("{choices} or {last}").format(choices=", ".join(first), last=last)


def gettext_noop(message: str, /, **values: object) -> str:
    """`message` marked for the catalogue (makemessages finds it by this name), with `values`
    (`{name}` slots) filled in: the English help text, said again in the terminal's language
    when it is shown in another (`in_language`)."""
    text = message.format(**{k: str(v) for k, v in values.items()}) if values else message
    WRITTEN[inspect.cleandoc(text)] = (message, values)
    return text


# Each marked help text as click keeps it (cleaned of indentation, as click and Typer clean
# it) → the message it was made from and its values.
WRITTEN: dict[str, tuple[str, dict[str, object]]] = {}


def described(message: str) -> Callable[[F], F]:
    """Make `message` (marked with `gettext_noop`, written as a docstring is) the command's
    description: its `__doc__`, which Typer shows as its help, said again in the terminal's
    language like the options' help."""

    def describe(function: F) -> F:
        function.__doc__ = message
        return function

    return describe


def help_language() -> str | None:
    """The language `--help` speaks when it is not English: `--language`, else the terminal's
    (LC_ALL, LC_MESSAGES, LANG), as the commands choose it (`tracking.languages`) but without
    the account's, so that `--help` reads no database. None for English, asked for or fallen
    back to: the texts as written, without setting Django up for them."""
    wanted = [os.environ.get(LANGUAGE_VARIABLE, "")]
    wanted += [os.environ.get(name, "") for name in TERMINAL_VARIABLES]
    codes = [code.split(".")[0].replace("_", "-").lower() for code in wanted]
    if all(not code or code in ("c", "posix") or code.startswith("en") for code in codes):
        return None
    from django.core.exceptions import ImproperlyConfigured

    from hipcoach.tracking.database import setup_django
    from hipcoach.tracking.languages import terminal_language

    try:
        setup_django()
    except ImproperlyConfigured:  # help in English; the command itself says what is wrong
        return None
    language = terminal_language(None, os.environ.get(LANGUAGE_VARIABLE) or None)
    return None if language.startswith("en") else language


def in_language(command: Any, language: str | None, *, deep: bool = True) -> None:
    """Say the help texts of `command` (a click command; with `deep`, a group's subcommands
    too) again in `language`; nothing to do for English (None)."""
    if language is None or getattr(command, "_help_language", None) == language:
        return
    import click
    from django.utils import translation

    with translation.override(language):
        command.help = _said(command.help)
        command.short_help = _said(command.short_help)
        context = click.Context(command, info_name=command.name)
        for param in command.get_params(context):  # the --help option's own included
            if getattr(param, "help", None):
                param.help = _said(param.help)
        command._help_language = language
    if deep:
        for sub in getattr(command, "commands", {}).values():
            in_language(sub, language)


def _said(text: str | None) -> str | None:
    """One help text in the active language: the marked message it was made from, with its
    values (a command's description, an option's help, Typer's and click's own: `OWN`)."""
    from django.utils.translation import gettext

    if not text or text not in WRITTEN:  # not marked: as it is
        return text
    message, values = WRITTEN[text]
    said = gettext(message)
    if values:
        said = said.format(
            **{k: v.said() if isinstance(v, Choices) else v for k, v in values.items()}
        )
    return inspect.cleandoc(said)


# The help of the options click and Typer add to every command or to the whole program,
# marked here for the catalogue.
OWN = (
    gettext_noop("Show this message and exit."),
    gettext_noop("Install completion for the current shell."),
    gettext_noop(
        "Show completion for the current shell, to copy it or customize the installation."
    ),
)
