"""A person at phone size takes all their data and then deletes their account: the downloads
are real files, the deletion page says what goes, a wrong password deletes nothing, and
afterwards the account is gone (the log-in fails)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browserkit import PHONE, Problems, axe_check, onboard, screenshot, sign_up


@pytest.fixture
def own_server(tmp_path):
    """A server of its own: the shared one has counted the other tests' sign-ups against the
    per-address limit, and this test must not depend on how many there were."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HIPCOACH_", "DATABASE_URL"))}
    env["HIPCOACH_HOME"] = str(tmp_path)
    port = free_port()
    hipcoach = Path(sys.executable).parent / "hipcoach"
    process = subprocess.Popen(
        [str(hipcoach), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(url + "/login/", timeout=2)
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, "no server"
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_person_downloads_everything_then_deletes_the_account(browser, own_server):
    phone = browser.new_context(viewport=PHONE, base_url=own_server, device_scale_factor=1)
    page = phone.new_page()
    page.set_default_timeout(60_000)  # sign-up, log-in and deletion each hash a password (Argon2)
    problems = Problems(page)
    sign_up(page, "erin")
    onboard(page)
    page.get_by_role("link", name="Account").click()
    axe_check(page, "account")
    screenshot(page, "phone-account-your-data")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download everything (JSON)").click()
    backup = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert backup["format"] == "hipcoach-backup" and backup["data"]["person"] == "erin"
    assert len(backup["data"]["measurements"]) == 2
    with page.expect_download() as download:
        page.get_by_role("link", name="Download a table (CSV)").click()
    table = Path(download.value.path()).read_text(encoding="utf-8")
    assert table.startswith("date,record,name,side,value,unit,detail")
    assert download.value.suggested_filename.startswith("hipcoach-erin-")

    page.get_by_role("link", name="Delete your account and everything in it").click()
    page.wait_for_url("**/account/delete/")
    main = page.locator("main").inner_text()
    assert "This deletes your account and everything in it, for good." in main
    kinds = page.locator("main li").all_inner_texts()
    assert {"1 profile", "1 program enrollment", "2 hip tests (one per side)"} <= set(kinds)
    axe_check(page, "delete account")
    screenshot(page, "phone-delete-account")

    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Delete my account and everything in it").click()
    assert "That is not your password. Nothing was deleted." in page.locator("main").inner_text()

    page.get_by_label("Your password").fill("stiff-hips-no-more-42")
    page.get_by_role("button", name="Delete my account and everything in it").click()
    page.get_by_role("heading", name="Your account is deleted").wait_for()
    assert "The account erin and everything in it are gone" in page.locator("main").inner_text()
    axe_check(page, "account deleted")
    screenshot(page, "phone-account-deleted")

    page.goto("/today/")
    page.wait_for_url("**/login/**")  # logged out
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Password").fill("stiff-hips-no-more-42")
    page.get_by_role("button", name="Log in").click()
    assert "/login/" in page.url  # no such account any more
    assert "correct username and password" in page.locator("main").inner_text()
    assert problems.errors == []
    phone.close()
