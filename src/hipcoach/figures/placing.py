"""Putting a posed body in the room: turned the way its placement says, resting on its supports.

The placement gives the body's base orientation (face down, on the back, upright, …) and the
parts that bear weight. The body is then turned so that those parts touch the floor together
(lying, sitting, on hands and knees) or so that its centre of mass is over them (standing,
kneeling), and lowered until they touch. Anything else below the floor passes through it: the
pose is wrong, and `check` says which part and by how much.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hipcoach.content.poses import BodyPart, KeyPose, Placement, PropKind
from hipcoach.figures.body import axis_angle, left_side_pose, mannequin, mirror_pose, rot_x, rot_z
from hipcoach.figures.segments import BONE_NAMES, rest_tables
from hipcoach.figures.settling import apart, balance, lean, level, plant, settle

SEAT_HEIGHT_M = 0.45  # a dining chair's seat
PROP_HEIGHT_M = {  # the top of each prop a part may rest on
    PropKind.step: 0.15,
    PropKind.box: 0.45,  # about knee height: a box, a bench or a chair's seat
    PropKind.table: 0.72,  # about hip height: a table or a bed
    PropKind.roller: 0.15,  # a foam roller's diameter
    PropKind.cushion: 0.10,  # a folded blanket or a firm cushion
    PropKind.ball: 0.08,  # a massage ball (a tennis or lacrosse ball's size)
}
CONTACT_TOLERANCE_M = 0.03  # a support this far above the floor still rests on it
THROUGH_FLOOR_M = 0.03  # soft tissue compresses: a part this far under the floor is allowed

# Which way each placement faces before its angles are applied (a turn of the SMPL-X frame:
# x left, y up, z forward), and the parts that usually bear its weight.
_BASE = {
    Placement.face_down: rot_x(90),
    Placement.on_back: rot_x(-90),
    Placement.on_left_side: rot_z(-90) @ rot_x(-90),
    Placement.on_right_side: rot_z(90) @ rot_x(-90),
    Placement.long_sitting: np.eye(3),
    Placement.sitting: np.eye(3),
    Placement.on_chair: np.eye(3),
    Placement.hands_and_knees: rot_x(90),
    Placement.kneeling: np.eye(3),
    Placement.half_kneeling: np.eye(3),
    Placement.standing: np.eye(3),
}
P = BodyPart
DEFAULT_SUPPORTS: dict[Placement, tuple[tuple[BodyPart, ...], ...]] = {
    # Groups of parts; lying and sitting placements are levelled so every group touches.
    Placement.face_down: ((P.pelvis,), (P.chest,)),
    Placement.on_back: ((P.pelvis,), (P.chest,)),
    Placement.on_left_side: ((P.pelvis,), (P.chest,)),
    Placement.on_right_side: ((P.pelvis,), (P.chest,)),
    Placement.long_sitting: ((P.pelvis,), (P.left_foot, P.right_foot)),
    Placement.sitting: ((P.pelvis,),),
    Placement.on_chair: ((P.pelvis,),),
    Placement.hands_and_knees: ((P.left_knee, P.right_knee), (P.left_hand, P.right_hand)),
    Placement.kneeling: ((P.left_knee, P.right_knee),),
    Placement.half_kneeling: ((P.left_knee,), (P.right_foot,)),
    Placement.standing: ((P.left_foot, P.right_foot),),
}
# Upright placements balance the centre of mass over the supports instead of levelling.
BALANCED = frozenset({Placement.kneeling, Placement.half_kneeling, Placement.standing})


@dataclass(frozen=True)
class PlacedBody:
    """A posed body in the room: vertices (metres, y up, floor at 0) and what it rests on."""

    vertices: np.ndarray  # V×3
    faces: np.ndarray  # F×3
    bone_of_vertex: np.ndarray  # V, index into BONE_NAMES
    joints: dict[str, np.ndarray]  # SMPL-X joint name → position
    frame: np.ndarray  # 3×3: the pelvis's own axes (left, up, forward) in the room
    seat_height: float  # 0 unless on a chair
    below_floor: dict[str, float]  # part name → metres under the floor, for parts too low
    floating: dict[str, float]  # support → metres above its surface, for supports not touching
    props: tuple = ()  # (kind, height, (x, z) centre, part on it) of each prop
    wall: tuple | None = None  # (x, z) where the hands touch a wall ahead, and its (x, z) normal


def mirror_part(part: BodyPart) -> BodyPart:
    name = part.value
    if name.startswith("left_"):
        return BodyPart("right_" + name.removeprefix("left_"))
    if name.startswith("right_"):
        return BodyPart("left_" + name.removeprefix("right_"))
    return part


def place(key: KeyPose, side: str = "left") -> PlacedBody:
    """The body of `key` with `side` working, turned and resting on its supports.

    For side 'right' the left-side pose is mirrored, its supports and its side placement too.
    """
    model = mannequin()
    pose = left_side_pose(key.angles.degrees())
    supports = key.rests_on or [p for group in DEFAULT_SUPPORTS[key.placement] for p in group]
    groups = [(p,) for p in key.rests_on] if key.rests_on else list(DEFAULT_SUPPORTS[key.placement])
    placement = key.placement
    if side == "right":
        pose = mirror_pose(pose)
        supports = [mirror_part(p) for p in supports]
        groups = [tuple(mirror_part(p) for p in g) for g in groups]
        placement = {
            Placement.on_left_side: Placement.on_right_side,
            Placement.on_right_side: Placement.on_left_side,
        }.get(placement, placement)
    base = _BASE[placement]
    params = model.rest_pose(dtype=np.float64)
    params["body_pose"] = pose
    params["global_rotation"] = axis_angle(base)
    vertices = np.asarray(model.vertices(params), dtype=np.float64)
    joints_all = np.asarray(model.joint_transforms(params))
    frame = joints_all[0, :3, :3]
    bone, parts = rest_tables()
    props = {(mirror_part(p.under) if side == "right" else p.under): p.kind for p in key.props}
    heights = {part: PROP_HEIGHT_M[kind] for part, kind in props.items()}
    if placement is Placement.on_chair:
        heights.setdefault(P.pelvis, SEAT_HEIGHT_M)
    masks = [
        (np.any([parts[p] for p in g], axis=0), max(heights.get(p, 0.0) for p in g)) for g in groups
    ]
    every_support = np.any([parts[p] for p in supports], axis=0)
    before = vertices.copy()
    if placement is Placement.on_chair:
        pass  # the chair holds the pelvis upright
    elif len(masks) >= 3:
        vertices = settle(vertices, masks[:3])
    elif len(masks) == 2 and apart(vertices, masks, frame):
        vertices = level(vertices, masks, frame)
    elif placement in BALANCED:
        vertices = plant(vertices, joints_all, supports, before)
        vertices = balance(vertices, every_support)
        if key.wall_lean:  # the wall holds the body up: it leans from the feet, not balanced
            vertices = lean(vertices, every_support, key.wall_lean)
    # The same rigid turn applies to the joints: solve it from three body points.
    turn, shift = _rigid_fit(before, vertices)
    seat = SEAT_HEIGHT_M if placement is Placement.on_chair else 0.0
    # The supports rest on their surfaces (the floor, a seat, a step…): the lowest decides.
    lift = -min(float(vertices[m][:, 1].min()) - h for m, h in masks)
    vertices[:, 1] += lift
    joints = {
        name: (turn @ joints_all[i, :3, 3]) + shift + np.array([0, lift, 0])
        for i, name in enumerate(model.joint_names)
    }
    frame = turn @ frame
    floating = {}
    for p in supports:
        low = float(vertices[parts[p]][:, 1].min())
        surface_height = heights.get(p, 0.0)
        if low - surface_height > CONTACT_TOLERANCE_M:
            floating[p.value] = low - surface_height
    below = {}
    for i, name in enumerate(BONE_NAMES):
        ys = vertices[bone == i][:, 1]
        if len(ys) and ys.min() < -THROUGH_FLOOR_M:
            below[name] = -float(ys.min())
    wall = None
    if key.wall_lean is not None:
        hands = np.any([parts[P.left_hand], parts[P.right_hand]], axis=0)
        ahead = _flat(frame[:, 2])
        reach = vertices[hands] @ ahead
        touch = vertices[hands][int(np.argmax(reach))]
        wall = (float(touch[0]), float(touch[2]), float(ahead[0]), float(ahead[2]))
    return PlacedBody(
        vertices=vertices,
        faces=np.asarray(model.faces),
        bone_of_vertex=bone,
        joints=joints,
        frame=frame,
        seat_height=seat,
        props=tuple(
            (kind, heights[part], _footprint(vertices[parts[part]]), part)
            for part, kind in props.items()
        ),
        below_floor=below,
        floating=floating,
        wall=wall,
    )


def _flat(direction: np.ndarray) -> np.ndarray:
    level_ = np.array([direction[0], 0.0, direction[2]])
    return level_ / max(np.linalg.norm(level_), 1e-9)


def _footprint(skin: np.ndarray) -> tuple[float, float]:
    return float(skin[:, 0].mean()), float(skin[:, 2].mean())


def _rigid_fit(before: np.ndarray, after: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rotation and shift that carry `before` onto `after` (Kabsch)."""
    ca, cb = before.mean(axis=0), after.mean(axis=0)
    h = (before - ca).T @ (after - cb)
    u, _, vt = np.linalg.svd(h)
    d = np.sign(np.linalg.det(vt.T @ u.T))
    turn = vt.T @ np.diag([1, 1, d]) @ u.T
    return turn, cb - turn @ ca


def problems_of(key: KeyPose) -> list[str]:
    """What is physically wrong with `key` (left side working), in plain words."""
    body = place(key)
    found = []
    bearing = key.rests_on or [p for g in DEFAULT_SUPPORTS[key.placement] for p in g]
    if key.wall_lean is not None and key.placement is not Placement.standing:
        found.append(f"key pose '{key.name}': wall_lean is for standing with the hands on a wall")
    for prop in key.props:
        if prop.under not in bearing:
            found.append(
                f"key pose '{key.name}': the {prop.kind.value} is under the "
                f"{prop.under.value.replace('_', ' ')}, which bears no weight here (name it in rests_on)"
            )
    for part, depth in sorted(body.below_floor.items()):
        found.append(
            f"key pose '{key.name}': the {part} passes {depth * 100:.0f} cm through the floor"
        )
    under = {prop.under.value: prop.kind.value for prop in key.props}
    if key.placement is Placement.on_chair:
        under.setdefault("pelvis", "seat")
    for part, gap in sorted(body.floating.items()):
        found.append(
            f"key pose '{key.name}': {key.placement.value.replace('_', ' ')} rests on the "
            f"{part.replace('_', ' ')}, but it is {gap * 100:.0f} cm above the "
            f"{under.get(part, 'floor')}"
        )
    return found
