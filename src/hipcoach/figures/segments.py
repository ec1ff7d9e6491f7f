"""The body's segments on the mannequin's skin: which vertices are the left shin, the pelvis…

Found once, at rest, through the mannequin's public interface, and used to name what passes
through the floor, to find the parts that bear weight, and to weigh the body.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from hipcoach.content.poses import BodyPart
from hipcoach.figures.body import BODY_ROWS, mannequin

P = BodyPart

# Each part is the skin of some body segments (see BONE_NAMES) and the skin within a radius
# (metres) of some joints (SMPL-X names).
_PART_SKIN: dict[BodyPart, tuple[tuple[str, ...], tuple[tuple[str, float], ...]]] = {
    P.pelvis: (("pelvis",), (("L_Hip", 0.14), ("R_Hip", 0.14))),
    P.chest: (("trunk",), ()),
    P.left_knee: ((), (("L_Knee", 0.08),)),
    P.right_knee: ((), (("R_Knee", 0.08),)),
    P.left_foot: (("left foot",), ()),
    P.right_foot: (("right foot",), ()),
    P.left_hand: (("left hand",), ()),
    P.right_hand: (("right hand",), ()),
    P.left_elbow: ((), (("L_Elbow", 0.07),)),
    P.right_elbow: ((), (("R_Elbow", 0.07),)),
}
BONE_NAMES = (
    "head",
    "trunk",
    "pelvis",
    "left thigh",
    "right thigh",
    "left shin",
    "right shin",
    "left foot",
    "right foot",
    "left upper arm",
    "right upper arm",
    "left forearm",
    "right forearm",
    "left hand",
    "right hand",
)


# Each vertex belongs to the body segment of one joint; named for the floor messages.
_SEGMENT_NAMES: dict[str, str] = {
    "Pelvis": "pelvis",
    "Spine1": "trunk",
    "Spine2": "trunk",
    "Spine3": "trunk",
    "Neck": "head",
    "Head": "head",
    "L_Collar": "trunk",
    "R_Collar": "trunk",
    "L_Hip": "left thigh",
    "R_Hip": "right thigh",
    "L_Knee": "left shin",
    "R_Knee": "right shin",
    "L_Ankle": "left foot",
    "R_Ankle": "right foot",
    "L_Foot": "left foot",
    "R_Foot": "right foot",
    "L_Shoulder": "left upper arm",
    "R_Shoulder": "right upper arm",
    "L_Elbow": "left forearm",
    "R_Elbow": "right forearm",
    "L_Wrist": "left hand",
    "R_Wrist": "right hand",
}


@cache
def rest_tables() -> tuple[np.ndarray, dict[BodyPart, np.ndarray]]:
    """Per vertex: its segment (index into BONE_NAMES), and the vertices of each support part.

    A vertex belongs to the deepest joint whose turn moves it: found by turning each joint in
    turn, through the mannequin's public interface.
    """
    model = mannequin()
    rest = model.rest_pose(dtype=np.float64)
    vertices = np.asarray(model.vertices(rest), dtype=np.float64)
    index = {name: i for i, name in enumerate(model.joint_names)}
    joints = np.asarray(model.joint_transforms(rest))[:, :3, 3]
    depth = {name: 0 for name in model.joint_names}
    for i, parent in enumerate(model.parents):
        if parent >= 0:
            depth[model.joint_names[i]] = depth[model.joint_names[parent]] + 1
    owner = np.full(len(vertices), -1)
    owner_depth = np.full(len(vertices), -1)
    for joint, row in sorted(BODY_ROWS.items(), key=lambda item: depth[item[0]]):
        turned = model.rest_pose(dtype=np.float64)
        turned["body_pose"][row] = [0.7, 0.5, 0.3]
        moved = np.linalg.norm(np.asarray(model.vertices(turned)) - vertices, axis=1) > 1e-6
        take = moved & (depth[joint] > owner_depth)
        owner[take] = BONE_NAMES.index(_SEGMENT_NAMES[joint])
        owner_depth[take] = depth[joint]
    owner[owner < 0] = BONE_NAMES.index("pelvis")
    parts = {}
    for part, (segments, near) in _PART_SKIN.items():
        mask = np.isin(owner, [BONE_NAMES.index(name) for name in segments])
        for joint, radius in near:
            mask |= np.linalg.norm(vertices - joints[index[joint]], axis=1) < radius
        parts[part] = mask
    return owner, parts


# Each segment's share of the body's mass (Dempster's data as tabulated by Winter 2009,
# "Biomechanics and Motor Control of Human Movement"); the trunk's share includes the pelvis.
SEGMENT_MASS = {
    "head": 0.081,
    "trunk": 0.355,
    "pelvis": 0.142,
    "thigh": 0.100,
    "shin": 0.0465,
    "foot": 0.0145,
    "upper arm": 0.028,
    "forearm": 0.016,
    "hand": 0.006,
}


@cache
def vertex_mass() -> np.ndarray:
    """Per vertex, its share of the body's mass: its segment's share spread over its skin."""
    bone, _ = rest_tables()
    mass = np.zeros(len(bone))
    for i, name in enumerate(BONE_NAMES):
        mine = bone == i
        if mine.any():
            mass[mine] = (
                SEGMENT_MASS[name.removeprefix("left ").removeprefix("right ")] / mine.sum()
            )
    return mass / mass.sum()
