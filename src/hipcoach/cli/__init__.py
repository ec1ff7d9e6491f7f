"""The `hipcoach` command: a thin Typer layer over the library.

Commands import what they need when they run, so `hipcoach --help` and quick commands stay fast.
"""

from __future__ import annotations

import typer

from hipcoach.cli import content as _content
from hipcoach.cli import program as _program

app = typer.Typer(
    name="hipcoach",
    help="hipcoach: a hip-mobility coach. Daily workouts, honest measurement, published rules.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
app.add_typer(_program.app, name="program")
app.command("schema")(_content.schema)


def _register_simulate() -> None:
    try:
        from hipcoach.cli.simulate import simulate
    except ImportError:  # the engine's command is optional while the package is being built
        return
    app.command("simulate")(simulate)


_register_simulate()


def main() -> None:
    """Console-script entry point."""
    app()
