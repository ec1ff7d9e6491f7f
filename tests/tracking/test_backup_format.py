"""The backup format's declaration (`tracking.record_format`) trusts nothing in a file: each bad
backup is refused with one line naming the record and the field, before anything is written.

These are unit tests of the declaration: no database, no terminal. The good backup each case
breaks is `backups/v1-2026-12-04.json`, written by hipcoach as of December 2026; the doors that
use the declaration (the terminal, the web and the API) are tested end to end in
`tests/cli/test_restore_checks.py` and `tests/security/test_your_data_out.py`.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import uuid
from pathlib import Path

import pytest

from hipcoach.tracking import record_format, restoring
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.record_fields import Window
from hipcoach.tracking.record_format import KINDS, MAX_RECORDS, Backup, read_backup

# A value written back as other than its declared type.
pytestmark = pytest.mark.filterwarnings("error:Pydantic serializer warnings")

GOOD = Path(__file__).parent / "backups" / "v1-2026-12-04.json"
WINDOW = Window(dt.date(2026, 12, 31), dt.datetime(2026, 12, 31, 12, tzinfo=dt.UTC))


@pytest.fixture(scope="module")
def good() -> dict:
    """A good backup, as parsed JSON (each test breaks a copy of it)."""
    return json.loads(GOOD.read_text())


def read(raw: bytes) -> Backup:
    """The file read as `hipcoach restore` reads it, up to its checks."""
    return read_backup(restoring.parse_backup(restoring.read_limited(io.BytesIO(raw))), WINDOW)


def refused(document_or_text: dict | str | bytes, *messages: str) -> str:
    """Read the file; assert it is refused, in one line, with `messages`."""
    if isinstance(document_or_text, dict):
        raw = json.dumps(document_or_text).encode()
    elif isinstance(document_or_text, str):
        raw = document_or_text.encode()
    else:
        raw = document_or_text
    with pytest.raises(InputError) as refusal:
        read(raw)
    message = str(refusal.value)
    assert "\n" not in message and "Traceback" not in message
    for expected in messages:
        assert expected in message, message
    return message


def broken(document: dict, change) -> dict:
    bad = copy.deepcopy(document)
    change(bad["data"])
    return bad


def test_a_good_backup_reads_as_it_was_written(good) -> None:
    """The file predates a pain report's side and place and the profile's language: its
    reports read as both sides and an unsaid place, the whole person, and no language is
    chosen (the browser's)."""
    backup = read(GOOD.read_bytes())
    again = backup.model_dump(mode="json")
    sided = [{**p, "side": "both", "place": "unspecified"} for p in good["data"]["pain"]]
    profile = {**good["data"]["profile"], "language": ""}
    assert again["data"] == {**good["data"], "pain": sided, "profile": profile}
    assert again["taken"] == good["taken"]


def test_a_pain_report_of_an_unknown_side_or_place_is_refused_by_name(good) -> None:
    def side(data: dict) -> None:
        data["pain"][0]["side"] = "middle"

    def place(data: dict) -> None:
        data["pain"][0]["place"] = "elbow"

    refused(broken(good, side), "pain report 1", "unknown pain side 'middle'", "left, right")
    refused(broken(good, place), "pain report 1", "unknown pain place 'elbow'", "high_hamstring")
    sided = broken(good, lambda data: data["pain"][0].update(side="left", place="knee"))
    assert read(json.dumps(sided).encode()).data.pain[0].side == "left"


def test_a_backup_from_before_clearances_and_time_zones_still_reads(good) -> None:
    """Version 1 as first written (before clearances, a profile's time zone or a measurement's
    kind): what is missing reads as none, or as its default."""
    old = copy.deepcopy(good)
    del old["data"]["clearances"], old["data"]["profile"]["time_zone"], old["taken"]
    for measurement in old["data"]["measurements"]:
        del measurement["kind"]
    backup = read(json.dumps(old).encode())
    assert backup.data.clearances == [] and backup.data.profile.time_zone == ""
    assert [m.kind for m in backup.data.measurements] == ["ir", "ir"]
    assert backup.taken is None


def test_every_version_written_is_read() -> None:
    assert record_format.BACKUP_VERSION in record_format.READS


def change_case(change, *messages: str):
    return pytest.param(change, messages, id=messages[0][:60])


def _too_many_records(data: dict) -> None:
    data["pain"] = [dict(data["pain"][0], client_key=None)] * (MAX_RECORDS + 1)


def _too_many_exercises(data: dict) -> None:
    one = dict(data["workouts"][0]["exercises"][0])
    one.pop("client_key")
    data["workouts"][0]["exercises"] = [one] * 101


def _same_day(data: dict) -> None:
    data["workouts"].append({**data["workouts"][0], "client_key": str(uuid.uuid4())})


# Each of these was a check before the declaration (then a test building a history through the
# terminal); the rest below are checks it makes as well.
WRONG_RECORDS = [
    change_case(
        lambda d: d["measurements"][0].update(trials=["abc", 24, 23]),
        "measurement 1, trials:",
        "'abc'",
        "not a number",
    ),
    change_case(
        lambda d: d["measurements"][1].update(trials=[500]),
        "measurement 2, trials:",
        "500°",
        "plausible",
    ),
    change_case(
        lambda d: d["pain"][0].update(date="9999-01-01"),
        "pain report 1, date:",
        "9999-01-01 is in the future",
    ),
    change_case(
        lambda d: d["pain"][0].update(date="0001-01-01"),
        "pain report 1, date:",
        "0001-01-01 is too long ago",
    ),
    change_case(
        lambda d: d["notes"][0].update(created="9999-12-30T00:00:00+00:00"),
        "note 1, created:",
        "in the future",
    ),
    change_case(_too_many_records, "100,001 pain report records", "100,000"),
    change_case(_too_many_exercises, "workout 1, exercises: 101 exercises"),
    change_case(
        lambda d: d["profile"].update(person_id=7), "the profile has an unknown field 'person_id'"
    ),
    change_case(lambda d: d.update(secrets=[]), "unknown kind of record 'secrets'"),
    change_case(
        lambda d: d["pain"][0].update(person=7), "pain report 1 has an unknown field 'person'"
    ),
    change_case(lambda d: d["pain"][0].pop("score"), "pain report 1 has no 'score'"),
    change_case(lambda d: d["pain"][0].update(score="abc"), "pain report 1, score:", "not abc"),
    change_case(lambda d: d["pain"][0].update(score=True), "pain report 1, score:", "not True"),
    change_case(lambda d: d["pain"][0].update(when="often"), "unknown pain moment 'often'"),
    change_case(lambda d: d.update(workouts={}), "'workouts' is not a list of records"),
    change_case(lambda d: d["notes"].append("hello"), "note 2 is not a record", '"hello"'),
    change_case(lambda d: d["notes"][0].update(text=" "), "note 1, text: the note is empty"),
    change_case(
        lambda d: d["activities"][0].update(score=11), "activity rating 1, score:", "0 to 10"
    ),
    change_case(
        lambda d: d["screens"][0]["answers"].update(trauma="yes"),
        "red-flag screen 1, answers: the answer to 'trauma' must be true or false",
    ),
    change_case(
        lambda d: d["screens"][0]["answers"].update(dizzy=True),
        "red-flag screen 1, answers: unknown red-flag question 'dizzy'",
    ),
    change_case(
        lambda d: d["workouts"][0]["exercises"][0].update(sets=500),
        "workout 1, exercises: exercise 1: sets of",
        "from 0 to 20, not 500",
    ),
    change_case(
        lambda d: d["workouts"][0]["exercises"][0].update(exercise="moonwalk"),
        "workout 1, exercises: exercise 1, exercise: unknown exercise 'moonwalk'",
    ),
    change_case(
        lambda d: d["workouts"][0].update(date="2026-12-01"),
        "workout 1, date: 2026-12-01 is before any program in the backup started (2026-12-04)",
    ),
    change_case(_same_day, "workouts 1 and 2 are both on 2026-12-04: a day has one workout"),
    change_case(
        lambda d: d["enrollments"][0].update(program="couch-to-5k"),
        "enrollment 1, program: unknown program 'couch-to-5k'",
    ),
    change_case(
        lambda d: d["enrollments"].append(dict(d["enrollments"][0])),
        "enrollments 1 and 2 are both current",
    ),
    change_case(lambda d: d["profile"].update(age=300), "the profile, age: age 300"),
    change_case(lambda d: d["profile"].update(goals=["flying"]), "unknown goal 'flying'"),
    change_case(
        lambda d: d["pain"][0].update(client_key="x"),
        "pain report 1, client_key: client key 'x' is not a UUID",
    ),
    change_case(
        lambda d: d["pain"].append(dict(d["pain"][0])),
        "pain reports 1 and 2 have the same client key",
    ),
    # Checks the declaration makes besides.
    change_case(lambda d: d["notes"][0].update(text="a\0b"), "note 1, text:", "NUL character"),
    change_case(
        lambda d: d["activities"][0].update(activity="run\0"),
        "activity rating 1, activity:",
        "NUL character",
    ),
    change_case(
        lambda d: d["clearances"][0].update(note="\0"), "clearance 1, note:", "NUL character"
    ),
    change_case(lambda d: d["pain"][0].update(client_key=7), "7 is not a client key"),
    change_case(lambda d: d["pain"][0].update(score=2.5), "pain report 1, score:", "not 2.5"),
    change_case(lambda d: d["notes"][0].update(created=None), "note 1, created:", "nothing"),
    change_case(lambda d: d["notes"][0].update(date=20261204), "note 1, date:", "YYYY-MM-DD"),
    change_case(
        lambda d: d["measurements"][0].update(kind="xr"), "measurement 1, kind:", "unknown kind"
    ),
    change_case(
        lambda d: d["measurements"][0].update(trials=[]), "measurement 1, trials:", "one to 5"
    ),
    change_case(
        lambda d: d["measurements"][0].update(trials=[20] * 6), "measurement 1, trials:", "6"
    ),
    change_case(
        lambda d: d["measurements"][0].update(side="both"), "measurement 1, side:", "'both'"
    ),
    change_case(
        lambda d: d["workouts"][0]["exercises"].append(3),
        "workout 1, exercises: exercise 2 is not a record",
    ),
    change_case(
        lambda d: d["workouts"][0]["exercises"][0].update(reps=True),
        "workout 1, exercises: exercise 1: reps of 'glute-ball-release' (left)",
        "not True",
    ),
    change_case(
        lambda d: d["workouts"][0]["exercises"][0].update(mood="good"),
        "workout 1, exercises: exercise 1 has an unknown field 'mood'",
    ),
    change_case(
        lambda d: d["workouts"][0]["exercises"].append(
            dict(d["workouts"][0]["exercises"][0], side="right")
        ),
        "exercises 1 and 2 have the same client key",
    ),
    change_case(
        lambda d: d["enrollments"][0].update(ended="2026-12-01"),
        "enrollment 1, ended: 2026-12-01 is before its start 2026-12-04",
    ),
    change_case(lambda d: d["enrollments"][0].update(version=0), "enrollment 1, version:"),
    change_case(
        lambda d: d["enrollments"][0].update(program="p" * 81), "enrollment 1, program:", "id"
    ),
    change_case(lambda d: d["profile"].update(age=True), "the profile, age:"),
    change_case(
        lambda d: d["profile"].update(time_zone="Mars/Olympus"),
        "the profile, time_zone:",
        "'Mars/Olympus' is not a time zone",
    ),
    change_case(
        lambda d: d["profile"].update(language="klingon"),
        "the profile, language:",
        "'klingon' is not a language hipcoach speaks",
    ),
    change_case(lambda d: d.update(profile=[]), "the profile is not a record"),
    change_case(lambda d: d.update(notes=None), "the backup's 'notes' is not a list of records"),
]


@pytest.mark.parametrize(("change", "messages"), WRONG_RECORDS)
def test_wrong_records_are_refused(good, change, messages) -> None:
    refused(broken(good, change), *messages)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not JSON (Expecting property name"),
        ("", "the file is empty"),
        (b"\xff\xfe\x00{", "not text (byte 1 is not UTF-8)"),
        ("[" * 100_000, "nested too deeply"),
        ('{"format": "other"}', "not a hipcoach backup"),
        ('{"format": "hipcoach-backup", "version": 7, "data": {}}', "backup version 7"),
        ('{"format": "hipcoach-backup", "version": true, "data": {}}', "backup version true"),
        ('{"format": "hipcoach-backup", "version": 1}', "its 'data' is missing"),
        (
            '{"format": "hipcoach-backup", "version": 1, "data": {}, "owner": 3}',
            "the backup's header has an unknown field 'owner'",
        ),
        (
            '{"format": "hipcoach-backup", "version": 1, "data": {}, "taken": "2099-01-01"}',
            "the backup's header, taken: 2099-01-01 is in the future",
        ),
    ],
    ids=[
        "not-json",
        "empty",
        "binary",
        "nested",
        "other-format",
        "version",
        "version-true",
        "no-data",
        "header-field",
        "taken-future",
    ],
)
def test_a_file_that_is_not_a_backup(text, message) -> None:
    refused(text, message)


def test_a_truncated_file(good) -> None:
    text = json.dumps(good, indent=2)
    refused(text[: len(text) // 2], "not JSON", "ends too early")


def test_not_a_number(good) -> None:
    text = json.dumps(good).replace('"trials": [22', '"trials": [NaN', 1)
    assert "NaN" in text
    refused(text, "NaN is not a number a backup can hold")


class Endless(io.RawIOBase):
    """Zeros for ever, counting what was read."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        assert 0 < size <= 2 * restoring.READ_CHUNK, "read in bounded chunks"
        self.read_bytes += size
        return b"\0" * size


def test_an_endless_stream_is_read_only_to_the_limit() -> None:
    stream = Endless()
    with pytest.raises(InputError, match="bigger than 1 MB"):
        restoring.read_limited(stream, limit=1024 * 1024)
    assert stream.read_bytes == 1024 * 1024 + 1


@pytest.mark.parametrize(
    ("goals", "areas", "stops"),
    [(["running"], ["groin"], True), (["running"], ["glute"], False)],
)
def test_a_restored_screen_stops_as_it_would_when_answered(good, goals, areas, stops) -> None:
    # A painful hop stops only in a runner with groin pain (R17); the file's word is not taken.
    document = copy.deepcopy(good)
    document["data"]["profile"].update(goals=goals, pain_areas=areas)
    screen = document["data"]["screens"][0]
    screen["answers"]["painful_hop"] = True
    screen["positive"] = not stops
    backup = read(json.dumps(document).encode())
    assert backup.data.screens[0].positive is stops


def test_the_mean_is_worked_out_from_the_trials(good) -> None:
    document = copy.deepcopy(good)
    document["data"]["measurements"][0].update(trials=[20, 30], mean=89)
    assert read(json.dumps(document).encode()).data.measurements[0].mean == 25


def test_every_kind_of_record_is_declared() -> None:
    """A new kind of record must be declared in the backup format (or this fails)."""
    from django.apps import apps

    from hipcoach.tracking.models import NOT_RECORDS
    from hipcoach.tracking.restoring import RESTORED_MODELS

    kinds = set(apps.get_app_config("tracking").get_models()) - set(NOT_RECORDS)
    assert kinds == set(RESTORED_MODELS)
    for kind in (*KINDS.values(), record_format.Exercise, record_format.Profile):
        columns = {f.name for f in kind.table._meta.fields} - {"id", "person", "workout"}
        assert set(kind.stored()) == columns - {"enrollment"}, kind


def test_the_docs_list_every_kind_and_field() -> None:
    """docs/cli.md's table of the backup file names each kind of record and its fields, in
    the declaration's order (this fails when one is added and not documented)."""
    docs = (Path(__file__).parents[2] / "docs" / "cli.md").read_text()
    table = docs[docs.index("### The backup file") :]
    declared = {"profile": record_format.Profile, **KINDS}
    for name, kind in declared.items():
        row = next(line for line in table.splitlines() if line.startswith(f"| `{name}` |"))
        fields = [*kind.model_fields, *(f for n in kind.nested.values() for f in n.model_fields)]
        at = 0
        for field in fields:
            at = row.index(f"`{field}`", at)  # a ValueError: not documented, or out of order
