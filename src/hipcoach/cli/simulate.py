"""`hipcoach simulate`: run a virtual person through the engine, day by day."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from hipcoach.cli import collect_again
from hipcoach.cli.helptext import described, gettext_noop
from hipcoach.cli.output import console, fail

SIDE_LETTER = {"left": "L", "right": "R", "both": ""}


def _dose(sets: int, reps: int | None, hold_s: int | None, time_s: int | None) -> str:
    if time_s is not None:
        work = f"{time_s}s"
    elif reps is not None:
        work = f"{reps}" + (f"×{hold_s}s" if hold_s else "")
    else:
        work = f"{hold_s}s"
    return f"{sets}×{work}"


def _exercises_text(plan) -> str:
    """One line per exercise: 'prone-ir-activation L 2×10×2s, R 1×10×2s'."""
    lines: dict[str, list[str]] = {}
    for e in plan.exercises:
        side = SIDE_LETTER.get(e.side, e.side)
        dose = _dose(e.sets, e.reps, e.hold_s, e.time_s)
        lines.setdefault(e.id, []).append(f"{side} {dose}".strip())
    after = {e.id for e in plan.exercises if e.after_run}  # a run day's holds after the run
    return "\n".join(
        f"{exercise_id} {', '.join(doses)}" + (" after run" if exercise_id in after else "")
        for exercise_id, doses in lines.items()
    )


def _table(plans):
    from rich.table import Table

    table = Table(title="Simulated days", show_lines=True)
    for column in ("day", "date", "phase", "min", "flags", "exercises", "rules"):
        table.add_column(column, overflow="fold")
    for plan in plans:
        rules = list(dict.fromkeys(d.rule for d in plan.decisions))
        if plan.stop:
            exercises = "STOP: " + (plan.decisions[0].reason if plan.decisions else "")
        else:
            exercises = _exercises_text(plan)
        table.add_row(
            str(plan.day),
            plan.date.isoformat(),
            plan.phase + (" (pre-run)" if plan.pre_run else ""),
            f"{plan.minutes:g}",
            "\n".join(plan.flags),
            exercises,
            " ".join(rules),
        )
    return table


@described(
    gettext_noop(
        """\
Run a virtual person (a scenario file) through the engine, day by day.

Prints a table of each day's phase, minutes, flags, exercises and the rules that fired,
or with --json the day plans themselves. An invalid scenario is reported as
file:line: message and exits 1. The format is described in docs/scenarios.md.

Example: hipcoach simulate tests/scenarios/runner-high-hamstring.yaml --days 70
"""
    )
)
def simulate(
    scenario: Path = typer.Argument(
        ..., help=gettext_noop("A scenario YAML file: one virtual person.")
    ),
    json_output: bool = typer.Option(
        False, "--json", help=gettext_noop("Print a JSON array of day plans.")
    ),
    days: int | None = typer.Option(
        None,
        "--days",
        min=0,
        max=3650,
        help=gettext_noop("Simulate days 0..N (default: last event day + 7)."),
    ),
) -> None:
    from hipcoach.content.loader import load_library
    from hipcoach.content.yamlfile import ContentError
    from hipcoach.scenarios.checks import read_scenario
    from hipcoach.scenarios.simulation import simulate as run

    try:
        library = load_library()  # the figures' geometry is the validator's check
    except ContentError as exc:
        fail(exc.problems)
    collect_again()  # up to ten years of days to plan
    try:
        model = read_scenario(scenario, programs=library.programs, exercises=library.exercises)
        plans = run(model, library.programs, library.exercises, days=days, lessons=library.lessons)
    except ContentError as exc:
        fail(exc.problems)
    except ValueError as exc:
        fail([f"{scenario}:1: {exc}"])
    if json_output:
        typer.echo(json.dumps([p.to_json() for p in plans], ensure_ascii=False, indent=2))
    else:
        console.print(_table(plans))
