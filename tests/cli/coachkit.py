"""Helpers for the terminal coach's tests (a module of its own: `conftest` names clash).

The terminal coach through Typer's runner: a temporary data home, frozen time, the test DB.

`hipcoach` commands run in-process against pytest-django's database (SQLite or, with
DATABASE_URL set, PostgreSQL); HIPCOACH_HOME points at a temporary folder so nothing touches
the real per-user data. Time is frozen with time-machine and moved on by the tests.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import time_machine
from typer.testing import CliRunner

from hipcoach.cli import app

START = dt.date(2026, 1, 5)  # a Monday; day 0 of the journeys
BASELINE = [
    "--position",
    "prone",
    "--method",
    "inclinometer",
    "--ir-left",
    "22",
    "--ir-left",
    "24",
    "--ir-left",
    "23",
    "--ir-right",
    "35",
    "--ir-right",
    "36",
    "--ir-right",
    "34",
]
INIT = [
    "init",
    "--yes",
    "--program",
    "hip-ir-primer",
    "--goal",
    "running",
    "--age",
    "34",
    *BASELINE,
]


class Coach:
    """Runs `hipcoach` commands and moves the clock."""

    def __init__(self, traveller: time_machine.Coordinates, home: Path) -> None:
        self.traveller = traveller
        self.home = home
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, ok: bool = True):
        result = self.runner.invoke(app, list(args), input=input, catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, f"hipcoach {' '.join(args)} failed:\n{result.output}"
        return result

    def json(self, *args: str):
        import json

        return json.loads(self(*args).stdout)

    @property
    def today(self) -> dt.date:
        return dt.date.today()

    def to(self, day: dt.date) -> None:
        self.traveller.move_to(dt.datetime.combine(day, dt.time(8, 0), tzinfo=dt.UTC))

    def next_day(self) -> None:
        self.to(self.today + dt.timedelta(days=1))
