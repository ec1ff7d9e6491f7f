"""`hipcoach init` (profile, red-flag screen, baseline test, program) and `hipcoach screen`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import typer

from hipcoach.cli.common import (
    STOPPED,
    ask,
    ask_until,
    day,
    handled,
    local_person,
    refresh_plans,
    say,
    speak_terminal_language,
    term_words,
    today,
)
from hipcoach.cli.helptext import Choices, described, gettext_noop
from hipcoach.cli.output import console, fail
from hipcoach.tracking.inputs import gettext as _
from hipcoach.vocabulary import Goal, Method, PainArea, Position, RedFlag, Term

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@described(
    gettext_noop(
        """\
Set up: your goals and pain areas, the red-flag screen, a baseline IR test, a program.

Asks for whatever is not given; with --yes it asks nothing. A "yes" to any red-flag
question stops here and says whom to see and how soon (exit code 3).

Examples:
  hipcoach init
  hipcoach init --yes --program hip-ir-primer --goal running --pain-area high_hamstring \\
    --age 34 --position prone --method phone --ir-left 22 --ir-right 35
"""
    )
)
def init(
    yes: bool = typer.Option(
        False,
        "--yes",
        "-y",
        help=gettext_noop("Ask nothing: every red-flag answer is no unless --red-flag."),
    ),
    program: str | None = typer.Option(
        None,
        "--program",
        metavar="ID",
        help=gettext_noop("The program (default: the recommended one)."),
    ),
    goal: list[str] = typer.Option(
        [],
        "--goal",
        metavar="G",
        help=gettext_noop("{goals}. Repeatable.", goals=Choices(Goal)),
    ),
    pain_area: list[str] = typer.Option(
        [],
        "--pain-area",
        metavar="A",
        help=gettext_noop("{areas}. Repeatable.", areas=Choices(PainArea)),
    ),
    age: int | None = typer.Option(
        None, "--age", metavar="N", help=gettext_noop("Your age in years.")
    ),
    time_zone: str | None = typer.Option(
        None,
        "--time-zone",
        metavar="ZONE",
        help=gettext_noop("Your time zone, e.g. America/Los_Angeles (default: this computer's)."),
    ),
    position: str | None = typer.Option(
        None,
        "--position",
        help=gettext_noop("Baseline test position: {positions}.", positions=Choices(Position)),
    ),
    method: str | None = typer.Option(
        None,
        "--method",
        help=gettext_noop("Baseline test method: {methods}.", methods=Choices(Method)),
    ),
    ir_left: list[float] = typer.Option(
        [],
        "--ir-left",
        metavar="DEG",
        help=gettext_noop("Baseline IR of the left hip; repeat for each trial."),
    ),
    ir_right: list[float] = typer.Option(
        [],
        "--ir-right",
        metavar="DEG",
        help=gettext_noop("Baseline IR of the right hip; repeat for each trial."),
    ),
    red_flag: list[str] = typer.Option(
        [],
        "--red-flag",
        metavar="KEY",
        help=gettext_noop(
            "Answer yes to this red-flag question (keys as in the docs). Repeatable."
        ),
    ),
    start: str | None = typer.Option(
        None,
        "--start",
        metavar="YYYY-MM-DD",
        help=gettext_noop("The program's first day, if you began before today."),
    ),
    restart: bool = typer.Option(
        False,
        "--restart",
        help=gettext_noop("Start again on a (new) program; your history is kept."),
    ),
) -> None:
    from hipcoach.tracking import inputs
    from hipcoach.tracking.database import ensure_ready

    with handled():
        from hipcoach.tracking import days

        speak_terminal_language()
        zone = days.check_zone(time_zone, "--time-zone") if time_zone else days.computer_zone()
        on = days.day_in(days.zone_named(zone)) if zone else today()  # the person's own day
        start_day = day(start, "--start") if start else on
        inputs.choices(goal, Goal, "goal")
        inputs.choices(pain_area, PainArea, "pain area")
        ensure_ready()
        from django.db import transaction

        from hipcoach.tracking.onboarding import Baseline, set_up
        from hipcoach.tracking.programs import recommend_program
        from hipcoach.tracking.safety import screen_stops

        answers = {key: True for key in red_flag}
        if not yes:
            goal, pain_area, age = _ask_profile(goal, pain_area, age)
            answers = _ask_screen(answers)
        stops = screen_stops(answers, goal, pain_area, age)
        if not yes and not (ir_left or ir_right) and not stops:
            position, method, ir_left, ir_right = _ask_baseline(position, method)
        baseline = None
        if ir_left or ir_right:
            if position is None or method is None:
                fail([_("error: say how you measured the baseline: --position and --method")])
            baseline = Baseline(position, method, ir_left, ir_right)
        if program is None:
            suggested, why = recommend_program(goal, pain_area)
            program = suggested if yes or stops else _ask_program(suggested, why)
        # Read and check the content before taking the write lock: on a first run it takes
        # seconds, and every other writer (the web app, another terminal) would wait for it.
        from hipcoach.tracking.programs import program as shipped_program

        shipped_program(program)
        with transaction.atomic():  # a mistake found by set_up leaves no person behind either
            result = set_up(
                local_person(create=True),
                program_id=program,
                goals=goal,
                pain_areas=pain_area,
                age=age,
                answers=answers,
                baseline=baseline,
                start=start_day,
                today=on,
                restart=restart,
                time_zone=zone,
            )
        if result.enrollment is not None:
            refresh_plans(result.enrollment.person)
    if result.baseline is not None:
        from hipcoach.cli.measure import render_result

        console.print(render_result(result.baseline))
    if result.enrollment is None:
        from hipcoach.cli.plan_view import render_decisions

        console.print(render_decisions(result.decisions, _("Stop: see a clinician first")))
        raise typer.Exit(STOPPED)
    enrollment = result.enrollment
    say(
        _("Set up: [bold]{program}[/bold] (version {version}), day 1 = {start}.").format(
            program=enrollment.program, version=enrollment.version, start=enrollment.start
        )
    )
    if zone:
        say(
            _("Your days follow the time zone {zone} (change it with --time-zone).").format(
                zone=zone
            )
        )
    if baseline is None and _waits_for_a_test(enrollment.person, on):
        return
    if baseline is None:
        say(
            _(
                "No measurement yet, so you measure later: the plan asks for the test this "
                "week; do it with [bold]hipcoach measure[/bold] when you have five minutes."
            )
        )
    say(
        _(
            "Next: [bold]hipcoach today[/bold] to see today's workout, [bold]hipcoach go[/bold] "
            "to do it."
        )
    )


def _waits_for_a_test(person: User, on: dt.date) -> bool:
    """Whether today's plan has no workout until a first test (a young person's hip, R15): if
    so, say why and what to do next instead of the usual "measure later"."""
    from hipcoach.cli.plan_view import render_decisions
    from hipcoach.tracking.plans import day_plan

    with handled():
        plan = day_plan(person, on=on)
    if not plan.stop:
        return False
    console.print(render_decisions(plan.decisions, _("Before the first workout")))
    say(
        _(
            "Next: [bold]hipcoach measure[/bold] to measure both hips, then "
            "[bold]hipcoach today[/bold]."
        )
    )
    return True


def _pick(title: str, terms: type[Term], given: list[str], what: str) -> list[str]:
    """Numbered choices; the answer is numbers or names separated by commas or spaces."""
    from hipcoach.tracking.inputs import choices

    if given:
        return given
    console.print(title, style="bold", highlight=False)
    names = [term.value for term in terms]
    for number, term in enumerate(terms, start=1):
        console.print(f"  {number}. {term} — {term_words(term, 'words')}", highlight=False)

    def picked(answer: str) -> list[str]:
        words = answer.replace(",", " ").split()
        return list(
            choices(
                (
                    names[int(w) - 1] if w.isdigit() and 0 < int(w) <= len(names) else w
                    for w in words
                ),
                names,
                what,
            )
        )

    return ask_until(_("Your choice (numbers or names, Enter for none)"), picked)


def _age(answer: str) -> int | None:
    from hipcoach.tracking.inputs import InputError, age

    if not answer:
        return None
    if not answer.isdigit():
        raise InputError(
            _("'{answer}' is not an age: give it in years, e.g. 34").format(answer=answer)
        )
    return age(int(answer))


def _ask_profile(goal: list[str], pain_area: list[str], age: int | None):
    goal = _pick(_("What do you want your hips to let you do?"), Goal, goal, "goal")
    pain_area = _pick(_("Where does it hurt, if anywhere?"), PainArea, pain_area, "pain area")
    if age is None:
        age = ask_until(_("Your age (Enter to skip)"), _age)
    return goal, pain_area, age


def _ask_screen(answers: dict[str, bool]) -> dict[str, bool]:
    console.print(
        _(
            "Safety questions: answer y or n. If an answer means seeing a clinician before "
            "exercising, you will be told whom to see and how soon."
        ),
        style="bold",
    )
    answers = dict(answers)
    for flag in RedFlag:
        if answers.get(flag.value):
            continue
        answers[flag.value] = ask_until(f"{term_words(flag)} [y/N]", _yes_or_no, default="n")
    return answers


def _yes_or_no(answer: str) -> bool:
    """y or yes, n or no (Enter: no); anything else is asked again, never taken as a no."""
    from hipcoach.tracking.inputs import InputError

    reply = answer.lower()
    if reply in ("y", "yes", "n", "no", ""):
        return reply in ("y", "yes")
    raise InputError(_("'{answer}': answer y (yes) or n (no)").format(answer=answer))


def _ask_baseline(position: str | None, method: str | None):
    console.print(
        _(
            "Baseline test: how far each thigh turns inward (internal rotation), three trials a "
            "side. Enter to skip it for now."
        ),
        style="bold",
        highlight=False,
    )
    if (
        ask(_("Measure now? [Y/n] (n: measure later)"), default="y") or "n"
    ).strip().lower() not in (
        "y",
        "yes",
    ):
        return position, method, [], []
    from hipcoach.cli.measure import _ask_test

    return _ask_test(position, method)


def _ask_program(suggested: str, why: str) -> str:
    from hipcoach.tracking.inputs import choice
    from hipcoach.tracking.programs import library

    console.print(_("Programs:"), style="bold")
    for program in sorted(library().programs.values(), key=lambda p: p.id):
        mark = _("  ← recommended") if program.id == suggested else ""
        console.print(
            _("  [bold]{id}[/bold]: {name}, {weeks} weeks{mark}").format(
                id=program.id, name=program.name, weeks=program.weeks, mark=mark
            ),
            highlight=False,
        )
    console.print(
        _("Recommended: {program}, because {why}.").format(program=suggested, why=why),
        highlight=False,
    )
    from hipcoach.tracking.programs import program_ids

    def known(answer: str) -> str:
        return choice(answer or suggested, program_ids(), "program")

    return ask_until(_("Program"), known, default=suggested)


@described(
    gettext_noop(
        """\
Answer the red-flag questions again (weekly, or whenever something changes).

A "yes" to a red flag stops the program and says whom to see and how soon (exit code 3);
a painful hop or a recent jump in training counts in a runner's stress picture (R17).

Examples:
  hipcoach screen
  hipcoach screen --yes
"""
    )
)
def screen(
    yes: bool = typer.Option(
        False, "--yes", "-y", help=gettext_noop("Answer no to every question unless --red-flag.")
    ),
    red_flag: list[str] = typer.Option(
        [],
        "--red-flag",
        metavar="KEY",
        help=gettext_noop("Answer yes to this question. Repeatable."),
    ),
    date: str | None = typer.Option(
        None, "--date", metavar="YYYY-MM-DD", help=gettext_noop("The day (default: today).")
    ),
) -> None:
    with handled():
        from hipcoach.tracking.safety import record_screen

        speak_terminal_language()
        on = day(date)
        answers = {key: True for key in red_flag}
        person = local_person()
        if not yes:
            answers = _ask_screen(answers)
        decisions = record_screen(person, answers=answers, on=on, today=today())
        refresh_plans(person)
    if decisions:
        from hipcoach.cli.plan_view import render_decisions

        console.print(render_decisions(decisions, _("Stop: see a clinician first")))
        raise typer.Exit(STOPPED)
    if any(answers.values()):
        # A painful hop or a jump in training stops only in a runner's stress picture (R17).
        say(
            _(
                "Safety questions of {date} saved: none of your answers stops the program; "
                "today's plan takes them in."
            ).format(date=on)
        )
        return
    say(_("Red-flag screen of {date}: all clear.").format(date=on))


@described(
    gettext_noop(
        """\
Record that a clinician has seen you and cleared you to exercise after a red flag.

It ends the stop of the red-flag answers given up to that day (R12); a later "yes" stops the
program again. Only record it when a doctor or physical therapist has actually checked you.

Examples:
  hipcoach cleared --note "GP checked the hip, no fracture"
  hipcoach cleared --date 2026-03-10 --yes
"""
    )
)
def cleared(
    date: str | None = typer.Option(
        None,
        "--date",
        metavar="YYYY-MM-DD",
        help=gettext_noop("The day the clinician saw you (default: today)."),
    ),
    note: str = typer.Option(
        "", "--note", help=gettext_noop("Who saw you, or what they said (optional).")
    ),
    yes: bool = typer.Option(
        False, "--yes", "-y", help=gettext_noop("Do not ask for confirmation.")
    ),
) -> None:
    with handled():
        from hipcoach.tracking.safety import record_clearance

        speak_terminal_language()
        on = day(date)
        if not yes:
            answer = ask(
                _(
                    "Has a clinician checked you and cleared you to exercise (on {date})? [y/N]"
                ).format(date=on),
                default="n",
            )
            if (answer or "").strip().lower() not in {"y", "yes"}:
                say(_("Nothing recorded."))
                raise typer.Exit(1)
        person = local_person()
        record_clearance(person, on=on, today=today(), note=note)
        refresh_plans(person)
    say(
        _(
            "Recorded: cleared by a clinician on {date}. If you have no program yet, run "
            "`hipcoach init`."
        ).format(date=on)
    )
