"""Browser tests: the real app (`hipcoach serve` in a subprocess, SQLite in a temporary home)
driven by Playwright in Debian's chromium, with axe-core from npm checking every page.

The player runs at its own pace on a clock each test moves by hand (`browserkit.hold_the_clock`):
a whole workout plays in a fraction of a second. Screenshots go to /tmp/hipcoach-screens (phone
390×844 and desktop 1280×800) to look at by eye.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browserkit import PHONE, ROOT, hold_the_clock

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# People made straight in the server's database, as the web onboarding leaves them (running,
# high hamstring pain, a clear screen, a baseline test, the recommended program): one process
# for the session, reading a name a line and answering with a logged-in session cookie.
ARRIVALS = """
import sys, django
sys.path.insert(0, sys.argv[1])
django.setup()
import cast
from django.conf import settings
from django.test import Client
from django.utils import timezone
from hipcoach.tracking.programs import recommend_program
program, _ = recommend_program(["running"], ["high_hamstring"])
for line in sys.stdin:
    person = cast.person(line.strip())
    cast.onboard(person, start=timezone.localdate(), program=program)
    client = Client()
    client.force_login(person)
    cookie = settings.SESSION_COOKIE_NAME
    print("arrived", cookie, client.cookies[cookie].value, flush=True)
"""


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server_home(tmp_path_factory) -> Path:
    """The data home of the server below (its SQLite database)."""
    return tmp_path_factory.mktemp("hipcoach-home")


@pytest.fixture(scope="session")
def server(server_home):
    """The app as the README runs it, on a free loopback port; its base URL."""
    home = server_home
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HIPCOACH_", "DATABASE_URL"))}
    env["HIPCOACH_HOME"] = str(home)
    hipcoach = Path(sys.executable).parent / "hipcoach"
    log = open(home / "server.log", "w")  # noqa: SIM115 - closed when the server stops
    process = subprocess.Popen(
        [str(hipcoach), "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/login/", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("hipcoach serve did not start:\n" + (home / "server.log").read_text())
            time.sleep(0.2)
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: ./dev test installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, server):
    """A phone-sized browser on the server, its pages' clock held (`hold_the_clock`)."""
    context = browser.new_context(viewport=PHONE, base_url=server, device_scale_factor=1)
    context.set_default_timeout(15_000)
    hold_the_clock(context)
    yield context
    context.close()


@pytest.fixture(scope="session")
def arrivals(server_home, server):
    """The process that sets people up in the server's database (`ARRIVALS`), started once the
    server has made the database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HIPCOACH_", "DATABASE_URL"))}
    env |= {"HIPCOACH_HOME": str(server_home), "DJANGO_SETTINGS_MODULE": "hipcoach.settings"}
    log = open(server_home / "arrivals.log", "w")  # noqa: SIM115 - closed when it stops
    process = subprocess.Popen(
        [sys.executable, "-c", ARRIVALS, str(ROOT / "tests")],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    yield process
    process.stdin.close()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture
def arrive(arrivals, server_home, server):
    """`arrive(context, name)`: `name` set up as `browserkit.onboard` leaves them and logged in
    in `context`. For tests of what comes after getting started, which the new person's
    journey tests page by page (each name once a session: the server keeps everyone)."""

    def arrive(context, name: str) -> None:
        arrivals.stdin.write(name + "\n")
        arrivals.stdin.flush()
        while not (line := arrivals.stdout.readline()).startswith("arrived "):
            if not line:
                pytest.fail(
                    f"{name} did not arrive:\n" + (server_home / "arrivals.log").read_text()
                )
        _, cookie, session = line.split()
        context.add_cookies([{"name": cookie, "value": session, "url": server}])

    return arrive
