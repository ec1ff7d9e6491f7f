"""One computation of progress, rendered by the terminal, the web page and the API."""

from __future__ import annotations

import datetime as dt

from cast import START
from hipcoach.tracking.progress import progress
from hipcoach.tracking.workouts import log_workout

DAY3 = START + dt.timedelta(days=3)


def test_progress_carries_the_plan_the_tests_and_the_counts(alice) -> None:
    log_workout(alice, on=START, status="done", today=DAY3)
    log_workout(alice, on=START + dt.timedelta(days=1), status="skipped", today=DAY3)
    found = progress(alice, today=DAY3)
    assert found.plan is not None and found.gate == found.plan.gate
    assert [t.date for t in found.ir_tests] == [START]
    assert found.latest_test.left == 23 and found.latest_test.right == 35
    assert found.measurement_error is not None and str(found.verdict).startswith("Your left hip")
    assert (found.count("done"), found.count("skipped"), found.count("partial")) == (1, 1, 0)


def test_without_a_program_there_is_no_plan_and_still_a_report(charlie) -> None:
    found = progress(charlie, today=DAY3)
    assert found.plan is None and found.gate == () and found.program is None
    assert found.ir_tests == [] and str(found.verdict).startswith("No measurement yet")


def test_the_change_verdict_is_the_engine_s_reading_of_the_latest_test(alice) -> None:
    from hipcoach.tracking.measuring import measure

    later = START + dt.timedelta(days=6)
    measure(
        alice,
        on=later,
        today=later,
        position="prone",
        method="phone",
        left=[50, 50, 50],
        right=[35, 35, 35],
    )
    found = progress(alice, today=later)
    # 23° → 50° in six days is more than a phone's error and any real change
    assert "that reading looks too different from your last one — please measure again" in (
        str(found.change)
    )
    assert found.to_json()["change"] == str(found.change)
    assert "real gain" not in str(found.change)
