"""`hipcoach go`: today's workout, guided step by step, logged as it goes."""

from __future__ import annotations

import sys

import typer

from hipcoach.cli import collect_again
from hipcoach.cli.common import (
    STOPPED,
    ask,
    day,
    handled,
    local_person,
    pain_place_option,
    pain_side_option,
    refresh_plans,
    say,
    speak_language,
    today,
)
from hipcoach.cli.helptext import described, gettext_noop
from hipcoach.cli.output import console
from hipcoach.vocabulary import PainPlace, Side


@described(
    gettext_noop(
        """\
Play today's workout: each exercise and side with steps, cues and timers.

Keys while a timer runs: p pause/resume, s skip this exercise, q stop the workout.
Every exercise and side is saved as soon as it is finished, so Ctrl-C loses nothing done.
At the end comes the pain check (or give it with --pain).

Examples:
  hipcoach go
  hipcoach go --pace 10 --yes --pain 2     # a quick demo, no questions
  hipcoach go --pain 3 --pain-side left --pain-place high_hamstring
"""
    )
)
def go(
    pace: float = typer.Option(
        1.0,
        "--pace",
        min=0.0,
        help=gettext_noop(
            "Run timers this many times faster (0: no waiting; for tests and demos)."
        ),
    ),
    yes: bool = typer.Option(
        False, "--yes", "-y", help=gettext_noop("Ask nothing: start at once, no pain question.")
    ),
    pain: int | None = typer.Option(
        None,
        "--pain",
        metavar="N",
        help=gettext_noop("Pain during the workout, 0–10, for the check at the end."),
    ),
    pain_side: str = pain_side_option("--pain-side"),
    pain_place: str = pain_place_option("--pain-place"),
    pre_run: bool = typer.Option(
        False,
        "--pre-run",
        help=gettext_noop("A run follows: moving drills now, the long holds after the run (R8)."),
    ),
    date: str | None = typer.Option(
        None,
        "--date",
        metavar="YYYY-MM-DD",
        help=gettext_noop("Log it on this earlier day (default: today)."),
    ),
) -> None:
    from hipcoach.tracking import inputs

    with handled():
        on = day(date)
        inputs.not_future(on, today())
        if pain is not None:
            inputs.pain_score(pain, "during")
        inputs.choice(pain_side, Side, "pain side")
        inputs.choice(pain_place, PainPlace, "pain place")
        person = local_person()
        from hipcoach.tracking.plans import day_plan
        from hipcoach.tracking.programs import library

        plan = day_plan(person, on=on, pre_run=pre_run)
    from hipcoach.cli.plan_view import headline, render_plan

    if plan.stop:
        console.print(render_plan(plan))
        raise typer.Exit(STOPPED)
    if not plan.exercises:
        say("Nothing to do today: rest.")
        return
    from django.utils.translation import gettext as _

    from hipcoach.cli.player import NoKeys, Player, TerminalKeys, how_to
    from hipcoach.content.library import equipment_words
    from hipcoach.engine.steps import timeline
    from hipcoach.tracking.workouts import finish_workout, log_exercise, report_pain

    words = speak_language(person)
    steps = timeline(plan, words)
    console.print(headline(plan), style="bold", highlight=False)
    found = (library().exercises.get(e.id) for e in plan.exercises)
    needs = equipment_words((e for e in found if e is not None), words.text)
    if needs:
        console.print(_("You need: {items}").format(items=", ".join(needs)), highlight=False)
    if not yes and sys.stdin.isatty() and ask("Press Enter to start", default="go") is None:
        raise typer.Exit(1)

    def record(entry, status, done) -> None:
        with handled():
            log_exercise(person, on=on, done=done, today=today())

    keys = TerminalKeys() if sys.stdin.isatty() else NoKeys()
    from django.utils import translation

    from hipcoach.content.translations import library_in

    shown = library_in(library(), translation.get_language() or "en")
    how = how_to(steps, shown.exercises)
    player = Player(console, steps, record=record, keys=keys, how=how, pace=pace)
    collect_again()  # the workout runs for minutes
    try:
        with keys:
            outcome = player.run()
    except KeyboardInterrupt:
        outcome = player.outcome
        outcome.stopped = True
        console.print("\nStopped. Everything finished so far is saved.", style="yellow")
    with handled():
        if outcome.recorded:
            finish_workout(person, on=on, status=outcome.status, today=today())
        score = pain if pain is not None else _pain_check(yes)
        if score is not None:
            report_pain(
                person,
                on=on,
                when="during",
                score=score,
                today=today(),
                side=pain_side,
                place=pain_place,
            )
        refresh_plans(person)
    state = outcome.status.label if outcome.recorded else "nothing recorded"
    say(f"Saved: {outcome.tally.words()} — workout {state}.")
    if score is None and not outcome.stopped:
        say("Record how it felt with [bold]hipcoach pain --during N[/bold] (0–10).")
    if outcome.stopped and not outcome.recorded:
        raise typer.Exit(1)


def _pain_check(yes: bool) -> int | None:
    """Ask for pain during the workout until a valid answer, or None when skipped."""
    from hipcoach.tracking.inputs import InputError, pain_score

    if yes:
        return None
    while True:
        answer = ask("Pain check: how much did it hurt during the workout, 0–10? (Enter to skip)")
        if answer is None or not answer.strip():
            return None
        try:
            return pain_score(int(answer.strip()) if answer.strip().isdigit() else -1, "during")
        except InputError as exc:
            console.print(str(exc), style="red", highlight=False)
