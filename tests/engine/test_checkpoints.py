"""The planner resumed from a checkpoint plans every day as it would from the start.

A checkpoint is the planner's state at the end of a day (`engine.checkpoint`). Over random
people (the draw of `test_properties`, with an age, strength logs, clearances and activity
scores added so every rule family carries state) and random write orders, the plans made
incrementally (records arriving one at a time, each write dropping the checkpoints from its
date on, each look resuming from the latest one left) equal the plans from scratch, day for
day and field for field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from enginekit import Diary, steady
from hypothesis import given
from hypothesis import strategies as st
from test_properties import PROGRAMS, PROPERTY_SETTINGS, START, people

from hipcoach.engine.checkpoint import FORMAT, Checkpoint, CheckpointError
from hipcoach.engine.history_by_day import HistoryByDay
from hipcoach.engine.person import PersonWatch
from hipcoach.engine.planner import (
    _CARRIED,
    _DERIVED,
    INPUTS,
    TESTS_LOOKBACK_DAYS,
    _Planner,
    plan_days,
    plan_days_from,
)
from hipcoach.engine.tagged import decode, encode
from hipcoach.engine.types import (
    ExerciseLog,
    History,
    PainReport,
    Profile,
    RedFlagScreen,
    WorkoutLog,
)
from hipcoach.vocabulary import PainPlace, Side, WorkoutStatus


def _date(d: int) -> dt.date:
    return START + dt.timedelta(days=d)


@st.composite
def richer_people(draw):
    """`people()` with what it leaves out: an age (R15, R16), strength sets beating their
    targets (R10), clearances (R12, R19) and activity scores (R13)."""
    program, library, profile, history, days = draw(people())
    age = draw(st.none() | st.integers(12, 80))
    strength = sorted(e.id for e in library.values() if e.category.value == "strength")
    workouts = []
    keen = draw(st.booleans())  # every day done, beating the targets, with mild pain
    if keen:
        history = dataclasses.replace(
            history,
            workouts=tuple(WorkoutLog(_date(d), WorkoutStatus.done) for d in range(days + 1)),
            pain=tuple(
                PainReport(
                    _date(d),
                    "during",
                    draw(st.sampled_from([0, 1, 2, 2, 3, 5])),
                    draw(st.sampled_from([Side.both, Side.left, Side.right])),
                    draw(st.sampled_from([PainPlace.high_hamstring, PainPlace.knee])),
                )
                for d in range(days + 1)
            ),
        )
    for log in history.workouts:
        if strength and log.status != "skipped" and (keen or draw(st.booleans())):
            reps = 30 if keen else draw(st.integers(4, 20))
            logs = tuple(
                ExerciseLog(e, side, WorkoutStatus.done, sets=2, reps=reps)
                for e in strength
                for side in (Side.left, Side.right)
            )
            log = WorkoutLog(log.date, log.status, logs)
        workouts.append(log)
    cleared = draw(st.lists(st.integers(0, days), max_size=2))
    screens = history.screens + tuple(RedFlagScreen(_date(d), (), cleared=True) for d in cleared)
    psfs = draw(st.lists(st.tuples(st.integers(0, days), st.integers(0, 10)), max_size=4))
    history = dataclasses.replace(
        history,
        workouts=tuple(workouts),
        screens=tuple(sorted(screens, key=lambda s: s.date)),
        outcomes=tuple((_date(d), "psfs", float(score)) for d, score in psfs),
    )
    return program, library, dataclasses.replace(profile, age=age), history, days


def _records(history: History) -> list[tuple[dt.date, str, object]]:
    """Every record of `history` with its date, as a list of writes."""
    found: list[tuple[dt.date, str, object]] = []
    for name in ("measurements", "pain", "workouts", "screens"):
        found += [(r.date, name, r) for r in getattr(history, name)]
    found += [(d, "running_days", d) for d in history.running_days]
    found += [(o[0], "outcomes", o) for o in history.outcomes]
    return found


def _history(records: list[tuple[dt.date, str, object]]) -> History:
    """The history of the records written so far (screens in date order, as stored)."""
    by: dict[str, list] = {}
    for _, name, record in sorted(records, key=lambda r: r[0]):
        by.setdefault(name, []).append(record)
    return History(
        measurements=tuple(by.get("measurements", ())),
        pain=tuple(by.get("pain", ())),
        workouts=tuple(by.get("workouts", ())),
        screens=tuple(by.get("screens", ())),
        running_days=frozenset(by.get("running_days", ())),
        outcomes=tuple(by.get("outcomes", ())),
    )


def _since(history: History, first: dt.date | None) -> History:
    """The records a pass resumed from a checkpoint reads: those dated from `first` on (all
    when None), in their order, and the screens whole."""
    if first is None:
        return history
    return dataclasses.replace(
        history,
        measurements=tuple(m for m in history.measurements if m.date >= first),
        pain=tuple(r for r in history.pain if r.date >= first),
        workouts=tuple(w for w in history.workouts if w.date >= first),
        running_days=frozenset(d for d in history.running_days if d >= first),
        outcomes=tuple(o for o in history.outcomes if o[0] >= first),
    )


def _stored(checkpoint: Checkpoint) -> Checkpoint:
    """The checkpoint as a database would give it back: through its JSON text."""
    return Checkpoint.from_json(json.loads(json.dumps(checkpoint.to_json())))


@PROPERTY_SETTINGS
@given(richer_people(), st.data())
def test_a_plan_resumed_from_any_checkpoint_equals_the_plan_from_scratch(person, data) -> None:
    """A checkpoint made from only the records dated up to its day (a later write does not
    touch it) resumes to the same plans, every day after it, as the pass from day 0, without
    the exercise logs of the days before it nor their older tests."""
    program, library, profile, history, days = person
    end = _date(days)
    scratch = plan_days(program, library, profile, history, START, end)
    day = data.draw(st.integers(0, days), label="checkpoint day")
    before = _history([r for r in _records(history) if r[0] <= _date(day)])
    plans, kept = plan_days_from(
        None, program, library, profile, before, START, _date(day), keep={day}
    )
    assert plans == scratch[: day + 1]
    # the exercise logs of the workouts before the checkpoint's day are not needed, nor any
    # record dated before its `reads_from` (but the screens): those it needs, it carries
    assert kept[0].reads_from is not None
    assert kept[0].reads_from <= _date(day - TESTS_LOOKBACK_DAYS)
    trimmed = _since(history, kept[0].reads_from)
    trimmed = dataclasses.replace(
        trimmed,
        workouts=tuple(
            w if w.date >= _date(day) else dataclasses.replace(w, exercises=())
            for w in trimmed.workouts
        ),
    )
    resumed, _ = plan_days_from(_stored(kept[0]), program, library, profile, trimmed, START, end)
    assert [p.day for p in resumed] == list(range(day + 1, days + 1))
    for got, want in zip(resumed, scratch[day + 1 :], strict=True):
        assert got == want, f"day {want.day}"


EVERY = 3  # a checkpoint every few days, so that short histories have several


@PROPERTY_SETTINGS
@given(richer_people(), st.randoms(use_true_random=False))
def test_plans_kept_up_incrementally_through_random_writes_equal_the_plans_from_scratch(
    person, random
) -> None:
    """Records arrive in a random order, the past included; each write drops the checkpoints
    from its date on; after each, today's plan resumes from the latest checkpoint left and
    keeps new ones: every plan equals the pass from day 0 over the records written so far."""
    program, library, profile, history, days = person
    writes = _records(history)
    random.shuffle(writes)
    writes = writes[: min(len(writes), 12)]
    end = _date(days)
    store: dict[int, Checkpoint] = {}  # day → checkpoint, as the database keeps them
    written: list[tuple[dt.date, str, object]] = []
    for write in writes:
        written.append(write)
        store = {d: c for d, c in store.items() if c.date < write[0]}
        now = _history(written)
        latest = store[max(store)] if store else None
        first = latest.day + 1 if latest else 0
        keep = {n for n in range(first, days) if (n + 1) % EVERY == 0}
        read = _since(now, latest.reads_from if latest else None)
        plans, kept = plan_days_from(latest, program, library, profile, read, START, end, keep=keep)
        store |= {c.day: _stored(c) for c in kept}
        scratch = plan_days(program, library, profile, now, START, end)
        assert plans == scratch[first:]


def test_every_attribute_of_the_planner_is_an_input_or_kept() -> None:
    """A new attribute of the planner must be named: carried (kept in a checkpoint), a rule
    family (whose attributes are all kept unless named as derived), or an input."""
    from enginekit import LIBRARY, MINI

    from hipcoach.engine.types import Profile

    profile, history = Profile(), History()
    planner = _Planner(
        MINI,
        LIBRARY,
        profile,
        HistoryByDay(history, profile),
        START,
        (),
        PersonWatch(profile, history),
        {},
    )
    assert set(vars(planner)) == set(_CARRIED) | set(_DERIVED) | INPUTS
    for name, derived in _DERIVED.items():
        assert derived <= set(vars(getattr(planner, name))), name


def test_a_checkpoint_of_another_program_start_or_format_is_refused() -> None:
    from enginekit import LIBRARY, MINI

    from hipcoach.engine.types import Profile

    _, kept = plan_days_from(None, MINI, LIBRARY, Profile(), History(), START, _date(3), keep={2})
    with pytest.raises(CheckpointError):
        plan_days_from(kept[0], MINI, LIBRARY, Profile(), History(), _date(1), _date(5))
    other = dataclasses.replace(kept[0], program="another")
    with pytest.raises(CheckpointError):
        plan_days_from(other, MINI, LIBRARY, Profile(), History(), START, _date(5))
    with pytest.raises(CheckpointError):
        Checkpoint.from_json({**kept[0].to_json(), "format": FORMAT + 1})


def test_the_state_codec_makes_only_the_named_classes() -> None:
    value = {("ir", "prone", "phone"): [(1, None), (2, "left")], "s": {1, 2}, "f": frozenset()}
    assert decode(json.loads(json.dumps(encode(value)))) == value
    with pytest.raises(TypeError):
        encode(object())
    with pytest.raises(KeyError):
        decode({"o": "Popen", "v": {}})


@pytest.mark.parametrize("which", range(len(PROGRAMS)))
def test_a_pass_resumed_after_the_programs_end_sees_the_re_test_before_its_checkpoint(
    which,
) -> None:
    """The end notice asks for an outcome re-test until one is recorded since the end day: a
    test between the end day and the checkpoint is read from the records, not the state."""
    program, library = PROGRAMS[which]
    end_day = program.weeks * 7
    diary = steady(end_day + 10).measure(0, 25, 35).measure(end_day + 1, 30, 36)
    history = diary.history()
    end = _date(end_day + 10)
    scratch = plan_days(program, library, Profile(), history, START, end)
    day = end_day + 3
    _, kept = plan_days_from(None, program, library, Profile(), history, START, end, keep={day})
    trimmed = dataclasses.replace(
        history,
        measurements=tuple(
            m for m in history.measurements if m.date >= _date(day - TESTS_LOOKBACK_DAYS)
        ),
    )
    resumed, _ = plan_days_from(kept[0], program, library, Profile(), trimmed, START, end)
    assert resumed == scratch[day + 1 :]


def _flare_then_no_morning_reports() -> Diary:
    diary = Diary().works_out_daily(0, 80).hurts_daily(0, 80, 2)
    return diary.hurts_daily(0, 20, 2, "next_morning").hurts(21, 5, "next_morning")


@pytest.mark.parametrize(
    ("diary", "rule", "words"),
    [
        # R13 compares the pain now with the run's first week, long before the checkpoint
        (
            Diary().works_out_daily(0, 80).hurts_daily(0, 6, 5).hurts_daily(7, 80, 4),
            "R13",
            "pain has gone from an average of 5.0 to 4.0",
        ),
        # R13 compares the first activity score of the run with the latest
        (
            steady(80).scores_psfs(3, 3.0).scores_psfs(10, 3.5),
            "R13",
            "your activity scores have moved +0.5",
        ),
        # R9: a flare's level waits for the latest morning report, however old, to settle
        (_flare_then_no_morning_reports(), "R9", "has not come back to your usual 2/10"),
        # R18: the safety questions wait for the latest severe report, however old
        (steady(80).hurts(15, 9), "R18", "You reported pain of 9/10 during a workout"),
    ],
)
def test_a_resumed_pass_carries_the_older_records_it_still_looks_at(diary, rule, words) -> None:
    """Records long before the checkpoint that a later day still reads are carried in it: the
    pass resumed without them (read from `reads_from` on) plans as the pass from day 0."""
    from enginekit import LIBRARY, MINI

    history, day, days = diary.history(), 60, 80
    scratch = plan_days(MINI, LIBRARY, Profile(), history, START, _date(days))
    assert any(
        d.rule == rule and words in d.reason for p in scratch[day + 1 :] for d in p.decisions
    ), "the case does not show the rule after the checkpoint"
    _, kept = plan_days_from(None, MINI, LIBRARY, Profile(), history, START, _date(day), keep={day})
    assert kept[0].reads_from is not None and kept[0].reads_from > _date(21)
    read = _since(history, kept[0].reads_from)
    resumed, _ = plan_days_from(
        _stored(kept[0]), MINI, LIBRARY, Profile(), read, START, _date(days)
    )
    assert resumed == scratch[day + 1 :]
