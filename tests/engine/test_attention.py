"""Who needs attention first (`engine.attention`): each reason fires on its own, in words,
and a more pressing reason always outranks any number of less pressing ones."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from hipcoach.engine.attention import (
    LOW_ADHERENCE_WORKOUTS_7,
    NO_DATA_DAYS,
    WEIGHTS,
    Standing,
    need,
    reasons,
)
from hipcoach.engine.constants import GREEN_MAX

TODAY = dt.date(2026, 3, 2)
ON_TRACK = Standing(today=TODAY, program="hip-foundations", day=20, last_data=TODAY, workouts_7=6)


def rules(standing: Standing) -> list[str]:
    return [rule for rule, _ in reasons(standing)]


def test_someone_on_track_needs_nothing() -> None:
    assert reasons(ON_TRACK) == [] and need([]) == 0


def test_each_reason_in_words() -> None:
    from dataclasses import replace

    red = replace(ON_TRACK, stop=True, flags=("red_flag",))
    assert rules(red) == ["A1"] and "red-flag" in reasons(red)[0][1]
    assert rules(replace(ON_TRACK, flags=("refer",))) == ["A1"]
    pain = replace(ON_TRACK, pain_score=GREEN_MAX + 3, pain_when="next_morning", pain_date=TODAY)
    assert reasons(pain) == [
        ("A2", f"pain 6/10 (next morning) on 2 Mar, above the green zone ({GREEN_MAX} or less)")
    ]
    old_pain = replace(pain, pain_date=TODAY - dt.timedelta(days=30))
    assert rules(old_pain) == []
    assert rules(replace(ON_TRACK, flags=("pain_flare",))) == ["A2"]
    assert rules(replace(ON_TRACK, stop=True)) == ["A3"]
    quiet = replace(ON_TRACK, last_data=TODAY - dt.timedelta(days=NO_DATA_DAYS + 2))
    assert reasons(quiet) == [("A4", f"no data for {NO_DATA_DAYS + 2} days (the last on 21 Feb)")]
    assert rules(replace(ON_TRACK, flags=("reassess",))) == ["A5"]
    low = replace(ON_TRACK, workouts_7=LOW_ADHERENCE_WORKOUTS_7 - 1)
    assert rules(low) == ["A6"] and "in the last 7 days" in reasons(low)[0][1]
    assert rules(replace(low, day=3)) == []  # not a full week yet


standings = st.builds(
    Standing,
    today=st.just(TODAY),
    program=st.sampled_from(["", "hip-foundations"]),
    day=st.one_of(st.none(), st.integers(0, 200)),
    stop=st.booleans(),
    flags=st.lists(
        st.sampled_from(["red_flag", "refer", "pain_flare", "reassess", "bony_block_suspected"]),
        unique=True,
    ).map(tuple),
    pain_score=st.one_of(st.none(), st.integers(0, 10)),
    pain_date=st.one_of(st.none(), st.dates(TODAY - dt.timedelta(days=40), TODAY)),
    last_data=st.one_of(st.none(), st.dates(TODAY - dt.timedelta(days=40), TODAY)),
    workouts_7=st.integers(0, 7),
)


@given(standings, standings)
def test_the_most_pressing_first_reason_ranks_first(a: Standing, b: Standing) -> None:
    first_a, first_b = rules(a)[:1], rules(b)[:1]
    if first_a and first_b and WEIGHTS[first_a[0]] > WEIGHTS[first_b[0]]:
        assert need(reasons(a)) > need(reasons(b))
    found = rules(a)
    assert found == sorted(found)  # most pressing first
