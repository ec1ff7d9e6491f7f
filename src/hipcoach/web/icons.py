"""The app's icons as PNG, drawn here from the same shapes as `static/web/icon.svg` (a hip's
arc and a ball on the brand green), at the sizes phones and stores ask for: the manifest's
192 and 512 (also "maskable": the emblem inside the safe circle, the green to the edges), the
iPhone's home-screen 180 (square: iOS rounds it) and a 32 favicon. Drawn on first use and kept in memory."""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from PIL import Image, ImageDraw

SIZES = (32, 192, 512)
MASKABLE_SIZES = (192, 512)
APPLE_SIZE = 180  # the iPhone's home-screen icon
GREEN, WHITE, YELLOW = (31, 95, 91), (255, 255, 255), (255, 209, 102)
SUPERSAMPLE = 4  # drawn larger, then shrunk: smooth edges without an SVG renderer
# The SVG's own 64-unit box: its arc (a cubic Bézier), its stroke and its ball.
ARC = ((20.0, 46.0), (24.0, 32.0), (30.0, 24.0), (44.0, 18.0))
STROKE, BALL, BALL_R, CORNER = 6.0, (44.0, 18.0), 6.0, 14.0
BRUSH_STEPS = 400
MASKABLE_SCALE = 0.72  # the emblem within the safe zone (a circle of 80% of the width)


def _bezier(points: tuple[tuple[float, float], ...], steps: int = 48) -> list[tuple[float, float]]:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    found = []
    for i in range(steps + 1):
        t = i / steps
        a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
        found.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return found


@lru_cache(maxsize=len(SIZES) + len(MASKABLE_SIZES) + 1)
def icon_png(size: int, kind: str = "") -> bytes:
    """The icon at `size`×`size` pixels, as PNG bytes. `kind`: "" (rounded corners, clear
    around them), "maskable" (the green to the edges, the emblem in the safe zone) or "apple"
    (the green to the edges: an iPhone rounds the corners itself and paints clear ones black)."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    unit = big / 64
    if kind == "maskable":  # the green to the edges; the emblem smaller, in the middle
        draw.rectangle((0, 0, big, big), fill=GREEN)
        scale, offset = unit * MASKABLE_SCALE, big * (1 - MASKABLE_SCALE) / 2
    elif kind == "apple":
        draw.rectangle((0, 0, big, big), fill=GREEN)
        scale, offset = unit, 0.0
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=CORNER * unit, fill=GREEN)
        scale, offset = unit, 0.0

    def at(x: float, y: float) -> tuple[float, float]:
        return (offset + x * scale, offset + y * scale)

    # The stroke as a brush of discs along the arc: round caps and no seams between segments.
    half = STROKE * scale / 2
    for x, y in (at(x, y) for x, y in _bezier(ARC, steps=BRUSH_STEPS)):
        draw.ellipse((x - half, y - half, x + half, y + half), fill=WHITE)
    cx, cy = at(*BALL)
    r = BALL_R * scale
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=YELLOW)
    small = image.resize((size, size), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    small.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@login_not_required
@cache_control(public=True, max_age=7 * 24 * 3600)
def icon(request: HttpRequest, size: int, kind: str = "") -> HttpResponse:
    allowed = {"": SIZES, "maskable": MASKABLE_SIZES, "apple": (APPLE_SIZE,)}.get(kind, ())
    if size not in allowed:
        raise Http404("no icon of that size")
    return HttpResponse(icon_png(size, kind), content_type="image/png")
