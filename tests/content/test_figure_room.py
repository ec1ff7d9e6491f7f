"""Figures a person can copy: every exercise's key poses differ visibly at the size shown, the
room (camera, framing, floor, chair, wall) stays still between them, and the props the
exercise needs are drawn."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from hipcoach.content.loader import load_library
from hipcoach.content.schema import Exercise
from hipcoach.figures import FIGURE_SIZE, MIN_CHANGED_SHARE, changed_share, images
from hipcoach.figures.draw import draw
from hipcoach.figures.staging import DRAWN_EQUIPMENT, stage


@pytest.fixture(autouse=True)
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIPCOACH_HOME", str(tmp_path / "home"))


@cache
def posed() -> list[Exercise]:
    return [e for e in load_library().exercises.values() if e.poses is not None]


def side_of(exercise: Exercise) -> str:
    return "left" if exercise.per_side else "both"


def test_every_exercise_s_key_poses_differ_visibly_at_the_size_shown() -> None:
    too_alike = {}
    for exercise in posed():
        pictures = images(exercise.poses, side_of(exercise), size=FIGURE_SIZE)
        for (key, a), (next_key, b) in zip(
            zip(exercise.poses.keys, pictures, strict=True),
            list(zip(exercise.poses.keys, pictures, strict=True))[1:],
            strict=False,
        ):
            share = changed_share(a, b)
            if share < MIN_CHANGED_SHARE:
                too_alike[f"{exercise.id}: {key.name} → {next_key.name}"] = round(share * 100, 1)
    assert not too_alike, f"key poses too alike (% of pixels changed): {too_alike}"


def test_the_measure_tells_a_still_figure_from_a_moving_one() -> None:
    """The measure itself: a key pose against itself changes nothing; a small movement drawn
    whole (the foot's, without its close-up) falls under the threshold."""
    short_foot = load_library().exercises["short-foot"].poses
    still = images(short_foot, "left")
    assert changed_share(still[0], still[0]) == 0
    whole = short_foot.model_copy(update={"close_up": None})
    far = images(whole, "left")
    assert changed_share(far[0], far[1]) < MIN_CHANGED_SHARE <= changed_share(*still)


@pytest.mark.parametrize("side", ["left", "right"])
def test_one_camera_and_one_room_for_every_key_pose(side: str) -> None:
    """Drawn without its body, each key pose of an exercise is the same picture: the camera,
    the framing, the floor, the chair, the wall and the band's anchor do not move (props a
    part rests on may, with the part: a roller under a rolling buttock)."""
    moved = []
    for exercise in posed():
        which = side if exercise.per_side else "both"
        room = stage(exercise.poses, which, FIGURE_SIZE)
        empty = [
            draw(
                dataclasses.replace(
                    scene,
                    body=dataclasses.replace(scene.body, vertices=scene.body.vertices + 1000.0),
                    props=[],
                    balls=[],
                    band=np.zeros((0, 3)),
                ),
                room.camera,
                room.frame,
                room.floor,
                which,
            )
            for scene in room.scenes
        ]
        if any(changed_share(empty[0], other) > 0 for other in empty[1:]):
            moved.append(exercise.id)
    assert not moved


def test_the_body_moves_against_the_room_not_the_frame() -> None:
    """Seated on a chair, the thigh turning in: the chair's pixels stay put while the foot
    swings out."""
    poses = load_library().exercises["chair-ir-activation"].poses
    room = stage(poses, "left", FIGURE_SIZE)
    chairs = {repr(face.round(6).tolist()) for scene in room.scenes for face, _ in scene.room}
    assert len(chairs) == len(room.scenes[0].room) > 0


def test_every_exercise_draws_the_equipment_it_names() -> None:
    missing = {}
    for exercise in posed():
        kinds = stage(exercise.poses, side_of(exercise), FIGURE_SIZE).kinds
        for item in exercise.equipment:
            if item in DRAWN_EQUIPMENT and not DRAWN_EQUIPMENT[item] & kinds:
                missing.setdefault(exercise.id, []).append(item)
    assert not missing, f"equipment named but not drawn: {missing}"


def test_nothing_is_drawn_that_the_exercise_does_not_ask_for() -> None:
    extra = {}
    for exercise in posed():
        kinds = stage(exercise.poses, side_of(exercise), FIGURE_SIZE).kinds
        named = set().union(*(DRAWN_EQUIPMENT.get(item, set()) for item in exercise.equipment))
        if kinds - named:
            extra[exercise.id] = sorted(kinds - named)
    assert not extra, f"drawn but not in the equipment: {extra}"


def test_the_glute_ball_release_draws_its_ball() -> None:
    """The ball is in the picture, in its own colour, under the working side's buttock."""
    poses = load_library().exercises["glute-ball-release"].poses
    for picture in images(poses, "left"):
        rgb = np.asarray(picture.convert("RGB"), dtype=int)
        r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
        ball = (r > g + 60) & (r > b + 60)
        assert ball.sum() > 20


def test_a_band_is_drawn_between_its_parts_in_every_key_pose() -> None:
    room = stage(load_library().exercises["banded-lateral-walk"].poses, "left", FIGURE_SIZE)
    widths = [float(np.linalg.norm(scene.band[1] - scene.band[0])) for scene in room.scenes]
    assert all(0.1 < w < 0.5 for w in widths)  # round both legs above the knees
    assert widths[1] > widths[0]  # stretched as the feet step apart
