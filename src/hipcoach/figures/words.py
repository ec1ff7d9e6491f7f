"""The text alternative of a figure, written from the same pose data it is drawn from.

"Lying face down, left side working: left knee bent to 90°. Then the left thigh turns in to
35°. The foot swings outward as the thigh turns in, the knee staying on the mat."

In another language: every phrase is an English format string put through the `text` a front
end passes (its translator: this layer reads no settings and imports no Django), and how the
exercise moves comes from the content's translation (`content.translations.figure_words`).
"""

from __future__ import annotations

from collections.abc import Callable

from hipcoach.content.poses import KeyPose, Placement, Poses


def gettext_noop(text: str) -> str:
    """Marks `text` for the translation catalogue; `describe`'s `text` translates it."""
    return text


def _same(text: str) -> str:
    return text


PLACEMENT_WORDS = {
    Placement.face_down: gettext_noop("Lying face down"),
    Placement.on_back: gettext_noop("Lying on the back"),
    Placement.on_left_side: gettext_noop("Lying on the left side"),
    Placement.on_right_side: gettext_noop("Lying on the right side"),
    Placement.long_sitting: gettext_noop("Sitting on the floor, legs out in front"),
    Placement.sitting: gettext_noop("Sitting on the floor"),
    Placement.on_chair: gettext_noop("Sitting on a chair"),
    Placement.hands_and_knees: gettext_noop("On hands and knees"),
    Placement.kneeling: gettext_noop("Kneeling"),
    Placement.half_kneeling: gettext_noop("Half-kneeling"),
    Placement.standing: gettext_noop("Standing"),
}
SIDE_WORDS = {"left": gettext_noop("left"), "right": gettext_noop("right")}
# How each motion reads, for a positive and a negative angle ({side} is 'left' or 'right').
_PHRASES: dict[str, tuple[str, str]] = {
    "hip_flexion": (
        gettext_noop("{side} hip bent to {deg}°"),
        gettext_noop("{side} hip stretched back {deg}°"),
    ),
    "hip_abduction": (
        gettext_noop("{side} leg out to the side {deg}°"),
        gettext_noop("{side} leg across {deg}°"),
    ),
    "hip_internal_rotation": (
        gettext_noop("{side} thigh turned in {deg}°"),
        gettext_noop("{side} thigh turned out {deg}°"),
    ),
    "knee_flexion": (
        gettext_noop("{side} knee bent to {deg}°"),
        gettext_noop("{side} knee straight"),
    ),
    "ankle_dorsiflexion": (
        gettext_noop("{side} toes pulled up {deg}°"),
        gettext_noop("{side} foot pointed {deg}°"),
    ),
    "toe_extension": (
        gettext_noop("{side} toes lifted {deg}°"),
        gettext_noop("{side} toes pressed down {deg}°"),
    ),
    "trunk_flexion": (
        gettext_noop("trunk bent forward {deg}°"),
        gettext_noop("trunk arched back {deg}°"),
    ),
    "trunk_rotation": (
        gettext_noop("trunk turned {deg}° toward the {side} side"),
        gettext_noop("trunk turned {deg}° away"),
    ),
    "trunk_side_bend": (
        gettext_noop("trunk bent {deg}° toward the {side} side"),
        gettext_noop("trunk bent {deg}° away"),
    ),
}
# How each motion reads back at zero (the end of a movement that returns to neutral).
_NEUTRAL = {
    "hip_flexion": gettext_noop("{side} hip straight"),
    "hip_abduction": gettext_noop("{side} leg in line"),
    "hip_internal_rotation": gettext_noop("{side} thigh facing forward"),
    "knee_flexion": gettext_noop("{side} knee straight"),
    "ankle_dorsiflexion": gettext_noop("{side} foot at a right angle"),
    "toe_extension": gettext_noop("{side} toes flat"),
    "trunk_flexion": gettext_noop("trunk upright"),
    "trunk_rotation": gettext_noop("trunk facing forward"),
    "trunk_side_bend": gettext_noop("trunk upright"),
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


def _phrase(
    name: str, value: float, working: str, text: Callable[[str], str] = _same
) -> str | None:
    side, _, motion = (
        name.partition("_") if name.startswith(("left_", "right_")) else ("", "", name)
    )
    if motion not in _PHRASES:
        return None
    positive, negative = _PHRASES[motion]
    template = positive if value > 0 else negative
    if round(value) == 0:
        template = _NEUTRAL[motion]
    return text(template).format(side=text(SIDE_WORDS[side or working]), deg=f"{abs(value):.0f}")


def _angles(key: KeyPose, side: str) -> dict[str, float]:
    angles = key.angles.degrees()
    return {_mirror_name(k): v for k, v in angles.items()} if side == "right" else angles


def _placement(key: KeyPose, side: str, text: Callable[[str], str] = _same) -> str:
    placement = key.placement
    if side == "right":
        placement = {
            Placement.on_left_side: Placement.on_right_side,
            Placement.on_right_side: Placement.on_left_side,
        }.get(placement, placement)
    return text(PLACEMENT_WORDS[placement])


def _order(name: str, working: str) -> tuple[int, str]:
    """The working side's angles first, then the trunk's, then the other side's."""
    rank = 0 if name.startswith(working + "_") else 2 if name.startswith(("left_", "right_")) else 1
    return rank, name


def describe(
    poses: Poses, side: str, *, text: Callable[[str], str] = _same, moves: str | None = None
) -> str:
    """The figure of `poses` with `side` working ('left', 'right' or 'both'), in words: through
    `text` (a translator; English as it is), with `moves` for the poses' own words of how it
    moves (already in the language: the content's translation)."""
    working = "right" if side == "right" else "left"
    first, last = poses.keys[0], poses.keys[-1]
    start = _angles(first, working)
    said = [
        _phrase(name, value, working, text)
        for name, value in sorted(start.items(), key=lambda item: _order(item[0], working))
        if name.partition("_")[2] in _STARTING and abs(value) >= NOTICEABLE_DEG
    ][:4]
    head = _placement(first, working, text)
    if side in ("left", "right"):
        head += text(gettext_noop(", {side} side working")).format(side=text(SIDE_WORDS[side]))
    sentence = head + (": " + ", ".join(p for p in said if p) if any(said) else "") + "."
    end = _angles(last, working)
    phrases = [
        _phrase(name, end.get(name, 0.0), working, text)
        for name in sorted(set(start) | set(end), key=lambda name: _order(name, working))
        if abs(end.get(name, 0.0) - start.get(name, 0.0)) >= NOTICEABLE_DEG
    ]
    changed = [c for c in phrases if c]
    if last.placement != first.placement:
        english, said_so = _placement(last, working), _placement(last, working, text)
        # English runs on in lower case ("Then lying on the back"); a translation's own case
        # stays (German nouns are capitalised)
        position = _lower_first(said_so) if said_so == english else said_so
        sentence += " " + text(gettext_noop("Then {position}.")).format(position=position)
    if changed:
        sentence += " " + (
            text(gettext_noop("Then: {changes}."))
            if last.placement == first.placement
            else text(gettext_noop("With: {changes}."))
        ).format(changes=", ".join(changed[:4]))
    if moves is None and poses.moves:  # the English, mirrored for the right side
        moves = poses.moves
        if side == "right":
            moves = moves.replace("left", "\0").replace("right", "left").replace("\0", "right")
    if moves:
        sentence += f" {moves[0].upper()}{moves[1:]}."
    return sentence


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
