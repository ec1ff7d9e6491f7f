"""Who needs a clinician's attention first: a person's standing, read into a need and its
reasons (kept as made, `engine.words.Said`, in each reader's words when shown), for a
clinician's list of many people (`tracking.statuses` stores both).

Pure, like the rest of the engine: the standing is a plain value (what today's plan and the
records said when the status was stored) and "today" is part of it. The reasons are ordered
from the most to the least pressing, and the need is a sum of one bit per reason, the most
pressing the highest, so that ordering by the number orders by the first reason, then the next:

| id | reason                                      | source                                   |
|----|---------------------------------------------|------------------------------------------|
| A1 | stopped by a red flag, or referred          | the plan's own R12 / R13 (see rules.md)  |
| A2 | a pain flare, or pain above the green zone  | the plan's R9 zones (`GREEN_MAX`)        |
| A3 | a check failed: today held, or a bony limit | the plan's stop and R5                   |
| A4 | no data for `NO_DATA_DAYS` days             | UNSOURCED: a conservative default        |
| A5 | a re-test is due                            | the plan's R7 (`reassess`)               |
| A6 | few workouts in the last 7 days             | UNSOURCED: a conservative default        |
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from hipcoach.engine.constants import GREEN_MAX
from hipcoach.engine.words import Said, gettext_noop
from hipcoach.engine.words import said as _
from hipcoach.engine.words import said_plural as ngettext

# A4: days without any record (workout, pain, test, rating, note) before the list says so.
NO_DATA_DAYS = 7  # UNSOURCED: a week, the program's own rhythm of re-tests (R7)
# A2: a pain report older than this no longer counts as "pain now" (the flag still does).
RECENT_PAIN_DAYS = 7  # UNSOURCED: a week, as A4
# A6: fewer workouts than this in the last 7 days is low adherence, once the program has run
# a full week. The programs are daily; half of them is the line.
LOW_ADHERENCE_WORKOUTS_7 = 4  # UNSOURCED: a conservative default
FULL_WEEK_DAYS = 7

WEIGHTS = {"A1": 32, "A2": 16, "A3": 8, "A4": 4, "A5": 2, "A6": 1}


@dataclass(frozen=True)
class Standing:
    """What is known of a person on `today`: their plan's (stop, flags, day; `unplanned`: why
    there is none, kept as made so each reader has it in their words, or "" when there is
    one; `program` "" when they have none) and their
    records' (the last pain report, the latest day with any record, workouts done or partly
    done in the last 7 days)."""

    today: dt.date
    program: str = ""
    day: int | None = None
    stop: bool = False
    flags: tuple[str, ...] = ()
    unplanned: Said | str = ""
    pain_score: int | None = None
    pain_when: str = ""
    pain_date: dt.date | None = None
    last_data: dt.date | None = None
    workouts_7: int = 0


# A day of the month as the list says it ("21 Feb"), one format a month: German writes "21. Feb."
_MONTH_DAYS = (
    gettext_noop("{day} Jan"),
    gettext_noop("{day} Feb"),
    gettext_noop("{day} Mar"),
    gettext_noop("{day} Apr"),
    gettext_noop("{day} May"),
    gettext_noop("{day} Jun"),
    gettext_noop("{day} Jul"),
    gettext_noop("{day} Aug"),
    gettext_noop("{day} Sep"),
    gettext_noop("{day} Oct"),
    gettext_noop("{day} Nov"),
    gettext_noop("{day} Dec"),
)
# The moment a pain score describes (a `PainTiming` value), as the list words it.
_PAIN_WHEN = {
    "during": gettext_noop("during"),
    "next_morning": gettext_noop("next morning"),
    "rest": gettext_noop("rest"),
}


def _when(day: dt.date) -> Said:
    return _(_MONTH_DAYS[day.month - 1], day=day.day)


def _pain_when(value: str) -> object:
    return _(_PAIN_WHEN[value]) if value in _PAIN_WHEN else value.replace("_", " ")


def reasons(standing: Standing) -> list[tuple[str, str]]:
    """(rule id, reason in English words) of everything that asks for attention, most
    pressing first; empty when nothing does."""
    return [(rule, said.render()) for rule, said in reasons_said(standing)]


def reasons_said(standing: Standing) -> list[tuple[str, Said]]:
    """(rule id, reason kept as made: `engine.words.Said`) of everything that asks for
    attention, most pressing first, for each reader to see in their own words."""
    s: Standing = standing
    found: list[tuple[str, Said]] = []
    flags = set(s.flags)
    if "red_flag" in flags or (s.stop and not s.program):
        found.append(("A1", _("stopped by a red-flag answer: needs a clinician before exercising")))
    elif "refer" in flags:
        found.append(("A1", _("the plan refers them to a clinician")))
    recent_pain = (
        s.pain_score is not None
        and s.pain_date is not None
        and (s.today - s.pain_date).days < RECENT_PAIN_DAYS
        and s.pain_score > GREEN_MAX
    )
    last = (
        _(
            "pain {score}/10 ({when}) on {day}",
            score=s.pain_score,
            when=_pain_when(s.pain_when),
            day=_when(s.pain_date),
        )
        if s.pain_score is not None and s.pain_date is not None
        else None
    )
    if "pain_flare" in flags:
        found.append(
            (
                "A2",
                _(
                    "a pain flare: their pain rose above its usual level (the last: {last})",
                    last=last,
                )
                if last
                else _("a pain flare: their pain rose above its usual level"),
            )
        )
    elif recent_pain and last:
        found.append(
            ("A2", _("{last}, above the green zone ({most} or less)", last=last, most=GREEN_MAX))
        )
    if s.program and s.stop and not flags & {"red_flag", "refer"}:
        found.append(("A3", _("today's workout is held: a check has to be passed first")))
    elif "bony_block_suspected" in flags:
        found.append(("A3", _("a test suggests a possible bony limit of the hip")))
    if s.program and s.unplanned:
        found.append(("A3", _("no plan today: {why}", why=s.unplanned)))
    if s.last_data is None:
        found.append(("A4", _("nothing recorded yet")))
    elif (gap := (s.today - s.last_data).days) >= NO_DATA_DAYS:
        found.append(
            ("A4", _("no data for {gap} days (the last on {day})", gap=gap, day=_when(s.last_data)))
        )
    if "reassess" in flags:
        found.append(("A5", _("a re-test is due: both hips and the safety questions")))
    if (
        s.program
        and s.day is not None
        and s.day >= FULL_WEEK_DAYS
        and s.workouts_7 < LOW_ADHERENCE_WORKOUTS_7
    ):
        found.append(
            (
                "A6",
                ngettext(
                    "{n} workout in the last 7 days",
                    "{n} workouts in the last 7 days",
                    s.workouts_7,
                    n=s.workouts_7,
                ),
            )
        )
    return found


def need(found: Sequence[tuple[str, object]]) -> int:
    """The need of these reasons: one bit per rule that fired (a rule counts once), the most
    pressing the highest, so a larger need always has a more pressing first reason."""
    return sum(WEIGHTS[rule] for rule in {rule for rule, _ in found})
