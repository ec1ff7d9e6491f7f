"""The person's own day, in a real browser whose time zone is set (Playwright `timezone_id`),
far east and far west of Greenwich, either side of midnight.

The server runs under time-machine at the same instant as the browser's clock (Playwright's
clock API), and is restarted on the same data at the next instant: nothing here sets the time
zone cookie; the app's own script does, from the browser's zone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import PHONE, axe_check, onboard, screenshot, sign_up

UTC = dt.UTC

LAUNCH = (
    "import datetime, sys, time_machine\n"
    "time_machine.travel(datetime.datetime.fromisoformat(sys.argv[1]), tick=True).start()\n"
    "from hipcoach.cli import app\n"
    "sys.argv = ['hipcoach', 'serve', '--port', sys.argv[2]]\n"
    "app()\n"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def server_at(home: Path, instant: dt.datetime, port: int) -> Iterator[str]:
    """`hipcoach serve` on `home` whose clock starts at `instant` (and then runs on)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HIPCOACH_", "DATABASE_URL"))}
    env["HIPCOACH_HOME"] = str(home)
    log = open(home / "server.log", "a")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, instant.isoformat(), str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                urllib.request.urlopen(url + "/login/", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the server did not start:\n" + (home / "server.log").read_text())
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def log_done_workout(page) -> str:
    """A done workout on the day the server calls today (as the player sends it); its date."""
    day = page.request.get("/api/v1/today").json()["date"]
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    answer = page.request.post(
        "/api/v1/workouts",
        data={"date": day, "status": "done"},
        headers={"X-CSRFToken": token, "Referer": page.url},
    )
    assert answer.ok, answer.text()
    return day


# (zone, evening: a late workout, morning: the next day) — each instant in UTC.
CASES = {
    # UTC-8: 23:40 on Monday 12 January is already Tuesday 07:40 in UTC.
    "America/Los_Angeles": (
        dt.datetime(2026, 1, 13, 7, 40, tzinfo=UTC),
        dt.datetime(2026, 1, 13, 16, 0, tzinfo=UTC),  # 08:00 on Tuesday
    ),
    # UTC+14: 23:40 on Monday 12 January is still Monday 09:40 in UTC, and 08:00 on Tuesday is
    # still Monday (18:00) in UTC. (At 00:20 the person's night is not over: "this morning" is
    # not asked then, tests/web/test_the_persons_night.py.)
    "Pacific/Kiritimati": (
        dt.datetime(2026, 1, 12, 9, 40, tzinfo=UTC),
        dt.datetime(2026, 1, 12, 18, 0, tzinfo=UTC),
    ),
}


EVENING_WORDS = {
    "America/Los_Angeles": ("en-US", ("Monday, January 12", "Tuesday, January 13")),
    "Pacific/Kiritimati": ("en-GB", ("Monday 12 January", "Tuesday 13 January")),
}


@pytest.mark.parametrize("zone", CASES)
def test_an_evening_workout_counts_for_that_evening_and_the_morning_asks_next_day(
    browser, tmp_path, zone
):
    evening, morning = CASES[zone]
    # The person in Los Angeles reads US dates; the one on Kiritimati, day first.
    locale, (monday, tuesday) = EVENING_WORDS[zone]
    port = _free_port()
    context = browser.new_context(
        viewport=PHONE,
        base_url=f"http://127.0.0.1:{port}",
        timezone_id=zone,
        locale=locale,
        device_scale_factor=1,
    )
    context.set_default_timeout(15_000)
    context.clock.install(time=evening)
    page = context.new_page()
    name = zone.split("/")[1].lower()
    try:
        with server_at(tmp_path, evening, port):
            sign_up(page, f"night-{name}")
            onboard(page)
            # 23:40 on Monday 12 January, the person's own evening.
            assert monday in page.locator(".summary-line").inner_text()
            assert log_done_workout(page) == "2026-01-12"
            page.goto("/today/")
            assert page.get_by_text("Today's workout is logged").is_visible()
            assert page.locator("#morning-h").count() == 0
        with server_at(tmp_path, morning, port):
            context.clock.set_system_time(morning)
            page.goto("/today/")
            screenshot(page, f"phone-morning-{name}")
            assert tuesday in page.locator(".summary-line").inner_text()
            assert page.locator("#morning-h").is_visible()  # the next-morning check, this morning
            page.get_by_text("Only one side, or one place? (optional)").click()
            axe_check(page, f"morning-check-{name}")  # its side and place open, too
            page.get_by_role("button", name="Pain 1 out of 10").click()
            page.wait_for_url("**/today/")
            pain = page.request.get("/api/v1/pain").json()
            assert [(p["date"], p["when"], p["score"]) for p in pain] == [
                ("2026-01-13", "next_morning", 1)
            ]
            # Saved to the profile: a script's token and the terminal get the same day.
            assert page.request.get("/api/v1/profile").json()["time_zone"] == zone
    finally:
        context.close()
