"""PostgreSQL under a held lock: a write that waits past the lock timeout answers 503 with a
retry hint and writes nothing, as on SQLite (tests/security/test_sqlite_concurrency.py)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from cast import cast
from hipcoach.settings import database
from hipcoach.tracking.models import PainReport, PlanCache


def test_postgresql_connections_wait_a_bounded_time_for_a_lock(monkeypatch) -> None:
    monkeypatch.setenv("HIPCOACH_LOCK_WAIT", "2.5")
    config = database("postgres://u:p@127.0.0.1:5432/hipcoach")
    assert config["OPTIONS"]["options"] == "-c lock_timeout=2500"


@pytest.mark.django_db(transaction=True)
def test_a_write_kept_waiting_by_a_lock_is_a_503_and_writes_nothing(fast_hashing) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's lock timeout (SQLite's busy wait has its own test)")
    alice = cast(timezone.localdate())["Alice"]
    PlanCache.objects.get_or_create(person=alice)
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:  # another process's long transaction, say a restore
        try:
            with transaction.atomic():
                PlanCache.objects.select_for_update().get(person=alice)
                locked.set()
                release.wait(30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert locked.wait(30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")
        client = Client()
        client.force_login(alice)
        before = PainReport.objects.filter(person=alice).count()
        answer = client.post(
            "/api/v1/pain",
            {"date": timezone.localdate().isoformat(), "when": "rest", "score": 2},
            content_type="application/json",
        )
        assert answer.status_code == 503, answer.content
        assert answer["Retry-After"] == "5"
        assert PainReport.objects.filter(person=alice).count() == before
    finally:
        release.set()
        holder.join(30)
