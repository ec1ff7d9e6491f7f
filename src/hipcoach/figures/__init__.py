"""Figures of exercises drawn from their pose data, per side, with their text alternatives.

`images(poses, side)` draws every key pose of an exercise in one shared framing (so a start and
an end can be swapped in place); `figure_png` returns one of them as PNG bytes, cached in the
data home under a key of the pose data and the drawing code's version, so a change to either
draws it again.
"""

from __future__ import annotations

import hashlib
import io
import os
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path

from filelock import FileLock, Timeout

from hipcoach.content.poses import Poses

FIGURE_SIZE = (320, 240)
THUMB_SIZE = (160, 120)
DRAWING_VERSION = "2"  # raise when the drawing changes, so cached figures are drawn again
SIDES = ("left", "right")


def images(poses: Poses, side: str, *, size: tuple[int, int] = FIGURE_SIZE) -> list:
    """Pillow images of every key pose of `poses` with `side` working, in one framing.

    `side` is 'left', 'right', or 'both' (a two-sided exercise: drawn as written, no side in
    the accent colour).
    """
    from hipcoach.figures.draw import draw
    from hipcoach.figures.staging import stage

    room = stage(poses, side, size)
    return [draw(scene, room.camera, room.frame, room.floor, side) for scene in room.scenes]


# The least share of the picture that changes between two consecutive key poses of a figure,
# at the size the player shows it (FIGURE_SIZE), for a person to see the movement and copy it.
# Issue 20 measured 0.7-3.7% for figures nobody could copy (short foot, toe yoga, the chair
# and floor rotations); the smallest movement that reads on the contact sheet, the foot
# swinging out in the face-down activation seen from the feet, changes 4.2%. 4% of 320×240
# is 3,072 pixels: about a shin's worth at that size.
MIN_CHANGED_SHARE = 0.04
# A pixel has changed when its red, green and blue differ by this much together: more than
# the palette's rounding, less than the step between two shades of a face.
CHANGED_LEVEL = 30


def changed_share(first, second) -> float:
    """The share of pixels that differ visibly between two figures of the same size."""
    import numpy as np

    a = np.asarray(first.convert("RGB"), dtype=int)
    b = np.asarray(second.convert("RGB"), dtype=int)
    return float((np.abs(a - b).sum(axis=2) > CHANGED_LEVEL).mean())


def faces_viewer(poses: Poses) -> bool:
    """Whether the figure shows the body's left on the picture's right (seen from the front,
    or lying on the back seen from the feet): the one a person facing the screen may mirror."""
    return _faces_viewer(poses.model_dump_json())


@lru_cache(maxsize=256)
def _faces_viewer(poses_json: str) -> bool:
    from hipcoach.figures.staging import stage

    return stage(Poses.model_validate_json(poses_json), "left", THUMB_SIZE).faces_viewer


def to_png(image) -> bytes:
    """`image` as a small palette PNG."""
    from hipcoach.figures.draw import shrink

    buffer = io.BytesIO()
    shrink(image).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def figure_key(poses: Poses, side: str, size: tuple[int, int]) -> str:
    """A short digest naming the drawing of `poses` on `side` at `size`."""
    text = f"{DRAWING_VERSION}|{side}|{size}|{poses.model_dump_json()}"
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def cache_folder() -> Path:
    from hipcoach.home import data_home

    return data_home() / "cache" / "figures"


def figure_pngs(poses: Poses, side: str, *, size: tuple[int, int] = FIGURE_SIZE) -> list[bytes]:
    """PNG bytes of every key pose (in order), from the cache or drawn and cached.

    A figure not yet in the cache is drawn once, however many requests (threads or processes)
    ask for it at the same moment: the first draws it under a lock on its file name, the others
    wait for it and read what it kept (a page of figures on a cold cache drew each several times
    at once, at several times the CPU)."""
    folder = cache_folder()
    digest = figure_key(poses, side, size)
    paths = [folder / f"{digest}-{i}.png" for i in range(len(poses.keys))]
    kept = _read(paths)
    if kept is not None:
        return kept
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock: FileLock | nullcontext[None] = FileLock(
            folder / f"{digest}.lock", timeout=DRAW_WAIT_S
        )
    except OSError:
        lock = nullcontext()  # a read-only data home: draw without keeping
    try:
        with lock:
            kept = _read(paths)  # drawn by another while this one waited
            if kept is not None:
                return kept
            pngs = [to_png(image) for image in images(poses, side, size=size)]
            _keep(paths, pngs)
    except Timeout:  # another is still drawing after the wait: draw it here too
        pngs = [to_png(image) for image in images(poses, side, size=size)]
    return pngs


DRAW_WAIT_S = 30  # far longer than a figure takes to draw


def _read(paths: list[Path]) -> list[bytes] | None:
    try:
        return [path.read_bytes() for path in paths]
    except OSError:
        return None


def _keep(paths: list[Path], pngs: list[bytes]) -> None:
    try:
        for path, data in zip(paths, pngs, strict=True):
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(data)
            os.replace(partial, path)
    except OSError:
        pass  # a read-only data home only means drawing again next time
