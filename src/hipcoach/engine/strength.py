"""R10: a strength exercise steps up after `CONSECUTIVE_GREEN_WORKOUTS` workouts running in
which every set beat its target by `EXTRA_REPS_TO_PROGRESS` reps with green pain.

Judged each morning from yesterday's log against yesterday's plan; the step waits while pain
or a regression holds progress (R9), and until `LOAD_STEP_MIN_DAYS` have passed since the
exercise's last dose step (a load step or a weekly change), so the load climbs its ladder one
rung at a time, a week apart, and never on top of a weekly change. A step earned but waiting
out the interval is `due`: the next weekly change to that exercise waits for it, so neither
kind of step starves the other. A gap in training (R14) takes each earned step back one rung a
week.
"""

from __future__ import annotations

from collections.abc import Mapping

from hipcoach.content.schema import Exercise
from hipcoach.engine.constants import (
    CONSECUTIVE_GREEN_WORKOUTS,
    EXTRA_REPS_TO_PROGRESS,
    LOAD_STEP_MIN_DAYS,
)
from hipcoach.engine.pain import Zone
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision, WorkoutLog
from hipcoach.engine.words import Named
from hipcoach.engine.words import said as _
from hipcoach.engine.words import said_plural as ngettext
from hipcoach.engine.workout import BuiltWorkout

_UNKNOWN = -1  # `latest_change` not yet worked out (a day number is never below 1)


class StrengthSteps:
    """The steps each strength exercise has earned, and the qualifying workouts towards the next."""

    def __init__(self) -> None:
        self.steps: dict[str, int] = {}  # exercise → steps earned
        self.streaks: dict[str, int] = {}  # exercise → consecutive qualifying workouts
        self.last_change: dict[str, int] = {}  # exercise → day of its last dose step
        self.due: set[str] = set()  # earned steps waiting out the interval: they go first
        self.earned_key: tuple[tuple[str, int], ...] | None = None  # `earned()`, until a step
        # the latest day in `last_change` (None: none), asked every day; _UNKNOWN until worked
        # out again (a new pass, or one resumed from a checkpoint, which leaves it out)
        self.latest_change: int | None = _UNKNOWN

    def restart(self) -> None:
        """A new run of the program (after a lapse): back to the programmed doses."""
        self.earned_key = None
        self.steps.clear()
        self.streaks.clear()
        self.last_change.clear()
        self.latest_change = None
        self.due.clear()

    def changed(self, exercises: frozenset[str], d: int) -> None:
        """A weekly change stepped these exercises' doses on day `d`."""
        for exercise_id in exercises:
            self._changed(exercise_id, d)

    def _changed(self, exercise_id: str, d: int) -> None:
        self.last_change[exercise_id] = d
        latest = self.latest_change
        if latest is None or (latest != _UNKNOWN and d >= latest):
            self.latest_change = d
        else:  # an earlier day than the latest (not in a pass, which goes forward): work it out
            self.latest_change = _UNKNOWN

    def stepping(self, d: int) -> dict[str, int]:
        """Exercises whose last dose step was under `LOAD_STEP_MIN_DAYS` before day `d`, with
        the days left before they may step again."""
        latest = self.latest_change
        if latest == _UNKNOWN:
            latest = self.latest_change = max(self.last_change.values(), default=None)
        if latest is None or d - latest >= LOAD_STEP_MIN_DAYS:
            return {}  # most days: every last step is long enough ago
        return {
            e: day + LOAD_STEP_MIN_DAYS - d
            for e, day in self.last_change.items()
            if d - day < LOAD_STEP_MIN_DAYS
        }

    def step_back(self, library: Mapping[str, Exercise]) -> list[Named]:
        """After a week without training: each earned step back one rung. Returns the names."""
        names = []
        self.earned_key = None
        for exercise_id, steps in sorted(self.steps.items()):
            if steps:
                self.steps[exercise_id] = steps - 1
                names.append(Named(exercise_id, library[exercise_id].name, lower=True))
        self.streaks.clear()
        self.due.clear()
        return names

    def earned(self) -> tuple[tuple[str, int], ...]:
        """(exercise, steps) for every exercise with a step earned, sorted: a workout's key."""
        if self.earned_key is None:
            self.earned_key = tuple(sorted((k, v) for k, v in self.steps.items() if v))
        return self.earned_key

    def on_day(
        self,
        d: int,
        yesterday_log: WorkoutLog | None,
        yesterday_plan: BuiltWorkout | None,
        yesterday_zone: Zone | None,
        held: bool,
        library: Mapping[str, Exercise],
        decisions: list[Decision],
    ) -> None:
        """Judge yesterday's strength work against its targets and step up what has earned it."""
        log, built = yesterday_log, yesterday_plan
        if log is None or built is None or log.status == "skipped":
            return
        green = yesterday_zone is Zone.green
        for exercise_id, target in built.strength_reps.items():
            reps = [
                e.reps
                for e in log.exercises
                if e.exercise == exercise_id and e.reps is not None and e.status != "skipped"
            ]
            if not reps:
                continue
            if green and min(reps) >= target + EXTRA_REPS_TO_PROGRESS:
                self.streaks[exercise_id] = self.streaks.get(exercise_id, 0) + 1
            else:
                self.streaks[exercise_id] = 0
                self.due.discard(exercise_id)
            step = built.next_steps.get(exercise_id)
            if self.streaks[exercise_id] < CONSECUTIVE_GREEN_WORKOUTS or step is None:
                continue
            name = Named(exercise_id, library[exercise_id].name)
            since = d - self.last_change.get(exercise_id, d - LOAD_STEP_MIN_DAYS)
            if since < LOAD_STEP_MIN_DAYS:
                self.due.add(exercise_id)
                wait = LOAD_STEP_MIN_DAYS - since
                decisions.append(
                    decide(
                        "R10",
                        ngettext(
                            "{name} is ready to step up, but its dose changed {since} "
                            "day ago: it steps one rung at a time, at "
                            "most once in {days} days ({wait} more to go), after "
                            "the next workout that beats the target.",
                            "{name} is ready to step up, but its dose changed {since} "
                            "days ago: it steps one rung at a time, at "
                            "most once in {days} days ({wait} more to go), after "
                            "the next workout that beats the target.",
                            since,
                            name=name,
                            since=since,
                            days=LOAD_STEP_MIN_DAYS,
                            wait=wait,
                        ),
                    )
                )
                continue
            if held:
                decisions.append(
                    decide(
                        "R10",
                        _(
                            "{name} is ready to step up, but that waits while pain is not green.",
                            name=name,
                        ),
                    )
                )
                continue
            self.steps[exercise_id] = self.steps.get(exercise_id, 0) + 1
            self.earned_key = None
            self.streaks[exercise_id] = 0
            self.due.discard(exercise_id)
            self._changed(exercise_id, d)
            decisions.append(
                decide(
                    "R10",
                    _(
                        "{name}: you did {reps} reps against a target of {target} on "
                        "{workouts} workouts running with green pain, so it steps up: "
                        "{step}.",
                        name=name,
                        reps=min(reps),
                        target=target,
                        workouts=CONSECUTIVE_GREEN_WORKOUTS,
                        step=step,
                    ),
                )
            )
