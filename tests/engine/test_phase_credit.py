"""R20's count of the workouts done in a phase, kept as a running count from day to day.

`PhasePosition.credit_before` carries its count instead of walking back over the phase every
day; over random workout diaries, phase starts and days asked in order (some skipped, as a
stopped day skips the gate), it equals the count walked back from the day before, stopping at
the last full week without a workout (R14's gap).
"""

from __future__ import annotations

import datetime as dt

from enginekit import MINI
from hypothesis import given
from hypothesis import strategies as st

from hipcoach.engine.constants import GAP_STEP_DAYS
from hipcoach.engine.history_by_day import HistoryByDay
from hipcoach.engine.phases import PhasePosition
from hipcoach.engine.types import History, WorkoutLog
from hipcoach.vocabulary import WorkoutStatus

DAY0 = dt.date(2026, 1, 5).toordinal()


def walked_back(days: HistoryByDay, phase_start: int, d: int) -> float:
    """The count as the definition says it: back from day d - 1 to the phase's first day, up
    to the last `GAP_STEP_DAYS` days in a row without a workout."""
    total, idle = 0.0, 0
    for day in range(d - 1, phase_start - 1, -1):
        credit = days.credit(day)
        idle = 0 if credit > 0 else idle + 1
        if idle >= GAP_STEP_DAYS:
            break
        total += credit
    return total


@given(
    st.lists(st.tuples(st.sampled_from([None, *WorkoutStatus]), st.integers(1, 10)), max_size=20),
    st.lists(st.integers(1, 12), max_size=8),
    st.data(),
)
def test_the_running_count_equals_the_count_walked_back(runs, phase_lengths, data) -> None:
    statuses = [status for status, length in runs for _ in range(length)]  # runs of days alike
    workouts = tuple(
        WorkoutLog(dt.date.fromordinal(DAY0 + i), status)
        for i, status in enumerate(statuses)
        if status is not None
    )
    days = HistoryByDay(History(workouts=workouts))
    position = PhasePosition(MINI, DAY0)
    starts = {DAY0 + sum(phase_lengths[: i + 1]) for i in range(len(phase_lengths))}
    for d in range(DAY0, DAY0 + len(statuses) + 3):
        if d in starts:  # a new phase (or a restart) from today
            position.start = d
        if data.draw(st.booleans(), label=f"gate on {d - DAY0}"):
            assert position.credit_before(d, days) == walked_back(days, position.start, d)
