"""The pass's shortcuts decide what the long way decides: a flare without its baseline, the
latest strength step kept as a running value, and the collector held off while a pass runs."""

from __future__ import annotations

import datetime as dt
import gc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hipcoach.engine.collector import held_off
from hipcoach.engine.constants import FLARE_RISE, LOAD_STEP_MIN_DAYS
from hipcoach.engine.pain import PainDiary
from hipcoach.engine.strength import StrengthSteps
from hipcoach.engine.types import PainReport
from hipcoach.vocabulary import PainTiming

START = dt.date(2026, 3, 2)

reports = st.lists(
    st.tuples(
        st.integers(0, 60),
        st.sampled_from(["rest", "next_morning", "during"]),
        st.integers(0, 10),
    ),
    max_size=80,
)


@settings(max_examples=150, deadline=None)
@given(reports)
def test_a_flare_is_what_the_baseline_says(made: list[tuple[int, str, int]]) -> None:
    diary = PainDiary(
        PainReport(START + dt.timedelta(days=day), PainTiming(when), score)
        for day, when, score in made
    )
    for day in range(START.toordinal(), START.toordinal() + 62):
        score = diary.morning.get(day)
        base = diary.baseline(day)
        flare = score is not None and base is not None and score >= base + FLARE_RISE
        assert diary.flare(day) == ((score, base) if flare else None)


def _stepping(last_change: dict[str, int], d: int) -> dict[str, int]:
    """`StrengthSteps.stepping` the long way: every exercise's last step looked at."""
    return {
        e: day + LOAD_STEP_MIN_DAYS - d
        for e, day in last_change.items()
        if d - day < LOAD_STEP_MIN_DAYS
    }


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "c", "restart"]), st.integers(0, 40)),
        max_size=30,
    )
)
def test_the_latest_step_kept_is_the_latest_step(steps: list[tuple[str, int]]) -> None:
    watch = StrengthSteps()
    for what, d in steps:  # days in any order, as no pass makes them: the running value copes
        if what == "restart":
            watch.restart()
        else:
            watch.changed(frozenset({what}), d)
        for today in (d, d + 3, d + 8):
            assert watch.stepping(today) == _stepping(watch.last_change, today)


def test_the_collector_is_held_off_for_a_pass_and_back_as_it_was() -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        with held_off():
            assert not gc.isenabled()
            with held_off():  # another pass at the same time
                assert not gc.isenabled()
            assert not gc.isenabled()  # the first is still running
        assert gc.isenabled()
        with pytest.raises(ValueError), held_off():
            raise ValueError("a pass that fails")
        assert gc.isenabled()
        gc.disable()  # a terminal command starts with it off: a pass leaves it off
        with held_off():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()
