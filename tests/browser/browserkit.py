"""Helpers of the browser tests: screens, axe-core, console problems, the page's clock and the
common steps."""

from __future__ import annotations

import datetime as dt
import json
import os
import weakref
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENS = Path(os.environ.get("HIPCOACH_SCREENS", "/tmp/hipcoach-screens"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
HELD: weakref.WeakSet = weakref.WeakSet()  # the browser contexts whose clock a test moves


class Problems:
    """Console errors (a blocked script, a CSP violation) collected from a page."""

    def __init__(self, page) -> None:
        self.errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))


def axe_check(page, label: str) -> None:
    """Run axe-core on the page; fail on any violation, at every impact level."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text() + "\n;0")
    run = (
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"
    )
    if page.context not in HELD:
        result = page.evaluate(run)
    else:
        # axe waits on the page's timers: the clock moves a millisecond at a time until it is done.
        page.evaluate(
            f"window.axeFound = null; {run}.then(found => {{ window.axeFound = found; }}); 0"
        )
        for _ in range(1000):
            result = page.evaluate("window.axeFound")
            if result is not None:
                break
            page.clock.run_for(1)
        else:
            raise AssertionError(f"axe on {label} did not finish")
    assert result == [], f"axe on {label}: {result}"


def choose_language(page, code: str) -> None:
    """Choose the language `code` on the account page (from English), and wait for it."""
    page.goto("/account/")
    page.get_by_label(
        "The language of the pages, the player's voice and the terminal"
    ).select_option(code)
    page.get_by_role("button", name="Save the language").click()
    page.wait_for_url("**/account/")


def screenshot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)


def sign_up(page, name: str, *, check=None) -> None:
    """Sign up as `name` from the landing page (the browser tests share one server: each
    name signs up once in a session, or the form says the name is taken)."""
    page.goto("/")
    check and check(page, "landing")
    page.get_by_role("link", name="Get started").click()
    page.get_by_label("Username").fill(name)
    page.get_by_label("Email").fill(f"{name}@example.org")
    page.locator("#id_password1").fill("stiff-hips-no-more-42")
    page.locator("#id_password2").fill("stiff-hips-no-more-42")
    check and check(page, "sign-up")
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/start/")


def onboard(page, *, check=None) -> None:
    """Goals, pain areas, a clear red-flag screen, a baseline test, the recommended program."""
    page.get_by_label("Running").check()
    page.get_by_label("High hamstring (under the buttock)").check()
    page.get_by_label("None of these").check()
    check and check(page, "onboarding: about you")
    page.get_by_role("button", name="Next: measure your hips").click()
    page.wait_for_url("**/start/measure/")
    for side, values in (("Left", (22, 24, 23)), ("Right", (35, 36, 34))):
        for n, value in enumerate(values, start=1):
            page.get_by_label(f"{side} trial {n}").fill(str(value))
    check and check(page, "onboarding: baseline test")
    page.get_by_role("button", name="Next: choose a program").click()
    page.wait_for_url("**/start/program/")
    check and check(page, "onboarding: program")
    page.get_by_role("button", name="Start the program").click()
    page.wait_for_url("**/today/")


def hold_the_clock(context) -> None:
    """Stop time in the pages of `context` (Playwright's fake clock, installed before the first
    page, so it holds across reloads and new tabs): the player's timers, its clock and the
    page's date move only when a test plays time forward (`play`, `play_until`,
    `play_to_the_end`), at the player's own pace, each tick fired in order."""
    now = dt.datetime.now(dt.UTC)
    context.clock.install(time=now)
    context.clock.pause_at(now + dt.timedelta(seconds=1))
    HELD.add(context)


def play(page, seconds: float) -> None:
    """Let `seconds` of the page's time pass, every timer firing as it comes due."""
    page.clock.run_for(round(seconds * 1000))


def play_until(page, condition: str, *, arg=None, limit: float, every: float = 2) -> None:
    """Play time forward `every` seconds at a time until `condition` (a script's function of
    `arg`) holds in the page; fail when `limit` seconds have passed without it."""
    played = 0.0
    while not page.evaluate(condition, arg):
        assert played < limit, f"not within {limit} s of the page's time: {condition}"
        play(page, every)
        played += every


def workout_seconds(page) -> float:
    """The whole of the workout in the player, every step of its timeline, in seconds."""
    timeline = json.loads(page.locator("#player-data").text_content())["timeline"]
    return sum(step["seconds"] for step in timeline["steps"])


def play_to_the_end(page) -> None:
    """Let the running player play the rest of the workout (at most the whole of it), to the end
    and its pain check."""
    play(page, workout_seconds(page) + 1)
    page.locator("#player-done").wait_for(state="visible")


def run_player(page) -> None:
    """Start the player and let it run to the pain check."""
    page.get_by_role("button", name="Start workout").click()
    play_to_the_end(page)
