"""What the pages show of the shipped content (the services' library, loaded once per process:
read-only data, not state)."""

from __future__ import annotations

from hipcoach.content.library import Library
from hipcoach.content.schema import Exercise
from hipcoach.tracking import programs


def library() -> Library:
    return programs.library()


def exercise(exercise_id: str) -> Exercise | None:
    return library().exercises.get(exercise_id)


def exercise_details(exercise_id: str) -> dict:
    """What the player shows for an exercise: its name, set-up, steps, cues and faults."""
    found = exercise(exercise_id)
    if found is None:
        return {"name": exercise_id, "per_side": False, "steps": [], "cues": [], "faults": []}
    return {
        "name": found.name,
        "per_side": found.per_side,
        "position": found.position.value,
        "starting_position": found.starting_position,
        "steps": list(found.steps),
        "cues": list(found.cues),
        "faults": [{"fault": f.fault, "fix": f.fix} for f in found.faults],
        "equipment": list(found.equipment),
    }
