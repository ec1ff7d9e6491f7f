"""Settling a posed body on its supports: levelled, tripod-settled, planted and balanced."""

from __future__ import annotations

from functools import cache

import numpy as np

from hipcoach.content.poses import BodyPart
from hipcoach.figures.body import mannequin, rot_axis, rot_x, rot_y
from hipcoach.figures.segments import vertex_mass

P = BodyPart
APART_M = 0.15  # supports this far apart along the body are levelled, not balanced over


Support = tuple[np.ndarray, float]  # the skin of a weight-bearing part, its surface's height


def lowest(vertices: np.ndarray, support: Support) -> np.ndarray:
    """Where a part meets its surface: under its middle, at the height of its lowest skin less
    the surface's height (so a foot on a step and a foot on the floor level alike)."""
    mask, height = support
    chosen = vertices[mask]
    return np.array([chosen[:, 0].mean(), chosen[:, 1].min() - height, chosen[:, 2].mean()])


def level(vertices: np.ndarray, groups: list[Support], frame: np.ndarray) -> np.ndarray:
    """Tip the body end over end until its first and last support groups touch the floor together.

    The turn is about the level axis across the body's length, so the body never rolls.
    """
    along = frame[:, 1].copy() if abs(frame[1, 1]) < 0.7 else frame[:, 2].copy()
    along[1] = 0
    axis = np.cross(along / np.linalg.norm(along), [0.0, 1.0, 0.0])
    axis /= np.linalg.norm(axis)
    for _ in range(6):  # the lowest points move as the body turns: settle in a few steps
        a = lowest(vertices, groups[0])
        b = lowest(vertices, groups[-1])
        d = b - a
        d -= axis * (d @ axis)  # only the part of the gap the turn can close
        length = np.linalg.norm(d)
        if length < 1e-6:
            break
        angle = np.degrees(np.arcsin(np.clip(d[1] / length, -1, 1)))
        if abs(angle) < 0.1:
            break
        turn = rot_axis(axis, angle if np.cross(d, axis) @ [0, 1, 0] < 0 else -angle)
        trial = (vertices - a) @ turn.T + a
        if abs((lowest(trial, groups[-1]) - lowest(trial, groups[0]))[1]) > abs(d[1]):
            turn = turn.T  # the other way round
            trial = (vertices - a) @ turn.T + a
        vertices = trial
    return vertices


def apart(vertices: np.ndarray, groups: list[Support], frame: np.ndarray) -> bool:
    """Whether two support groups lie apart along the body (not side by side, like two feet)."""
    gap = lowest(vertices, groups[-1]) - lowest(vertices, groups[0])
    gap[1] = 0  # apart on the floor: a pelvis above a foot is not apart from it
    across = frame[:, 0].copy()
    across[1] = 0
    if np.linalg.norm(across) > 1e-6:
        across /= np.linalg.norm(across)
        gap -= across * (gap @ across)
    return float(np.linalg.norm(gap)) > APART_M


def settle(vertices: np.ndarray, groups: list[Support]) -> np.ndarray:
    """Turn the body until the lowest points of three support groups rest on the floor together."""
    up = np.array([0.0, 1.0, 0.0])
    for _ in range(8):
        a, b, c = (lowest(vertices, g) for g in groups)
        normal = np.cross(b - a, c - a)
        size = np.linalg.norm(normal)
        if size < 1e-6:
            break
        normal /= size
        if normal[1] < 0:
            normal = -normal
        axis = np.cross(normal, up)
        if np.linalg.norm(axis) < 1e-4:
            break
        angle = np.degrees(np.arcsin(np.clip(np.linalg.norm(axis), -1, 1)))
        vertices = (vertices - a) @ rot_axis(axis, angle).T + a
    return vertices


@cache
def _rest_foot_heading() -> float:
    """The angle of a foot at rest from straight ahead (the model's feet turn out a little)."""
    model = mannequin()
    joints = np.asarray(model.joint_transforms(model.rest_pose(dtype=np.float64)))[:, :3, 3]
    names = model.joint_names
    toe = joints[names.index("L_Foot")] - joints[names.index("L_Ankle")]
    return float(np.degrees(np.arctan2(toe[0], toe[2])))


def plant(
    vertices: np.ndarray, joints: np.ndarray, supports: list[BodyPart], before: np.ndarray
) -> np.ndarray:
    """Turn the body about the vertical so the feet it stands on point ahead as at rest.

    A planted foot does not spin: when a standing hip turns, the pelvis turns over the foot.
    """
    names = mannequin().joint_names
    headings = []
    for side, part in (("L", P.left_foot), ("R", P.right_foot)):
        if part in supports:
            toe = (
                joints[names.index(f"{side}_Foot"), :3, 3]
                - joints[names.index(f"{side}_Ankle"), :3, 3]
            )
            rest = _rest_foot_heading() * (1 if side == "L" else -1)
            headings.append(np.degrees(np.arctan2(toe[0], toe[2])) - rest)
    if not headings:
        return vertices
    turn = rot_y(-float(np.mean(headings)))
    pivot = vertices.mean(axis=0)
    return (vertices - pivot) @ turn.T + pivot


def balance(vertices: np.ndarray, support: np.ndarray) -> np.ndarray:
    """Pitch the body about its left-right axis until its centre of mass is over its support."""
    mass = vertex_mass()
    for _ in range(4):
        base = vertices[support]
        pivot = np.array([base[:, 0].mean(), base[:, 1].min(), base[:, 2].mean()])
        centre = mass @ vertices - pivot
        ahead = centre[2]
        height = max(centre[1], 1e-3)
        angle = np.degrees(np.arctan2(ahead, height))
        if abs(angle) < 0.2:
            break
        vertices = (vertices - pivot) @ rot_x(-angle).T + pivot
    return vertices


def lean(vertices: np.ndarray, support: np.ndarray, degrees: float) -> np.ndarray:
    """Tip the whole body forward about its feet by `degrees` (it leans on a wall ahead)."""
    base = vertices[support]
    pivot = np.array([base[:, 0].mean(), base[:, 1].min(), base[:, 2].mean()])
    return (vertices - pivot) @ rot_x(degrees).T + pivot
