"""R8: before a run, no static stretching of 60 s or more per muscle; the long holds move to
after the run at their full dose, so a run day keeps its stretching (R6)."""

from __future__ import annotations

from enginekit import Diary, entries, program, reasons, simulate

from hipcoach.engine.constants import PRE_RUN_STATIC_LIMIT_S


def _static_seconds_per_muscle(plan, library) -> dict:
    totals: dict = {}
    for e in plan.exercises:  # before the run
        if not e.after_run and e.reps is None and e.time_s is None and e.hold_s:
            for target in library[e.id].targets:
                key = (e.side, target)
                totals[key] = totals.get(key, 0) + e.sets * e.hold_s
    return totals


def test_static_stretches_become_their_dynamic_alternatives() -> None:
    plans = simulate(Diary(), 1, pre_run_days=[1])
    assert entries(plans[0], "ir-stretch") and not entries(plans[0], "ir-swing")
    after = entries(plans[1], "ir-stretch")
    assert after and all(e.after_run and e.sets == 2 and e.hold_s == 30 for e in after)
    swing = entries(plans[1], "ir-swing")
    assert swing[0].replaces == "ir-stretch" and not swing[0].after_run
    # the moving drill comes before the run, the stretch after it: last in the list
    assert plans[1].exercises.index(swing[0]) < plans[1].exercises.index(after[0])
    assert all(e.after_run for e in plans[1].exercises[plans[1].exercises.index(after[0]) :])
    assert plans[1].pre_run
    assert "moving drills" in reasons(plans[1], "R8")
    assert "after the run" in reasons(plans[1], "R8")


def test_a_running_day_in_the_history_counts_too() -> None:
    plans = simulate(Diary().runs(2), 2)
    assert plans[2].pre_run and entries(plans[2], "ir-swing")


def test_a_stretch_without_an_alternative_moves_after_the_run_whole() -> None:
    from enginekit import LIBRARY

    no_alternative = program(
        mobility_blocks=[{"exercise": "hamstring-stretch", "dose": {"sets": 3, "hold_s": 30}}]
    )
    [plan] = simulate(Diary(), 0, program=no_alternative, pre_run_days=[0])
    stretch = entries(plan, "hamstring-stretch")
    assert stretch and all(e.after_run and e.sets == 3 and e.hold_s == 30 for e in stretch)
    assert all(
        total < PRE_RUN_STATIC_LIMIT_S
        for total in _static_seconds_per_muscle(plan, LIBRARY).values()
    )
    assert "stays under 60 s per muscle" in reasons(plan, "R8")
    assert "R6" not in {d.rule for d in plan.decisions}  # the day keeps its stretching dose


def test_a_short_hold_stays_before_the_run() -> None:
    short = program(mobility_blocks=[{"exercise": "hamstring-stretch", "dose": {"hold_s": 30}}])
    [plan] = simulate(Diary(), 0, program=short, pre_run_days=[0])
    assert all(not e.after_run for e in entries(plan, "hamstring-stretch"))


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
