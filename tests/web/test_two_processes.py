"""Two app processes on one database: a login made on one is good on the other, because
nothing lives in process memory (sessions are in the database); and the rate limits count the
same on both (failed log-ins and counts are in the database too). On PostgreSQL when
DATABASE_URL is set, as in CI's second pass; else on SQLite."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

PASSWORD = "two-processes-one-db-9"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def shared_database(tmp_path):
    """The database both servers use: with DATABASE_URL set (CI's PostgreSQL pass), a fresh
    PostgreSQL database on that cluster, dropped afterwards; else SQLite in the data home."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield None
        return
    import psycopg

    name = f"hipcoach_two_processes_{os.getpid()}"
    parts = urllib.parse.urlsplit(url)
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield urllib.parse.urlunsplit(parts._replace(path="/" + name))
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def two_servers(tmp_path, shared_database):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HIPCOACH_", "DATABASE_URL"))}
    env["HIPCOACH_HOME"] = str(tmp_path)
    if shared_database:
        env["DATABASE_URL"] = shared_database
    hipcoach = Path(sys.executable).parent / "hipcoach"
    servers, urls = [], []
    for _ in range(2):
        port = free_port()
        servers.append(
            subprocess.Popen(
                [str(hipcoach), "serve", "--port", str(port)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
        wait_for(urls[-1], servers[-1])  # one at a time: the first applies the migrations
    yield urls
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


def wait_for(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/login/", timeout=2)
            return
        except OSError:
            assert process.poll() is None, "hipcoach serve stopped"
            time.sleep(0.2)
    pytest.fail(f"{url} did not start")


def test_a_login_on_one_process_works_on_the_other(two_servers, shared_database):
    first, second = two_servers
    jar = http.cookiejar.CookieJar()  # cookies are per host, not per port: both servers see them
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(first + "/signup/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {
        "csrfmiddlewaretoken": token,
        "username": "gina",
        "email": "gina@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    response = opener.open(first + "/signup/", urllib.parse.urlencode(form).encode())
    assert response.url.endswith("/start/")
    response = opener.open(second + "/today/")
    assert response.url == second + "/start/"  # logged in there too, sent to get started
    assert "About you" in response.read().decode()
    if shared_database:  # the account is in the PostgreSQL database both servers share
        import psycopg

        with psycopg.connect(shared_database) as conn:
            rows = conn.execute("SELECT username FROM auth_user").fetchall()
        assert rows == [("gina",)]


def test_limits_are_shared_by_both_processes(two_servers):
    """Wrong passwords and wrong API tokens count the same on either process: an attacker
    cannot double their tries by alternating between them."""
    first, second = two_servers

    def opener() -> urllib.request.OpenerDirector:
        jar = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        return urllib.request.build_opener(jar)

    def post(browser, url: str, fields: dict[str, str]) -> int:  # type: ignore[no-untyped-def]
        page = browser.open(url).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode(fields | {"csrfmiddlewaretoken": token}).encode()
        try:
            return browser.open(url, data).status
        except urllib.error.HTTPError as error:
            return error.code

    fields = {"username": "hana", "email": "hana@example.org"}
    post(opener(), first + "/signup/", fields | {"password1": PASSWORD, "password2": PASSWORD})
    attacker = opener()
    statuses = [
        post(attacker, (first, second)[i % 2] + "/login/", {"username": "hana", "password": "x"})
        for i in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    for base in (first, second):
        assert post(attacker, base + "/login/", {"username": "hana", "password": PASSWORD}) == 429

    def wrong_token(base: str) -> int:
        request = urllib.request.Request(
            base + "/api/v1/profile", headers={"Authorization": "Bearer hc_not-a-token"}
        )
        try:
            return urllib.request.urlopen(request).status
        except urllib.error.HTTPError as error:
            return error.code

    statuses = [wrong_token((first, second)[i % 2]) for i in range(21)]
    assert statuses == [401] * 20 + [429]
