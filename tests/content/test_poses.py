"""Poses as data: the schema and the validator catch poses no body can take, at file:line."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from contentkit import ContentTree, exercise_text
from typer.testing import CliRunner

from hipcoach.cli import app
from hipcoach.content.loader import load_library
from hipcoach.content.poses import AVERAGE_RANGES, KeyPose, allowed_range
from hipcoach.figures.checks import programmed_exercises
from hipcoach.figures.checks import validate_files as validate_paths
from hipcoach.figures.placing import place

POSES_AT = "poses:\n"


def with_poses(block: str, id: str = "alpha") -> str:
    """An exercise file whose poses block is `block` (indented as in a file)."""
    text = exercise_text(id, regressions="[beta]" if id == "alpha" else "[]")
    return text[: text.index(POSES_AT)] + block


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def test_the_test_tree_with_poses_is_valid(tree: ContentTree) -> None:
    tree.valid()
    assert validate_paths([tree.root]) == []


def test_an_angle_beyond_a_human_range_is_an_error_at_its_line(tree: ContentTree) -> None:
    tree.valid()
    path = tree.exercise(
        "alpha",
        with_poses(
            """\
poses:
  view: front
  keys:
    - name: start
      placement: on_chair
      angles:
        left_hip_flexion: 90
        right_hip_flexion: 90
    - name: end
      placement: on_chair
      angles:
        left_hip_flexion: 90
        right_hip_flexion: 90
        left_hip_internal_rotation: 95
"""
        ),
    )
    problems = validate_paths([tree.root])
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.path == str(path)
    assert problem.line == line_of(path, "left_hip_internal_rotation: 95")
    assert "left_hip_internal_rotation" in problem.message
    assert "less than or equal to 70" in problem.message


def test_an_unknown_angle_name_suggests_the_right_one(tree: ContentTree) -> None:
    tree.valid()
    tree.exercise(
        "alpha",
        with_poses(
            """\
poses:
  view: front
  keys:
    - {name: start, placement: standing}
    - name: end
      placement: standing
      angles: {left_hip_flexon: 30}
"""
        ),
    )
    (problem,) = validate_paths([tree.root])
    assert "'left_hip_flexon' is not a joint angle (did you mean 'left_hip_flexion'?)" in (
        problem.message
    )


def test_a_body_through_the_floor_is_an_error_at_the_key_pose(tree: ContentTree) -> None:
    # Face down with the thigh flexed forward: the knee would be pushed into the floor.
    tree.valid()
    path = tree.exercise(
        "alpha",
        with_poses(
            """\
poses:
  view: left
  keys:
    - name: start
      placement: face_down
    - name: knee under the floor
      placement: face_down
      angles:
        left_hip_flexion: 60
"""
        ),
    )
    problems = validate_paths([tree.root])
    assert problems, "the knee passes through the floor"
    assert {p.line for p in problems} == {line_of(path, "- name: knee under the floor")}
    assert any(
        "key pose 'knee under the floor': the left" in p.message
        and "through the floor" in p.message
        for p in problems
    ), problems


def test_a_support_off_the_floor_is_an_error(tree: ContentTree) -> None:
    # Long sitting rests on the buttocks and the heels; a heel lifted high is not long sitting.
    tree.valid()
    tree.exercise(
        "alpha",
        with_poses(
            """\
poses:
  view: left
  keys:
    - name: start
      placement: long_sitting
      angles: {left_hip_flexion: 90, right_hip_flexion: 90}
    - name: leg raised
      placement: long_sitting
      angles: {left_hip_flexion: 120, right_hip_flexion: 90}
"""
        ),
    )
    problems = validate_paths([tree.root])
    assert any(
        "long sitting rests on the left foot, but it is" in p.message
        and "above the floor" in p.message
        for p in problems
    ), problems


def test_a_programmed_exercise_without_poses_is_an_error(tree: ContentTree) -> None:
    tree.valid()
    text = exercise_text("alpha", regressions="[beta]")
    path = tree.exercise("alpha", text[: text.index(POSES_AT)])
    (problem,) = validate_paths([tree.root])
    assert problem.path == str(path)
    assert problem.line == line_of(path, "id: alpha")
    assert "'alpha' is in a program but has no poses" in problem.message


def test_an_exercise_in_no_program_may_go_without_poses(tree: ContentTree) -> None:
    tree.valid()
    text = exercise_text("gamma").replace(
        "why:", "library_only: A swap a clinician may choose for a person.\nwhy:"
    )
    tree.exercise("gamma", text[: text.index(POSES_AT)])
    assert validate_paths([tree.root]) == []


def test_one_key_pose_is_not_enough(tree: ContentTree) -> None:
    tree.valid()
    tree.exercise(
        "alpha",
        with_poses(
            """\
poses:
  view: left
  keys:
    - {name: start, placement: standing}
"""
        ),
    )
    (problem,) = validate_paths([tree.root])
    assert "'poses.keys'" in problem.message and "at least 2" in problem.message


def test_every_exercise_in_every_shipped_program_is_posed() -> None:
    library = load_library()
    used = programmed_exercises(library)
    assert used
    assert all(library.exercises[e].poses is not None for e in used)


def test_every_shipped_exercise_is_posed() -> None:
    # Regressions and stand-ins reach the player too, in place of a programmed exercise.
    library = load_library()
    assert [e.id for e in library.exercises.values() if e.poses is None] == []


def test_the_range_table_gives_each_motion_room_beyond_the_average() -> None:
    for motion, (low, high) in AVERAGE_RANGES.items():
        wide_low, wide_high = allowed_range(f"left_{motion}")
        assert wide_low < low <= 0 <= high < wide_high, motion


def test_the_schema_covers_poses(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = "".join(p.read_text() for p in tmp_path.glob("*.json"))
    schema = json.loads(next(tmp_path.glob("*exercise*.json")).read_text())
    assert "poses" in schema["properties"]
    for word in ("KeyPose", "face_down", "hands_and_knees", "rests_on"):
        assert word in text


def _mirrored(name: str) -> str:
    return name.replace("L_", "X_").replace("R_", "L_").replace("X_", "R_")


@pytest.mark.parametrize("exercise_id", ["prone-ir-activation", "side-lying-brettzel"])
def test_the_right_side_is_the_mirror_image_of_the_left(exercise_id: str) -> None:
    key = load_library().exercises[exercise_id].poses.keys[-1]
    left, right = place(key, "left"), place(key, "right")
    # Mirror the left body across its own midline and compare, joint by joint, in its frame.
    origin_l, origin_r = left.joints["Pelvis"], right.joints["Pelvis"]
    for name in ("L_Knee", "L_Ankle", "R_Knee", "L_Wrist", "Head"):
        a = left.frame.T @ (left.joints[name] - origin_l)
        b = right.frame.T @ (right.joints[_mirrored(name)] - origin_r)
        # The mannequin's own skeleton is a few centimetres from symmetric (SMPL-X's mean body).
        assert np.allclose(a * [-1, 1, 1], b, atol=0.04), name


def _in_pelvis_frame(key: KeyPose, joint: str) -> np.ndarray:
    body = place(key)
    return body.frame.T @ (body.joints[joint] - body.joints["Pelvis"])


def test_prone_activation_swings_the_foot_out_while_the_knee_stays() -> None:
    """The method's point: the thigh turns in, so the foot travels outward, face down, knee 90°."""
    poses = load_library().exercises["prone-ir-activation"].poses
    start, end = poses.keys[0], poses.keys[-1]
    assert start.placement.value == end.placement.value == "face_down"
    assert end.angles.degrees()["left_knee_flexion"] == 90
    assert end.angles.degrees()["left_hip_internal_rotation"] >= 30
    knee_moves = _in_pelvis_frame(end, "L_Knee") - _in_pelvis_frame(start, "L_Knee")
    ankle_moves = _in_pelvis_frame(end, "L_Ankle") - _in_pelvis_frame(start, "L_Ankle")
    assert np.linalg.norm(knee_moves) < 0.03
    assert ankle_moves[0] > 0.15  # x is the body's left: outward for the left foot


def test_a_prop_under_a_part_that_bears_no_weight_is_an_error(tree: ContentTree) -> None:
    tree.valid()
    path = tree.exercise(
        "alpha",
        with_poses(
            """\
poses:
  view: left
  keys:
    - {name: start, placement: standing}
    - name: on a step
      placement: standing
      props: [{kind: step, under: left_knee}]
"""
        ),
    )
    (problem,) = validate_paths([tree.root])
    assert problem.line == line_of(path, "- name: on a step")
    assert "the step is under the left knee, which bears no weight here" in problem.message


def test_a_foot_on_a_step_lets_the_other_hang_below_it() -> None:
    """A lateral step-down: the standing foot on a 15 cm step, the other heel lower."""
    key = load_library().exercises["lateral-step-down"].poses.keys[-1]
    assert [(p.kind.value, p.under.value) for p in key.props] == [("step", "left_foot")]
    body = place(key)
    assert body.below_floor == {} and body.floating == {}
    standing = body.joints["L_Ankle"][1]
    hanging = body.joints["R_Ankle"][1]
    assert hanging < standing - 0.05  # the heel lowers toward the floor, below the step


def test_a_support_above_its_prop_names_the_prop(tree: ContentTree) -> None:
    # Seated on a roller that the body does not reach: the pelvis floats above the roller.
    tree.valid()
    tree.exercise(
        "alpha",
        with_poses(
            """\
poses:
  view: left
  keys:
    - {name: start, placement: standing}
    - name: roller
      placement: standing
      rests_on: [left_foot, pelvis]
      props: [{kind: roller, under: pelvis}]
"""
        ),
    )
    problems = validate_paths([tree.root])
    assert any("but it is" in p.message and "above the roller" in p.message for p in problems), (
        problems
    )


def test_seated_activation_rolls_the_whole_straight_leg_from_the_hip() -> None:
    """The method's point: legs straight out on the floor, the thigh and kneecap roll inward
    from the hip; not a turn at the ankle."""
    poses = load_library().exercises["seated-ir-activation"].poses
    start, end = poses.keys[0], poses.keys[-1]
    assert start.placement.value == end.placement.value == "long_sitting"
    angles = end.angles.degrees()
    assert angles.get("left_knee_flexion", 0) == 0 and angles.get("right_knee_flexion", 0) == 0
    assert angles["left_hip_internal_rotation"] >= 25
    assert "left_ankle_dorsiflexion" not in angles  # the foot follows the thigh; no ankle turn
    body = place(end)
    assert body.floating == {} and body.below_floor == {}  # heels and buttocks on the floor
    # The toes turn toward the other leg: the left foot's tip moves toward the midline.
    toe = _in_pelvis_frame(end, "L_Foot") - _in_pelvis_frame(end, "L_Ankle")
    toe_start = _in_pelvis_frame(start, "L_Foot") - _in_pelvis_frame(start, "L_Ankle")
    assert toe[0] < toe_start[0] - 0.03


def test_the_brettzel_draws_the_top_heel_to_the_buttock_with_the_back_hip_turned_in() -> None:
    poses = load_library().exercises["brettzel-2"].poses
    start, hold = poses.keys[0], poses.keys[-1]
    assert start.angles.degrees()["left_hip_internal_rotation"] > 0  # the back hip turned in
    held = hold.angles.degrees()
    assert held["left_hip_internal_rotation"] > 0
    assert held["left_knee_flexion"] >= 140
    assert held["left_hip_flexion"] < 0  # pushed forward into extension
    body = place(hold)
    heel = body.joints["L_Ankle"]
    buttock = body.joints["L_Hip"]
    assert np.linalg.norm(heel - buttock) < 0.25
    # Lying toward the front leg, the back (working) leg is the top one.
    assert body.joints["L_Hip"][1] > body.joints["R_Hip"][1]


def test_a_wall_holds_a_leaning_body_and_is_drawn_at_the_hands() -> None:
    poses = load_library().exercises["wall-drive-march"].poses
    body = place(poses.keys[0])
    assert body.wall is not None and body.below_floor == {} and body.floating == {}
    # Leaning 45°: the shoulders are well ahead of the feet, toward the wall.
    ahead = body.frame[:, 2] * [1, 0, 1]
    shoulders = body.joints["L_Shoulder"] @ ahead
    feet = body.joints["L_Ankle"] @ ahead
    assert shoulders - feet > 0.6


def test_a_wall_lean_is_for_standing(tree: ContentTree) -> None:
    tree.valid()
    tree.exercise(
        "alpha",
        with_poses(
            """\
poses:
  view: left
  keys:
    - {name: start, placement: standing}
    - {name: lying, placement: on_back, wall_lean: 20}
"""
        ),
    )
    (problem,) = validate_paths([tree.root])
    assert "wall_lean is for standing with the hands on a wall" in problem.message


def test_a_thumbnail_names_one_of_the_key_poses_or_is_an_error_at_its_line(
    tree: ContentTree,
) -> None:
    tree.valid()
    block = """\
poses:
  view: left
  thumbnail: {name}
  keys:
    - {{name: start, placement: standing}}
    - name: arms up
      placement: standing
      angles: {{left_shoulder_flexion: 90, right_shoulder_flexion: 90}}
"""
    tree.exercise("alpha", with_poses(block.format(name="arms up")))
    assert validate_paths([tree.root]) == []
    path = tree.exercise("alpha", with_poses(block.format(name="hold")))
    (problem,) = validate_paths([tree.root])
    assert problem.path == str(path) and problem.line == line_of(path, "thumbnail: hold")
    assert "'hold' is not one of the key poses (start, arms up)" in problem.message
