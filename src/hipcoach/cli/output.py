"""Shared terminal output: one console for results, one for problems."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NoReturn

import typer
from rich.console import Console

# No ":name:" emoji codes in hipcoach's text: without them Rich skips loading its emoji table.
console = Console(emoji=False)
errors = Console(stderr=True, emoji=False)


def fail(problems: Iterable[object], *, code: int = 1) -> NoReturn:
    """Print every problem (one a line, `file:line: message`) to stderr and exit with `code`."""
    for problem in problems:
        errors.print(str(problem), markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def start_django() -> None:
    """Django set up for a long-running command (the server, the worker); a settings mistake
    is one line and exit code 2, never a traceback."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hipcoach.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        errors.print(f"Cannot start: {exc}", style="bold red")
        raise typer.Exit(2) from None
