"""The nightly pass writes a batch's plans and checkpoints at once (`plans.written_together`):
the same as written one by one, a handful of statements for any number of people, and never a
plan or checkpoint made from records that changed before it was written."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cast import START
from hipcoach.tracking import plan_cache
from hipcoach.tracking.models import PlanCheckpoint
from hipcoach.tracking.plans import day_plan, written_together
from hipcoach.tracking.workouts import log_workout, report_pain

TODAY = START + dt.timedelta(days=20)


def _train(person) -> None:
    for n in range(20):
        day = START + dt.timedelta(days=n)
        log_workout(person, on=day, status="done", today=TODAY)
        report_pain(person, on=day, when="during", score=2 + n % 3, today=TODAY)


def _stored(person) -> bool:
    return plan_cache.lookup(person.pk, TODAY, False).plan is not None


def _kept(person) -> list[dt.date]:
    return sorted(PlanCheckpoint.objects.filter(person=person).values_list("date", flat=True))


@pytest.fixture
def trained(alice, bob):
    for person in (alice, bob):
        _train(person)
    return alice, bob


def test_a_batch_is_written_when_it_ends_as_one_by_one_would(trained) -> None:
    alice, bob = trained
    with written_together():
        plans = [day_plan(person, on=TODAY) for person in trained]
        assert not any(_stored(person) for person in trained)  # not yet
        assert not PlanCheckpoint.objects.exists()
    assert all(_stored(person) for person in trained)
    assert [day_plan(person, on=TODAY) for person in trained] == plans  # read back as made
    together = [_kept(person) for person in trained]
    PlanCheckpoint.objects.all().delete()
    for person in trained:
        plan_cache.records_changed(person.pk)
        day_plan(person, on=TODAY)  # one by one
    assert [_kept(person) for person in trained] == together
    assert together[0][-1] == TODAY - dt.timedelta(days=1)  # the end of yesterday


def test_a_write_before_the_batch_ends_keeps_that_persons_plan_and_checkpoints_out(
    trained,
) -> None:
    alice, bob = trained
    with written_together():
        for person in trained:
            day_plan(person, on=TODAY)
        report_pain(bob, on=START + dt.timedelta(days=3), when="rest", score=6, today=TODAY)
    assert not _stored(bob) and _kept(bob) == []
    assert _stored(alice) and _kept(alice)


def test_a_batch_that_fails_writes_nothing(trained) -> None:
    with pytest.raises(RuntimeError), written_together():
        for person in trained:
            day_plan(person, on=TODAY)
        raise RuntimeError("the database went away")
    assert not any(_stored(person) for person in trained)
    assert not PlanCheckpoint.objects.exists()


def test_the_writes_of_a_batch_are_the_same_few_statements_for_any_number(trained) -> None:
    def writes(people) -> list[str]:
        for person in people:
            plan_cache.lookup(person.pk, TODAY, False)  # their row, made once
            plan_cache.records_changed(person.pk)
        PlanCheckpoint.objects.all().delete()
        with CaptureQueriesContext(connection) as seen, written_together():
            for person in people:
                day_plan(person, on=TODAY)
        # a statement sent once for many rows is captured once, as "N times: ..."
        sent = [re.sub(r"^\d+ times: ", "", q["sql"]) for q in seen.captured_queries]
        return [
            sql.split()[0]
            for sql in sent
            if sql.startswith(("INSERT", "UPDATE", "DELETE"))
            and ("plancheckpoint" in sql or "plancache" in sql)
        ]

    one, two = writes(trained[:1]), writes(trained)
    assert one == two == ["INSERT", "UPDATE"]
