"""Fixtures for the terminal coach's tests: see `coachkit`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from coachkit import INIT, START, Coach


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HIPCOACH_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("HIPCOACH_USER", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    return tmp_path / "home"


@pytest.fixture
def coach(db, home: Path) -> Iterator[Coach]:
    with time_machine.travel(
        dt.datetime.combine(START, dt.time(8, 0), tzinfo=dt.UTC), tick=False
    ) as t:
        yield Coach(t, home)


@pytest.fixture
def enrolled(coach: Coach) -> Coach:
    coach(*INIT)
    return coach
