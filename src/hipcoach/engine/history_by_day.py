"""A person's history indexed by day, built once so the planner's day-by-day pass only looks
things up.

Days are date ordinals (`date.toordinal()`): plain integers, cheap to hash and subtract.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from hipcoach.engine.measurement import Test, group_tests
from hipcoach.engine.pain import PainDiary
from hipcoach.engine.safety import stopping_keys
from hipcoach.engine.types import ExerciseLog, History, Profile, RedFlagScreen, WorkoutLog
from hipcoach.vocabulary import WorkoutStatus, status_rank

# adherence: a partial workout is half
CREDIT = {WorkoutStatus.done: 1.0, WorkoutStatus.partial: 0.5, WorkoutStatus.skipped: 0.0}


def _best(logs: Iterable[WorkoutLog]) -> dict[int, WorkoutLog]:
    """One workout log a day: the most complete, with every exercise log of that day."""
    first: dict[int, WorkoutLog] = {}  # by day, in the order days first come
    more: dict[int, list[WorkoutLog]] = {}  # the days with several logs: all of them, in order
    for log in logs:
        day = log.date.toordinal()
        if day in first:
            more.setdefault(day, [first[day]]).append(log)
        else:
            first[day] = log
    result = {}
    for day, log in first.items():
        logs_of_day = more.get(day, [log])
        if len(logs_of_day) == 1 and type(log.exercises) is tuple:
            result[day] = log  # already the day's one log, as it would be made
            continue
        best = max(logs_of_day, key=lambda log: status_rank(log.status))
        exercises: tuple[ExerciseLog, ...] = tuple(e for log in logs_of_day for e in log.exercises)
        result[day] = WorkoutLog(best.date, best.status, exercises)
    return result


class HistoryByDay:
    """The history by day: tests, pain, workouts, red-flag answers, runs and PSFS scores."""

    def __init__(self, history: History, profile: Profile | None = None) -> None:
        self.pain = PainDiary(history.pain)
        self.tests: dict[int, list[Test]] = {}
        for test in group_tests(history.measurements):
            self.tests.setdefault(test.date.toordinal(), []).append(test)
        self.workouts = _best(history.workouts)
        self._credits = {day: CREDIT.get(log.status, 0.0) for day, log in self.workouts.items()}
        self._safety_days, self._safety = _safety_states(history.screens, profile)
        self.cleared_days = frozenset(s.date.toordinal() for s in history.screens if s.cleared)
        self.running = frozenset(d.toordinal() for d in history.running_days)
        psfs = sorted(
            (d.toordinal(), score) for d, name, score in history.outcomes if name == "psfs"
        )
        self.psfs_days = [day for day, _ in psfs]
        self.psfs_scores = [score for _, score in psfs]

    def credit(self, day: int) -> float:
        """How much of the day's workout was done (1, 0.5 or 0)."""
        return self._credits.get(day, 0.0)

    def red_flags_through(self, day: int) -> tuple[int, tuple[str, ...]] | None:
        """(the first day, every key answered yes) of the red flags still standing at the end of
        `day` (none cleared by a clinician since), or None."""
        end = bisect_right(self._safety_days, day)
        return self._safety[end - 1] if end else None

    def psfs_between(self, first: int, last: int) -> list[float]:
        """PSFS scores recorded in days first..last, oldest first."""
        lo = bisect_left(self.psfs_days, first)
        return self.psfs_scores[lo : bisect_right(self.psfs_days, last, lo)]


def _safety_states(
    screens: tuple[RedFlagScreen, ...], profile: Profile | None
) -> tuple[list[int], list[tuple[int, tuple[str, ...]] | None]]:
    """For each day with a screen or a clearance, the keys standing at its end (R12, R17).

    The screens are taken in the order given (stable by date): a clearance ends every "yes"
    before it; a "yes" after it starts a new stop. Which answers stop depends on the person
    (`engine.safety.stopping_keys`).
    """

    days: list[int] = []
    states: list[tuple[int, tuple[str, ...]] | None] = []
    first: int | None = None
    keys: list[str] = []
    for screen in sorted(screens, key=lambda s: s.date):
        day = screen.date.toordinal()
        if screen.cleared:
            first, keys = None, []
        elif stopping := stopping_keys(screen.yes, profile):
            first = day if first is None else first
            keys.extend(k for k in stopping if k not in keys)
        state = (first, tuple(keys)) if first is not None else None
        if days and days[-1] == day:
            states[-1] = state
        else:
            days.append(day)
            states.append(state)
    return days, states
