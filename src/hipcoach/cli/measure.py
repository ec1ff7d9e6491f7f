"""`hipcoach measure`: a rotation test of both hips, compared like for like with the last one."""

from __future__ import annotations

from functools import partial

import typer

from hipcoach.cli.common import (
    DATE_HELP,
    active_words,
    ask_until,
    day,
    handled,
    interactive,
    local_person,
    refresh_plans,
    side_words,
    speak_terminal_language,
    term_words,
    today,
)
from hipcoach.cli.helptext import Choices, described, gettext_noop
from hipcoach.cli.output import console, fail
from hipcoach.vocabulary import MEASURED_SIDES, Kind, Method, Position, Side, one_of

TRIALS = 3


@described(
    gettext_noop(
        """\
Measure hip rotation: three trials a side, the mean, the change since last time, the gap.

A change counts only when it is bigger than the method can be out by (6° with an
inclinometer or goniometer, 10° with a phone, camera or estimate; R2). Tests are compared
only with the same kind, position and method (R1). Without --left/--right it asks.

Seated, with a phone's level app (the web app's guided tests' position; give
`--position seated --method phone`, compared with earlier tests taken the same way): sit on a high edge, knees
bent over it at 90°, thigh still; hold the phone flat along the front of the shin, the app
reading 0° with the foot hanging straight down; let the foot swing out, away from the other
leg, as far as it goes on its own, and read the angle. Three times a side.

Examples:
  hipcoach measure --position prone --method phone --left 22 --left 24 --left 23 --right 35 --right 36 --right 34
  hipcoach measure --kind er --position seated --method inclinometer --left 40 --right 42
"""
    )
)
def measure(
    position: str | None = typer.Option(
        None, "--position", help=gettext_noop("{positions}.", positions=Choices(Position))
    ),
    method: str | None = typer.Option(
        None, "--method", help=gettext_noop("{methods}.", methods=Choices(Method))
    ),
    left: list[float] = typer.Option(
        [],
        "--left",
        metavar="DEG",
        help=gettext_noop("One trial of the left hip, degrees. Give three."),
    ),
    right: list[float] = typer.Option(
        [],
        "--right",
        metavar="DEG",
        help=gettext_noop("One trial of the right hip, degrees. Give three."),
    ),
    kind: str = typer.Option(
        Kind.ir.value,
        "--kind",
        help=gettext_noop(
            "{ir} (internal rotation, the default) or {er} (external rotation).",
            ir=Kind.ir.value,
            er=Kind.er.value,
        ),
    ),
    date: str | None = typer.Option(None, "--date", metavar="YYYY-MM-DD", help=DATE_HELP),
) -> None:
    with handled():
        from django.utils.translation import gettext as _

        from hipcoach.tracking.measuring import measure as store

        speak_terminal_language()
        on = day(date)
        if not left and not right:
            if not interactive(False):
                fail([_("error: give the trials: --left DEG and --right DEG, three of each")])
            position, method, left, right = _ask_test(position, method)
        if position is None or method is None:
            fail(
                [
                    _("error: say how you measured: --position ({choices}) and --method").format(
                        choices=one_of(Position)
                    )
                ]
            )
        person = local_person()
        result = store(
            person,
            on=on,
            today=today(),
            position=position,
            method=method,
            left=left,
            right=right,
            kind=kind,
        )
        refresh_plans(person)
    console.print(render_result(result))


def _ask_test(position: str | None, method: str | None):
    from django.utils.translation import gettext as _

    from hipcoach.tracking import inputs

    if position is None:
        for place in Position:
            console.print(
                f"  [bold]{place}[/bold]: {term_words(place)}, {term_words(place, 'words')}",
                highlight=False,
            )
        position = ask_until(
            _("Position"),
            lambda a: inputs.choice(a or Position.prone.value, Position, "position"),
            default=Position.prone.value,
        )
    if method is None:
        for device in Method:
            console.print(
                f"  [bold]{device}[/bold]: {term_words(device, 'words')}", highlight=False
            )
        method = ask_until(
            _("Method"),
            lambda a: inputs.choice(a or Method.phone.value, Method, "method"),
            default=Method.phone.value,
        )
    sides: dict[Side, list[float]] = {}
    for side in MEASURED_SIDES:
        sides[side] = [
            ask_until(
                _("{side} hip, trial {n} of {trials}, degrees").format(
                    side=_capital(side_words(side)), n=n, trials=TRIALS
                ),
                partial(_angle, side=side),
            )
            for n in range(1, TRIALS + 1)
        ]
    return position, method, sides[Side.left], sides[Side.right]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _angle(answer: str, side: str) -> float:
    from django.utils.translation import gettext as _

    from hipcoach.tracking.inputs import InputError, angle

    if not answer:
        raise InputError(_("no angle given: type the degrees, e.g. 25"))
    try:
        value = float(answer)
    except ValueError:
        raise InputError(_("'{answer}' is not a number of degrees").format(answer=answer)) from None
    return angle(value, side)


def render_result(result):
    """The test as a table, the change per side with its verdict (R2), and the gap (R3)."""
    from django.utils import translation
    from django.utils.translation import gettext as _
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from hipcoach.engine.measurement import deg, mdc
    from hipcoach.engine.words import rendered

    test, previous = result.test, result.previous
    title = f"{test.kind.upper()} {test.position}, {test.method} — {test.date}"
    table = Table(title=title, title_justify="left", show_edge=False)
    since = _("since {date}").format(date=previous.date) if previous else _("change")
    for column in (_("side"), _("trials"), _("mean"), since):
        table.add_column(column)
    for side in MEASURED_SIDES:
        mean = test.side(side)
        if mean is None:
            continue
        change = result.changes.get(side)
        if result.retest:
            verdict = _("set aside: please measure again (below)")
        else:
            verdict = (
                change.said().render(active_words())
                if change
                else _("first like-for-like test: nothing to compare yet")
            )
        table.add_row(side_words(side), _trials(result, side), deg(mean), verdict)
    parts: list = [table]
    if result.pooled:
        parts.append(
            Text(
                _(
                    "Added to the test already taken today: each mean is over all of today's "
                    "trials (R1)."
                )
            )
        )
    if result.retest:
        parts.append(Text(f"{rendered(result.retest, active_words())} (R2)", style="yellow"))
    if result.short_of_trials:
        parts.append(
            Text(
                _("Fewer than {trials} trials: the mean of three is steadier (R1).").format(
                    trials=TRIALS
                ),
                style="yellow",
            )
        )
    gap = test.difference
    if gap is not None:
        error = deg(mdc(test.method))
        device = ("an " if test.method[0] in "aeiou" else "a ") + test.method
        if not (translation.get_language() or "en").startswith("en"):
            device = term_words(Method(test.method))
        if result.asymmetric:
            words = _(
                "Left/right gap: {gap}, more than the {error} {device} can be out by. The {side} "
                "side is stiffer; if a second test at least two days later agrees, the workouts "
                "give it an extra set (R3)."
            ).format(
                gap=deg(gap),
                error=error,
                device=device,
                side=side_words(test.limited_side) if test.limited_side else "",
            )
        elif result.within_error:
            words = _(
                "Left/right gap: {gap}, within the {error} {device} can be out by: no detectable "
                "difference."
            ).format(gap=deg(gap), error=error, device=device)
        else:
            words = _(
                "Left/right gap: {gap}: small; differences under 10° are common (Ellison 1990)."
            ).format(gap=deg(gap))
        parts.append(Text(words))
    return Group(*parts)


def _trials(result, side: str) -> str:
    return ", ".join(f"{t:g}" for t in result.trials.get(side, ()))
