"""Who needs a clinician's attention first: a person's standing, read into a need and its
reasons in words, for a clinician's list of many people (`tracking.statuses` stores both).

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
from dataclasses import dataclass

from hipcoach.engine.constants import GREEN_MAX

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
    there is none, or "" when there is one; `program` "" when they have none) and their
    records' (the last pain report, the latest day with any record, workouts done or partly
    done in the last 7 days)."""

    today: dt.date
    program: str = ""
    day: int | None = None
    stop: bool = False
    flags: tuple[str, ...] = ()
    unplanned: str = ""
    pain_score: int | None = None
    pain_when: str = ""
    pain_date: dt.date | None = None
    last_data: dt.date | None = None
    workouts_7: int = 0


def _when(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def reasons(standing: Standing) -> list[tuple[str, str]]:
    """(rule id, reason in words) of everything that asks for attention, most pressing first;
    empty when nothing does."""
    s, found = standing, []
    flags = set(s.flags)
    if "red_flag" in flags or (s.stop and not s.program):
        found.append(("A1", "stopped by a red-flag answer: needs a clinician before exercising"))
    elif "refer" in flags:
        found.append(("A1", "the plan refers them to a clinician"))
    recent_pain = (
        s.pain_score is not None
        and s.pain_date is not None
        and (s.today - s.pain_date).days < RECENT_PAIN_DAYS
        and s.pain_score > GREEN_MAX
    )
    last = (
        f"pain {s.pain_score}/10 ({s.pain_when.replace('_', ' ')}) on {_when(s.pain_date)}"
        if s.pain_score is not None and s.pain_date is not None
        else ""
    )
    if "pain_flare" in flags:
        flare = "a pain flare: their pain rose above its usual level"
        found.append(("A2", f"{flare} (the last: {last})" if last else flare))
    elif recent_pain:
        found.append(("A2", f"{last}, above the green zone ({GREEN_MAX} or less)"))
    if s.program and s.stop and not flags & {"red_flag", "refer"}:
        found.append(("A3", "today's workout is held: a check has to be passed first"))
    elif "bony_block_suspected" in flags:
        found.append(("A3", "a test suggests a possible bony limit of the hip"))
    if s.program and s.unplanned:
        found.append(("A3", f"no plan today: {s.unplanned}"))
    if s.last_data is None:
        found.append(("A4", "nothing recorded yet"))
    elif (gap := (s.today - s.last_data).days) >= NO_DATA_DAYS:
        found.append(("A4", f"no data for {gap} days (the last on {_when(s.last_data)})"))
    if "reassess" in flags:
        found.append(("A5", "a re-test is due: both hips and the safety questions"))
    if (
        s.program
        and s.day is not None
        and s.day >= FULL_WEEK_DAYS
        and s.workouts_7 < LOW_ADHERENCE_WORKOUTS_7
    ):
        done = "workout" if s.workouts_7 == 1 else "workouts"
        found.append(("A6", f"{s.workouts_7} {done} in the last 7 days"))
    return found


def need(found: list[tuple[str, str]]) -> int:
    """The need of these reasons: one bit per rule that fired (a rule counts once), the most
    pressing the highest, so a larger need always has a more pressing first reason."""
    return sum(WEIGHTS[rule] for rule in {rule for rule, _ in found})
