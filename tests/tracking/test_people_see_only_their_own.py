"""Every record belongs to one person: history, plans, progress and exports never mix people."""

from __future__ import annotations

import datetime as dt

from cast import START
from hipcoach.tracking.exchange import export_data
from hipcoach.tracking.history import history_of, profile_of
from hipcoach.tracking.plans import day_plan
from hipcoach.tracking.progress import progress
from hipcoach.tracking.workouts import log_workout, report_pain

DAY1 = START + dt.timedelta(days=1)


def test_history_is_per_person(alice, bob) -> None:
    report_pain(alice, on=DAY1, when="rest", score=2, today=DAY1)
    log_workout(bob, on=DAY1, status="done", today=DAY1)
    assert [p.score for p in history_of(alice).pain] == [2]
    assert history_of(alice).workouts == ()
    assert [w.status for w in history_of(bob).workouts] == ["done"]
    assert history_of(bob).pain == ()
    assert {m.mean for m in history_of(alice).measurements} == {23.0, 35.0}
    assert {m.mean for m in history_of(bob).measurements} == {30.0, 31.0}


def test_plans_follow_each_persons_program(alice, bob) -> None:
    assert day_plan(alice, on=DAY1).program == "hip-foundations"
    assert day_plan(bob, on=DAY1).program == "hip-ir-primer"


def test_progress_and_export_are_per_person(alice, bob) -> None:
    report_pain(bob, on=DAY1, when="during", score=4, today=DAY1)
    assert progress(alice, today=DAY1).pain == []
    assert export_data(alice)["pain"] == [] and len(export_data(bob)["pain"]) == 1


def test_the_profile_becomes_the_engines_profile(alice) -> None:
    assert profile_of(alice).goals == ("running",) and profile_of(alice).age == 34


def test_someone_not_set_up_has_an_empty_history(charlie) -> None:
    assert history_of(charlie).measurements == () and profile_of(charlie).goals == ()
