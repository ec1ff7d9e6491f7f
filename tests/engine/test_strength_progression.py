"""R10: target + 1 reps on two consecutive green workouts steps a strength exercise up."""

from __future__ import annotations

from enginekit import Diary, entries, program, reasons, simulate

from hipcoach.engine.types import ExerciseLog
from hipcoach.engine.workout import next_load, strength_step

STRENGTH_FIRST = program(
    mobility_blocks=[{"exercise": "banded-ir"}, {"exercise": "single-leg-bridge"}]
)


def _logged(reps: int) -> tuple[ExerciseLog, ...]:
    return (
        ExerciseLog("banded-ir", "left", "done", sets=2, reps=reps),
        ExerciseLog("banded-ir", "right", "done", sets=2, reps=reps),
    )


def test_the_load_word_steps_up_after_two_green_workouts_beyond_target() -> None:
    diary = Diary().hurts_daily(0, 5, 2)
    diary.works_out(0, "done", *_logged(9)).works_out(1, "done", *_logged(10))
    plans = simulate(diary, 3, program=STRENGTH_FIRST)
    assert entries(plans[1], "banded-ir")[0].load == "light band"
    assert entries(plans[2], "banded-ir")[0].load == "medium band"
    assert "light band → medium band" in reasons(plans[2], "R10")


def test_one_workout_beyond_target_is_not_enough() -> None:
    diary = Diary().hurts_daily(0, 5, 2)
    diary.works_out(0, "done", *_logged(9)).works_out(1, "done", *_logged(8))
    plans = simulate(diary, 3, program=STRENGTH_FIRST)
    assert entries(plans[3], "banded-ir")[0].load == "light band"


def test_amber_pain_on_a_workout_does_not_count() -> None:
    diary = Diary().hurts_daily(0, 5, 2).hurts(1, 4)
    diary.works_out(0, "done", *_logged(10)).works_out(1, "done", *_logged(10))
    plans = simulate(diary, 3, program=STRENGTH_FIRST)
    assert entries(plans[2], "banded-ir")[0].load == "light band"


def test_without_a_load_word_reps_go_up_then_sets() -> None:
    from hipcoach.content.schema import Dose

    step = strength_step(Dose(sets=2, reps=8))
    assert step is not None and step[0].reps == 10
    step = strength_step(Dose(sets=2, reps=12))
    assert step is not None and step[0].sets == 3
    assert strength_step(Dose(sets=3, reps=12)) is None
    assert next_load("Medium band") == "heavy band"
    assert next_load("a towel") is None
