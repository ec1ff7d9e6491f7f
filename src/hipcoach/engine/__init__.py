"""The progression engine: today's workout, decided by published rules.

Pure and deterministic: no Django, no I/O, no clock (the date is an argument).

    plan(program, exercises, profile, history, start, today, *, pre_run=False) -> DayPlan
    plan_days(program, exercises, profile, history, start, end, *, pre_run_days=...) -> [DayPlan]

`RULES` is the rule registry (R1–R14 and the program rules `gate`, `week`, `end`, `budget`);
`rules_markdown()` prints it as the table in `docs/rules.md`. Virtual people (scenario files)
are in `hipcoach.engine.scenario`.
"""

from __future__ import annotations

import importlib
from typing import Any

# Names are imported on first use (PEP 562), so that reading a cached plan, which needs only
# `hipcoach.engine.types`, does not pay for the planner and the content models.
_HOMES = {
    "check_program": "planner",
    "plan": "planner",
    "plan_days": "planner",
    "RULES": "rules",
    "Rule": "rules",
    "rules_markdown": "rules",
}
_TYPES = (
    "DayPlan",
    "Decision",
    "ExerciseLog",
    "Flag",
    "GateCheck",
    "History",
    "Measurement",
    "PainReport",
    "PlannedExercise",
    "Profile",
    "RedFlagScreen",
    "WorkoutLog",
)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name) or ("types" if name in _TYPES else None)
    if home is None:
        raise AttributeError(f"module 'hipcoach.engine' has no attribute {name!r}")
    return getattr(importlib.import_module(f"hipcoach.engine.{home}"), name)


__all__ = sorted([*_HOMES, *_TYPES])
