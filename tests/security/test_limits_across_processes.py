"""The per-account limit holds across app processes and networks: guesses at one account from
twenty networks, spread over two `hipcoach serve` processes on one database, are checked five
times, then the account backs off in both processes; the owner's own browser still logs in, and
a good API token's requests write no count. On PostgreSQL when DATABASE_URL is set (CI's second
pass), else on SQLite.

The servers believe X-Forwarded-For from loopback (`HIPCOACH_BEHIND_PROXY=1`), so the test can
come from many networks, as a proxy in front would tell them."""

from __future__ import annotations

import pytest
from serverkit import (
    PASSWORD,
    Browser,
    api,
    clean_env,
    fresh_database,
    make_token,
    query,
    sign_up,
    start_server,
)

pytestmark = pytest.mark.integration


def from_network(browser: Browser, address: str) -> Browser:
    browser.opener.addheaders = [("X-Forwarded-For", address), ("X-Forwarded-Proto", "http")]
    return browser


def log_in(base: str, password: str, address: str, browser: Browser | None = None) -> str:
    """ "in", "wrong" (the form again) or "wait" (429)."""
    browser = from_network(browser or Browser(base), address)
    browser.base = base
    answer = browser.post_form("/login/", {"username": "alice", "password": password})
    if answer.status == 429:
        return "wait"
    assert answer.status == 200, answer.status
    if not answer.url.endswith("/login/"):  # on to today's page, or to getting started
        return "in"
    assert "Please enter a correct" in answer.text, answer.text[:3000]
    return "wrong"


def test_guesses_over_two_processes_and_many_networks_back_the_account_off(tmp_path):
    with fresh_database("acrossprocesses") as database_url:
        extra = {"HIPCOACH_BEHIND_PROXY": "1"}
        if database_url:
            extra["DATABASE_URL"] = database_url
        env = clean_env(tmp_path, **extra)
        one = start_server(env)
        two = start_server(env)
        try:
            phone = sign_up(one.url, "alice")  # her own browser, a known device from now on
            token = make_token(phone)
            assert phone.post_form("/logout/", {}, form_page="/account/").status == 200

            answers = []
            for n in range(20):
                base = (one, two)[n % 2].url
                address = f"2001:db8:{n:x}::1" if n % 4 == 0 else f"192.0.2.{n + 1}"
                answers.append(log_in(base, f"guess-{n}", address))
            assert answers[:5] == ["wrong"] * 5 and set(answers[5:]) == {"wait"}, answers

            # The right password from a new browser waits too, on either process...
            assert log_in(two.url, PASSWORD, "198.51.100.20") == "wait"
            assert log_in(one.url, PASSWORD, "198.51.100.21") == "wait"
            # ...but her own browser logs in, through the other process.
            assert log_in(two.url, PASSWORD, "198.51.100.7", browser=phone) == "in"

            # A good token's requests look at the counts and write none.
            before = query(tmp_path, database_url, "SELECT * FROM accounts_ratecount")
            for base in (one.url, two.url) * 5:
                assert api(base, "GET", "/profile", token).status == 200
            after = query(tmp_path, database_url, "SELECT * FROM accounts_ratecount")
            assert sorted(before) == sorted(after)
        finally:
            one.stop()
            two.stop()
