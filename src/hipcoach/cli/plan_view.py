"""A day's plan in the terminal: the workout with its doses and minutes, and the reasons."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hipcoach.cli.common import date_text, number_text
from hipcoach.engine.dosing import dose_text
from hipcoach.engine.types import DayPlan, Flag
from hipcoach.engine.words import ENGLISH, Words
from hipcoach.vocabulary import StopEnd

SIDE_WORDS = {"left": gettext_noop("left"), "right": gettext_noop("right"), "both": "—"}


def _flag_words(flag: str) -> str:
    return Flag[flag].words if flag in Flag.__members__ else flag


def decisions_text(plan: DayPlan) -> Text:
    return _decisions(plan.decisions)


def render_decisions(decisions, title: str) -> Panel:
    """Decisions in a red panel: a stop, with whom to see and how soon."""
    return Panel(_decisions(decisions), title=title, border_style="red", title_align="left")


def _decisions(decisions) -> Text:
    text = Text()
    for number, decision in enumerate(decisions):
        if number:
            text.append("\n")
        text.append(f"• {decision.rule}", style="bold")
        text.append(f" {decision.reason}")
        if decision.evidence:
            text.append(f" ({decision.evidence})", style="dim")
    return text


def headline(plan: DayPlan) -> str:
    what = (
        _("workout {workout}, about {minutes} min").format(
            workout=plan.workout, minutes=number_text(plan.minutes)
        )
        if plan.workout
        else _("no workout")
    )
    run = _(" · before a run") if plan.pre_run else ""
    day = _("Day {number} ({date}) · {program} · phase: {phase}").format(
        number=plan.day_number, date=date_text(plan.date), program=plan.program, phase=plan.phase
    )
    return f"{day} · {what}{run}"


# The command that records each thing that may end a stop or hold (`DayPlan.ended_by`).
END_COMMANDS = {
    StopEnd.clearance: "hipcoach cleared",
    StopEnd.clinician: "they record it on their side",
    StopEnd.test: "hipcoach measure",
    StopEnd.screen: "hipcoach screen",
}


def ended_by_text(plan: DayPlan) -> Text | None:
    """What may end the day's stop or hold, with the command that records it; None when
    nothing recorded can (a referral for pain ends when the pain comes down)."""
    if not plan.ended_by:
        return None
    ways = [f"{end.words} ({END_COMMANDS[end]})" for end in plan.ended_by]
    return Text(_("To go on: ") + _("; or ").join(ways) + ".", style="yellow")


def render_plan(plan: DayPlan, words: Words = ENGLISH) -> Group:
    """The day's plan for the terminal, in `words`' language (`cli.common.speak_language`)."""
    plan = plan.in_words(words)
    parts: list = [Text(headline(plan), style="bold")]
    ends = ended_by_text(plan)
    if plan.stop:
        parts.append(
            Panel(decisions_text(plan), title=_("Stop"), border_style="red", title_align="left")
        )
        if ends is not None:
            parts.append(ends)
        return Group(*parts)
    table = Table(show_edge=False, pad_edge=False)
    for column in ("#", _("exercise"), _("side"), _("dose")):
        table.add_column(column, justify="right" if column == "#" else "left")
    for number, item in enumerate(plan.exercises, start=1):
        # The plan carries only the replaced exercise's id; "Why" names both and says why.
        swapped = " [dim]" + _("(swapped)") + "[/dim]" if item.replaces else ""
        name = words.name(item.id, item.name) + swapped
        if item.after_run and not any(e.after_run for e in plan.exercises[: number - 1]):
            table.add_section()
        if item.after_run:
            name += " [bold]" + _("(after the run)") + "[/bold]"
        side = _(SIDE_WORDS[item.side]) if item.side in SIDE_WORDS else item.side
        table.add_row(str(number), name, side, dose_text(item, words=words))
    parts.append(table)
    others = [flag for flag in plan.flags if flag != Flag.reassess]  # the check: its own line
    if others:
        parts.append(Text(_("Flags: ") + "; ".join(map(_flag_words, others)), style="yellow"))
    if plan.check_reason:
        parts.append(
            Text(
                _(
                    "Time for a check ({reason}): measure both hips (hipcoach measure)"
                    " and answer the safety questions (hipcoach screen)."
                ).format(reason=plan.check_reason_in(words)),
                style="yellow",
            )
        )
    elif plan.test_due:
        parts.append(
            Text(
                _("No test of your hips yet: measure both hips (hipcoach measure)."), style="yellow"
            )
        )
    if ends is not None:
        parts.append(ends)
    if plan.decisions:
        parts.append(Text(_("Why:"), style="bold"))
        parts.append(decisions_text(plan))
    return Group(*parts)
