"""`hipcoach restore` end to end: a bad backup is refused in one line naming the record and
field, and the records here are left exactly as they were; a good one restores everything, into
this account only, and never over newer records unless forced.

Every check of the format itself is a unit test of its declaration, without the terminal:
tests/tracking/test_backup_format.py."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from hipcoach.tracking.models import (
    Enrollment,
    ExerciseLog,
    Measurement,
    PainReport,
    Profile,
    WorkoutLog,
)


def some_history(coach) -> None:
    coach("go", "--pace", "0", "--yes", "--pain", "2")
    coach("note", "Felt loose after the primer.")
    coach("activities", "--rate", "run 5 km=4")
    coach.next_day()
    coach("pain", "--next-morning", "1")


@pytest.fixture
def backup(enrolled, tmp_path) -> dict:
    """A good backup of some history, as parsed JSON (each test breaks a copy of it)."""
    some_history(enrolled)
    path = tmp_path / "good.json"
    enrolled("backup", str(path))
    return json.loads(path.read_text())


def refused(coach, tmp_path: Path, document_or_text, *messages: str) -> str:
    """Restore the file; assert it is refused with `messages`, and nothing here changed."""
    before = coach.json("export")
    path = tmp_path / "bad.json"
    if isinstance(document_or_text, bytes):
        path.write_bytes(document_or_text)
    elif isinstance(document_or_text, str):
        path.write_text(document_or_text)
    else:
        path.write_text(json.dumps(document_or_text))
    result = coach("restore", str(path), "--force", ok=False)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for message in messages:
        assert message in lines[0], lines[0]
    assert "Traceback" not in result.output
    assert coach.json("export") == before
    return lines[0]


def broken(document: dict, change) -> dict:
    bad = copy.deepcopy(document)
    change(bad["data"])
    return bad


def test_a_person_id_in_the_file_is_refused_and_writes_no_one_else(
    enrolled, backup, tmp_path
) -> None:
    from django.contrib.auth.models import User

    other = User.objects.create(username="someone-else")
    Profile.objects.create(person=other, goals=["sport"], pain_areas=[], age=60)

    def change(data):
        data["profile"]["person_id"] = other.pk

    refused(
        enrolled, tmp_path, broken(backup, change), "the profile has an unknown field 'person_id'"
    )
    assert Profile.objects.get(person=other).goals == ["sport"]

    def named(data):
        data["person"] = "someone-else"  # a name in the file decides nothing

    path = tmp_path / "named.json"
    path.write_text(json.dumps(broken(backup, named)))
    enrolled("restore", str(path))
    assert Profile.objects.get(person=other).goals == ["sport"]
    assert not PainReport.objects.filter(person=other).exists()
    assert Profile.objects.get(person__username="local").goals == ["running"]


def test_a_taken_time_in_the_future_decides_nothing(enrolled, backup, tmp_path) -> None:
    enrolled.next_day()
    enrolled("pain", "--rest", "3")  # newer than the backup
    bad = copy.deepcopy(backup)
    bad["taken"] = "2099-01-01T00:00:00+00:00"
    path = tmp_path / "future.json"
    path.write_text(json.dumps(bad))
    result = enrolled("restore", str(path), ok=False)
    assert result.exit_code == 1 and "taken: 2099-01-01" in result.stderr
    # A plausible `taken`, after the newer record, still does not hide it: records are compared.
    bad["taken"] = "2026-01-07T23:00:00+00:00"
    path.write_text(json.dumps(bad))
    result = enrolled("restore", str(path), ok=False)
    assert result.exit_code == 1
    assert "1 record here is not in the backup (1 pain report, the newest of 2026-01-07)" in (
        result.stderr
    )
    assert PainReport.objects.filter(when="rest", score=3).exists()


def test_a_changed_record_counts_as_one_that_would_be_lost(enrolled, tmp_path) -> None:
    enrolled("log", "--status", "skipped")
    path = tmp_path / "skipped.json"
    enrolled("backup", str(path))
    enrolled("log", "--status", "done")  # the same workout, changed since the backup
    result = enrolled("restore", str(path), ok=False)
    assert result.exit_code == 1 and "(1 workout, the newest of 2026-01-05)" in result.stderr
    assert WorkoutLog.objects.get().status == "done"


def test_an_endless_input_is_refused_at_the_limit(enrolled, tmp_path) -> None:
    before = enrolled.json("export")
    result = enrolled("restore", "/dev/zero", "--force", ok=False)
    assert result.exit_code == 1 and "bigger than 32 MB" in result.stderr
    assert enrolled.json("export") == before


@pytest.mark.parametrize(
    "change, messages",
    [
        (lambda d: d["pain"][0].update(score=11), ["pain report 1, score:", "not 11"]),
        (lambda d: d["notes"][0].update(text="\0"), ["note 1, text:", "NUL"]),
        (lambda d: d["workouts"].append(d["workouts"][0]), ["both on 2026-01-05"]),
    ],
    ids=["score", "nul", "same-day"],
)
def test_a_wrong_record_changes_nothing(enrolled, backup, tmp_path, change, messages) -> None:
    """The checks are the declaration's (tests/tracking/test_backup_format.py has every one);
    through the terminal, a refusal is one line, exit 1, and nothing here changed."""
    refused(enrolled, tmp_path, broken(backup, change), "not restored: ", *messages)


def test_a_good_backup_still_restores_everything(enrolled, backup, tmp_path) -> None:
    before = enrolled.json("export")
    path = tmp_path / "good.json"
    path.write_text(json.dumps(backup))
    result = enrolled("restore", str(path))
    assert "2 pain reports" in result.stdout
    assert enrolled.json("export") == before
    workout = WorkoutLog.objects.get()
    assert workout.enrollment == Enrollment.objects.get()  # linked to its program again


def test_a_backup_restored_into_a_second_account_gets_its_own_keys(
    enrolled, backup, tmp_path, monkeypatch
) -> None:
    path = tmp_path / "good.json"
    path.write_text(json.dumps(backup))
    monkeypatch.setenv("HIPCOACH_USER", "second")
    enrolled("restore", str(path))
    assert WorkoutLog.objects.count() == 2 and ExerciseLog.objects.count() == 2 * len(
        backup["data"]["workouts"][0]["exercises"]
    )
    local, second = (WorkoutLog.objects.get(person__username=u) for u in ("local", "second"))
    assert local.client_key != second.client_key
    assert Measurement.objects.filter(person__username="second").count() == 2
