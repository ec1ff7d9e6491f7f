"""A person's history indexed by day, built once so the day-by-day fold only looks things up.

Days are date ordinals (`date.toordinal()`): plain integers, cheap to hash and subtract.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from hipcoach.engine.measurement import Test, group_tests
from hipcoach.engine.pain import PainDiary
from hipcoach.engine.types import ExerciseLog, History, WorkoutLog

CREDIT = {"done": 1.0, "partial": 0.5, "skipped": 0.0}  # adherence: a partial workout is half
_RANK = {"skipped": 0, "partial": 1, "done": 2}


def _best(logs: Iterable[WorkoutLog]) -> dict[int, WorkoutLog]:
    """One workout log a day: the most complete, with every exercise log of that day."""
    by_day: dict[int, list[WorkoutLog]] = {}
    for log in logs:
        by_day.setdefault(log.date.toordinal(), []).append(log)
    result = {}
    for day, logs_of_day in by_day.items():
        best = max(logs_of_day, key=lambda log: _RANK.get(log.status, 0))
        exercises: tuple[ExerciseLog, ...] = tuple(e for log in logs_of_day for e in log.exercises)
        result[day] = WorkoutLog(best.date, best.status, exercises)
    return result


class Timeline:
    """The history by day: tests, pain, workouts, red-flag answers, runs and PSFS scores."""

    def __init__(self, history: History) -> None:
        self.pain = PainDiary(history.pain)
        self.tests: dict[int, list[Test]] = {}
        for test in group_tests(history.measurements):
            self.tests.setdefault(test.date.toordinal(), []).append(test)
        self.workouts = _best(history.workouts)
        screens = sorted((s.date.toordinal(), s.positives) for s in history.screens if s.positives)
        self._flag_days = [day for day, _ in screens]
        self._flag_keys = [keys for _, keys in screens]
        self._clearances = sorted(d.toordinal() for d in history.clearances)
        self.running = frozenset(d.toordinal() for d in history.running_days)
        psfs = sorted(
            (d.toordinal(), score) for d, name, score in history.outcomes if name == "psfs"
        )
        self.psfs_days = [day for day, _ in psfs]
        self.psfs_scores = [score for _, score in psfs]

    def credit(self, day: int) -> float:
        """How much of the day's workout was done (1, 0.5 or 0)."""
        log = self.workouts.get(day)
        return CREDIT.get(log.status, 0.0) if log else 0.0

    def cleared_through(self, day: int) -> int | None:
        """The latest clinician clearance on or before `day`, or None."""
        end = bisect_right(self._clearances, day)
        return self._clearances[end - 1] if end else None

    def red_flags_through(self, day: int) -> tuple[int, tuple[str, ...]] | None:
        """(the first day, every key answered yes) of the red-flag screens up to `day` that no
        clearance has ended since, or None."""
        end = bisect_right(self._flag_days, day)
        cleared = self.cleared_through(day)
        begin = bisect_right(self._flag_days, cleared) if cleared is not None else 0
        if end <= begin:
            return None
        keys: list[str] = []
        for found in self._flag_keys[begin:end]:
            keys.extend(k for k in found if k not in keys)
        return self._flag_days[begin], tuple(keys)

    def psfs_between(self, first: int, last: int) -> list[float]:
        """PSFS scores recorded in days first..last, oldest first."""
        return [
            s for d, s in zip(self.psfs_days, self.psfs_scores, strict=True) if first <= d <= last
        ]
