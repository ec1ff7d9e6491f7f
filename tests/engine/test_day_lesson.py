"""The day's lesson is the plan's: the phase's lessons take turns on workout days, the same on
every front end, and a day without a workout names none."""

from __future__ import annotations

import datetime as dt

from enginekit import Diary

from hipcoach.content.loader import load_library
from hipcoach.engine.planner import plan_days
from hipcoach.engine.types import Profile, RedFlagScreen

LIBRARY = load_library()
PRIMER = LIBRARY.programs["hip-ir-primer"]


def _plans(history, days: int):
    start = dt.date(2026, 1, 5)
    return plan_days(
        PRIMER,
        LIBRARY.exercises,
        Profile(),
        history,
        start,
        start + dt.timedelta(days=days),
        lessons=LIBRARY.lessons,
    )


def test_the_phases_lessons_take_turns_one_a_day() -> None:
    plans = _plans(Diary().works_out_daily(0, 6).history(), 6)
    phase = next(p for p in PRIMER.phases if p.id == plans[0].phase)
    assert phase.learn
    for plan in plans:
        expected = LIBRARY.lessons[phase.learn[plan.day % len(phase.learn)]]
        assert plan.lesson is not None
        assert (plan.lesson.id, plan.lesson.title, plan.lesson.summary) == (
            expected.id,
            expected.title,
            expected.summary,
        )
        assert plan.to_json()["lesson"]["title"] == expected.title


def test_a_stopped_day_names_no_lesson() -> None:
    diary = Diary()
    diary.screens.append(RedFlagScreen(date=diary.start, answers=(("trauma", True),)))
    [plan] = _plans(diary.history(), 0)
    assert plan.stop and plan.lesson is None and plan.to_json()["lesson"] is None
