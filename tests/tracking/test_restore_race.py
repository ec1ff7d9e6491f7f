"""A record written on another device while a restore runs is never silently lost: between the
restore's comparison ("is every record here in the backup?") and its delete, a new note lands.
On PostgreSQL the restore works on one snapshot (repeatable read), so the note is not deleted
unseen: it stays, or the restore is refused and nothing of it is written. (SQLite has one
writer at a time: the other device's write waits for the restore, or is told the database is
busy and stays queued on the device; the lock tests in tests/security show that.)"""

from __future__ import annotations

import datetime as dt
import io
import json
import threading

import pytest
from django.db import connection

from cast import START, cast
from hipcoach.tracking import restoring
from hipcoach.tracking.exchange import backup_document
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.models import Note
from hipcoach.tracking.workouts import add_note

TODAY = START + dt.timedelta(days=3)


def _note_from_another_device(person) -> None:
    """Add a note in a thread of its own (its own database connection), committed at once."""

    def write() -> None:
        try:
            add_note(person, on=TODAY, text="written on the phone meanwhile", today=TODAY)
        finally:
            connection.close()

    thread = threading.Thread(target=write)
    thread.start()
    thread.join(timeout=30)


@pytest.mark.django_db(transaction=True)
def test_a_note_written_during_a_restore_is_kept_or_the_restore_refused(
    fast_hashing, monkeypatch
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's concurrent writers: SQLite lets one write at a time")
    alice = cast(START)["Alice"]
    backup = json.dumps(backup_document(alice)).encode()
    compare = restoring.refuse_losing

    def compare_then_another_device_writes(person, checked) -> None:
        compare(person, checked)
        _note_from_another_device(person)

    monkeypatch.setattr(restoring, "refuse_losing", compare_then_another_device_writes)
    try:
        restoring.restore(alice, io.BytesIO(backup), today=TODAY)
    except InputError as exc:
        assert "changed while" in str(exc)
    assert Note.objects.filter(person=alice, text="written on the phone meanwhile").exists()
