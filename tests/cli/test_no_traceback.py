"""No traceback for a person's mistake: a clear message and a non-zero exit, whatever was wrong
(the settings, a command's input, a backup's content), and a typo in `init` is asked again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hipcoach.tracking.models import Enrollment, Measurement, Profile, RedFlagScreen
from hipcoach.vocabulary import RedFlag

HIPCOACH = str(Path(sys.executable).with_name("hipcoach"))


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "HIPCOACH_USER")}
    base |= {"HIPCOACH_HOME": str(tmp_path / "home"), "COLUMNS": "200"} | env
    return subprocess.run(
        [HIPCOACH, *args],
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    "setting, message",
    [
        ({"DATABASE_URL": "mongo://db.example/hipcoach"}, "its scheme 'mongo' is not a database"),
        ({"DATABASE_URL": "nonsense"}, "it has no scheme such as postgres://"),
        ({"DATABASE_URL": "postgres://u:p@h:port/db"}, "it is not an address (check the port"),
    ],
    ids=["unknown-scheme", "no-scheme", "bad-port"],
)
def test_a_database_url_that_cannot_be_used(tmp_path, setting, message) -> None:
    result = run(tmp_path, "today", **setting)
    assert result.returncode == 2, result.stderr
    assert "Cannot start: DATABASE_URL cannot be used: " + message in " ".join(
        result.stderr.split()
    )
    assert "Traceback" not in result.stderr


def test_a_data_home_that_is_a_file(tmp_path) -> None:
    afile = tmp_path / "a-file"
    afile.write_text("not a folder")
    for home in (afile, afile / "inside"):
        for command in (["today"], ["init", "--yes", "--program", "hip-ir-primer"], ["export"]):
            result = run(tmp_path, *command, HIPCOACH_HOME=str(home))
            assert result.returncode == 2, result.stderr
            said = " ".join(result.stderr.split())
            assert (
                f"Cannot start: the data folder {home.parent if home != afile else afile}" in said
            )
            assert "point HIPCOACH_HOME at a folder" in said
            assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["data"]["pain"][0].update(date="2026-02-30"), "pain report 1, date:"),
        (lambda d: d["data"]["pain"][0].update(date=20260105), "is not a date written"),
        (lambda d: d.update(taken="yesterday"), 'taken: "yesterday" is not a time'),
        (lambda d: d["data"].update(pains=[]), "unknown kind of record 'pains'"),
        (lambda d: d["data"].update(profile=[]), "the profile is not a record"),
        (lambda d: d.update(version="1"), 'backup version "1"'),
        (lambda d: d.update(data=[]), "its 'data' is missing"),
    ],
    ids=["bad-date", "number-date", "bad-taken", "wrong-key", "bad-profile", "version", "data"],
)
def test_bad_dates_and_keys_in_a_backup(enrolled, tmp_path, change, message) -> None:
    enrolled("pain", "--rest", "2")
    path = tmp_path / "backup.json"
    enrolled("backup", str(path))
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))
    result = enrolled("restore", str(path), "--force", ok=False)
    assert result.exit_code == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_interactive_init_asks_again_after_a_typo(coach) -> None:
    answers = [
        *("flying", "1"),  # goals: an unknown one, then running
        "2",  # pain area: glute
        *("forty", "400", "40"),  # age: a word, an impossible age, then 40
        *("maybe", "n"),  # the first red-flag question: neither yes nor no, then no
        *["n"] * (len(RedFlag) - 1),
        "y",  # measure now
        *("standing", "prone"),  # position
        "phone",
        *("20", "abc", "21", "22"),  # left trials, one typo
        *("30", "500", "31", "32"),  # right trials, one impossible angle
        *("couch-to-5k", "hip-ir-primer"),  # program
    ]
    result = coach("init", input="\n".join(answers) + "\n")
    said = " ".join(result.stdout.split())
    for retried in (
        "unknown goal 'flying'",
        "'forty' is not an age",
        "age 400 is not plausible",
        "'maybe': answer y (yes) or n (no)",
        "unknown position 'standing'",
        "'abc' is not a number of degrees",
        "angle 500° is not a plausible hip rotation",
        "unknown program 'couch-to-5k'",
    ):
        assert f"{retried}" in said and "Try again." in said, retried
    profile = Profile.objects.get()
    assert profile.goals == ["running"] and profile.pain_areas == ["glute"] and profile.age == 40
    assert not RedFlagScreen.objects.get().positive
    assert Measurement.objects.get(side="left").trials == [20.0, 21.0, 22.0]
    assert Measurement.objects.get(side="right").trials == [30.0, 31.0, 32.0]
    assert Enrollment.objects.get().program == "hip-ir-primer"


def test_when_input_ends_after_a_typo_it_stops_cleanly_and_writes_nothing(coach) -> None:
    answers = ["1", "2", "40", *["n"] * len(RedFlag), "y", "prone", "phone", "abc"]  # then nothing
    result = coach("init", input="\n".join(answers) + "\n", ok=False)
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: no angle given: type the degrees, e.g. 25"
    assert "Traceback" not in result.output
    assert not Profile.objects.exists() and not Measurement.objects.exists()


def test_serving_on_a_port_already_taken(tmp_path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(tmp_path, "serve", "--port", str(port))
    assert result.returncode == 2, result.stderr
    said = " ".join(result.stderr.split())
    assert f"Cannot start: 127.0.0.1:{port} cannot be used (Address already in use)" in said
    assert "Choose another with --port" in said and "Traceback" not in result.stderr


def test_validating_a_path_too_long_for_the_system_is_one_short_problem(tmp_path) -> None:
    result = run(tmp_path, "program", "validate", "x" * 5000)
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    output = (result.stdout + result.stderr).splitlines()
    (line,) = [ln for ln in output if "cannot be read" in ln]
    assert line.endswith(":1: cannot be read: File name too long") and len(line) < 200
