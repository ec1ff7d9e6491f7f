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
from hipcoach.figures.draw import Look, draw
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


def seated_photos(
    *turns: tuple[float, float], size: tuple[int, int] = PHOTO_SIZE
) -> list[Image.Image]:
    """One frame per (left, right) pair, all in one framing (the phone does not move)."""
    room = stage(seated_poses(*turns), "both", size)
    return [draw(s, room.camera, room.frame, room.floor, "both", PHOTO_LOOK) for s in room.scenes]
