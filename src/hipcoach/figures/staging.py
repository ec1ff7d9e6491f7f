"""One room per exercise: the camera, the framing, the floor and the props every key pose shares.

The player fades from one key pose to the next in place, so only the body may move between
them: one camera (set by the first key pose), one framing (fitting every key pose, or only the
parts a close-up names), one floor under them all, and the same room in each. A prop that a
key pose rests on is in the room in every key pose (the box sat on at the bottom of a squat is
there at the top too), where the nearest key pose that uses it puts it; the chair, a wall, a
band's anchor stay where the first key pose puts them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hipcoach.content.poses import Anchor, BodyPart, Poses, PropKind, Wall
from hipcoach.figures.draw import (
    CHAIR,
    PROP_SIZE,
    WALL,
    Camera,
    Frame,
    Scene,
    box_faces,
    camera_for,
    flat_axes,
    frame_for,
    roller_faces,
)
from hipcoach.figures.placing import PlacedBody, mirror_part, place
from hipcoach.figures.segments import rest_tables

# What each piece of equipment an exercise names is drawn as (the kinds a stage holds).
DRAWN_EQUIPMENT: dict[str, frozenset[str]] = {
    "massage_ball": frozenset({"ball"}),
    "foam_roller": frozenset({"roller"}),
    "band": frozenset({"band"}),
    "mini_band": frozenset({"band"}),
    "wall": frozenset({"wall"}),
    "chair": frozenset({"chair"}),
    "step": frozenset({"step"}),
    "box": frozenset({"box"}),
    "bench": frozenset({"box", "table"}),  # a bench is drawn at a box's or a table's height
}
FACING_DOT = 0.5  # the body's left at least 60° from the picture's left (0: seen side-on)
MARGIN = 0.06  # of the picture, round the bodies
CLOSE_UP_MARGIN = 0.18  # round the parts of a close-up: a little of the body round them shows
FLOOR_MARGIN_M = 0.2  # the floor (a mat) reaches this far past the bodies
WALL_REACH_M = 0.55  # a wall held for balance: about an arm's reach from the body's middle
WALL_HALF_LENGTH_M = 0.5
ANCHOR_M = 0.6  # a band's anchor (a table leg) from the part the band goes round
BALL_OFF_MIDDLE_M = 0.08  # a ball under the pelvis sits under the working side's buttock


@dataclass(frozen=True)
class Stage:
    """Every key pose of an exercise in one room, seen by one camera in one framing."""

    scenes: list[Scene]
    camera: Camera
    frame: Frame
    floor: np.ndarray  # 4×3: the floor's corners
    kinds: frozenset[str]  # what the room holds: chair, wall, band, step, box, table, roller, …

    @property
    def faces_viewer(self) -> bool:
        """Whether the body's left is on the picture's right, as with someone facing you: a
        person facing the screen copies the mirror image, or moves the other leg."""
        left = self.scenes[0].body.frame[:, 0]
        return bool(left @ self.camera.right > FACING_DOT)


def stage(poses: Poses, side: str, size: tuple[int, int]) -> Stage:
    """The room of `poses` with `side` working ('left', 'right' or 'both'), at `size` pixels."""
    body_side = "right" if side == "right" else "left"
    bodies = [place(key, body_side) for key in poses.keys]
    first = bodies[0]
    camera = camera_for(first, poses.view, body_side, height=poses.camera_height)
    front, left = flat_axes(first)
    working = left if body_side == "left" else -left
    kinds: set[str] = set()

    still: list[tuple[np.ndarray, tuple[int, int, int]]] = []
    seated = next((b for b in bodies if b.seat_height > 0), None)
    if seated is not None:
        pelvis = seated.joints["Pelvis"]
        centre = np.array([pelvis[0], pelvis[2]]) + front[[0, 2]] * 0.05
        still += [(f, CHAIR) for f in box_faces(centre, seated.seat_height, (0.22, 0.22), seated)]
        kinds.add("chair")
    top = max(float(b.vertices[:, 1].max()) for b in bodies) + 0.1
    leaning = next((b for b in bodies if b.wall is not None), None)
    if leaning is not None and leaning.wall is not None:  # a slab of wall where the hands touch
        x, z, nx, nz = leaning.wall
        centre = np.array([x + nx * 0.03, z + nz * 0.03])
        still += [(f, WALL) for f in box_faces(centre, top, (0.03, WALL_HALF_LENGTH_M), leaning)]
        kinds.add("wall")
    elif poses.wall is not None:
        pelvis = first.joints["Pelvis"]
        if poses.wall is Wall.beside:
            offset, half = -working * WALL_REACH_M, (WALL_HALF_LENGTH_M, 0.03)
        else:
            offset, half = -front * WALL_REACH_M, (0.03, WALL_HALF_LENGTH_M)
        centre = np.array([pelvis[0] + offset[0], pelvis[2] + offset[2]])
        still += [(f, WALL) for f in box_faces(centre, top, half, first)]
        kinds.add("wall")

    bands = [np.zeros((0, 3)) for _ in bodies]
    if poses.band is not None:
        kinds.add("band")
        around = [mirror_part(p) if body_side == "right" else p for p in poses.band.around]
        if poses.band.anchor is None:
            bands = [np.array([_middle(b, around[0]), _middle(b, around[1])]) for b in bodies]
        else:
            direction = {
                Anchor.outside: working,
                Anchor.inside: -working,
                Anchor.ahead: front,
                Anchor.behind: -front,
            }[poses.band.anchor]
            tied = _middle(first, around[0]) + direction * ANCHOR_M
            post = np.array([tied[0], tied[2]])
            still += [(f, CHAIR) for f in box_faces(post, tied[1] + 0.08, (0.025, 0.025), first)]
            bands = [np.array([_middle(b, around[0]), tied]) for b in bodies]

    scenes = []
    for i, body in enumerate(bodies):
        faces: list[tuple[np.ndarray, tuple[int, int, int]]] = []
        balls = []
        for kind, height, (x, z), under in _props_of(bodies, i):
            kinds.add(kind.value)
            centre = np.array([x, z])
            if kind is PropKind.roller:
                faces += [(f, CHAIR) for f in roller_faces(centre, height, body)]
            elif kind is PropKind.ball:
                if under is BodyPart.pelvis:
                    centre = centre + working[[0, 2]] * BALL_OFF_MIDDLE_M
                balls.append((np.array([centre[0], height / 2, centre[1]]), height / 2))
            else:
                faces += [
                    (f, CHAIR) for f in box_faces(centre, height, PROP_SIZE[kind.value], body)
                ]
        scenes.append(Scene(body=body, room=still, props=faces, balls=balls, band=bands[i]))

    floor = _floor(scenes)
    if poses.close_up:
        parts = [mirror_part(p) if body_side == "right" else p for p in poses.close_up]
        _, skin = rest_tables()
        mask = np.any([skin[p] for p in parts], axis=0)
        points = np.concatenate([b.vertices[mask] for b in bodies])
        margin = CLOSE_UP_MARGIN
    else:
        points = np.concatenate(
            [b.vertices for b in bodies]
            + [face for scene in scenes for face, _ in scene.faces]
            + [ball[None, :] for scene in scenes for ball, _ in scene.balls]
        )
        margin = MARGIN
    frame = frame_for(points, camera, *size, margin=margin)
    return Stage(scenes=scenes, camera=camera, frame=frame, floor=floor, kinds=frozenset(kinds))


def _middle(body: PlacedBody, part: BodyPart) -> np.ndarray:
    _, skin = rest_tables()
    return body.vertices[skin[part]].mean(axis=0)


def _props_of(bodies: list[PlacedBody], i: int) -> list:
    """The props in the room at key pose `i`: its own, and each other kind where the nearest
    key pose that rests on one puts it."""
    found = list(bodies[i].props)
    own = {kind for kind, *_ in found}
    others = sorted(range(len(bodies)), key=lambda j: abs(j - i))
    for j in others:
        for prop in bodies[j].props:
            if prop[0] not in own:
                found.append(prop)
        own |= {kind for kind, *_ in bodies[j].props}
    return found


def _floor(scenes: list[Scene]) -> np.ndarray:
    """One floor under every key pose and the room: their footprint and a margin, like a mat."""
    points = np.concatenate(
        [s.body.vertices for s in scenes] + [f for s in scenes for f, _ in s.faces]
    )
    x0, x1 = points[:, 0].min() - FLOOR_MARGIN_M, points[:, 0].max() + FLOOR_MARGIN_M
    z0, z1 = points[:, 2].min() - FLOOR_MARGIN_M, points[:, 2].max() + FLOOR_MARGIN_M
    return np.array([[x0, 0, z0], [x1, 0, z0], [x1, 0, z1], [x0, 0, z1]], dtype=float)
