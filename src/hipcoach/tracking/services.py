"""The use cases: what the terminal coach and the web app do with a person's data.

Each lives in its own module; this one names them all for the front ends:

- `onboarding`: set-up (profile, red-flag screen, baseline test, enrollment);
- `safety`: the red-flag screen and a clinician's clearance (R12);
- `workouts`: logging workouts, exercises, pain, activity ratings and notes;
- `measuring`: rotation tests, compared like for like;
- `plans`: today's plan (`day_plan`, the one way to get a `DayPlan`);
- `programs`: the shipped programs and the suggestion at set-up;
- `records`: lookups they share.

Each function checks all of its input first (raising `InputError` with a one-line message) and
only then writes, in one transaction, so a mistake leaves nothing behind. Dates are arguments:
the caller says what "today" is. Decisions (what to do today, whether a change is real, what a
red flag means) are the engine's; this layer only fetches, converts and stores.
"""

from __future__ import annotations

from hipcoach.tracking.history import profile_of
from hipcoach.tracking.inputs import InputError, NotSetUp
from hipcoach.tracking.measuring import MeasureResult, measure
from hipcoach.tracking.onboarding import Baseline, SetUpResult, set_up
from hipcoach.tracking.plans import day_plan
from hipcoach.tracking.programs import library, program_ids, recommend_program
from hipcoach.tracking.records import active_enrollment, profile_row
from hipcoach.tracking.safety import (
    record_clearance,
    record_screen,
    red_flag_decisions,
    screen_answers,
    screen_stops,
    waiting_for_clearance,
)
from hipcoach.tracking.workouts import (
    add_exercise,
    add_note,
    finish_workout,
    last_activities,
    log_exercise,
    log_workout,
    rate_activities,
    report_pain,
)

__all__ = [
    "Baseline",
    "InputError",
    "MeasureResult",
    "NotSetUp",
    "SetUpResult",
    "active_enrollment",
    "add_note",
    "day_plan",
    "add_exercise",
    "finish_workout",
    "last_activities",
    "library",
    "log_exercise",
    "log_workout",
    "measure",
    "profile_of",
    "profile_row",
    "program_ids",
    "rate_activities",
    "record_clearance",
    "record_screen",
    "recommend_program",
    "red_flag_decisions",
    "waiting_for_clearance",
    "report_pain",
    "screen_answers",
    "screen_stops",
    "set_up",
]
