"""What a pass resumed from a checkpoint reads of the records: the days since `reads_from`, and
the few older records the rules still look back at, carried in the checkpoint itself.

A checkpoint is the planner's state at the end of day C; the days after it look back at the
records only so far: pain over the usual-level window (`BASELINE_ANCHOR_DAYS`) and the shorter
R9, R13 and R19 windows, workouts over the gate's adherence windows and R20's running count
(`PhasePosition.credit_before`), tests over the end notice's days. Every record dated from
`reads_from` on is read as it is; of the older ones, a handful are still looked at, whatever
their age, and the checkpoint carries them (they are dated up to C, so they cannot change
while it stands):

- the pain reports of the first week of the run (R13 compares the pain now with it);
- the rest and next-morning reports behind the usual level of the latest day that had one
  (R9: a flare's level is won back only when the latest of them has settled);
- the severe reports behind the latest day R18 acts on (its safety questions wait for it);
- the activity scores of the first and the latest day with one (R13).

The screens and clearances are read whole: a stop stands from any day until cleared.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import replace

from hipcoach.content.schema import Measure, Program
from hipcoach.engine.constants import (
    BASELINE_ANCHOR_DAYS,
    END_NOTICE_DAYS,
    SEVERE_PAIN,
    SEVERE_PAIN_TIMINGS,
)
from hipcoach.engine.types import History
from hipcoach.vocabulary import PainTiming

PAIN_LOOKBACK_DAYS = BASELINE_ANCHOR_DAYS
"""How far before a day its pain rules look (the usual level's window; R9's carry, R13's
weeks and R19's window are shorter)."""

_BASELINE_TIMINGS = (PainTiming.next_morning, PainTiming.rest)


def adherence_window(program: Program) -> int:
    """The longest window (days) the program's gates count adherence over."""
    return max(
        (
            c.window_days or 7
            for phase in program.phases
            if phase.gate is not None
            for c in phase.gate.criteria
            if c.measure is Measure.adherence
        ),
        default=7,
    )


def reads_from(day: int, credit_from: int, program: Program) -> int:
    """The first day (ordinal) whose records a pass resumed after `day` reads as they are:
    `credit_from` is the first day R20's running count has still to read."""
    return min(
        day + 1 - PAIN_LOOKBACK_DAYS,
        day - END_NOTICE_DAYS,
        day + 1 - adherence_window(program) - 1,
        credit_from,
    )


def carried(history: History, day: int, first: int, episode_start: int) -> History:
    """The records dated before `first` (ordinal) that the days after `day` still look at, in
    `history`'s order; `episode_start`: the first day of the run."""
    pain = [r for r in history.pain if r.date.toordinal() <= day]
    keep = set(range(episode_start, episode_start + 7))  # R13's first week: every report
    base = sorted({r.date.toordinal() for r in pain if r.when in _BASELINE_TIMINGS})
    base_keep: set[int] = set()  # days whose rest and next-morning reports are carried
    if base:
        # the latest day with one up to `day`, and its usual level: the reports of the window
        # before it, else the latest one before that (`PainDiary.baseline`)
        latest = base[-1]
        lo = bisect_left(base, latest - BASELINE_ANCHOR_DAYS)
        base_keep.update(base[max(0, lo - 1) :])
    severe_from = first
    acting = [
        r.date.toordinal() + (r.when == PainTiming.during)
        for r in pain
        if r.when in SEVERE_PAIN_TIMINGS and r.score >= SEVERE_PAIN and r.date.toordinal() < first
    ]
    if acting:  # the latest day R18 acts on: its own morning report and the day before's
        severe_from = max(acting) - 1
    kept = tuple(
        r
        for r in pain
        if (d := r.date.toordinal()) < first
        and (
            d in keep
            or (d in base_keep and r.when in _BASELINE_TIMINGS)
            or (d >= severe_from and r.when in SEVERE_PAIN_TIMINGS and r.score >= SEVERE_PAIN)
        )
    )
    older = [o for o in history.outcomes if o[0].toordinal() < first]
    since_run = [o[0] for o in older if o[0].toordinal() >= episode_start]
    ends = {min(since_run)} if since_run else set()  # R13: the first score of the run ...
    if older:
        ends.add(max(o[0] for o in older))  # ... and the latest one
    return History(pain=kept, outcomes=tuple(o for o in older if o[0] in ends))


def merged(history: History, first: int, older: History) -> History:
    """`history`'s records from `first` (ordinal) on, with the `older` ones carried before
    them; the screens as they are."""
    start = dt.date.fromordinal(first)
    return replace(
        history,
        pain=older.pain + tuple(r for r in history.pain if r.date >= start),
        measurements=tuple(m for m in history.measurements if m.date >= start),
        workouts=tuple(w for w in history.workouts if w.date >= start),
        running_days=frozenset(d for d in history.running_days if d >= start),
        outcomes=older.outcomes + tuple(o for o in history.outcomes if o[0] >= start),
    )
