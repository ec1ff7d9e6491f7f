"""`hipcoach today`: what to do today, with doses, minutes and the reasons."""

from __future__ import annotations

import typer

from hipcoach.cli.coach import DATE_HELP, day, handled, local_person, print_json
from hipcoach.cli.output import console


def today(
    as_json: bool = typer.Option(False, "--json", help="Print the plan as a DayPlan JSON object."),
    pre_run: bool = typer.Option(
        False,
        "--pre-run",
        help="A run follows the workout: swap long static holds for drills (R8).",
    ),
    date: str | None = typer.Option(
        None, "--date", metavar="YYYY-MM-DD", help=DATE_HELP + " Future days plan ahead."
    ),
) -> None:
    """Show today's workout: phase, exercises with doses per side, minutes, and why.

    Examples:
      hipcoach today
      hipcoach today --pre-run
      hipcoach today --json --date 2026-02-02
    """
    data = _quick(date, pre_run)
    if data is None:
        with handled():
            on = day(date)
            person = local_person()
            from hipcoach.tracking.services import day_plan_json

            data = day_plan_json(person, on=on, pre_run=pre_run)
    if as_json:
        print_json(data)
        return
    from hipcoach.cli.plan_view import render_plan
    from hipcoach.tracking.plancache import plan_from_json

    plan = plan_from_json(data)
    console.print(render_plan(plan))
    if not plan.stop and plan.exercises:
        console.print("Start it with [bold]hipcoach go[/bold].", highlight=False)


def _quick(date: str | None, pre_run: bool) -> dict | None:
    """The plan straight from the plan cache, without starting Django (None: not cached)."""
    from hipcoach.tracking.checks import InputError
    from hipcoach.tracking.people import local_username
    from hipcoach.tracking.plancache import quick_plan

    try:
        on = day(date)
    except InputError:
        return None  # the ordinary path reports it
    return quick_plan(local_username(), on, pre_run)
