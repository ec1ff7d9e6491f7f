"""The guided seated test by the phone's camera, in Chromium at phone size.

The frames are rendered here, at test time, from the project's own pose data at known angles
(`hipcoach.figures.photo`: a skin-toned, clothed person on an edge, seen from the front), never
committed. The accuracy test feeds each frame to the pose model the page loads from the app and
reads it through the page's own frame checks and angle (`measure-camera.js`); the whole-test
check feeds a looping clip through Chromium's fake camera and takes the test as a person alone
would. While measuring, any request to a host other than the app's own fails the test.
"""

from __future__ import annotations

import base64
import io
import json
import os
import statistics
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browserkit import PHONE, Problems, screenshot

from conftest import CHROMIUM, CHROMIUM_ARGS
from hipcoach.web import pose as pose_assets

pytestmark = pytest.mark.skipif(
    pose_assets.available() is None, reason="@mediapipe/pose is not installed (./dev installs it)"
)

ANGLES = (0, 10, 20, 30, 40, 50)
FRAMES_PER_ANGLE = 12  # a held pose: about a second of video at the phone's rate
MEDIAN_ERROR_MAX_DEG = 3.0
WORST_ERROR_MAX_DEG = 6.0
REPORT = Path("/tmp/hipcoach-camera-accuracy.json")  # the figures for docs/measurement.md
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _png(image) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def guard_the_phone(context, leaks: list[str]) -> None:
    """Every request to a host that is not this machine is stopped and noted."""

    def check(route) -> None:
        if urlsplit(route.request.url).hostname in LOOPBACK or route.request.url.startswith(
            ("data:", "blob:")
        ):
            route.continue_()
        else:
            leaks.append(route.request.url)
            route.abort()

    context.route("**/*", check)


# In the page: the pose model from the app's own address, each frame sent as a video's frames
# would be, each result read by the page's own checks; the median over the held frames.
MEASURE_STILLS = """
async ([frames, model, perAngle]) => {
  const root = document.getElementById("guided");
  await new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = root.dataset.pose + "pose.js";
    script.onload = resolve; script.onerror = reject;
    document.head.appendChild(script);
  });
  const camera = window.hipcoachCamera;
  const began = performance.now();
  const pose = new window.Pose({ locateFile: (file) => root.dataset.pose + file });
  pose.setOptions({ modelComplexity: model, smoothLandmarks: true,
    minDetectionConfidence: 0.5, minTrackingConfidence: 0.5 });
  let last = null;
  pose.onResults((results) => { last = results.poseLandmarks || null; });
  await pose.initialize();
  const out = [];
  let firstMs = null;
  const frameMs = [];
  const pin = { left: null, right: null };  // the knee at rest, as the page pins it at its zero
  for (const frame of frames) {
    const image = new Image();
    image.src = frame.src;
    await image.decode();
    const angles = { left: [], right: [] };
    const knees = { left: [], right: [] };
    const why = { left: [], right: [] };
    for (let n = 0; n < perAngle; n++) {
      const t = performance.now();
      await pose.send({ image: image });
      frameMs.push(performance.now() - t);
      if (firstMs === null) firstMs = performance.now() - began;
      for (const side of ["left", "right"]) {
        const r = camera.frameReading(last, side, image.naturalWidth, image.naturalHeight,
          { beta: 90, gamma: 0 }, null, pin[side]);
        if (r.why === undefined) { angles[side].push(r.angle); knees[side].push(r.knee); }
        else why[side].push(r.why);
      }
    }
    for (const side of ["left", "right"]) {
      if (pin[side] === null && knees[side].length) {
        pin[side] = { x: camera.median(knees[side].map((k) => k.x)), y: camera.median(knees[side].map((k) => k.y)) };
      }
    }
    const joints = last ? [23, 24, 25, 26, 27, 28].map((i) => [last[i].x * image.naturalWidth,
      last[i].y * image.naturalHeight, last[i].visibility]) : null;
    out.push({ angle: frame.angle, left: angles.left, right: angles.right, why: why, joints: joints });
  }
  await pose.close();
  return { results: out, firstMs: firstMs, frameMs: frameMs.slice(perAngle) };
}
"""


@pytest.fixture(scope="module")
def stills():
    from hipcoach.figures.photo import seated_photos

    # The rest pose first (the zero), then each angle; both feet swung out by it.
    images = seated_photos(*[(a, a) for a in ANGLES])
    return [{"angle": a, "src": _png(image)} for a, image in zip(ANGLES, images, strict=True)]


def measure_stills(browser, server, arrive, stills, model: int, name: str) -> dict:
    context = browser.new_context(viewport=PHONE, base_url=server, device_scale_factor=1)
    context.set_default_timeout(120_000)
    leaks: list[str] = []
    try:
        arrive(context, name)
        guard_the_phone(context, leaks)
        page = context.new_page()
        page.goto("/measure/")
        found = page.evaluate(MEASURE_STILLS, [stills, model, FRAMES_PER_ANGLE])
    finally:
        context.close()
    assert not leaks, f"requests left for other hosts: {leaks}"
    return found


def table(found: dict) -> list[dict]:
    """Per side and angle: the median shin angle over the held frames, from the rest pose's."""
    rows = []
    rest = {s: statistics.median(found["results"][0][s]) for s in ("left", "right")}
    for entry in found["results"]:
        for side in ("left", "right"):
            passed = entry[side]
            measured = abs(statistics.median(passed) - rest[side]) if passed else None
            rows.append(
                {
                    "side": side,
                    "true": entry["angle"],
                    "measured": None if measured is None else round(measured, 1),
                    "error": None if measured is None else round(abs(measured - entry["angle"]), 1),
                    "detected": len(passed) / FRAMES_PER_ANGLE,
                    "why": sorted(set(entry["why"][side])),
                    "joints": [[round(v, 2) for v in j] for j in entry["joints"] or []],
                }
            )
    return rows


def test_the_camera_reads_rendered_shins_within_the_targets(browser, server, arrive, stills):
    report = {}
    for model, name in ((0, "lite"), (1, "full")):
        found = measure_stills(browser, server, arrive, stills, model, f"camille-{name}")
        rows = table(found)
        errors = [r["error"] for r in rows if r["error"] is not None]
        report[name] = {
            "rows": rows,
            "median_error": statistics.median(errors) if errors else None,
            "worst_error": max(errors) if errors else None,
            "detection": statistics.mean(r["detected"] for r in rows),
            "first_reading_ms": round(found["firstMs"]),
            "frame_ms": round(statistics.median(found["frameMs"]), 1),
        }
    sizes = pose_assets.available()
    report["asset_bytes"] = sizes.size_bytes() if sizes else None
    REPORT.write_text(json.dumps(report, indent=1))
    lite = report["lite"]
    assert lite["detection"] == 1.0, [r for r in lite["rows"] if r["detected"] < 1]
    assert lite["median_error"] <= MEDIAN_ERROR_MAX_DEG, lite["rows"]
    assert lite["worst_error"] <= WORST_ERROR_MAX_DEG, lite["rows"]


# The clip the fake camera plays, looping: both feet hanging down, then swung out (the left by
# LEFT_DEG, the right by RIGHT_DEG), each held HOLD_S, as a person doing trials would.
LEFT_DEG, RIGHT_DEG = 25, 40
HOLD_S = 6
CLIP_FPS = 30
TRIAL_BOUND_DEG = 6.0  # a stored trial within this of the true angle (the worst-error target)


def write_y4m(path: Path, images, fps: int) -> None:
    """Raw frames for Chromium's fake camera (`--use-file-for-fake-video-capture`)."""
    width, height = images[0].size
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for image in images:
            y, u, v = image.convert("YCbCr").split()
            half = (width // 2, height // 2)
            out.write(
                b"FRAME\n" + y.tobytes() + u.resize(half).tobytes() + v.resize(half).tobytes()
            )


@pytest.fixture(scope="module")
def fake_camera(tmp_path_factory, browser):
    """A chromium whose camera plays the clip; the clip is made here and left in a temp dir.
    Launched by the session's own Playwright (a second one cannot run beside it)."""
    from hipcoach.figures.photo import seated_photos

    rest, out = seated_photos((0, 0), (LEFT_DEG, RIGHT_DEG))
    clip = tmp_path_factory.mktemp("camera") / "seated.y4m"
    write_y4m(clip, [rest] * (HOLD_S * CLIP_FPS) + [out] * (HOLD_S * CLIP_FPS), CLIP_FPS)
    args = CHROMIUM_ARGS + [
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={clip}",
    ]
    camera = browser.browser_type.launch(executable_path=CHROMIUM, args=args)
    yield camera
    camera.close()


SPEED = Path("/tmp/hipcoach-camera-speed.json")  # the whole test's figures, for the note
YES = "Yes, the line is on my shin"
LIVE_S = 15  # how long the live angle is watched: about two turns of the clip


# Chromium's fake capture device plays the clip at its own pace and loops it on its own
# clock, so on a loaded machine the zero can land on swung frames and the confirm step never
# comes: the walk is run by hand (HIPCOACH_CAMERA_CLIP=1), not left to flake in the suite.
# The accuracy over rendered frames above runs every time.
@pytest.mark.skipif(
    os.environ.get("HIPCOACH_CAMERA_CLIP") != "1",
    reason="the fake-camera walk is timing-bound; run it with HIPCOACH_CAMERA_CLIP=1",
)
def test_a_person_measures_with_the_camera_through_a_fake_camera(fake_camera, server, arrive):
    """The camera way end to end as far as the live angle: the model loaded from the app, the
    fake camera's clip read, the zero taken and the line confirmed, then the live angle from
    the zero follows the clip's feet (the left shin: down, then out by LEFT_DEG). The clip
    loops on its own time, so which trials are taken when is not checked here; storing them
    is the same form as the tilt sensor's (tests/web/test_guided_camera_test.py)."""
    context = fake_camera.new_context(viewport=PHONE, base_url=server, device_scale_factor=1)
    context.set_default_timeout(30_000)
    leaks: list[str] = []
    try:
        arrive(context, "cameron")
        page = context.new_page()
        problems = Problems(page)
        guard_the_phone(context, leaks)
        page.goto("/measure/")
        page.get_by_role("button", name="Start the camera test").click()
        page.locator("#camera-view").wait_for(timeout=60_000)
        assert "Prop the phone upright" in page.locator("#guided-caption").inner_text()
        screenshot(page, "phone-camera-test-get-ready")
        page.get_by_role("button", name=YES).wait_for(timeout=90_000)
        screenshot(page, "phone-camera-test-check-the-line")
        page.get_by_role("button", name=YES).click()
        seen: list[int] = []
        for _ in range(LIVE_S * 5):
            text = page.locator("#guided-reading").inner_text()
            if text.endswith("°") and text[:-1].isdigit():  # an angle, not a countdown
                seen.append(int(text[:-1]))
            page.wait_for_timeout(200)
        SPEED.write_text(
            page.evaluate("JSON.stringify(document.getElementById('guided').cameraStats())")
        )
        page.get_by_role("button", name="Stop the test").click()
        assert problems.errors == []
    finally:
        context.close()
    assert not leaks, f"requests left for other hosts while measuring: {leaks}"
    # The feet down and the feet out, each read: near 0° and near LEFT_DEG, nothing wild.
    assert min(seen) <= TRIAL_BOUND_DEG, seen
    out = [v for v in seen if v > LEFT_DEG / 2]
    assert out, seen
    assert abs(statistics.median(out) - LEFT_DEG) <= TRIAL_BOUND_DEG, seen
    assert max(seen) <= LEFT_DEG + TRIAL_BOUND_DEG, seen
