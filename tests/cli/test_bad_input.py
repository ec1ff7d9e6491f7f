"""Every kind of mistake: a one-line message, a non-zero exit, nothing written, no traceback."""

from __future__ import annotations

import pytest

from hipcoach.tracking.models import (
    ActivityRating,
    Enrollment,
    ExerciseLog,
    Measurement,
    Note,
    PainReport,
    Profile,
    RedFlagScreen,
    WorkoutLog,
)

TABLES = (
    ActivityRating,
    Enrollment,
    ExerciseLog,
    Measurement,
    Note,
    PainReport,
    Profile,
    RedFlagScreen,
    WorkoutLog,
)
M = ["measure", "--position", "prone", "--method", "phone"]

MISTAKES = {
    "pain above ten": (["pain", "--during", "11"], "from 0 (none) to 10"),
    "pain below zero": (["pain", "--rest", "-1"], "from 0 (none) to 10"),
    "pain in the future": (["pain", "--rest", "2", "--date", "2026-02-01"], "in the future"),
    "a date that is not a date": (["pain", "--rest", "2", "--date", "05/01/2026"], "YYYY-MM-DD"),
    "a pain side that is not a side": (
        ["pain", "--rest", "2", "--side", "middle"],
        "unknown pain side 'middle'",
    ),
    "a pain place not in the list": (
        ["pain", "--rest", "2", "--place", "hamstring"],
        "unknown pain place 'hamstring'",
    ),
    "an implausible angle": (
        [*M, "--left", "140", "--right", "30"],
        "not a plausible hip rotation",
    ),
    "a negative angle": ([*M, "--left", "-5"], "not a plausible hip rotation"),
    "an unknown position": (
        ["measure", "--position", "standing", "--method", "phone", "--left", "30"],
        "unknown position 'standing'",
    ),
    "an unknown method": (
        ["measure", "--position", "prone", "--method", "ruler", "--left", "30"],
        "unknown method 'ruler'",
    ),
    "an unknown kind": ([*M, "--kind", "abduction", "--left", "30"], "unknown kind 'abduction'"),
    "too many trials": ([*M, *["--left", "30"] * 6], "trials for the left side"),
    "a measurement in the future": ([*M, "--left", "30", "--date", "2027-01-01"], "in the future"),
    "an unknown status": (["log", "--status", "half"], "unknown status 'half'"),
    "an unknown side": (
        ["log", "--exercise", "prone-ir-activation", "--side", "middle"],
        "unknown side 'middle'",
    ),
    "an unknown exercise": (
        ["log", "--exercise", "prone-ir-activaton"],
        "did you mean 'prone-ir-activation'",
    ),
    "a log in the future": (["log", "--date", "2026-01-06"], "in the future"),
    "a log before the start": (["log", "--date", "2026-01-01"], "before your program started"),
    "an unknown goal": (
        ["init", "--yes", "--restart", "--program", "hip-ir-primer", "--goal", "dancing"],
        "unknown goal 'dancing'",
    ),
    "an unknown pain area": (
        ["init", "--yes", "--restart", "--program", "hip-ir-primer", "--pain-area", "elbow"],
        "unknown pain area 'elbow'",
    ),
    "an implausible age": (
        ["init", "--yes", "--restart", "--program", "hip-ir-primer", "--age", "300"],
        "age 300",
    ),
    "a start in the future": (
        ["init", "--yes", "--restart", "--program", "hip-ir-primer", "--start", "2026-03-01"],
        "in the future",
    ),
    "an unknown program": (
        ["init", "--yes", "--restart", "--program", "couch-to-5k"],
        "unknown program 'couch-to-5k'",
    ),
    "an unknown export format": (["export", "--format", "xml"], "unknown format 'xml'"),
    "a rating out of range": (["activities", "--rate", "run 5 km=12"], "from 0 to 10"),
    "a rating without a score": (["activities", "--rate", "run 5 km"], 'e.g. "run 5 km=4"'),
    "an empty note": (["note", "  "], "the note is empty"),
}


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


@pytest.mark.parametrize("args, message", MISTAKES.values(), ids=MISTAKES.keys())
def test_a_mistake_is_one_line_and_writes_nothing(enrolled, args, message) -> None:
    before = counts()
    result = enrolled(*args, ok=False)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.output
    assert counts() == before


@pytest.mark.parametrize(
    "args",
    [
        ["today"],
        ["go", "--yes", "--pace", "0"],
        ["log"],
        ["pain", "--rest", "2"],
        [*M, "--left", "30"],
        ["progress"],
        ["export"],
        ["backup", "x.json"],
        ["note", "hello"],
        ["screen", "--yes"],
    ],
    ids=lambda a: a[0],
)
def test_before_init_every_command_says_to_run_init(coach, args) -> None:
    result = coach(*args, ok=False)
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: hipcoach is not set up yet: run `hipcoach init` first"
    assert counts() == {model.__name__: 0 for model in TABLES}


def test_a_word_where_a_number_goes_is_refused_by_the_parser(enrolled) -> None:
    result = enrolled("pain", "--rest", "lots", ok=False)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not PainReport.objects.exists()


def test_an_unreachable_database_is_one_line(enrolled, monkeypatch) -> None:
    from django.db import OperationalError

    import hipcoach.tracking.workouts as workouts

    def broken(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused\nIs it running?")

    monkeypatch.setattr(workouts, "report_pain", broken)
    result = enrolled("pain", "--rest", "2", ok=False)
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == "error: the database cannot be used: could not connect to server: Connection refused"
    )
