"""Shared terminal output: one console for results, one for problems."""

from __future__ import annotations

from collections.abc import Iterable

import typer
from rich.console import Console

console = Console()
errors = Console(stderr=True)


def fail(problems: Iterable[object], *, code: int = 1) -> None:
    """Print every problem (one a line, `file:line: message`) to stderr and exit with `code`."""
    for problem in problems:
        errors.print(str(problem), markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)
