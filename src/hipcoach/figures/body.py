"""Joint angles by anatomical name → the SMPL-X joint rotations that drive the mannequin.

SMPL-X's rest frame: x toward the body's left, y up, z forward; every joint's local frame is
aligned with it at rest (a T-pose). Rotations are axis-angle vectors. A left limb's flexion is
a turn about x; its abduction and rotation turn about z and y, whose signs flip on the right.
The right side is made by mirroring the whole left-side pose, never written twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import numpy as np

# body_pose rows of SMPL-X (21 joints; the pelvis is the global rotation).
BODY_ROWS = {
    "L_Hip": 0,
    "R_Hip": 1,
    "Spine1": 2,
    "L_Knee": 3,
    "R_Knee": 4,
    "Spine2": 5,
    "L_Ankle": 6,
    "R_Ankle": 7,
    "Spine3": 8,
    "L_Foot": 9,
    "R_Foot": 10,
    "Neck": 11,
    "L_Collar": 12,
    "R_Collar": 13,
    "Head": 14,
    "L_Shoulder": 15,
    "R_Shoulder": 16,
    "L_Elbow": 17,
    "R_Elbow": 18,
    "L_Wrist": 19,
    "R_Wrist": 20,
}
_MIRROR_ROW = {
    row: BODY_ROWS[name.replace("L_", "R_") if name.startswith("L_") else name.replace("R_", "L_")]
    for name, row in BODY_ROWS.items()
}


def rot_x(deg: float) -> np.ndarray:
    a = np.radians(deg)
    c, s = np.cos(a), np.sin(a)
    return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])


def rot_y(deg: float) -> np.ndarray:
    a = np.radians(deg)
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])


def rot_z(deg: float) -> np.ndarray:
    a = np.radians(deg)
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


def axis_angle(matrix: np.ndarray) -> np.ndarray:
    """The axis-angle vector of a rotation matrix (robust near 0 and π)."""
    cos = np.clip((np.trace(matrix) - 1) / 2, -1.0, 1.0)
    angle = np.arccos(cos)
    if angle < 1e-6:
        return np.zeros(3)
    if np.pi - angle < 1e-4:
        # Near a half turn the antisymmetric part vanishes: read the axis from the diagonal.
        axis = np.sqrt(np.maximum((np.diag(matrix) + 1) / 2, 0))
        i = int(np.argmax(axis))
        axis[(i + 1) % 3] = np.copysign(axis[(i + 1) % 3], matrix[i, (i + 1) % 3])
        axis[(i + 2) % 3] = np.copysign(axis[(i + 2) % 3], matrix[i, (i + 2) % 3])
        return axis / np.linalg.norm(axis) * angle
    axis = np.array(
        [matrix[2, 1] - matrix[1, 2], matrix[0, 2] - matrix[2, 0], matrix[1, 0] - matrix[0, 1]]
    )
    return axis / (2 * np.sin(angle)) * angle


def _limb(angles: Mapping[str, float], side: str, joint: str) -> dict[str, float]:
    prefix = f"{side}_{joint}_"
    return {k.removeprefix(prefix): v for k, v in angles.items() if k.startswith(prefix)}


def rot_axis(axis: np.ndarray, deg: float) -> np.ndarray:
    """The rotation by `deg` about the unit vector `axis` (right-handed)."""
    k = axis / np.linalg.norm(axis)
    kx = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    a = np.radians(deg)
    return np.eye(3) + np.sin(a) * kx + (1 - np.cos(a)) * kx @ kx


@cache
def _left_femur_axis() -> np.ndarray:
    """The left thigh's long axis at rest, hip centre to knee centre (pointing down)."""
    model = mannequin()
    joints = np.asarray(model.joint_transforms(model.rest_pose(dtype=np.float64)))[:, :3, 3]
    names = model.joint_names
    axis = joints[names.index("L_Knee")] - joints[names.index("L_Hip")]
    return axis / np.linalg.norm(axis)


def _left_hip(a: Mapping[str, float]) -> np.ndarray:
    # Rotation about the thigh's own long axis first, so the knee stays where it is as the
    # thigh turns; then abduction, then flexion (intrinsic order). Internal rotation turns the
    # front of the left thigh toward the midline: a negative turn about the downward axis.
    return (
        rot_x(-a.get("flexion", 0))
        @ rot_z(a.get("abduction", 0))
        @ rot_axis(-_left_femur_axis(), -a.get("internal_rotation", 0))
    )


def _left_shoulder(a: Mapping[str, float]) -> np.ndarray:
    # The rest arm points sideways; anatomical zero hangs it by the side (−90° about z).
    return (
        rot_x(-a.get("flexion", 0))
        @ rot_z(a.get("abduction", 0))
        @ rot_y(-a.get("internal_rotation", 0))
        @ rot_z(-90)
    )


def left_side_pose(angles: Mapping[str, float]) -> np.ndarray:
    """The 21×3 SMPL-X body rotations for `angles` written with the left side as written.

    `angles` use both sides' names (left_…, right_…) and the trunk/neck names; a trunk or neck
    turn or bend is toward the left when positive.
    """
    pose = np.zeros((21, 3))
    for side, sign in (("left", 1.0), ("right", -1.0)):
        s = "L" if side == "left" else "R"
        mirror = np.diag([1.0, sign, sign])  # flips y and z turns on the right
        hip = _left_hip(_limb(angles, side, "hip"))
        pose[BODY_ROWS[f"{s}_Hip"]] = mirror @ axis_angle(hip)
        knee = _limb(angles, side, "knee").get("flexion", 0)
        pose[BODY_ROWS[f"{s}_Knee"]] = [np.radians(knee), 0, 0]
        ankle = _limb(angles, side, "ankle").get("dorsiflexion", 0)
        pose[BODY_ROWS[f"{s}_Ankle"]] = [np.radians(-ankle), 0, 0]
        toes = _limb(angles, side, "toe").get("extension", 0)  # the toes lift at the ball
        pose[BODY_ROWS[f"{s}_Foot"]] = [np.radians(-toes), 0, 0]
        shoulder = _left_shoulder(_limb(angles, side, "shoulder"))
        pose[BODY_ROWS[f"{s}_Shoulder"]] = mirror @ axis_angle(shoulder)
        elbow = _limb(angles, side, "elbow").get("flexion", 0)
        pose[BODY_ROWS[f"{s}_Elbow"]] = mirror @ np.array([0, np.radians(-elbow), 0])
        wrist = _limb(angles, side, "wrist").get("extension", 0)  # the back of the hand rises
        pose[BODY_ROWS[f"{s}_Wrist"]] = mirror @ np.array([0, 0, np.radians(wrist)])
    # The trunk bends over three spine joints; the neck over the neck and the head.
    spine = (
        rot_y(angles.get("trunk_rotation", 0) / 3)
        @ rot_z(-angles.get("trunk_side_bend", 0) / 3)
        @ rot_x(angles.get("trunk_flexion", 0) / 3)
    )
    for joint in ("Spine1", "Spine2", "Spine3"):
        pose[BODY_ROWS[joint]] = axis_angle(spine)
    neck = rot_y(angles.get("neck_rotation", 0) / 2) @ rot_x(angles.get("neck_flexion", 0) / 2)
    for joint in ("Neck", "Head"):
        pose[BODY_ROWS[joint]] = axis_angle(neck)
    return pose


def mirror_pose(pose: np.ndarray) -> np.ndarray:
    """The mirror image of a body pose across the body's midline (left ↔ right)."""
    mirrored = np.empty_like(pose)
    for row, other in _MIRROR_ROW.items():
        mirrored[other] = pose[row] * np.array([1.0, -1.0, -1.0])
    return mirrored


@cache
def mannequin():
    """The shared mannequin: the convex figure at its middle level of detail (4,600 faces)."""
    from mannequin import Mannequin

    return Mannequin("convex", lod=1)


def joint_index() -> dict[str, int]:
    return {name: i for i, name in enumerate(mannequin().joint_names)}
