"""`hipcoach today`: what to do today, with doses, minutes and the reasons."""

from __future__ import annotations

import typer

from hipcoach.cli.common import (
    day,
    handled,
    local_person,
    print_json,
    speak_language,
)
from hipcoach.cli.helptext import described, gettext_noop
from hipcoach.cli.output import console


@described(
    gettext_noop(
        """\
Show today's workout: phase, exercises with doses per side, minutes, and why.

Examples:
  hipcoach today
  hipcoach today --pre-run
  hipcoach today --json --date 2026-02-02
"""
    )
)
def today(
    as_json: bool = typer.Option(
        False, "--json", help=gettext_noop("Print the plan as a DayPlan JSON object.")
    ),
    pre_run: bool = typer.Option(
        False,
        "--pre-run",
        help=gettext_noop("A run follows the workout: drills before it, long holds after it (R8)."),
    ),
    date: str | None = typer.Option(
        None,
        "--date",
        metavar="YYYY-MM-DD",
        help=gettext_noop("The day, as YYYY-MM-DD (default: today). Future days plan ahead."),
    ),
) -> None:
    with handled():
        on = day(date)
        person = local_person()
        from hipcoach.tracking.plans import day_plan

        plan = day_plan(person, on=on, pre_run=pre_run)
    if as_json:
        print_json(plan.to_json())
        return
    from django.utils.translation import gettext as _

    from hipcoach.cli.plan_view import render_plan

    words = speak_language(person)
    console.print(render_plan(plan, words))
    if not plan.stop and plan.exercises:
        _lesson_line(plan)
        console.print(_("Start it with [bold]hipcoach go[/bold]."), highlight=False)


def _lesson_line(plan) -> None:
    """One line of the day's lesson, as the plan names it (the program shows all of them)."""
    if plan.lesson is not None:
        from django.utils import translation
        from django.utils.translation import gettext as _

        from hipcoach.content.locales import has_content_translation

        lesson = plan.lesson
        language = translation.get_language() or "en"
        if has_content_translation(language):  # English is the plan's own: nothing to load
            from hipcoach.content.translations import lesson_in
            from hipcoach.tracking.programs import library

            found = library().lessons.get(plan.lesson.id)
            lesson = lesson_in(found, language) if found else plan.lesson
        console.print(
            _(
                "Learn: [bold]{title}[/bold]. {summary} (more: hipcoach program show {program})"
            ).format(title=lesson.title, summary=lesson.summary, program=plan.program),
            highlight=False,
        )
