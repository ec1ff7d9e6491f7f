"""`hipcoach program ...`: list, show, validate and draw programs and exercises."""

from __future__ import annotations

from pathlib import Path

import typer

from hipcoach.cli import collect_again
from hipcoach.cli.helptext import described, gettext_noop
from hipcoach.cli.output import console, errors, fail

app = typer.Typer(
    help=gettext_noop("Programs and exercises: list, show, validate and draw them."),
    no_args_is_help=True,
)


def _library():
    from hipcoach.content.loader import load_library
    from hipcoach.content.yamlfile import ContentError

    try:
        return load_library()  # `program validate` places every pose in space
    except ContentError as exc:
        errors.print("The shipped content has problems:", style="bold red")
        fail(exc.problems)


@app.command("list")
@described(
    gettext_noop(
        """\
List the programs: id, name, weeks, phases and daily minutes.

Example: hipcoach program list
"""
    )
)
def list_programs() -> None:
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
@described(
    gettext_noop(
        """\
Show a program: phases, schedule, workouts with doses and minutes, progressions, gates.

Example: hipcoach program show hip-ir-primer --week 2
"""
    )
)
def show(
    program_id: str = typer.Argument(
        ..., metavar="ID", help=gettext_noop("A program id from `program list`.")
    ),
    week: int = typer.Option(
        1, "--week", min=1, max=52, help=gettext_noop("Show the doses of this week of each phase.")
    ),
) -> None:
    from hipcoach.cli.render import render_program
    from hipcoach.content.yamlfile import did_you_mean

    library = _library()
    program = library.programs.get(program_id)
    if program is None:
        hint = did_you_mean(program_id, library.programs.keys())
        fail([f"no program '{program_id}'{hint}; `hipcoach program list` shows them all"])
    console.print(render_program(program, library.exercises, week=week, lessons=library.lessons))


@app.command("validate")
@described(
    gettext_noop(
        """\
Check exercise and program files; print every problem as file:line: message.

Programs are checked against the exercises given; when no exercise file is given, against
the shipped library. Exits 1 when anything is wrong.

Example: hipcoach program validate src/hipcoach/content
"""
    )
)
def validate(
    paths: list[Path] = typer.Argument(
        ..., help=gettext_noop("Exercise or program files, or folders of them.")
    ),
) -> None:
    from hipcoach.figures.checks import validate_files

    problems = validate_files(paths)
    if problems:
        errors.print(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found:", style="bold red"
        )
        fail(problems)
    console.print("[green]✓[/green] all files are valid")


@app.command("poses")
@described(
    gettext_noop(
        """\
Draw the exercises' figures from their pose data: one image per key pose and side.

Per-side exercises get both sides (the right is the left mirrored). Give --out, --sheet or
both.

Example: hipcoach program poses --out figures --sheet poses.png
"""
    )
)
def poses(
    out: Path | None = typer.Option(
        None, "--out", help=gettext_noop("Write each exercise's figures here: ID-SIDE-POSE.png.")
    ),
    sheet: Path | None = typer.Option(
        None,
        "--sheet",
        help=gettext_noop("Write one contact sheet of every exercise's poses (a .png file)."),
    ),
    exercise_id: str | None = typer.Option(
        None, "--exercise", metavar="ID", help=gettext_noop("Only this exercise.")
    ),
) -> None:
    if out is None and sheet is None:
        fail(["say where to write: --out DIR for the figures, --sheet FILE.png for one sheet"])
    if sheet is not None and sheet.suffix.lower() != ".png":
        fail([f"{sheet}: the contact sheet is a PNG image; name it ….png"])
    from hipcoach.content.yamlfile import did_you_mean

    library = _library()
    chosen = sorted(library.exercises.values(), key=lambda e: e.id)
    if exercise_id is not None:
        if exercise_id not in library.exercises:
            hint = did_you_mean(exercise_id, library.exercises.keys())
            fail([f"no exercise '{exercise_id}'{hint}"])
        chosen = [library.exercises[exercise_id]]
    collect_again()  # drawing every figure takes a while
    unposed = [e.id for e in chosen if e.poses is None]
    posed = [e for e in chosen if e.poses is not None]
    if not posed:
        fail([f"'{exercise_id}' has no poses yet" if exercise_id else "no exercise has poses"])
    try:
        written = 0
        if out is not None:
            written = _write_figures(posed, out)
        if sheet is not None:
            from hipcoach.figures.sheet import contact_sheet

            sheet.parent.mkdir(parents=True, exist_ok=True)
            contact_sheet(posed).save(sheet, format="PNG", optimize=True)
    except OSError as exc:
        fail([f"cannot write the figures: {exc.strerror or exc} ({exc.filename or out or sheet})"])
    if out is not None:
        console.print(
            f"[green]✓[/green] {_count(written, 'figure')} of {_count(len(posed), 'exercise')} in {out}"
        )
    if sheet is not None:
        console.print(
            f"[green]✓[/green] contact sheet of {_count(len(posed), 'exercise')}: {sheet}"
        )
    if unposed:
        console.print(f"[yellow]not posed yet:[/yellow] {', '.join(unposed)}")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _write_figures(exercises, out: Path) -> int:
    from hipcoach.figures import figure_pngs

    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for exercise in exercises:
        sides = ("left", "right") if exercise.per_side else ("both",)
        for side in sides:
            for key, png in zip(
                exercise.poses.keys, figure_pngs(exercise.poses, side), strict=True
            ):
                (out / f"{exercise.id}-{side}-{key.name}.png").write_bytes(png)
                written += 1
    return written
