"""`hipcoach program ...`: list, show and validate programs and exercises."""

from __future__ import annotations

from pathlib import Path

import typer

from hipcoach.cli.output import console, errors, fail

app = typer.Typer(
    help="Programs and exercises: list, show and validate them.", no_args_is_help=True
)


def _library():
    from hipcoach.content.loader import load_library
    from hipcoach.content.yamlfile import ContentError

    try:
        return load_library()
    except ContentError as exc:
        errors.print("The shipped content has problems:", style="bold red")
        fail(exc.problems)


@app.command("list")
def list_programs() -> None:
    """List the programs: id, name, weeks, phases and daily minutes.

    Example: hipcoach program list
    """
    from rich.table import Table

    from hipcoach.content.doses import minutes_range

    library = _library()
    table = Table(title="Programs", show_lines=False)
    for column in ("id", "name", "weeks", "phases", "minutes a day"):
        table.add_column(column)
    for program in sorted(library.programs.values(), key=lambda p: p.id):
        low, high = minutes_range(program, library.exercises)
        table.add_row(
            program.id,
            program.name,
            str(program.weeks),
            " → ".join(p.id for p in program.phases),
            f"{low:g}–{high:g}" if low != high else f"{low:g}",
        )
    console.print(table)


@app.command("show")
def show(
    program_id: str = typer.Argument(..., metavar="ID", help="A program id from `program list`."),
    week: int = typer.Option(
        1, "--week", min=1, max=52, help="Show the doses of this week of each phase."
    ),
) -> None:
    """Show a program: phases, schedule, workouts with doses and minutes, progressions, gates.

    Example: hipcoach program show hip-ir-primer --week 2
    """
    from hipcoach.cli.render import render_program
    from hipcoach.content.yamlfile import did_you_mean

    library = _library()
    program = library.programs.get(program_id)
    if program is None:
        hint = did_you_mean(program_id, library.programs.keys())
        fail([f"no program '{program_id}'{hint}; `hipcoach program list` shows them all"])
    console.print(render_program(program, library.exercises, week=week))


@app.command("validate")
def validate(
    paths: list[Path] = typer.Argument(..., help="Exercise or program files, or folders of them."),
) -> None:
    """Check exercise and program files; print every problem as file:line: message.

    Programs are checked against the exercises given; when no exercise file is given, against
    the shipped library. Exits 1 when anything is wrong.

    Example: hipcoach program validate src/hipcoach/content
    """
    from hipcoach.content.loader import validate_paths

    problems = validate_paths(paths)
    if problems:
        errors.print(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found:", style="bold red"
        )
        fail(problems)
    console.print("[green]✓[/green] all files are valid")
