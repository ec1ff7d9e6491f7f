"""Recording by hand: `hipcoach log`, `pain`, `activities` and `note`."""

from __future__ import annotations

from functools import partial

import typer

from hipcoach.cli.common import (
    DATE_HELP,
    ask,
    ask_until,
    day,
    handled,
    interactive,
    local_person,
    pain_place_option,
    pain_side_option,
    refresh_plans,
    say,
    side_words,
    speak_terminal_language,
    term_words,
    today,
)
from hipcoach.cli.helptext import Choices, described, gettext_noop
from hipcoach.cli.output import fail
from hipcoach.vocabulary import PainPlace, PainTiming, Side, WorkoutStatus, one_of


@described(
    gettext_noop(
        """\
Record a workout done without the player (or one exercise of it).

Examples:
  hipcoach log                               # today's workout, done
  hipcoach log --status partial --date 2026-01-07
  hipcoach log --exercise prone-ir-activation --side left --status skipped
"""
    )
)
def log(
    status: str = typer.Option(
        "done", "--status", help=gettext_noop("{statuses}.", statuses=Choices(WorkoutStatus))
    ),
    exercise: str | None = typer.Option(
        None,
        "--exercise",
        metavar="ID",
        help=gettext_noop("Log one exercise instead of the whole workout."),
    ),
    side: str = typer.Option(
        "both", "--side", help=gettext_noop("With --exercise: {sides}.", sides=Choices(Side))
    ),
    note: str | None = typer.Option(
        None, "--note", help=gettext_noop("A note for the day, in your words.")
    ),
    date: str | None = typer.Option(None, "--date", metavar="YYYY-MM-DD", help=DATE_HELP),
) -> None:
    from hipcoach.tracking import inputs

    with handled():
        from django.utils.translation import gettext as _

        from hipcoach.engine.types import ExerciseLog
        from hipcoach.tracking.workouts import add_note, log_exercise, log_workout

        speak_terminal_language()
        on = day(date)
        inputs.choice(status, WorkoutStatus, "status")
        person = local_person()
        if exercise is not None:
            inputs.choice(side, Side, "side")
            done = ExerciseLog(exercise, Side(side), WorkoutStatus(status))
            log_exercise(person, on=on, done=done, today=today())
            what = _("{exercise} ({side}) {status}").format(
                exercise=exercise,
                side=side_words(side),
                status=term_words(WorkoutStatus(status)),
            )
        else:
            _row, created = log_workout(person, on=on, status=status, today=today())
            status_words = term_words(WorkoutStatus(status))
            what = (
                _("workout {status}").format(status=status_words)
                if created
                else _("workout {status} (updated)").format(status=status_words)
            )
        if note:
            add_note(person, on=on, text=note, today=today())
        refresh_plans(person)
    say(_("Logged {date}: {what}.").format(date=on, what=what))


@described(
    gettext_noop(
        """\
Record pain from 0 (none) to 10 (the worst imaginable): during, next morning, or at rest;
on one side or both, and where.

0–3 is green (fine to progress), 4–5 amber (hold), over 5 red (stop and step back) (R9).
Pain on one side holds only that side's extra load: the other side goes on; pain on both
sides (the default) holds both.

Examples:
  hipcoach pain --during 2
  hipcoach pain --side left --place high_hamstring --during 3
  hipcoach pain --next-morning 1 --date 2026-01-08
"""
    )
)
def pain(
    during: int | None = typer.Option(
        None, "--during", metavar="N", help=gettext_noop("Pain during the workout, 0–10.")
    ),
    next_morning: int | None = typer.Option(
        None,
        "--next-morning",
        metavar="N",
        help=gettext_noop("Pain on getting up the next morning, 0–10."),
    ),
    rest: int | None = typer.Option(
        None, "--rest", metavar="N", help=gettext_noop("Pain at rest, 0–10.")
    ),
    side: str = pain_side_option("--side"),
    place: str = pain_place_option("--place"),
    note: str | None = typer.Option(
        None, "--note", help=gettext_noop("A note for the day, in your words.")
    ),
    date: str | None = typer.Option(None, "--date", metavar="YYYY-MM-DD", help=DATE_HELP),
) -> None:
    from hipcoach.engine.pain import zone
    from hipcoach.tracking import inputs

    scores = {
        PainTiming.during: during,
        PainTiming.next_morning: next_morning,
        PainTiming.rest: rest,
    }
    given = {when: score for when, score in scores.items() if score is not None}
    with handled():
        from django.utils.translation import gettext as _

        speak_terminal_language()
        on = day(date)
        for when, score in given.items():
            inputs.pain_score(score, when)
        inputs.choice(side, Side, "pain side")
        inputs.choice(place, PainPlace, "pain place")
        inputs.not_future(on, today())
        if not given:
            if not interactive(False):
                fail(
                    [
                        _(
                            "error: say when and how much: --during N, --next-morning N or "
                            "--rest N (0–10)"
                        )
                    ]
                )
            given = _ask_pain()
        person = local_person()
        from django.db import transaction

        from hipcoach.tracking.workouts import add_note, report_pain

        with transaction.atomic():
            for when, score in given.items():
                report_pain(
                    person, on=on, when=when, score=score, today=today(), side=side, place=place
                )
            if note:
                add_note(person, on=on, text=note, today=today())
        refresh_plans(person)
    where = [] if side == Side.both else [term_words(Side(side))]
    where += [] if place == PainPlace.unspecified else [term_words(PainPlace(place), "words")]
    at = f", {', '.join(where)}" if where else ""
    zones = {"green": _("green"), "amber": _("amber"), "red": _("red")}
    for when, score in given.items():
        moment = term_words(PainTiming(when), "words")
        said = _("{moment} on {date}: {score}/10 ({zone}){where}.").format(
            moment=moment[:1].upper() + moment[1:],
            date=on,
            score=score,
            zone=zones.get(zone(score).value, zone(score).value),
            where=at,
        )
        say(said)


def _ask_pain() -> dict[PainTiming, int]:
    from django.utils.translation import gettext as _

    from hipcoach.tracking import inputs

    when = ask_until(
        _("When: {choices}?").format(choices=one_of(PainTiming)),
        lambda a: inputs.choice(a or "rest", PainTiming, "pain moment"),
        default="rest",
    )
    score = ask_until(
        _("How much, 0–10?"),
        lambda a: inputs.pain_score(int(a) if a.isdigit() else a or "nothing", when),
    )
    return {PainTiming(when): score}


@described(
    gettext_noop(
        """\
Rate your own activities: 0 = cannot do it at all, 10 = as well as before the problem.

Pick three to five things that matter to you and are hard now, and rate the same ones every
week or two; the mean is your score, and a rise of 2 or more is a real change.

Examples:
  hipcoach activities --rate "run 5 km=4" --rate "sit through a film=6"
  hipcoach activities                          # rate last time's activities again
"""
    )
)
def activities(
    rate: list[str] = typer.Option(
        [],
        "--rate",
        metavar='"ACTIVITY=N"',
        help=gettext_noop("An activity of yours and how well you can do it, 0–10. Repeatable."),
    ),
    date: str | None = typer.Option(None, "--date", metavar="YYYY-MM-DD", help=DATE_HELP),
) -> None:
    with handled():
        from django.utils.translation import gettext as _

        from hipcoach.tracking.workouts import last_activities, rate_activities

        speak_terminal_language()
        on = day(date)
        ratings = [_split(item) for item in rate]
        person = local_person()
        if not ratings:
            names = last_activities(person)
            if not interactive(False):
                fail([_('error: rate at least one activity, e.g. --rate "run 5 km=4"')])
            ratings = _ask_ratings(names)
        rows = rate_activities(person, on=on, ratings=ratings, today=today())
        refresh_plans(person)
    mean = sum(r.score for r in rows) / len(rows)
    said = _("Your activities on {date}: {ratings}; score {mean}/10.").format(
        date=on, ratings=", ".join(f"{r.activity} {r.score}" for r in rows), mean=f"{mean:.1f}"
    )
    say(said)


def _split(item: str) -> tuple[str, int]:
    from django.utils.translation import gettext as _

    from hipcoach.tracking.inputs import InputError

    name, sep, score = item.rpartition("=")
    if not sep or not score.strip().isdigit():
        raise InputError(
            _('"{item}": write an activity and a rating 0–10, e.g. "run 5 km=4"').format(item=item)
        )
    return name.strip(), int(score)


def _rating(answer: str, what: str) -> int:
    from hipcoach.tracking.inputs import rating

    return rating(int(answer) if answer.isdigit() else answer or "nothing", what)


def _ask_ratings(names: list[str]) -> list[tuple[str, int]]:
    from django.utils.translation import gettext as _

    ratings = []
    while len(names) < 3:
        name = (ask(_("An activity that is hard now (Enter when done)")) or "").strip()
        if not name:
            break
        names.append(name)
    for name in names:
        score = ask_until(
            _("{activity}: how well can you do it now, 0–10?").format(activity=name),
            partial(_rating, what=name),
        )
        ratings.append((name, score))
    return ratings


@described(
    gettext_noop(
        """\
Keep a note for a day: how a run went, what flared, what helped.

Example: hipcoach note "Ran 5 km after the primer; hip felt free."
"""
    )
)
def note(
    text: str = typer.Argument(..., help=gettext_noop("The note.")),
    date: str | None = typer.Option(None, "--date", metavar="YYYY-MM-DD", help=DATE_HELP),
) -> None:
    with handled():
        from django.utils.translation import gettext as _

        from hipcoach.tracking.workouts import add_note

        speak_terminal_language()
        on = day(date)
        add_note(local_person(), on=on, text=text, today=today())
    say(_("Noted for {date}.").format(date=on))
