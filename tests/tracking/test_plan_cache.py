"""The plan cache: reused while nothing changed, never stale once something did."""

from __future__ import annotations

import datetime as dt

import pytest
from cast import START

from hipcoach.tracking import plancache
from hipcoach.tracking.services import day_plan, day_plan_json, log_workout, report_pain

DAY1 = START + dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HIPCOACH_HOME", str(tmp_path))


def test_the_same_records_give_the_same_key(alice) -> None:
    assert plancache.key(alice, DAY1, False) == plancache.key(alice, DAY1, False)
    assert plancache.key(alice, DAY1, False) != plancache.key(alice, DAY1, True)


@pytest.mark.parametrize(
    "change",
    [
        lambda p: report_pain(p, on=DAY1, when="rest", score=6, today=DAY1),
        lambda p: log_workout(p, on=START, status="done", today=DAY1),
    ],
    ids=["pain", "workout"],
)
def test_any_new_record_changes_the_key(alice, change) -> None:
    before = plancache.key(alice, DAY1, False)
    change(alice)
    assert plancache.key(alice, DAY1, False) != before


def test_a_status_changed_in_place_changes_the_key(alice) -> None:
    log_workout(alice, on=START, status="partial", today=DAY1)
    before = plancache.key(alice, DAY1, False)
    log_workout(alice, on=START, status="done", today=DAY1)
    assert plancache.key(alice, DAY1, False) != before


def test_another_persons_records_do_not_change_the_key(alice, bob) -> None:
    before = plancache.key(alice, DAY1, False)
    report_pain(bob, on=DAY1, when="rest", score=6, today=DAY1)
    assert plancache.key(alice, DAY1, False) == before


def test_a_cached_plan_round_trips_to_the_same_plan(alice) -> None:
    fresh = day_plan(alice, on=DAY1)
    cached = day_plan_json(alice, on=DAY1)
    assert day_plan_json(alice, on=DAY1) == cached == fresh.to_json()
    assert plancache.plan_from_json(cached) == fresh


def test_the_stamped_tables_are_the_models_tables() -> None:
    from hipcoach.tracking import models

    tables = {
        m._meta.db_table
        for m in (
            models.Profile,
            models.Enrollment,
            models.WorkoutLog,
            models.PainReport,
            models.Measurement,
            models.ActivityRating,
            models.RedFlagScreen,
            models.Clearance,
        )
    }
    assert {table for table, _ in plancache.STAMPED_TABLES} == tables
    assert models.ExerciseLog._meta.db_table == "tracking_exerciselog"


@pytest.mark.django_db(transaction=True)
def test_the_quick_path_finds_the_cached_plan_without_django(monkeypatch) -> None:
    """`hipcoach today` reads with the database's own driver; its plan must be the same."""
    from cast import enroll, person
    from django.db import connection

    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        monkeypatch.setenv(
            "DATABASE_URL",
            f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
            f"{settings['PORT']}/{settings['NAME']}",
        )
    elif connection.settings_dict["NAME"].startswith(("file:", ":memory:")) or "memory" in str(
        connection.settings_dict["NAME"]
    ):
        pytest.skip(
            "an in-memory test database cannot be opened from outside (see test_real_process)"
        )
    user = person("dora")
    enroll(user, "hip-ir-primer")
    direct = plancache.quick_plan("dora", DAY1, False)  # planned without Django, then cached
    assert direct == day_plan(user, on=DAY1).to_json()
    assert plancache.quick_plan("dora", DAY1, False) == direct == day_plan_json(user, on=DAY1)
    report_pain(user, on=DAY1, when="rest", score=6, today=DAY1)
    assert plancache.quick_plan("dora", DAY1, False) == day_plan(user, on=DAY1).to_json() != direct
    assert plancache.quick_plan("nobody", DAY1, False) is None
    assert plancache.quick_plan("dora", START - dt.timedelta(days=1), False) is None
