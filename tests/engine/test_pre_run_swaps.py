"""R8: before a run, no static stretching of 60 s or more per muscle."""

from __future__ import annotations

from enginekit import Diary, entries, program, reasons, simulate

from hipcoach.engine.constants import PRE_RUN_STATIC_LIMIT_S


def _static_seconds_per_muscle(plan, library) -> dict:
    totals: dict = {}
    for e in plan.exercises:
        if e.reps is None and e.time_s is None and e.hold_s:
            for target in library[e.id].targets:
                key = (e.side, target)
                totals[key] = totals.get(key, 0) + e.sets * e.hold_s
    return totals


def test_static_stretches_become_their_dynamic_alternatives() -> None:
    plans = simulate(Diary(), 1, pre_run_days=[1])
    assert entries(plans[0], "ir-stretch") and not entries(plans[0], "ir-swing")
    assert not entries(plans[1], "ir-stretch")
    assert entries(plans[1], "ir-swing")[0].replaces == "ir-stretch"
    assert plans[1].pre_run
    assert "moving drills" in reasons(plans[1], "R8")


def test_a_running_day_in_the_history_counts_too() -> None:
    plans = simulate(Diary().runs(2), 2)
    assert plans[2].pre_run and entries(plans[2], "ir-swing")


def test_a_stretch_without_an_alternative_is_cut_below_the_limit() -> None:
    from enginekit import LIBRARY

    no_alternative = program(
        mobility_blocks=[{"exercise": "hamstring-stretch", "dose": {"sets": 3, "hold_s": 30}}]
    )
    [plan] = simulate(Diary(), 0, program=no_alternative, pre_run_days=[0])
    stretch = entries(plan, "hamstring-stretch")
    assert stretch and all(e.sets * e.hold_s < PRE_RUN_STATIC_LIMIT_S for e in stretch)
    assert all(
        total < PRE_RUN_STATIC_LIMIT_S
        for total in _static_seconds_per_muscle(plan, LIBRARY).values()
    )
    assert "stays under 60 s per muscle" in reasons(plan, "R8")


def test_two_stretches_of_the_same_muscle_share_the_limit() -> None:
    from enginekit import LIBRARY

    same_muscle = program(
        mobility_blocks=[
            {"exercise": "hamstring-stretch", "dose": {"sets": 1, "hold_s": 40}},
            {"exercise": "hamstring-stretch", "dose": {"sets": 1, "hold_s": 40}},
        ]
    )
    [plan] = simulate(Diary(), 0, program=same_muscle, pre_run_days=[0])
    assert all(
        total < PRE_RUN_STATIC_LIMIT_S
        for total in _static_seconds_per_muscle(plan, LIBRARY).values()
    )
