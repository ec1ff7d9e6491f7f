"""With a mail server configured, the answer's time does not tell whether an address has an
account: a reset for a known address and for an unknown one, and a sign-up with a taken address
and with a new one, answer in the same time; the emails go after the answer and arrive.

A real `hipcoach serve` sends through a real SMTP server (aiosmtpd on loopback) that takes
`DELAY` seconds per message, as a remote one does."""

from __future__ import annotations

import asyncio
import re
import statistics
import time
import urllib.parse

import pytest
from serverkit import PASSWORD, Browser, clean_env, free_port, fresh_database, start_server

pytestmark = pytest.mark.integration

DELAY = 0.5  # seconds the mail server takes per message


class SlowMailServer:
    """Keeps what it is sent, taking DELAY seconds to accept each message."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        await asyncio.sleep(DELAY)
        self.messages.append((list(envelope.rcpt_tos), envelope.content.decode("utf-8", "replace")))
        return "250 OK"


def timed_post(base: str, form_page: str, path: str, fields: dict[str, str]) -> tuple[float, str]:
    """Seconds a form's POST takes to answer (the page for its CSRF token fetched first, not
    timed), and the URL it ended on."""
    browser = Browser(base)
    page = browser.get(form_page).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(fields | {"csrfmiddlewaretoken": token}).encode()
    began = time.perf_counter()
    response = browser.opener.open(base + path, data, timeout=60)
    response.read()
    return time.perf_counter() - began, response.url


def sign_up(base: str, name: str, email: str) -> tuple[float, str]:
    fields = {"username": name, "email": email, "password1": PASSWORD, "password2": PASSWORD}
    return timed_post(base, "/signup/", "/signup/", fields)


def reset(base: str, email: str) -> tuple[float, str]:
    return timed_post(base, "/password-reset/", "/password-reset/", {"email": email})


def measure(base: str, rounds: int = 4) -> dict[str, list[float]]:
    """Answer times (seconds) of resets and sign-ups, known and unknown addresses, taken in
    turn. Needs `rounds` accounts `known0@example.org` … made first (also by this function)."""
    for i in range(rounds):
        sign_up(base, f"known{i}", f"known{i}@example.org")
    times: dict[str, list[float]] = {
        "reset, known address": [],
        "reset, unknown address": [],
        "sign-up, taken address": [],
        "sign-up, new address": [],
    }
    for i in range(rounds):
        seconds, known_url = reset(base, f"known{i}@example.org")
        times["reset, known address"].append(seconds)
        seconds, unknown_url = reset(base, f"nobody{i}@example.org")
        times["reset, unknown address"].append(seconds)
        assert known_url == unknown_url and known_url.endswith("/password-reset/sent/")
    for i in range(rounds // 2):
        seconds, taken_url = sign_up(base, f"again{i}", f"known{i}@example.org")
        times["sign-up, taken address"].append(seconds)
        seconds, new_url = sign_up(base, f"fresh{i}", f"fresh{i}@example.org")
        times["sign-up, new address"].append(seconds)
        assert taken_url == new_url
    return times


@pytest.fixture
def mail_server():
    from aiosmtpd.controller import Controller

    handler = SlowMailServer()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()


def test_known_and_unknown_addresses_answer_in_the_same_time(tmp_path, mail_server):
    handler, port = mail_server
    with fresh_database("mailtiming") as database_url:
        extra = {
            "HIPCOACH_EMAIL_HOST": "127.0.0.1",
            "HIPCOACH_EMAIL_PORT": str(port),
            "HIPCOACH_EMAIL_USE_TLS": "0",
        }
        if database_url:
            extra["DATABASE_URL"] = database_url
        server = start_server(clean_env(tmp_path, **extra))
        try:
            times = measure(server.url)
            deadline = time.monotonic() + 30
            while len(handler.messages) < 6 and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            server.stop()
    median = {what: statistics.median(seconds) for what, seconds in times.items()}
    # The mail server's DELAY is not in any answer: the emails went after it.
    for known, unknown in (
        ("reset, known address", "reset, unknown address"),
        ("sign-up, taken address", "sign-up, new address"),
    ):
        assert abs(median[known] - median[unknown]) < DELAY / 2, median
        assert max(times[known]) < DELAY + median[unknown], times
    # And they arrived: four reset links, two notices of a new account with a taken address.
    recipients = sorted(to for tos, _ in handler.messages for to in tos)
    assert recipients == sorted(
        [f"known{i}@example.org" for i in range(4)] + ["known0@example.org", "known1@example.org"]
    )
    assert sum("/password-reset/" in body for _, body in handler.messages) == 6
