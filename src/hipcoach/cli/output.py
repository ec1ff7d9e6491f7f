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
