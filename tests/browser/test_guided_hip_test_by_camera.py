"""The guided seated test by the phone's camera, in Chromium at phone size.

The frames are rendered here, at test time, from the project's own pose data at known angles
(`hipcoach.figures.photo`: a skin-toned, clothed person on an edge, seen from the front), never
committed. The accuracy test feeds each frame to the pose model the page loads from the app and
reads it through the page's own frame checks and angle (`measure-camera.js`); the whole-test
walks show Chromium's fake camera one pose at a time (`FakeCamera`) and take the test as a
person alone would: confirming the line, or tapping knee and ankle. While measuring, any request to a host other than the app's own fails the test.
"""

from __future__ import annotations

import base64
import io
import json
import math
import os
import statistics
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browserkit import PHONE, Problems, axe_check, screenshot

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


# The fake camera: Chromium's file-fed capture device reads its Y4M file frame by frame as it
# plays (and from the first frame again at its end), so a file of one frame, rewritten in place,
# is a camera pointed at whatever the test shows it now. The person's pose is the test's to
# choose at each step (still, then swung out, then still), whatever the machine's load: no
# clip's clock decides which frames the zero or a trial is taken on.
CAMERA_FPS = 15
WAIT_MS = 120_000  # a step of the page on a loaded 2-core machine: seconds; a hang: fails
LEFT_TRIALS = (23, 25, 27, 25)  # the true angles of the left's trials (a fourth if asked for)
RIGHT_TRIALS = (36, 38, 40, 38)
TRIAL_BOUND_DEG = 6.0  # a stored trial within this of the true angle (the worst-error target)
TAP_BOUND_DEG = 2.0  # a tapped knee: the trial within this of the tapped line's geometry
TAP_KNEE_OFFSET = (0.0, -25.0)  # pixels: tapped above the knee, a longer lever: the tap counts


def y4m_frame(image) -> bytes:
    width, height = image.size
    y, u, v = image.convert("YCbCr").split()
    half = (width // 2, height // 2)
    return y.tobytes() + u.resize(half).tobytes() + v.resize(half).tobytes()


class FakeCamera:
    """What Chromium's fake camera sees: `show(image)` rewrites the one frame of its file."""

    def __init__(self, path: Path, first) -> None:
        width, height = first.size
        header = f"YUV4MPEG2 W{width} H{height} F{CAMERA_FPS}:1 Ip A1:1 C420jpeg\nFRAME\n"
        self.path, self.offset = path, len(header)
        path.write_bytes(header.encode() + y4m_frame(first))

    def show(self, image) -> None:
        # In place and in one write: the file's size never changes under the reader.
        descriptor = os.open(self.path, os.O_WRONLY)
        try:
            os.pwrite(descriptor, y4m_frame(image), self.offset)
        finally:
            os.close(descriptor)


@pytest.fixture(scope="module")
def frames():
    """The person at rest, and each trial's swing, the other foot hanging down."""
    from hipcoach.figures.photo import seated_joints, seated_photos

    turns = [(0, 0)] + [(a, 0) for a in LEFT_TRIALS] + [(0, a) for a in RIGHT_TRIALS]
    images = dict(zip(turns, seated_photos(*turns), strict=True))
    joints = dict(zip(turns, seated_joints(*turns), strict=True))
    return images, joints


@pytest.fixture(scope="module")
def camera(tmp_path_factory, browser, frames):
    """A chromium whose camera is a `FakeCamera`, its file in a temp dir. Launched by the
    session's own Playwright (a second one cannot run beside it)."""
    images, _ = frames
    fake = FakeCamera(tmp_path_factory.mktemp("camera") / "seated.y4m", images[(0, 0)])
    args = CHROMIUM_ARGS + [
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={fake.path}",
    ]
    chromium = browser.browser_type.launch(executable_path=CHROMIUM, args=args)
    yield chromium, fake
    chromium.close()


SPEED = Path("/tmp/hipcoach-camera-speed.json")  # the whole test's figures, for the note
YES = "Yes, the line is on my shin"

# The page's sending of its form, held until the test lets it go (`window.heldSave()`).
HOLD_THE_SAVE = """
() => {
  window.heldSave = null;
  const send = HTMLFormElement.prototype.requestSubmit;
  HTMLFormElement.prototype.requestSubmit = function () {
    const form = this;
    window.heldSave = () => send.call(form);
  };
}
"""

# The trials the page shows for a side ("Left: 24°, 26° · spread 2°"), as numbers.
TRIALS_SHOWN = """
(key) => {
  const node = document.getElementById("guided-" + key);
  if (node.hidden || !node.textContent.includes(":")) return [];
  return node.textContent.split(":")[1].split("·")[0].split(",").map((v) => parseInt(v, 10));
}
"""


def caption(page) -> str:
    return page.locator("#guided-caption").inner_text()


def wait_for_caption(page, words: str) -> None:
    page.wait_for_function(
        "w => document.getElementById('guided-caption').textContent.includes(w)",
        arg=words,
        timeout=WAIT_MS,
    )


def wait_for_trials(page, key: str, count: int) -> list[int]:
    page.wait_for_function(f"k => ({TRIALS_SHOWN})(k).length >= {count}", arg=key, timeout=WAIT_MS)
    return page.evaluate(TRIALS_SHOWN, key)


def begin_camera_test(chromium, server, arrive, name: str, leaks: list[str], *, check=None):
    """A person arrived and on the measure page, the camera test started and counted down."""
    context = chromium.new_context(viewport=PHONE, base_url=server, device_scale_factor=1)
    context.set_default_timeout(WAIT_MS)
    arrive(context, name)
    guard_the_phone(context, leaks)
    page = context.new_page()
    problems = Problems(page)
    page.goto("/measure/")
    if check:
        check(page, "start")
    page.get_by_role("button", name="Start the camera test").click()
    page.locator("#camera-view").wait_for()
    assert "Prop the phone upright" in caption(page)
    if check:
        check(page, "countdown")
    return context, page, problems


def measure_a_side(page, fake, images, key: str, trials: tuple[int, ...], check=None) -> list:
    """The zero on the still shin, the line confirmed, then each trial: the foot shown swung
    out until the page takes it, then hanging down again until it asks for the next."""
    page.get_by_role("button", name=YES).wait_for()
    if check:
        check(page, "confirm")
    page.get_by_role("button", name=YES).click()
    shown: list[int] = []
    for n, angle in enumerate(trials, start=1):
        wait_for_caption(page, f"Trial {n}.")
        fake.show(images[(angle, 0) if key == "left" else (0, angle)])
        shown = wait_for_trials(page, key, n)
        if check and n == 1:
            check(page, "live")
        fake.show(images[(0, 0)])
        if n >= 3 and "one more trial" not in caption(page):
            break  # the side is done: no fourth asked for
    return shown


def test_a_person_measures_both_hips_through_the_fake_camera(camera, frames, server, arrive):
    """The camera way end to end, as a person alone: the model loaded from the app, the
    countdown, the zero on the still shins, the line confirmed, three trials a side (a fourth
    if asked), the spread shown, the result said, sent and stored as a seated camera test,
    each trial within TRIAL_BOUND_DEG of the angle shown to the camera; axe on every screen;
    no request for another host."""
    chromium, fake = camera
    images, _ = frames
    fake.show(images[(0, 0)])
    leaks: list[str] = []

    def check(page, step: str) -> None:
        screenshot(page, f"phone-camera-test-{step}")
        axe_check(page, f"camera test, {step}")

    context, page, problems = begin_camera_test(
        chromium, server, arrive, "cameron-fake", leaks, check=check
    )
    try:
        # The result stays on the screen while axe reads it: the page's own sending of its
        # form (SAVE_DELAY_S after "Test done") is held until then, then let go.
        page.evaluate(HOLD_THE_SAVE)
        left = measure_a_side(page, fake, images, "left", LEFT_TRIALS, check)
        wait_for_caption(page, "Now the right leg")
        right = measure_a_side(page, fake, images, "right", RIGHT_TRIALS)
        wait_for_caption(page, "Test done")
        SPEED.write_text(
            page.evaluate("JSON.stringify(document.getElementById('guided').cameraStats())")
        )
        for key, values in (("left", left), ("right", right)):
            text = page.locator(f"#guided-{key}").inner_text()
            assert f"spread {max(values) - min(values)}°" in text, text
        check(page, "result")
        page.wait_for_function("() => window.heldSave !== null", timeout=WAIT_MS)
        assert page.locator("#id_method").input_value() == "camera_guided"
        assert page.locator("#id_position").input_value() == "seated"
        with page.expect_navigation(timeout=WAIT_MS):
            page.evaluate("window.heldSave()")
        page.get_by_text("Saved.").wait_for()
        screenshot(page, "phone-camera-test-saved")
        answer = page.request.get("/api/v1/measurements")
        assert answer.ok, answer.text()
        measurements = answer.json()
        assert problems.errors == []
    finally:
        context.close()
    assert not leaks, f"requests left for other hosts while measuring: {leaks}"
    found = {
        m["side"]: m
        for m in measurements
        if (m["position"], m["method"]) == ("seated", "camera_guided")
    }
    assert set(found) == {"left", "right"}, measurements
    for key, shown, true in (("left", left, LEFT_TRIALS), ("right", right, RIGHT_TRIALS)):
        stored = found[key]["trials"]
        assert stored == shown, (key, stored, shown)
        assert len(stored) in (3, 4), stored
        for got, want in zip(stored, true, strict=False):
            assert abs(got - want) <= TRIAL_BOUND_DEG, (key, stored, true)
    print(json.dumps({k: found[k]["trials"] for k in found}))


def angle_of(knee, ankle) -> float:
    """The line's angle from straight down in the picture, as the page reads a shin."""
    return math.degrees(math.atan2(ankle[0] - knee[0], ankle[1] - knee[1]))


def test_a_person_taps_knee_and_ankle_instead(camera, frames, server, arrive):
    """Instead of confirming the drawn line, the person taps their knee (here a little above
    it) and then their ankle on the live picture: the trial is the tapped line's swing, read
    from the tapped knee, within TAP_BOUND_DEG of that geometry."""
    chromium, fake = camera
    images, joints = frames
    fake.show(images[(0, 0)])
    leaks: list[str] = []
    context, page, problems = begin_camera_test(chromium, server, arrive, "tabea-taps", leaks)
    try:
        page.get_by_role("button", name=YES).wait_for()
        page.get_by_role("button", name="No: I'll tap my knee, then my ankle").click()
        wait_for_caption(page, "Tap your left knee")
        canvas = page.locator("#camera-canvas")
        box = canvas.bounding_box()
        width, height = images[(0, 0)].size
        assert abs(box["width"] / box["height"] - width / height) < 0.01, box
        rest = joints[(0, 0)]
        knee = (
            rest["left knee"][0] + TAP_KNEE_OFFSET[0],
            rest["left knee"][1] + TAP_KNEE_OFFSET[1],
        )
        for x, y in (knee, rest["left ankle"]):
            page.mouse.click(
                box["x"] + x / width * box["width"], box["y"] + y / height * box["height"]
            )
        wait_for_caption(page, "Trial 1.")
        screenshot(page, "phone-camera-test-tapped")
        angle = LEFT_TRIALS[1]
        fake.show(images[(angle, 0)])
        shown = wait_for_trials(page, "left", 1)
        taken = shown[0]
        page.get_by_role("button", name="Stop the test").click()
        assert problems.errors == []
    finally:
        context.close()
    assert not leaks, leaks
    # The knee and ankle where they were tapped, in the picture's pixels (the page's own taps
    # land on whole CSS pixels): the swing of the line from the tapped knee to the ankle.
    swung = joints[(angle, 0)]["left ankle"]
    geometry = abs(angle_of(knee, swung) - angle_of(knee, rest["left ankle"]))
    untapped = abs(
        angle_of(rest["left knee"], swung) - angle_of(rest["left knee"], rest["left ankle"])
    )
    assert len(shown) == 1, shown
    assert abs(geometry - untapped) > 2 * TAP_BOUND_DEG  # the tap, not the model's knee, decides
    assert abs(taken - geometry) <= TAP_BOUND_DEG, (taken, geometry, untapped)
    print(
        json.dumps({"taken": taken, "tapped line": round(geometry, 1), "knee": round(untapped, 1)})
    )
