"""Helpers of the browser tests: screens, axe-core, console problems and the common steps."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENS = Path(os.environ.get("HIPCOACH_SCREENS", "/tmp/hipcoach-screens"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


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
    result = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"
    )
    assert result == [], f"axe on {label}: {result}"


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


def run_player(page) -> None:
    """Start the player and let it run to the pain check (timers are sped up)."""
    page.get_by_role("button", name="Start workout").click()
    page.locator("#player-done").wait_for(state="visible", timeout=120_000)


# A person made straight in the server's database, as the web onboarding leaves them.
ARRIVE = """
import sys, django
sys.path.insert(0, sys.argv[2])
django.setup()
import cast
from django.conf import settings
from django.test import Client
from django.utils import timezone
from hipcoach.tracking.programs import recommend_program
person = cast.person(sys.argv[1])
program, _ = recommend_program(["running"], ["high_hamstring"])
cast.onboard(person, start=timezone.localdate(), program=program)
client = Client()
client.force_login(person)
print(settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value)
"""


def arrive(context, home: Path, server: str, name: str) -> None:
    """`name` set up as `onboard` leaves them (running, high hamstring pain, a clear screen, a
    baseline test, the recommended program) and logged in in `context`. For tests of what
    comes after: the sign-up form's rate limit is shared by every test of the session."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HIPCOACH_", "DATABASE_URL"))}
    env |= {"HIPCOACH_HOME": str(home), "DJANGO_SETTINGS_MODULE": "hipcoach.settings"}
    done = subprocess.run(
        [sys.executable, "-c", ARRIVE, name, str(ROOT / "tests")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    cookie, session = done.stdout.strip().splitlines()[-1].split()
    context.add_cookies([{"name": cookie, "value": session, "url": server}])
