"""What the pages show of the shipped content (the services' library, loaded once per process:
read-only data, not state)."""

from __future__ import annotations

from django.utils import translation

from hipcoach.content.library import Library, how_to
from hipcoach.content.schema import Exercise
from hipcoach.content.translations import library_in
from hipcoach.tracking import programs


def library() -> Library:
    """The library in the request's language (docs/translation.md): the pages show the
    translated names, steps, cues, lessons and programs; ids and doses are the same."""
    return library_in(programs.library(), translation.get_language() or "en")


def exercise(exercise_id: str) -> Exercise | None:
    return library().exercises.get(exercise_id)


def exercise_details(exercise_id: str) -> dict:
    """What the player shows for an exercise: its name, set-up, steps, cues and faults."""
    found = exercise(exercise_id)
    if found is None:
        return {"name": exercise_id, "per_side": False, "steps": [], "cues": [], "faults": []}
    how = how_to(found, translation.gettext)  # what the terminal's player shows too
    return {
        "name": found.name,
        "per_side": found.per_side,
        "position": found.position.value,
        "starting_position": how.setup,
        "steps": list(how.steps),
        "cues": list(how.cues),
        "faults": [{"fault": fault, "fix": fix} for fault, fix in how.faults],
        "equipment": list(how.equipment),  # in words, in the request's language
    }
