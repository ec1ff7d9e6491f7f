"""Poses as data: the key positions of an exercise, from which its figure is drawn.

An exercise's `poses:` block names how the body is placed (face down, on the back, long
sitting, …), the joint angles that differ from standing upright with the arms by the sides,
and the view that shows the movement best. Angles are written for the **left** side as the
working side; the right side is the mirror image, so one block serves both sides.

Angles are in degrees from the anatomical position, by anatomical name. Each motion's signed
opposite is the negative (hip extension is negative hip flexion, external rotation is negative
internal rotation). The trunk and neck turn and bend *toward the working side* when positive.

This module is pure data and its human-range checks; whether the body rests on the floor is
checked by `hipcoach.figures.placing`, which poses the figure in space.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)

# Typical adult range of motion, in degrees, as (least, most) with the opposite motion negative.
# Hip, knee, ankle, elbow and wrist: "Normal Values for Range of Motion of Joints", Table 1 of
# the Merck Manual (Professional Version), where hip extension is its hyperextension beyond
# the midline. Shoulder, trunk and neck: UNSOURCED (usual textbook values, not retrieved); they
# only bound the arms and the trunk of a figure, never a measurement.
RANGE_SOURCE = "Merck Manual, normal range of motion of joints"
AVERAGE_RANGES: dict[str, tuple[float, float]] = {
    "hip_flexion": (-15, 125),
    "hip_abduction": (-45, 45),
    "hip_internal_rotation": (-45, 45),
    "knee_flexion": (0, 130),
    "ankle_dorsiflexion": (-50, 20),
    "toe_extension": (-30, 60),  # UNSOURCED: the toes at the ball of the foot, all together
    "shoulder_flexion": (-60, 180),  # UNSOURCED
    "shoulder_abduction": (0, 180),  # UNSOURCED
    "shoulder_internal_rotation": (-90, 70),  # UNSOURCED
    "elbow_flexion": (0, 160),
    "wrist_extension": (-90, 70),
    "trunk_flexion": (-25, 80),  # UNSOURCED
    "trunk_side_bend": (-35, 35),  # UNSOURCED
    "trunk_rotation": (-45, 45),  # UNSOURCED
    "neck_flexion": (-45, 45),  # UNSOURCED
    "neck_rotation": (-60, 60),  # UNSOURCED
}
SOURCED_MOTIONS = frozenset(
    {
        "hip_flexion",
        "hip_abduction",
        "hip_internal_rotation",
        "knee_flexion",
        "ankle_dorsiflexion",
        "elbow_flexion",
        "wrist_extension",
    }
)

# Passive end range (a stretch, a heel pulled to the buttock) goes past the average active
# range; a pose may go this far beyond it before it is called impossible. UNSOURCED: a margin
# chosen so that the method's stretches fit and a typing slip (900 for 90) does not.
PASSIVE_MARGIN_DEG = 25

SIDED_MOTIONS = frozenset(
    name
    for name in AVERAGE_RANGES
    if name.split("_")[0] in {"hip", "knee", "ankle", "toe", "shoulder", "elbow", "wrist"}
)
WHOLE_BODY_MOTIONS = frozenset(AVERAGE_RANGES) - SIDED_MOTIONS


def angle_names() -> list[str]:
    """Every angle name a pose may use: `left_`/`right_` + a limb motion, or a trunk/neck one."""
    sided = [f"{side}_{motion}" for side in ("left", "right") for motion in sorted(SIDED_MOTIONS)]
    return sided + sorted(WHOLE_BODY_MOTIONS)


def motion_of(name: str) -> str:
    """The motion of an angle name: 'left_hip_flexion' → 'hip_flexion'."""
    return name.removeprefix("left_").removeprefix("right_")


def allowed_range(name: str) -> tuple[float, float]:
    """The most a pose may ask of the motion `name` (average range plus the passive margin)."""
    low, high = AVERAGE_RANGES[motion_of(name)]
    return low - PASSIVE_MARGIN_DEG, high + PASSIVE_MARGIN_DEG


class Placement(str, Enum):
    """How the body is placed: what it rests on, and which way it faces."""

    face_down = "face_down"
    on_back = "on_back"
    on_left_side = "on_left_side"
    on_right_side = "on_right_side"
    long_sitting = "long_sitting"  # on the floor, legs out in front
    sitting = "sitting"  # on the floor, the legs placed by their angles (e.g. 90/90)
    on_chair = "on_chair"
    hands_and_knees = "hands_and_knees"
    kneeling = "kneeling"
    half_kneeling = "half_kneeling"
    standing = "standing"


class View(str, Enum):
    """Where the camera stands, relative to the body: the side that shows the movement."""

    left = "left"  # beside the working side
    right = "right"
    front = "front"
    back = "back"
    above = "above"
    feet = "feet"  # at the feet, looking along the body
    head = "head"


class BodyPart(str, Enum):
    """A part of the body that can bear weight on the floor, a chair or a roller."""

    pelvis = "pelvis"
    chest = "chest"
    left_knee = "left_knee"
    right_knee = "right_knee"
    left_foot = "left_foot"
    right_foot = "right_foot"
    left_hand = "left_hand"
    right_hand = "right_hand"
    left_elbow = "left_elbow"
    right_elbow = "right_elbow"


_OPPOSITE = {
    "flexion": "extension",
    "abduction": "adduction",
    "internal_rotation": "external rotation",
    "dorsiflexion": "plantar flexion",
    "extension": "flexion",
    "side_bend": "bend away from the working side",
    "rotation": "turn away from the working side",
}


def _angle_field(name: str) -> tuple[Any, Any]:
    low, high = allowed_range(name)
    average = AVERAGE_RANGES[motion_of(name)]
    action = motion_of(name).split("_", 1)[1]
    words = name.replace("_", " ")
    return (
        float | None,
        Field(
            None,
            ge=low,
            le=high,
            description=(
                f"{words[0].upper()}{words[1:]}, degrees (negative: {_OPPOSITE[action]}). "
                f"Typical range {average[0]:g} to {average[1]:g} "
                f"({RANGE_SOURCE if motion_of(name) in SOURCED_MOTIONS else 'UNSOURCED'}); "
                f"a pose may go {PASSIVE_MARGIN_DEG}° beyond it."
            ),
        ),
    )


class _AngleBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _known(cls, data: object) -> object:
        from hipcoach.content.yamlfile import did_you_mean

        if isinstance(data, dict):
            names = angle_names()
            for name in data:
                if name not in names:
                    raise ValueError(
                        f"'{name}' is not a joint angle{did_you_mean(str(name), names)}"
                    )
        return data

    def degrees(self) -> dict[str, float]:
        """The angles given, by name (the others are 0)."""
        return {k: v for k, v in self.model_dump().items() if v is not None}


if TYPE_CHECKING:
    # The fields are made at run time, one per joint angle: the checker sees the base class.
    Angles = _AngleBase
else:
    Angles = create_model(
        "Angles",
        __base__=_AngleBase,
        __doc__="Joint angles in degrees by anatomical name; an angle not given is 0 (standing, arms by the sides).",
        **{name: _angle_field(name) for name in angle_names()},
    )


class PropKind(str, Enum):
    """Something a part of the body rests on, drawn under it at its usual height."""

    step = "step"  # 15 cm
    box = "box"  # 45 cm: a box, a bench or a chair's seat
    table = "table"  # 72 cm: a table or a bed
    roller = "roller"  # a foam roller, 15 cm
    ball = "ball"  # a massage ball, 8 cm
    cushion = "cushion"  # a folded blanket or a firm cushion, 10 cm


class Prop(BaseModel):
    """A prop under one weight-bearing part."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: PropKind
    under: BodyPart


class Anchor(str, Enum):
    """Where a band's far end is tied, from the body's point of view in the first key pose."""

    outside = "outside"  # beyond the working side, level with the banded part
    inside = "inside"  # beyond the other side
    ahead = "ahead"
    behind = "behind"


class Band(BaseModel):
    """An exercise band: round two parts (a loop round both knees), or round one part and tied
    to a fixed anchor (a table leg) on one side of it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    around: list[BodyPart] = Field(min_length=1, max_length=2)
    anchor: Anchor | None = Field(None, description="With one part: where the far end is tied.")

    @model_validator(mode="after")
    def _tied(self) -> Band:
        if (len(self.around) == 1) == (self.anchor is None):
            raise ValueError("a band goes round two parts, or round one part with an anchor")
        return self


class Wall(str, Enum):
    """A wall drawn in the room for an exercise held at it for balance (not leant on)."""

    beside = "beside"  # at arm's reach on the other side from the working one
    behind = "behind"


class KeyPose(BaseModel):
    """One key position of the movement, for the left side working."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=2, max_length=40, description="e.g. start, end, hold.")
    placement: Placement
    angles: Angles = Field(
        default_factory=Angles,
        description=(
            "Degrees by anatomical name, e.g. left_hip_flexion: 90, left_knee_flexion: 90, "
            "left_hip_internal_rotation: 30 (negative: the opposite motion)."
        ),
    )
    rests_on: list[BodyPart] | None = Field(
        None,
        description=(
            "The parts that bear weight, when not the placement's usual ones. With two, the body "
            "is tipped until both touch; with three or more, it settles on the first three."
        ),
    )
    props: list[Prop] = Field(
        default_factory=list,
        description="Props under weight-bearing parts, e.g. {kind: step, under: left_foot}.",
    )
    wall_lean: int | None = Field(
        None,
        ge=0,
        le=60,
        description=(
            "Standing with the hands on a wall ahead: degrees the body leans toward it from "
            "the feet (0: upright, fingertips on the wall). The wall is drawn at the hands."
        ),
    )


class Poses(BaseModel):
    """The key poses of an exercise, drawn as its figure: at least a start and an end."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    view: View = Field(description="Where the camera stands to show the movement best.")
    camera_height: int | None = Field(
        None,
        ge=0,
        le=90,
        description="Degrees the camera looks down from level (default: 18, or 35 for a body lying down).",
    )
    keys: list[KeyPose] = Field(min_length=2, max_length=6, description="In order: start … end.")
    moves: str | None = Field(
        None,
        max_length=200,
        description="What moves, in words, for the text alternative (e.g. 'the foot falls outward as the thigh turns in').",
    )
    close_up: list[BodyPart] | None = Field(
        None,
        min_length=1,
        description=(
            "Frame the picture on these parts (in every key pose) when the movement is small, "
            "such as the foot's: the rest of the body is cut off at the picture's edge."
        ),
    )
    band: Band | None = Field(None, description="An exercise band, drawn in every key pose.")
    wall: Wall | None = Field(
        None,
        description=(
            "A wall held for balance, drawn in every key pose (a wall leant on is a key pose's "
            "wall_lean)."
        ),
    )
    thumbnail: str | None = Field(
        None,
        description=(
            "The name of the key pose shown small on Today's list: the one that shows the "
            "exercise best, such as a stretch's hold (default: the first)."
        ),
    )

    @model_validator(mode="after")
    def _distinct_names(self) -> Poses:
        names = [key.name for key in self.keys]
        if len(set(names)) != len(names):
            raise ValueError("each key pose needs its own name")
        return self

    @field_validator("thumbnail")
    @classmethod
    def _a_key_pose(cls, name: str | None, info: ValidationInfo) -> str | None:
        names = [key.name for key in info.data.get("keys", [])]
        if name is not None and names and name not in names:
            raise ValueError(f"'{name}' is not one of the key poses ({', '.join(names)})")
        return name

    @property
    def thumbnail_index(self) -> int:
        """Which key pose is the thumbnail (0: the first)."""
        names = [key.name for key in self.keys]
        return names.index(self.thumbnail) if self.thumbnail is not None else 0
