"""The text alternative of a figure, written from the same pose data it is drawn from.

"Lying face down, left side working: left knee bent to 90°. Then the left thigh turns in to
35°. The foot swings outward as the thigh turns in, the knee staying on the mat."
"""

from __future__ import annotations

from hipcoach.content.poses import KeyPose, Placement, Poses

PLACEMENT_WORDS = {
    Placement.face_down: "Lying face down",
    Placement.on_back: "Lying on the back",
    Placement.on_left_side: "Lying on the left side",
    Placement.on_right_side: "Lying on the right side",
    Placement.long_sitting: "Sitting on the floor, legs out in front",
    Placement.sitting: "Sitting on the floor",
    Placement.on_chair: "Sitting on a chair",
    Placement.hands_and_knees: "On hands and knees",
    Placement.kneeling: "Kneeling",
    Placement.half_kneeling: "Half-kneeling",
    Placement.standing: "Standing",
}
# How each motion reads, for a positive and a negative angle ({side} is 'left' or 'right').
_PHRASES: dict[str, tuple[str, str]] = {
    "hip_flexion": ("{side} hip bent to {deg}°", "{side} hip stretched back {deg}°"),
    "hip_abduction": ("{side} leg out to the side {deg}°", "{side} leg across {deg}°"),
    "hip_internal_rotation": ("{side} thigh turned in {deg}°", "{side} thigh turned out {deg}°"),
    "knee_flexion": ("{side} knee bent to {deg}°", "{side} knee straight"),
    "ankle_dorsiflexion": ("{side} toes pulled up {deg}°", "{side} foot pointed {deg}°"),
    "toe_extension": ("{side} toes lifted {deg}°", "{side} toes pressed down {deg}°"),
    "trunk_flexion": ("trunk bent forward {deg}°", "trunk arched back {deg}°"),
    "trunk_rotation": ("trunk turned {deg}° toward the {side} side", "trunk turned {deg}° away"),
    "trunk_side_bend": ("trunk bent {deg}° toward the {side} side", "trunk bent {deg}° away"),
}
# How each motion reads back at zero (the end of a movement that returns to neutral).
_NEUTRAL = {
    "hip_flexion": "{side} hip straight",
    "hip_abduction": "{side} leg in line",
    "hip_internal_rotation": "{side} thigh facing forward",
    "knee_flexion": "{side} knee straight",
    "ankle_dorsiflexion": "{side} foot at a right angle",
    "toe_extension": "{side} toes flat",
    "trunk_flexion": "trunk upright",
    "trunk_rotation": "trunk facing forward",
    "trunk_side_bend": "trunk upright",
}
# The angles worth saying at the start: the legs and the trunk (the arms follow from the words).
_STARTING = ("hip_flexion", "knee_flexion", "hip_internal_rotation", "hip_abduction")
NOTICEABLE_DEG = 10  # a change smaller than this is not worth a sentence


def _mirror_name(name: str) -> str:
    if name.startswith("left_"):
        return "right_" + name.removeprefix("left_")
    if name.startswith("right_"):
        return "left_" + name.removeprefix("right_")
    return name


def _phrase(name: str, value: float, working: str) -> str | None:
    side, _, motion = (
        name.partition("_") if name.startswith(("left_", "right_")) else ("", "", name)
    )
    if motion not in _PHRASES:
        return None
    positive, negative = _PHRASES[motion]
    template = positive if value > 0 else negative
    if round(value) == 0:
        template = _NEUTRAL[motion]
    return template.format(side=side or working, deg=f"{abs(value):.0f}")


def _angles(key: KeyPose, side: str) -> dict[str, float]:
    angles = key.angles.degrees()
    return {_mirror_name(k): v for k, v in angles.items()} if side == "right" else angles


def _placement(key: KeyPose, side: str) -> str:
    placement = key.placement
    if side == "right":
        placement = {
            Placement.on_left_side: Placement.on_right_side,
            Placement.on_right_side: Placement.on_left_side,
        }.get(placement, placement)
    return PLACEMENT_WORDS[placement]


def _order(name: str, working: str) -> tuple[int, str]:
    """The working side's angles first, then the trunk's, then the other side's."""
    rank = 0 if name.startswith(working + "_") else 2 if name.startswith(("left_", "right_")) else 1
    return rank, name


def describe(poses: Poses, side: str) -> str:
    """The figure of `poses` with `side` working ('left', 'right' or 'both'), in words."""
    working = "right" if side == "right" else "left"
    first, last = poses.keys[0], poses.keys[-1]
    start = _angles(first, working)
    said = [
        _phrase(name, value, working)
        for name, value in sorted(start.items(), key=lambda item: _order(item[0], working))
        if name.partition("_")[2] in _STARTING and abs(value) >= NOTICEABLE_DEG
    ][:4]
    head = _placement(first, working)
    if side in ("left", "right"):
        head += f", {side} side working"
    text = head + (": " + ", ".join(p for p in said if p) if any(said) else "") + "."
    end = _angles(last, working)
    phrases = [
        _phrase(name, end.get(name, 0.0), working)
        for name in sorted(set(start) | set(end), key=lambda name: _order(name, working))
        if abs(end.get(name, 0.0) - start.get(name, 0.0)) >= NOTICEABLE_DEG
    ]
    changed = [c for c in phrases if c]
    if last.placement != first.placement:
        text += f" Then {_placement(last, working)[0].lower()}{_placement(last, working)[1:]}."
    if changed:
        text += (
            f" {'Then' if last.placement == first.placement else 'With'}: "
            + ", ".join(changed[:4])
            + "."
        )
    if poses.moves:
        moves = poses.moves
        if side == "right":
            moves = moves.replace("left", "\0").replace("right", "left").replace("\0", "right")
        text += f" {moves[0].upper()}{moves[1:]}."
    return text
