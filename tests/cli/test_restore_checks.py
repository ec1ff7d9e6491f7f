"""`hipcoach restore` trusts nothing in the file: each bad backup is refused with a message
naming the record and field, and the records here are left exactly as they were."""

from __future__ import annotations

import copy
import io
import json
import uuid
from pathlib import Path

import pytest

from hipcoach.tracking import backup_checks
from hipcoach.tracking.inputs import InputError
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


def test_a_trial_that_is_not_a_number(enrolled, backup, tmp_path) -> None:
    def change(data):
        data["measurements"][0]["trials"] = ["abc", 24, 23]

    refused(
        enrolled,
        tmp_path,
        broken(backup, change),
        "measurement 1, trials:",
        "'abc'",
        "not a number",
    )


def test_an_angle_out_of_range(enrolled, backup, tmp_path) -> None:
    def change(data):
        data["measurements"][1]["trials"] = [500]

    refused(
        enrolled, tmp_path, broken(backup, change), "measurement 2, trials:", "500°", "plausible"
    )


@pytest.mark.parametrize(
    "day, message",
    [("9999-01-01", "9999-01-01 is in the future"), ("0001-01-01", "0001-01-01 is too long ago")],
)
def test_a_far_date(enrolled, backup, tmp_path, day, message) -> None:
    def change(data):
        data["pain"][0]["date"] = day

    refused(enrolled, tmp_path, broken(backup, change), "pain report 1, date:", message)


def test_a_far_created_time(enrolled, backup, tmp_path) -> None:
    def change(data):
        data["notes"][0]["created"] = "9999-12-30T00:00:00+00:00"

    refused(enrolled, tmp_path, broken(backup, change), "note 1, created:", "in the future")


def test_too_many_records(enrolled, backup, tmp_path) -> None:
    row = backup["data"]["pain"][0]

    def change(data):
        data["pain"] = [dict(row, client_key=None)] * (backup_checks.MAX_RECORDS + 1)

    refused(enrolled, tmp_path, broken(backup, change), "100,001 pain report records", "100,000")


def test_too_many_exercises_in_a_workout(enrolled, backup, tmp_path) -> None:
    def change(data):
        one = dict(data["workouts"][0]["exercises"][0])
        one.pop("client_key")
        data["workouts"][0]["exercises"] = [one] * 101

    refused(enrolled, tmp_path, broken(backup, change), "workout 1, exercises: 101 exercises")


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


def test_a_truncated_file(enrolled, backup, tmp_path) -> None:
    text = json.dumps(backup, indent=2)
    refused(enrolled, tmp_path, text[: len(text) // 2], "not JSON", "ends too early")


def test_an_endless_input_is_refused_at_the_limit(enrolled, tmp_path) -> None:
    before = enrolled.json("export")
    result = enrolled("restore", "/dev/zero", "--force", ok=False)
    assert result.exit_code == 1 and "bigger than 32 MB" in result.stderr
    assert enrolled.json("export") == before


class Endless(io.RawIOBase):
    """Zeros for ever, counting what was read."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        assert 0 < size <= 2 * backup_checks.READ_CHUNK, "read in bounded chunks"
        self.read_bytes += size
        return b"\0" * size


def test_an_endless_stream_is_read_only_to_the_limit() -> None:
    stream = Endless()
    with pytest.raises(InputError, match="bigger than 1 MB"):
        backup_checks.read_limited(stream, limit=1024 * 1024)
    assert stream.read_bytes == 1024 * 1024 + 1


@pytest.mark.parametrize(
    "text, message",
    [
        ("{not json", "not JSON (Expecting property name"),
        ("", "the file is empty"),
        (b"\xff\xfe\x00{", "not text (byte 1 is not UTF-8)"),
        ("[" * 100_000, "nested too deeply"),
        ('{"format": "other"}', "not a hipcoach backup"),
        ('{"format": "hipcoach-backup", "version": 7, "data": {}}', "backup version 7"),
        ('{"format": "hipcoach-backup", "version": 1}', "its 'data' is missing"),
    ],
    ids=["not-json", "empty", "binary", "nested", "other-format", "version", "no-data"],
)
def test_a_file_that_is_not_a_backup(enrolled, tmp_path, text, message) -> None:
    refused(enrolled, tmp_path, text, message)


def test_not_a_number(enrolled, backup, tmp_path) -> None:
    text = json.dumps(backup).replace('"trials": [22', '"trials": [NaN', 1)
    refused(enrolled, tmp_path, text, "NaN is not a number a backup can hold")


@pytest.mark.parametrize(
    "change, messages",
    [
        (lambda d: d.update(secrets=[]), ["unknown kind of record 'secrets'"]),
        (lambda d: d["pain"][0].update(person=7), ["pain report 1 has an unknown field 'person'"]),
        (lambda d: d["pain"][0].pop("score"), ["pain report 1 has no 'score'"]),
        (lambda d: d["pain"][0].update(score="abc"), ["pain report 1, score:", "not abc"]),
        (lambda d: d["pain"][0].update(score=True), ["pain report 1, score:"]),
        (lambda d: d["pain"][0].update(when="often"), ["unknown pain moment 'often'"]),
        (lambda d: d.update(workouts={}), ["'workouts' is not a list of records"]),
        (lambda d: d["notes"].append("hello"), ["note 2 is not a record"]),
        (lambda d: d["notes"][0].update(text=" "), ["note 1, text: the note is empty"]),
        (lambda d: d["activities"][0].update(score=11), ["activity rating 1, score:", "0 to 10"]),
        (
            lambda d: d["screens"][0]["answers"].update(trauma="yes"),
            ["red-flag screen 1, answers: the answer to 'trauma' must be true or false"],
        ),
        (
            lambda d: d["screens"][0]["answers"].update(dizzy=True),
            ["unknown red-flag question 'dizzy'"],
        ),
        (
            lambda d: d["workouts"][0]["exercises"][0].update(sets=500),
            ["workout 1, exercises: exercise 1: sets of", "from 0 to 20, not 500"],
        ),
        (
            lambda d: d["workouts"][0]["exercises"][0].update(exercise="moonwalk"),
            ["workout 1, exercises: exercise 1, exercise: unknown exercise 'moonwalk'"],
        ),
        (
            lambda d: d["workouts"][0].update(date="2026-01-01"),
            ["workout 1, date: 2026-01-01 is before any program in the backup started"],
        ),
        (
            lambda d: d["workouts"].append({**d["workouts"][0], "client_key": str(uuid.uuid4())}),
            ["workouts 1 and 2 are both on 2026-01-05: a day has one workout"],
        ),
        (
            lambda d: d["enrollments"][0].update(program="couch-to-5k"),
            ["enrollment 1, program: unknown program 'couch-to-5k'"],
        ),
        (lambda d: d["enrollments"].append(dict(d["enrollments"][0])), ["both current"]),
        (lambda d: d["profile"].update(age=300), ["the profile, age: age 300"]),
        (lambda d: d["profile"].update(goals=["flying"]), ["unknown goal 'flying'"]),
        (lambda d: d["pain"][0].update(client_key="x"), ["client key 'x' is not a UUID"]),
        (
            lambda d: d["pain"].append(dict(d["pain"][0])),
            ["pain reports 1 and 3 have the same client key"],
        ),
    ],
    ids=lambda v: "" if isinstance(v, list) else None,
)
def test_wrong_keys_and_values(enrolled, backup, tmp_path, change, messages) -> None:
    refused(enrolled, tmp_path, broken(backup, change), *messages)


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


def test_every_kind_of_record_is_restored() -> None:
    """A new kind of record must be added to backups and restores (or this fails)."""
    from django.apps import apps

    from hipcoach.tracking.models import PlanCache
    from hipcoach.tracking.restoring import RESTORED_MODELS

    kinds = set(apps.get_app_config("tracking").get_models()) - {PlanCache}
    assert kinds == set(RESTORED_MODELS)


@pytest.mark.parametrize(
    ("goals", "areas", "stops"),
    [(["running"], ["groin"], True), (["running"], ["glute"], False)],
)
def test_a_restored_screen_stops_as_it_would_when_answered(backup, goals, areas, stops) -> None:
    # A painful hop stops only in a runner with groin pain (R17); the file's word is not taken.
    import datetime as dt

    document = copy.deepcopy(backup)
    document["data"]["profile"].update(goals=goals, pain_areas=areas)
    screen = document["data"]["screens"][0]
    screen["answers"]["painful_hop"] = True
    screen["positive"] = not stops
    checked = backup_checks.check_backup(
        document, today=dt.date(2026, 3, 1), now=dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    )
    assert checked.records["screens"][0]["positive"] is stops
