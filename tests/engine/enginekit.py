"""Builders for engine tests: a small library, a small four-phase program, and a diary.

The program mirrors the shape of hip-foundations (mobility → activation → strength →
function, gates as data) with a handful of exercises, so each rule can be tried in a few
lines. The cast of people lives in the tests that use them; `Diary` writes their history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hipcoach.content.schema import Exercise, Program
from hipcoach.engine.choices import Choice
from hipcoach.engine.planner import plan_days
from hipcoach.engine.types import (
    DayPlan,
    ExerciseLog,
    History,
    Measurement,
    PainReport,
    Profile,
    RedFlagScreen,
    WorkoutLog,
)
from hipcoach.vocabulary import PainPlace, PainTiming, Side

START = dt.date(2026, 1, 5)


def exercise(
    id: str,
    category: str = "stretch",
    *,
    per_side: bool = True,
    dose: dict | None = None,
    regressions: Iterable[str] = (),
    tags: Iterable[str] = (),
    alternative: str | None = None,
    targets: Iterable[str] = ("hip_internal_rotation",),
    position: str = "supine",
) -> Exercise:
    return Exercise.model_validate(
        {
            "id": id,
            "name": id.replace("-", " ").capitalize(),
            "category": category,
            "targets": list(targets),
            "position": position,
            "starting_position": "Lie on your back with the knees bent.",
            "per_side": per_side,
            "dose": dose or {"sets": 2, "hold_s": 30},
            "steps": ["Move into position.", "Hold or repeat as dosed."],
            "cues": ["Breathe slowly."],
            "faults": [{"fault": "Rushing it.", "fix": "Slow down."}],
            "regressions": list(regressions),
            "dynamic_alternative": alternative,
            "contraindications": list(tags),
            "why": "A test exercise for the engine's rules.",
        }
    )


LIBRARY: dict[str, Exercise] = {
    e.id: e
    for e in (
        exercise("ir-stretch", alternative="ir-swing"),
        exercise("ir-swing", "dynamic", dose={"reps": 10}),
        exercise(
            "pigeon",
            tags=("deep_hip_flexion", "ischial_compression", "long_static_hold"),
            regressions=("figure-four", "wall-glute"),
            targets=("glutes",),
            alternative="leg-swing",
        ),
        exercise("figure-four", tags=("deep_hip_flexion",), targets=("glutes",)),
        exercise("wall-glute", targets=("glutes",), alternative="leg-swing", position="standing"),
        exercise("leg-swing", "dynamic", dose={"reps": 10}, position="standing"),
        exercise(
            "hamstring-stretch", tags=("straight_leg_hamstring_stretch",), targets=("hamstrings",)
        ),
        exercise("end-range-ir", tags=("end_range_rotation",)),
        exercise(
            "ir-activation",
            "activation",
            dose={"reps": 8, "hold_s": 2},
            regressions=("ir-activation-easy",),
        ),
        exercise("ir-activation-easy", "activation", dose={"reps": 6}),
        exercise("bridge", "activation", per_side=False, dose={"sets": 2, "reps": 10}),
        exercise(
            "banded-ir",
            "strength",
            dose={"sets": 2, "reps": 8, "load": "light band"},
            position="seated",
        ),
        exercise("single-leg-bridge", "strength", dose={"sets": 2, "reps": 8}),
        exercise("split-squat", "functional", dose={"sets": 2, "reps": 8}, position="standing"),
    )
}

MOBILITY_GATE = {
    "min_days": 14,
    "max_days": 21,
    "criteria": [
        {"measure": "ir_prone", "at_least": 30},
        {"measure": "green_days", "at_least": 5, "window_days": 7},
        {"measure": "adherence", "at_least": 0.7, "window_days": 14},
    ],
}


def _phase(
    id: str,
    blocks: list[dict],
    gate: dict | None,
    weeks: list[dict] | None = None,
    budget: float | None = None,
) -> dict:
    phase = {
        "id": id,
        "name": id.capitalize(),
        "goal": f"The {id} phase of the test program.",
        "workouts": [{"id": f"{id}-a", "name": f"{id.capitalize()} A", "blocks": blocks}],
        "schedule": [f"{id}-a"] * 7,
        "weeks": weeks or [],
        "gate": gate,
    }
    if budget is not None:
        phase["time_budget"] = {"min_minutes": 1, "max_minutes": budget}
    return phase


def program(
    *,
    mobility_blocks: list[dict] | None = None,
    mobility_gate: dict | None = None,
    max_minutes: float = 10,
) -> Program:
    """The test program; pass `mobility_blocks` or `mobility_gate` to change the first phase."""
    mobility = mobility_blocks or [
        {"exercise": "ir-activation"},
        {"exercise": "ir-stretch"},
        {"exercise": "pigeon"},
        {"exercise": "bridge"},
    ]
    return Program.model_validate(
        {
            "id": "mini",
            "version": 1,
            "name": "Mini program",
            "summary": "A small four-phase program for the engine tests.",
            "weeks": 10,
            "time_budget": {"min_minutes": 1, "max_minutes": max_minutes},
            "phases": [
                _phase(
                    "mobility",
                    mobility,
                    mobility_gate or MOBILITY_GATE,
                    weeks=[
                        {"week": 2, "doses": {"ir-activation": {"reps": 10}}},
                        {"week": 3, "doses": {"ir-activation": {"hold_s": 3}}},
                    ],
                ),
                _phase(
                    "activation",
                    [
                        {"exercise": "ir-activation"},
                        {"exercise": "bridge"},
                        {"exercise": "ir-stretch"},
                    ],
                    {
                        "min_days": 7,
                        "criteria": [{"measure": "green_days", "at_least": 5, "window_days": 7}],
                    },
                ),
                _phase(
                    "strength",
                    [
                        {"exercise": "banded-ir"},
                        {"exercise": "single-leg-bridge"},
                        {"exercise": "ir-stretch"},
                    ],
                    {
                        "min_days": 21,
                        "criteria": [{"measure": "adherence", "at_least": 0.7, "window_days": 14}],
                    },
                    weeks=[{"week": 2, "doses": {"single-leg-bridge": {"reps": 10}}}],
                    budget=20,
                ),
                _phase(
                    "function",
                    [{"exercise": "split-squat"}, {"exercise": "ir-stretch"}],
                    None,
                    budget=20,
                ),
            ],
        }
    )


MINI = program()


class Diary:
    """A person's history, written day by day (days counted from `START`)."""

    def __init__(self, start: dt.date = START) -> None:
        self.start = start
        self.measurements: list[Measurement] = []
        self.pain: list[PainReport] = []
        self.workouts: list[WorkoutLog] = []
        self.screens: list[RedFlagScreen] = []
        self.running: set[dt.date] = set()
        self.outcomes: list[tuple[dt.date, str, float]] = []

    def date(self, day: int) -> dt.date:
        return self.start + dt.timedelta(days=day)

    def measure(
        self,
        day: int,
        left: float | None,
        right: float | None,
        *,
        position: str = "prone",
        method: str = "inclinometer",
        kind: str = "ir",
        trials: int = 3,
    ) -> Diary:
        for side, value in (("left", left), ("right", right)):
            if value is not None:
                self.measurements.append(
                    Measurement(self.date(day), side, position, method, (value,) * trials, kind)
                )
        return self

    def hurts(
        self,
        day: int,
        score: int,
        when: str = "during",
        *,
        side: str = "both",
        place: str = "unspecified",
    ) -> Diary:
        self.pain.append(
            PainReport(self.date(day), PainTiming(when), score, Side(side), PainPlace(place))
        )
        return self

    def hurts_daily(
        self, first: int, last: int, score: int, when: str = "during", **where: str
    ) -> Diary:
        for day in range(first, last + 1):
            self.hurts(day, score, when, **where)
        return self

    def works_out(self, day: int, status: str = "done", *logs: ExerciseLog) -> Diary:
        self.workouts.append(WorkoutLog(self.date(day), status, tuple(logs)))
        return self

    def works_out_daily(self, first: int, last: int, status: str = "done") -> Diary:
        for day in range(first, last + 1):
            self.works_out(day, status)
        return self

    def answers(self, day: int, **answers: bool) -> Diary:
        self.screens.append(RedFlagScreen(self.date(day), tuple(answers.items())))
        return self

    def cleared(self, day: int) -> Diary:
        """A clinician's clearance, in order after the screens given so far (R12)."""
        self.screens.append(RedFlagScreen(self.date(day), (), cleared=True))
        return self

    def runs(self, day: int) -> Diary:
        self.running.add(self.date(day))
        return self

    def scores_psfs(self, day: int, score: float) -> Diary:
        self.outcomes.append((self.date(day), "psfs", score))
        return self

    def history(self) -> History:
        return History(
            measurements=tuple(self.measurements),
            pain=tuple(self.pain),
            workouts=tuple(self.workouts),
            screens=tuple(self.screens),
            running_days=frozenset(self.running),
            outcomes=tuple(self.outcomes),
        )


def steady(days: int, *, pain: int = 2) -> Diary:
    """Someone who works out every day with green pain and tests IR every week (20° → 34°)."""
    diary = Diary().works_out_daily(0, days).hurts_daily(0, days, pain)
    for week in range(days // 7 + 1):
        diary.measure(7 * week, min(20 + 5 * week, 34), 36)
    return diary


def simulate(
    diary: Diary,
    days: int,
    *,
    profile: Profile | None = None,
    program: Program = MINI,
    library: dict[str, Exercise] = LIBRARY,
    pre_run_days: Iterable[int] = (),
    choices: tuple[Choice, ...] = (),
) -> list[DayPlan]:
    """Plans for days 0..days (with a clinician's `choices`: the planner's part of them)."""
    return plan_days(
        program,
        library,
        profile or Profile(),
        diary.history(),
        diary.start,
        diary.date(days),
        pre_run_days=frozenset(diary.date(d) for d in pre_run_days),
        choices=choices,
    )


def rules_of(plan: DayPlan) -> set[str]:
    return {d.rule for d in plan.decisions}


def reasons(plan: DayPlan, rule: str) -> str:
    return " ".join(d.reason for d in plan.decisions if d.rule == rule)


def entries(plan: DayPlan, exercise_id: str) -> list:
    return [e for e in plan.exercises if e.id == exercise_id]
