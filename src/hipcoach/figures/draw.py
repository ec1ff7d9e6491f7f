"""Drawing placed bodies with Pillow: flat-shaded faces, one light, the floor and the props.

Orthographic, painter's order (far faces first), drawn at twice the size and scaled down for
smooth edges, then reduced to a small palette so a figure weighs a few kilobytes. The working
side's limbs are drawn in the accent colour so the person sees which leg does the work.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from PIL import Image, ImageDraw

from hipcoach.content.poses import View
from hipcoach.figures.placing import PlacedBody
from hipcoach.figures.segments import BONE_NAMES

SUPERSAMPLE = 2
ELEVATION_DEG = 18  # the camera looks down a little, so depth reads
LYING_ELEVATION_DEG = 35  # more for a body low on the floor, so its limbs do not overlap
PALETTE_COLOURS = 48

BACKGROUND = (251, 250, 247)
FLOOR = (214, 220, 217)
FLOOR_LINE = (77, 90, 86)
CHAIR = (160, 150, 138)  # the chair and the props
WALL = (222, 216, 206)
BALL = (200, 92, 62)
BAND = (200, 92, 62)  # warm, apart from the working side's teal
BAND_WIDTH_PX = 2.5
BODY = (196, 203, 200)
WORKING = (31, 95, 91)  # the brand colour: the working side
_WORKING_BONES = {
    "left": {i for i, n in enumerate(BONE_NAMES) if n.startswith("left ")},
    "right": {i for i, n in enumerate(BONE_NAMES) if n.startswith("right ")},
    "both": set(),  # a two-sided exercise: no side stands out
}


@dataclass(frozen=True)
class Look:
    """How a body is painted: the exercise figures' grey with the working side in the brand
    colour, or (`bones`) a colour per body segment, as the camera test's rendered frames are."""

    background: tuple[int, int, int] = BACKGROUND
    floor: tuple[int, int, int] = FLOOR
    bones: tuple[tuple[int, int, int], ...] | None = None  # per BONE_NAMES


@dataclass(frozen=True)
class Camera:
    """An orthographic camera: `toward` points from the body to the camera."""

    right: np.ndarray
    up: np.ndarray
    toward: np.ndarray

    def project(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Screen x, y (y up, metres) and depth (larger = nearer) of `points`."""
        return np.stack([points @ self.right, points @ self.up], axis=1), points @ self.toward


def camera_for(body: PlacedBody, view: View, side: str, *, height: int | None = None) -> Camera:
    """The camera for `view`, with the left/right views swapped when the right side works.

    The pose of a right side is already mirrored, so its body frame's 'left' is the real left:
    the camera follows the working side by swapping the named side.
    """
    if side == "right" and view in (View.left, View.right):
        view = View.right if view is View.left else View.left
    left, head, front = body.frame[:, 0], body.frame[:, 1], body.frame[:, 2]
    up = np.array([0.0, 1.0, 0.0])
    direction = {
        View.left: left,
        View.right: -left,
        View.front: front,
        View.back: -front,
        View.feet: -head,
        View.head: head,
        View.above: up,
    }[view]
    if view is View.above:
        toward = up
        # The head is at the top of the picture (the front, when standing under the camera).
        along = head.copy() if abs(head[1]) < 0.9 else front.copy()
        along[1] = 0
        right = np.cross(along / np.linalg.norm(along), up)
    else:
        flat = direction.copy()
        flat[1] = 0
        if np.linalg.norm(flat) < 1e-6:  # looking along the vertical: use the body's front
            flat = front.copy()
            flat[1] = 0
        flat /= np.linalg.norm(flat)
        lying = abs(head[1]) < 0.5  # the body's long axis is nearer level than upright
        default = LYING_ELEVATION_DEG if lying else ELEVATION_DEG
        e = np.radians(default if height is None else height)
        toward = flat * np.cos(e) + up * np.sin(e)
        right = np.cross(up, toward)
    right /= np.linalg.norm(right)
    cam_up = np.cross(toward, right)
    return Camera(right=right, up=cam_up, toward=toward)


@dataclass(frozen=True)
class Scene:
    """One key pose in the room: its body; the still room's solid faces (chair, wall, a band's
    anchor: the same in every key pose) and the props' (each face with its colour); the balls
    (centre, radius) and the band's line (no points: no band)."""

    body: PlacedBody
    room: list[tuple[np.ndarray, tuple[int, int, int]]]
    props: list[tuple[np.ndarray, tuple[int, int, int]]]
    balls: list[tuple[np.ndarray, float]]
    band: np.ndarray

    @property
    def faces(self) -> list[tuple[np.ndarray, tuple[int, int, int]]]:
        return self.room + self.props


@dataclass(frozen=True)
class Frame:
    """The screen window shared by every image of one exercise, so nothing jumps between them."""

    left: float
    bottom: float
    scale: float  # pixels per metre
    width: int
    height: int


def frame_for(points: np.ndarray, camera: Camera, width: int, height: int, margin: float) -> Frame:
    """The framing that fits `points` (every key pose's body, or the close-up parts, and the
    room) into width × height."""
    screen, _ = camera.project(points)
    x0, x1 = screen[:, 0].min(), screen[:, 0].max()
    y0, y1 = screen[:, 1].min(), screen[:, 1].max()
    span_x = max(x1 - x0, 1e-3) * (1 + 2 * margin)
    span_y = max(y1 - y0, 1e-3) * (1 + 2 * margin)
    scale = min(width / span_x, height / span_y)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return Frame(
        left=cx - width / scale / 2,
        bottom=cy - height / scale / 2,
        scale=scale,
        width=width,
        height=height,
    )


def _to_pixels(screen: np.ndarray, frame: Frame, k: int) -> np.ndarray:
    x = (screen[:, 0] - frame.left) * frame.scale * k
    y = (frame.height - (screen[:, 1] - frame.bottom) * frame.scale) * k
    return np.stack([x, y], axis=1)


def pixels_of(camera: Camera, frame: Frame, point: np.ndarray) -> tuple[float, float]:
    """Where a point of the room is drawn, in pixels of the finished picture (top left 0, 0)."""
    x, y = _to_pixels(camera.project(point[None, :])[0], frame, 1)[0]
    return float(x), float(y)


def flat_axes(body: PlacedBody) -> tuple[np.ndarray, np.ndarray]:
    """The body's forward and left directions, level with the floor."""
    front, left = body.frame[:, 2].copy(), body.frame[:, 0].copy()
    if abs(front[1]) > 0.9:  # lying: its forward is up or down, so its length lies along the floor
        front = body.frame[:, 1].copy()
    front[1] = 0
    left = np.cross([0.0, 1.0, 0.0], front)
    return front / np.linalg.norm(front), left / np.linalg.norm(left)


def box_faces(
    centre: np.ndarray, height: float, half: tuple[float, float], body: PlacedBody
) -> list:
    """A box from the floor to `height` around `centre` (x, z): its six faces, outward-wound."""
    front, left = flat_axes(body)
    corners = [
        np.array([centre[0], h, centre[1]]) + front * half[0] * f + left * half[1] * s
        for h in (0.0, height)
        for f, s in ((-1, -1), (1, -1), (1, 1), (-1, 1))
    ]
    quads = ((4, 5, 6, 7), (3, 2, 1, 0), (0, 1, 5, 4), (1, 2, 6, 5), (2, 3, 7, 6), (3, 0, 4, 7))
    return [np.array([corners[i] for i in quad]) for quad in quads]


def roller_faces(centre: np.ndarray, diameter: float, body: PlacedBody, sides: int = 12) -> list:
    """A foam roller lying across the body under `centre`: a prism of `sides` faces."""
    front, left = flat_axes(body)
    up = np.array([0.0, 1.0, 0.0])
    r = diameter / 2
    middle = np.array([centre[0], r, centre[1]])
    ring = [
        front * np.cos(a) * r + up * np.sin(a) * r for a in np.linspace(0, 2 * np.pi, sides + 1)
    ]
    faces = []
    for a, b in zip(ring[:-1], ring[1:], strict=True):
        faces.append(
            np.array(
                [
                    middle + a - left * 0.25,
                    middle + b - left * 0.25,
                    middle + b + left * 0.25,
                    middle + a + left * 0.25,
                ]
            )
        )
    faces.append(np.array([middle + p + left * 0.25 for p in ring[:-1]]))
    faces.append(np.array([middle + p - left * 0.25 for p in reversed(ring[:-1])]))
    return faces


PROP_SIZE = {  # half the length along the body and half the width across it, in metres
    "step": (0.18, 0.30),
    "box": (0.20, 0.22),
    "table": (0.30, 0.40),
    "cushion": (0.20, 0.22),
}


@cache
def _hulls(faces_key: int) -> np.ndarray:
    """Per face, which convex piece of the mannequin it belongs to (its connected mesh)."""
    from hipcoach.figures.body import mannequin

    faces = np.asarray(mannequin().faces)
    parent = np.arange(faces.max() + 1)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b, c in faces:
        ra, rb, rc = root(a), root(b), root(c)
        parent[rb] = ra
        parent[root(rc)] = ra
    return np.array([root(a) for a in faces[:, 0]])


def draw(
    scene: Scene, camera: Camera, frame: Frame, floor: np.ndarray, side: str, look: Look = Look()
) -> Image.Image:
    """One key pose in its room: the floor, the room's solid faces (chair, wall, props), the
    balls, the body lit from above and in front, and the band over it."""
    k = SUPERSAMPLE
    body = scene.body
    image = Image.new("RGB", (frame.width * k, frame.height * k), look.background)
    pen = ImageDraw.Draw(image)
    floor_screen, _ = camera.project(floor)
    floor_pixels = [tuple(p) for p in _to_pixels(floor_screen, frame, k)]
    pen.polygon(floor_pixels, fill=look.floor, outline=FLOOR_LINE, width=k)
    # Farther faces first; each solid is convex, so its faces turned away are hidden.
    for face, colour in sorted(
        scene.faces, key=lambda item: float((item[0] @ camera.toward).mean())
    ):
        normal = np.cross(face[1] - face[0], face[2] - face[0])
        if normal @ camera.toward <= 0:
            continue
        shade = 0.75 + 0.25 * abs(normal[1]) / max(np.linalg.norm(normal), 1e-9)
        screen, _ = camera.project(face)
        pen.polygon(
            [tuple(p) for p in _to_pixels(screen, frame, k)],
            fill=tuple(int(c * shade) for c in colour),
            outline=FLOOR_LINE,
        )
    for centre, radius in scene.balls:  # a sphere seen from anywhere is a disc
        x, y = _to_pixels(camera.project(centre[None, :])[0], frame, k)[0]
        r = radius * frame.scale * k
        pen.ellipse([x - r, y - r, x + r, y + r], fill=BALL, outline=FLOOR_LINE, width=k)
    screen, depth = camera.project(body.vertices)
    px = _to_pixels(screen, frame, k)
    faces = body.faces
    a, b, c = (body.vertices[faces[:, i]] for i in range(3))
    normals = np.cross(b - a, c - a)
    lengths = np.linalg.norm(normals, axis=1)
    normals = normals / np.maximum(lengths, 1e-12)[:, None]
    facing = normals @ camera.toward
    light = camera.toward * 0.6 + np.array([0, 1.0, 0]) + camera.right * -0.4
    light /= np.linalg.norm(light)
    shade = 0.5 + 0.5 * np.clip(normals @ light, 0, 1)
    # Painter's order by convex piece: each piece is convex, so hiding its own back faces is
    # enough inside it; between pieces, the farther piece is drawn first.
    hull = _hulls(len(faces))
    hull_ids, inverse = np.unique(hull, return_inverse=True)
    hull_depth = np.zeros(len(hull_ids))
    np.add.at(hull_depth, inverse, depth[faces].mean(axis=1))
    hull_depth /= np.bincount(inverse)
    working = np.isin(body.bone_of_vertex[faces[:, 0]], list(_WORKING_BONES[side]))
    order = np.lexsort((depth[faces].mean(axis=1), hull_depth[inverse]))
    for f in order:
        if facing[f] <= 0 or lengths[f] < 1e-12:
            continue  # a face turned away is hidden behind the front ones
        if look.bones is not None:
            base = look.bones[body.bone_of_vertex[faces[f, 0]]]
        else:
            base = WORKING if working[f] else BODY
        colour = (int(base[0] * shade[f]), int(base[1] * shade[f]), int(base[2] * shade[f]))
        pen.polygon([tuple(px[i]) for i in faces[f]], fill=colour)
    if len(scene.band):  # over the body, so the band reads wherever it passes
        line = _to_pixels(camera.project(scene.band)[0], frame, k)
        pen.line([tuple(p) for p in line], fill=BAND, width=max(2, round(BAND_WIDTH_PX * k)))
    image = image.resize((frame.width, frame.height), Image.Resampling.LANCZOS)
    return image


def shrink(image: Image.Image) -> Image.Image:
    """The image in a small adaptive palette: a few kilobytes as PNG."""
    return image.quantize(
        colors=PALETTE_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
