"""The progression engine: today's workout, decided by published rules.

Pure and deterministic: no Django, no I/O, no clock (the date is an argument).

    plan(program, exercises, profile, history, start, today, *, pre_run=False) -> DayPlan
    plan_days(program, exercises, profile, history, start, end, *, pre_run_days=...) -> [DayPlan]

`RULES` is the rule registry (R1–R14 and the program rules `gate`, `week`, `budget`);
`rules_markdown()` prints it as the table in `docs/rules.md`. Virtual people (scenario files)
are in `hipcoach.engine.scenario`.
"""

from hipcoach.engine.planner import check_program, plan, plan_days
from hipcoach.engine.rules import RULES, Rule, rules_markdown
from hipcoach.engine.types import (
    DayPlan,
    Decision,
    ExerciseLog,
    Flag,
    GateCheck,
    History,
    Measurement,
    PainReport,
    PlannedExercise,
    Profile,
    RedFlagScreen,
    WorkoutLog,
)

__all__ = [
    "RULES",
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
    "Rule",
    "WorkoutLog",
    "check_program",
    "plan",
    "plan_days",
    "rules_markdown",
]
