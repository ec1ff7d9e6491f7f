"""`hipcoach generate-people`: generated people with histories that plan, never beside real
accounts by accident, never in production."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from django.utils import timezone

from hipcoach.tracking import generated
from hipcoach.tracking.models import (
    Enrollment,
    ExerciseLog,
    Measurement,
    PainReport,
    PersonStatus,
    Profile,
    WorkoutLog,
)


def test_people_with_histories_that_plan(coach) -> None:
    out = coach("generate-people", "--people", "6", "--seed", "3").stdout
    assert "6 people made" in out and "6 generated people in all" in out
    today = timezone.now().date()
    people = User.objects.filter(username__startswith=generated.PREFIX)
    assert people.count() == 6 and Profile.objects.count() == 6
    assert not any(p.has_usable_password() or p.email for p in people)  # no one logs in as them
    for enrollment in Enrollment.objects.all():
        assert 60 <= (today - enrollment.start).days <= 365
    assert not WorkoutLog.objects.filter(date__gte=today).exists()  # nothing in the future
    assert not PainReport.objects.filter(date__gt=today).exists()
    assert ExerciseLog.objects.exists() and Measurement.objects.exists()
    assert {side for (side,) in Measurement.objects.values_list("side")} == {"left", "right"}
    from hipcoach.tracking.statuses import refresh_statuses

    done = refresh_statuses(now=timezone.now())
    assert (done["refreshed"], done["failed"]) == (6, 0)  # every history plans
    assert PersonStatus.objects.exclude(program="").count() == 6
    again = coach("generate-people", "--people", "2", "--seed", "3").stdout
    assert "8 generated people in all" in again  # more are added, with new names


@pytest.mark.django_db
def test_the_same_seed_makes_the_same_histories() -> None:
    today = dt.date(2026, 6, 1)
    generated.generate_people(2, seed=9, today=today)
    generated.generate_people(2, seed=9, today=today)
    first, second = (
        [
            list(WorkoutLog.objects.filter(person=p).values_list("date", "status"))
            for p in User.objects.order_by("id")[n : n + 2]
        ]
        for n in (0, 2)
    )
    assert first == second and first[0] != first[1]


def test_refuses_beside_real_people_and_writes_nothing(enrolled) -> None:
    result = enrolled("generate-people", "--people", "3", ok=False)
    assert result.exit_code == 1
    assert "holds 1 account not made by generate-people" in result.output
    assert generated.generated_people() == 0
    assert (
        "3 people made"
        in enrolled("generate-people", "--people", "3", "--beside-real-people").stdout
    )


def test_refuses_in_production(coach) -> None:
    with override_settings(PRODUCTION=True):
        result = coach("generate-people", "--people", "3", ok=False)
    assert result.exit_code == 1 and "production" in result.output
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_client_keys_only_grow_and_every_foreign_key_is_checked() -> None:
    from django.db import connection

    generated.generate_people(3, seed=4, today=dt.date(2026, 6, 1))
    generated.generate_people(2, seed=4, today=dt.date(2026, 6, 1))
    keys = list(PainReport.objects.order_by("id").values_list("client_key", flat=True))
    assert len(keys) == len(set(keys)) > 10
    assert all(key.version == 7 for key in keys)
    within_a_run = keys[
        : PainReport.objects.filter(person__username__lte="generated-0000003").count()
    ]
    assert within_a_run == sorted(
        within_a_run
    )  # appended to the unique index, never spread over it
    if connection.vendor == "postgresql":  # the keys dropped while writing are back, and hold
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*), count(*) FILTER (WHERE convalidated) FROM pg_constraint "
                "WHERE contype = 'f' AND conrelid::regclass::text LIKE 'tracking_%%'"
            )
            total, valid = cursor.fetchone()
        assert total > 10 and valid == total
