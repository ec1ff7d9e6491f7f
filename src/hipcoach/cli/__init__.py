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


def _register_serve() -> None:
    from hipcoach.cli.serve import serve

    app.command("serve")(serve)


_register_serve()


def _register_coach() -> None:
    """The terminal coach: set up, today's plan, the player, records, progress and your data."""
    from hipcoach.cli import data, go, measure, progress, records, setup
    from hipcoach.cli import today as today_

    app.command("init")(setup.init)
    app.command("today")(today_.today)
    app.command("go")(go.go)
    app.command("log")(records.log)
    app.command("pain")(records.pain)
    app.command("measure")(measure.measure)
    app.command("activities")(records.activities)
    app.command("note")(records.note)
    app.command("screen")(setup.screen)
    app.command("cleared")(setup.cleared)
    app.command("progress")(progress.progress)
    app.command("export")(data.export)
    app.command("backup")(data.backup)
    app.command("restore")(data.restore)


_register_coach()


def main() -> None:
    """Console-script entry point."""
    from django.core.exceptions import ImproperlyConfigured

    try:
        app()
    except ImproperlyConfigured as exc:  # a setting the environment got wrong: say which
        from hipcoach.cli.output import errors

        errors.print(f"Cannot start: {exc}", style="bold red")
        raise SystemExit(2) from None
