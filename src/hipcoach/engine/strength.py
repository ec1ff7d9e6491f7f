"""R10: a strength exercise steps up after `CONSECUTIVE_GREEN_WORKOUTS` workouts running in
which every set beat its target by `EXTRA_REPS_TO_PROGRESS` reps with green pain.

Judged each morning from yesterday's log against yesterday's plan; the step waits while pain
or a regression holds progress (R9).
"""

from __future__ import annotations

from collections.abc import Mapping

from hipcoach.content.schema import Exercise
from hipcoach.engine.constants import CONSECUTIVE_GREEN_WORKOUTS, EXTRA_REPS_TO_PROGRESS
from hipcoach.engine.pain import Zone
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision, WorkoutLog
from hipcoach.engine.workout import BuiltWorkout


class StrengthSteps:
    """The steps each strength exercise has earned, and the qualifying workouts towards the next."""

    def __init__(self) -> None:
        self.steps: dict[str, int] = {}  # exercise → steps earned
        self.streaks: dict[str, int] = {}  # exercise → consecutive qualifying workouts

    def restart(self) -> None:
        """A new run of the program (after a lapse): back to the programmed doses."""
        self.steps.clear()
        self.streaks.clear()

    def earned(self) -> tuple[tuple[str, int], ...]:
        """(exercise, steps) for every exercise with a step earned, sorted: a workout's key."""
        return tuple(sorted((k, v) for k, v in self.steps.items() if v))

    def on_day(
        self,
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
            step = built.next_steps.get(exercise_id)
            if self.streaks[exercise_id] < CONSECUTIVE_GREEN_WORKOUTS or step is None:
                continue
            name = library[exercise_id].name
            if held:
                decisions.append(
                    decide(
                        "R10",
                        f"{name} is ready to step up, but that waits while pain is not green.",
                    )
                )
                continue
            self.steps[exercise_id] = self.steps.get(exercise_id, 0) + 1
            self.streaks[exercise_id] = 0
            decisions.append(
                decide(
                    "R10",
                    f"{name}: you did {min(reps)} reps against a target of {target} on "
                    f"{CONSECUTIVE_GREEN_WORKOUTS} workouts running with green pain, so it steps up: "
                    f"{step}.",
                )
            )
