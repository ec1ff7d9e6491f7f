"""Small valid content files, written out so each test can break one thing in them.

A module of its own (not `conftest`): several test folders have a conftest, and their names clash.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

EXERCISE = """\
id: {id}
name: Test exercise {id}
category: {category}
targets: [hip_internal_rotation]
position: seated
starting_position: Sit tall on a firm chair.
equipment: []
per_side: true
dose:
  sets: 2
  reps: 10
  hold_s: 3
steps:
  - Turn the thigh inward.
  - Return slowly.
cues:
  - Move from the thigh bone.
faults:
  - fault: Turning only the foot.
    fix: Let the foot swing out as the thigh turns.
regressions: {regressions}
progressions: {progressions}
contraindications: []
why: It wakes up the muscles that turn the hip inward.
poses:
  view: front
  keys:
    - name: start
      placement: on_chair
      angles: {{left_hip_flexion: 90, right_hip_flexion: 90, left_knee_flexion: 90, right_knee_flexion: 90}}
    - name: end
      placement: on_chair
      angles: {{left_hip_flexion: 90, right_hip_flexion: 90, left_knee_flexion: 90, right_knee_flexion: 90, left_hip_internal_rotation: 30}}
"""

PROGRAM = """\
id: test-program
version: 1
name: Test program
summary: A small program used by the tests.
weeks: 3
time_budget:
  min_minutes: 1
  max_minutes: {max_minutes}
phases:
  - id: mobility
    name: Mobility
    goal: Restore the range first.
    workouts:
      - id: daily
        name: Daily
        blocks:
          - exercise: {block}
          - exercise: beta
            dose:
              sets: 2
              hold_s: 30
    schedule: [daily, daily, daily, daily, daily, daily, daily]
    weeks:
      - week: 2
        doses:
          alpha: {{reps: 12}}
    gate:
      min_days: 14
      criteria:
        - measure: {measure}
          at_least: 30
  - id: strength
    name: Strength
    goal: Build strength on the new range.
    workouts:
      - id: strong
        name: Strong
        blocks:
          - exercise: alpha
    schedule: [strong, strong, strong, strong, strong, strong, strong]
"""


def exercise_text(
    id: str = "alpha",
    *,
    category: str = "activation",
    regressions: str = "[]",
    progressions: str = "[]",
) -> str:
    return EXERCISE.format(
        id=id, category=category, regressions=regressions, progressions=progressions
    )


def program_text(*, block: str = "alpha", measure: str = "ir_prone", max_minutes: int = 10) -> str:
    return PROGRAM.format(block=block, measure=measure, max_minutes=max_minutes)


class ContentTree:
    """A content folder in a temporary directory: exercises/ and programs/."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "exercises").mkdir(parents=True)
        (root / "programs").mkdir()

    def exercise(self, name: str, text: str) -> Path:
        path = self.root / "exercises" / f"{name}.yaml"
        path.write_text(textwrap.dedent(text))
        return path

    def program(self, name: str, text: str) -> Path:
        path = self.root / "programs" / f"{name}.yaml"
        path.write_text(textwrap.dedent(text))
        return path

    def valid(self) -> ContentTree:
        self.exercise("alpha", exercise_text("alpha", regressions="[beta]"))
        self.exercise("beta", exercise_text("beta", category="stretch"))
        self.program("test-program", program_text())
        return self
