"""The guided seated hip test by the phone's tilt sensor, as a person measuring alone does it, at
phone size: the sensor driven through the DevTools protocol (readings that move, wobble and
settle, from a phone that sits askew on the shin), the page's timers on Playwright's fake clock.

The readings are made from a model of the leg: a person sitting on a high edge facing north,
the shin hanging straight down, the phone flat along its front (screen out, top towards the
knee), turned and leaning on the shin by a few degrees; the foot swinging out turns the shin
about the forward axis. Each reading is that phone's orientation as W3C device orientation
angles (alpha, beta, gamma), which is what the browser reports."""

from __future__ import annotations

import json
import math
import time
from urllib.parse import urlsplit

import numpy as np
from browserkit import PHONE, Problems, axe_check, hold_the_clock, screenshot

PLACE_MS = 10_000  # measure.js PLACE_S: time to lay the phone on the shin
STEADY_MS = 1_000  # measure.js STEADY_MS: a reading is taken after this long within 1°
SAVE_MS = 6_000  # measure.js SAVE_DELAY_S
NO_READING_MS = 3_000  # measure.js NO_READING_MS
# How the phone sits on each shin: turned in the screen's plane, and leaning (degrees).
ASKEW = {"left": (8.0, 5.0), "right": (-12.0, 9.0)}
# The phone lying on a table before the test starts.
ON_THE_TABLE = {"alpha": 0.0, "beta": 0.0, "gamma": 0.0}


def _turn(axis: str, deg: float) -> np.ndarray:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return {
        "x": np.array([[1, 0, 0], [0, c, -s], [0, s, c]]),
        "y": np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]]),
        "z": np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]]),
    }[axis]


def orientation(side: str, out_deg: float) -> dict[str, float]:
    """The phone's device orientation with the `side` shin swung out by `out_deg` from hanging
    straight down. Earth: x east, y north (facing), z up; the phone's axes as columns."""
    on_the_shin = np.array([[-1, 0, 0], [0, 0, 1], [0, 1, 0]], dtype=float)  # screen north
    turned, leaning = ASKEW[side]
    phone = on_the_shin @ _turn("z", turned) @ _turn("x", -leaning)
    swing = out_deg if side == "left" else -out_deg  # the foot swings away from the other leg
    r = _turn("y", swing) @ phone
    # R = Rz(alpha) Rx(beta) Ry(gamma), the W3C convention, with gamma in [-90, 90)
    beta = math.degrees(math.asin(max(-1.0, min(1.0, r[2, 1]))))
    gamma = math.degrees(math.atan2(-r[2, 0], r[2, 2]))
    alpha = math.degrees(math.atan2(-r[0, 1], r[1, 1]))
    if not -90 <= gamma < 90:
        beta, gamma, alpha = 180 - beta, gamma - math.copysign(180, gamma), alpha + 180
    beta = (beta + 180) % 360 - 180
    return {"alpha": alpha % 360, "beta": beta, "gamma": gamma}


class Leg:
    """The sensor of `page`, moved as a leg moves, with the page's clock run alongside."""

    def __init__(self, context, page) -> None:
        self.page = page
        self.cdp = context.new_cdp_session(page)
        self.last: dict[str, float] | None = None
        # Count the readings the page receives, to wait for each one and to prove they arrive
        # (with no sensor a browser sends one reading of nulls).
        page.evaluate(
            "window.__readings = [];"
            "addEventListener('deviceorientation', e => __readings.push([e.beta, e.gamma]))"
        )

    def set(self, reading: dict[str, float]) -> None:
        rounded = {k: round(v, 1) for k, v in reading.items()}  # what the browser passes on
        if rounded == self.last:
            return
        seen = self.page.evaluate("__readings.length")
        self.cdp.send("DeviceOrientation.setDeviceOrientationOverride", reading)
        self.last = rounded
        # Wait for this reading to reach the page. Chromium may also pass on a reading of nulls
        # (the one it sends when a listener is added and no sensor has spoken yet): that one is
        # not ours, and the real one follows; ours must arrive, and not as nulls.
        arrived = f"__readings.slice({seen}).filter(r => r[0] !== null && r[1] !== null)"
        deadline = time.monotonic() + 5
        while not self.page.evaluate(f"{arrived}.length"):
            assert time.monotonic() < deadline, "no reading of the sensor reached the page"
            time.sleep(0.01)
        beta, gamma = self.page.evaluate(f"{arrived}.pop()")
        assert beta is not None and gamma is not None

    def hold(self, side: str, out_deg: float, ms: int) -> None:
        self.set(orientation(side, out_deg))
        self.page.clock.run_for(ms)

    def move(self, side: str, start: float, end: float, steps: int = 5) -> None:
        """A foot swinging from `start` to `end`: a reading every 150 ms, none of them steady."""
        for n in range(1, steps + 1):
            self.hold(side, start + (end - start) * n / steps, 150)

    def wobble(self, side: str, around: float, ms: int) -> None:
        """A foot that will not settle: ±1.2° every 300 ms."""
        for n in range(ms // 300):
            self.hold(side, around + (1.2 if n % 2 else -1.2), 300)

    def trial(self, side: str, out_deg: float) -> None:
        """Swing out to `out_deg`, settle (the trial is taken), and come back to hanging down."""
        self.move(side, 0.3, out_deg)
        self.hold(side, out_deg, STEADY_MS + 300)

    def back(self, side: str, from_deg: float) -> None:
        self.move(side, from_deg, 0.4)
        self.hold(side, 0.4, STEADY_MS + 300)

    def zero(self, side: str) -> None:
        """Lay the phone on the shin, the foot hanging down, through the get-ready time."""
        self.hold(side, 0.1, PLACE_MS + 200)
        self.hold(side, 0.0, STEADY_MS + 300)


def caption(page) -> str:
    return page.locator("#guided-caption").inner_text()


def measure_side(leg: Leg, side: str, trials: list[float]) -> None:
    leg.zero(side)
    for n, value in enumerate(trials, start=1):
        assert f"Trial {n}" in caption(leg.page), caption(leg.page)
        leg.trial(side, value)
        if n < len(trials):
            leg.back(side, value)


def stored(page, method: str = "sensor") -> dict[str, dict]:
    """The seated tests by `method` the server has stored, by side (the API's answer)."""
    answer = page.request.get("/api/v1/measurements")
    assert answer.ok, answer.text()
    found = [m for m in answer.json() if (m["position"], m["method"]) == ("seated", method)]
    assert len(found) == 2, found
    return {m["side"]: m for m in found}


def start(context, page, name, arrive, path="/measure/") -> Leg:
    context.grant_permissions(["accelerometer", "gyroscope"])  # the clock: held by `phone`
    arrive(context, name)
    page.goto(path)
    leg = Leg(context, page)
    leg.set(ON_THE_TABLE)
    return leg


def test_a_person_measures_both_hips_with_the_tilt_sensor(phone, arrive, server):
    page = phone.new_page()
    problems = Problems(page)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    leg = start(phone, page, "tilda", arrive)
    screenshot(page, "phone-guided-test-intro")
    axe_check(page, "measure page, guided test offered")

    page.get_by_role("button", name="Start the guided test").click()
    page.locator("#guided-stage").wait_for()
    assert page.locator("#guided-side").inner_text() == "Left leg"
    assert "Lay the phone flat along the front of your left shin" in caption(page)
    assert page.locator("#trial-form").is_hidden()  # while it runs the page is the test
    screenshot(page, "phone-guided-test-get-ready")
    axe_check(page, "guided test, get ready")

    # Left: true 22°. The first trial wobbles first, and a wobbly reading is not taken.
    leg.zero("left")
    assert "Trial 1" in caption(page)
    leg.move("left", 0.3, 21.5)
    leg.wobble("left", 22.0, 3_000)
    assert page.locator("#guided-left").is_hidden()  # nothing taken while it wobbles
    assert "Trial 1" in caption(page)
    leg.hold("left", 21.6, STEADY_MS + 300)
    assert page.locator("#guided-left").inner_text() == "Left: 22°"
    assert "22 degrees" in caption(page)
    screenshot(page, "phone-guided-test-trial-taken")
    axe_check(page, "guided test, a trial taken")
    leg.back("left", 21.6)
    for n, value in ((2, 22.3), (3, 22.0)):
        assert f"Trial {n}" in caption(page)
        leg.trial("left", value)
        if n < 3:
            leg.back("left", value)
    assert page.locator("#guided-left").inner_text() == "Left: 22°, 22°, 22° · spread 0°"
    assert "Now the right leg" in caption(page)

    # Right: true 35°, the phone moved to the other shin and sitting askew the other way.
    measure_side(leg, "right", [34.7, 35.4, 35.0])
    assert page.locator("#guided-right").inner_text() == "Right: 35°, 35°, 35° · spread 0°"
    assert "Test done" in caption(page)
    screenshot(page, "phone-guided-test-done")
    axe_check(page, "guided test, done")
    assert page.locator("#id_position").input_value() == "seated"
    assert page.locator("#id_method").input_value() == "sensor"

    with page.expect_navigation():
        page.clock.run_for(SAVE_MS + 200)
    page.get_by_text("Saved.").wait_for()
    screenshot(page, "phone-guided-test-saved")
    axe_check(page, "measure page, guided test saved")
    sides = stored(page)
    for side, true in (("left", 22.0), ("right", 35.0)):
        got = sides[side]
        assert (got["position"], got["method"], got["kind"]) == ("seated", "sensor", "ir")
        assert len(got["trials"]) == 3
        assert all(abs(t - true) <= 1 for t in got["trials"]), (side, got["trials"])
    print(json.dumps({s: sides[s]["trials"] for s in sides}))

    # Nothing left for any other host, and only the angles went to this one.
    here = urlsplit(server).netloc
    assert [u for u in requests if urlsplit(u).netloc != here] == []
    assert problems.errors == []


def test_trials_that_disagree_ask_for_a_fourth(phone, arrive):
    page = phone.new_page()
    leg = start(phone, page, "quartus", arrive)
    page.get_by_role("button", name="Start the guided test").click()
    page.locator("#guided-stage").wait_for()
    measure_side(leg, "left", [15.0, 30.0, 20.0])  # 15° apart: more than the 10° error
    assert "15 degrees apart, more than the 10" in caption(page)
    assert "one more trial" in caption(page)
    screenshot(page, "phone-guided-test-fourth-trial")
    leg.back("left", 20.0)
    assert "Trial 4" in caption(page)
    leg.trial("left", 22.0)
    assert page.locator("#guided-left").inner_text() == "Left: 15°, 30°, 20°, 22° · spread 15°"
    assert "the mean of all four is kept" in caption(page)
    measure_side(leg, "right", [30.0, 31.0, 30.0])  # within the error: three are enough
    with page.expect_navigation():
        page.clock.run_for(SAVE_MS + 200)
    page.get_by_text("Saved.").wait_for()
    sides = stored(page)
    assert sides["left"]["trials"] == [15, 30, 20, 22]
    assert sides["right"]["trials"] == [30, 31, 30]


def test_a_german_page_guides_the_test_in_german(browser, server, arrive):
    """The steps, the trials, the spread and the tilt sensor's sentences in the page's language
    (`camera_words`): a browser set to German hears and reads them in German."""
    context = browser.new_context(viewport=PHONE, base_url=server, locale="de-DE")
    context.set_default_timeout(15_000)
    hold_the_clock(context)
    try:
        page = context.new_page()
        problems = Problems(page)
        leg = start(context, page, "gudrun-guided-de", arrive)
        assert page.locator("html").get_attribute("lang") == "de"
        page.locator("#guided-start").click()
        page.locator("#guided-stage").wait_for()
        assert page.locator("#guided-side").inner_text() == "Linkes Bein"
        assert "Leg das Handy flach vorn an dein linkes Schienbein" in caption(page)
        leg.zero("left")
        assert page.locator("#guided-step").inner_text() == "Versuch 1 von 3"
        assert caption(page).startswith("Versuch 1. Halte den Oberschenkel ruhig")
        for n, value in enumerate((15.0, 30.0, 20.0), start=1):
            leg.trial("left", value)
            if n < 3:
                assert (
                    caption(page)
                    == f"{value:.0f} Grad. Lass den Fuß jetzt wieder gerade nach unten hängen."
                )
                leg.back("left", value)
        assert "15 Grad auseinander, mehr als die 10" in caption(page)
        assert page.locator("#guided-left").inner_text() == "Links: 15°, 30°, 20° · Streuung 15°"
        leg.back("left", 20.0)
        leg.trial("left", 22.0)
        assert "Linke Seite fertig: 15, 30, 20 und 22 Grad, noch immer mehr als 10" in caption(page)
        assert "Jetzt das rechte Bein" in caption(page)
        assert page.locator("#guided-side").inner_text() == "Rechtes Bein"
        assert 'lang="en"' not in page.locator("#guided-stage").inner_html()
        axe_check(page, "guided test in German")
        assert problems.errors == []
    finally:
        context.close()


def test_without_a_sensor_it_says_so_and_the_typed_form_still_works(phone, arrive):
    page = phone.new_page()
    problems = Problems(page)
    arrive(phone, "nosensa")
    page.goto("/measure/")
    page.get_by_role("button", name="Start the guided test").click()
    page.locator("#guided-stage").wait_for()
    page.clock.run_for(NO_READING_MS + 200)
    message = page.get_by_role("alert")
    assert "No reading came from a tilt sensor" in message.inner_text()
    assert page.locator("#guided-stage").is_hidden()
    screenshot(page, "phone-guided-test-no-sensor")
    axe_check(page, "measure page, no sensor")

    page.locator("#id_position").select_option("seated")
    page.locator("#id_method").select_option("phone")
    for side, values in (("Left", (24, 25, 23)), ("Right", (33, 34, 35))):
        for n, value in enumerate(values, start=1):
            page.get_by_label(f"{side} trial {n}", exact=False).first.fill(str(value))
    page.get_by_role("button", name="Save the test").click()
    page.get_by_text("Saved.").wait_for()
    assert stored(page, "phone")["left"]["trials"] == [24, 25, 23]
    assert problems.errors == []


def test_a_refused_sensor_is_said_plainly(phone, arrive):
    # Chromium grants what is listed and refuses the rest: the motion sensors are refused.
    phone.grant_permissions(["geolocation"])
    page = phone.new_page()
    arrive(phone, "refusa")
    page.goto("/measure/")
    page.get_by_role("button", name="Start the guided test").click()
    page.get_by_role("alert").wait_for()
    assert "not allowed to use the motion sensor" in page.get_by_role("alert").inner_text()
    axe_check(page, "measure page, sensor refused")


def test_getting_started_offers_the_guided_test(phone, arrive):
    page = phone.new_page()
    arrive(phone, "gina")
    page.goto("/start/")  # the saved answers filled in; the safety questions asked again
    page.get_by_label("None of these").check()
    page.get_by_role("button", name="Next: measure your hips").click()
    page.wait_for_url("**/start/measure/")
    assert page.get_by_role("button", name="Start the guided test").is_visible()
    screenshot(page, "phone-onboarding-guided-test")
    axe_check(page, "getting started, guided test offered")


def test_the_test_is_drawn_step_by_step_in_each_position(phone, arrive):
    """Every step's picture of every position offered loads and is shown whole, with its
    words, on a phone."""
    page = phone.new_page()
    problems = Problems(page)
    arrive(phone, "stella")
    page.goto("/measure/")
    page.locator("#typed-guide summary").click()
    steps = page.locator(".test-steps img")
    assert steps.count() == 8  # seated in the guided test; face down, seated, on the back below
    for i in range(steps.count()):
        step = steps.nth(i)
        step.scroll_into_view_if_needed()
        page.wait_for_function(
            "i => i.complete && i.naturalWidth === 320", arg=step.element_handle()
        )
        box = step.bounding_box()
        assert box and box["width"] >= 140 and box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.locator(".test-steps").last.scroll_into_view_if_needed()
    screenshot(page, "phone-measure-test-drawn")
    axe_check(page, "measure page, the test drawn")
    assert problems.errors == []
