"""Rendered frames of the seated hip test for checking the guided camera test: a person in a
shirt and shorts, skin-toned, sitting on an edge in front of a wall, seen from the front by a
phone propped at knee height, each foot swung out by a known angle.

Kept apart from the exercise figures (same bodies and staging, another look): the plain grey
figure is too abstract for a pose model trained on photographs. These frames are made at test
time and never committed.
"""

from __future__ import annotations

from PIL import Image

from hipcoach.content.poses import Poses
from hipcoach.figures.draw import Look, draw, pixels_of
from hipcoach.figures.hip_test import hip_test_figures
from hipcoach.figures.segments import BONE_NAMES
from hipcoach.figures.staging import stage
from hipcoach.vocabulary import Position

SKIN = (205, 150, 118)
SHIRT = (52, 96, 150)
SHORTS = (44, 44, 56)
SHOES = (235, 235, 235)
_CLOTHES = {
    "trunk": SHIRT,
    "left upper arm": SHIRT,
    "right upper arm": SHIRT,
    "pelvis": SHORTS,
    "left thigh": SHORTS,
    "right thigh": SHORTS,
    "left foot": SHOES,
    "right foot": SHOES,
}
PHOTO_LOOK = Look(
    background=(186, 180, 168),  # a painted wall
    floor=(132, 100, 72),  # a wooden floor
    bones=tuple(_CLOTHES.get(name, SKIN) for name in BONE_NAMES),
)
PHOTO_SIZE = (640, 480)
PHONE_HEIGHT_DEG = 18  # the phone propped a little above the knees, looking down at them  # what a phone's front camera gives at its lower setting


def seated_poses(*turns: tuple[float, float]) -> Poses:
    """The seated test's pose (`hip_test.yaml`), seen from the front, once per (left, right)
    pair of internal rotations in degrees: the feet swung out by those angles."""
    rest = hip_test_figures()[Position.seated].poses.keys[0]
    keys = []
    for left, right in turns:
        angles = rest.angles.model_copy(
            update={"left_hip_internal_rotation": left, "right_hip_internal_rotation": right}
        )
        keys.append(rest.model_copy(update={"angles": angles, "name": f"{left} {right}"}))
    return Poses(
        view="front",
        camera_height=PHONE_HEIGHT_DEG,
        moves="the feet swing out as the thighs turn in",
        keys=keys,
    )


# Every frame is framed as if with these two poses in the same room (the widest the feet go, and
# at rest), so frames made in any number of batches share one framing: the phone does not move.
MAX_TURN_DEG = 50
_FRAMING = ((0.0, 0.0), (float(MAX_TURN_DEG), float(MAX_TURN_DEG)))
_BATCH = 6 - len(_FRAMING)  # a pose file holds at most six key poses


def _scenes(turns: tuple[tuple[float, float], ...], size: tuple[int, int]) -> list:
    """(room, scene) per pair of turns, in order, in one framing."""
    for pair in turns:
        if not all(0 <= turn <= MAX_TURN_DEG for turn in pair):
            raise ValueError(f"turns of 0–{MAX_TURN_DEG}° only, not {pair}")
    found = []
    for start in range(0, len(turns), _BATCH):
        batch = turns[start : start + _BATCH]
        room = stage(seated_poses(*_FRAMING, *batch), "both", size)
        found += [(room, scene) for scene in room.scenes[len(_FRAMING) :]]
    return found


def seated_photos(
    *turns: tuple[float, float], size: tuple[int, int] = PHOTO_SIZE
) -> list[Image.Image]:
    """One frame per (left, right) pair of turns (0–50°), all in one framing (the phone does
    not move)."""
    return [
        draw(scene, room.camera, room.frame, room.floor, "both", PHOTO_LOOK)
        for room, scene in _scenes(turns, size)
    ]


def seated_joints(
    *turns: tuple[float, float], size: tuple[int, int] = PHOTO_SIZE
) -> list[dict[str, tuple[float, float]]]:
    """Where the knees and ankles are in each of `seated_photos(*turns)`, in pixels from the
    picture's top left: the geometry a person taps, or a pose model should find."""
    return [
        {
            f"{side} {joint}": pixels_of(
                room.camera, room.frame, scene.body.joints[f"{side[0].upper()}_{name}"]
            )
            for side in ("left", "right")
            for joint, name in (("knee", "Knee"), ("ankle", "Ankle"))
        }
        for room, scene in _scenes(turns, size)
    ]
