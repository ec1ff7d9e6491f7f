"""The minutes a workout takes, from its doses."""

from __future__ import annotations

import pytest

from hipcoach.content.doses import block_dose
from hipcoach.content.schema import Block, BodyPosition, Dose, DoseChange
from hipcoach.content.timing import (
    DEFAULT_TEMPO_S,
    NEXT_EXERCISE_S,
    POSITION_CHANGE_S,
    SIDE_SWITCH_S,
    TimedBlock,
    dose_seconds,
    minutes,
    workout_seconds,
)
from hipcoach.engine.dosing import dose_text


def test_a_static_hold_counts_each_set_and_the_rests_between() -> None:
    dose = Dose(sets=3, hold_s=30, rest_s=10)
    assert dose_seconds(dose, per_side=False) == 3 * 30 + 2 * 10


def test_reps_take_the_tempo_plus_the_hold_of_each_rep() -> None:
    dose = Dose(sets=2, reps=10, hold_s=2, tempo_s=4)
    assert dose_seconds(dose, per_side=False) == 2 * 10 * (4 + 2)


def test_reps_without_a_tempo_use_the_default_tempo() -> None:
    assert dose_seconds(Dose(reps=8), per_side=False) == 8 * DEFAULT_TEMPO_S


def test_timed_work_is_its_time() -> None:
    assert dose_seconds(Dose(sets=2, time_s=45, rest_s=15), per_side=False) == 2 * 45 + 15


def test_per_side_doubles_the_work_and_adds_a_switch() -> None:
    dose = Dose(sets=2, hold_s=30)
    assert (
        dose_seconds(dose, per_side=True) == 2 * dose_seconds(dose, per_side=False) + SIDE_SWITCH_S
    )


def test_a_change_of_position_costs_more_than_staying_put() -> None:
    hold = Dose(hold_s=30)
    same = workout_seconds(
        [TimedBlock(hold, False, BodyPosition.seated), TimedBlock(hold, False, BodyPosition.seated)]
    )
    moved = workout_seconds(
        [TimedBlock(hold, False, BodyPosition.seated), TimedBlock(hold, False, BodyPosition.prone)]
    )
    assert same == 60 + NEXT_EXERCISE_S
    assert moved == 60 + POSITION_CHANGE_S


def test_an_empty_workout_takes_no_time() -> None:
    assert workout_seconds([]) == 0


def test_minutes_are_rounded_to_a_tenth() -> None:
    assert minutes(375) == pytest.approx(6.2, abs=0.05)
    assert minutes(60) == 1.0


def test_a_week_change_replaces_only_the_fields_it_names() -> None:
    block = Block(exercise="x", dose=Dose(sets=2, reps=10, hold_s=3))

    class Stub:
        dose = Dose(reps=5)

    changed = block_dose(block, Stub(), {"x": DoseChange(reps=12)})  # type: ignore[arg-type]
    assert (changed.sets, changed.reps, changed.hold_s) == (2, 12, 3)


def test_a_dose_reads_as_words() -> None:
    assert (
        dose_text(Dose(sets=2, reps=10, hold_s=3), per_side=True)
        == "2 × 10 reps, 3 s hold each, each side"
    )
    assert dose_text(Dose(hold_s=30), per_side=False) == "30 s hold"
    assert dose_text(Dose(sets=3, reps=8, load="light band", rest_s=45), per_side=False) == (
        "3 × 8 reps, light band, rest 45 s"
    )
