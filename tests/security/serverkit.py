"""Real `hipcoach` processes for the security tests: servers on free ports, a person who signs
up through the pages and makes an API token, and plain HTTP calls (no test client: what an
attacker or a second device sees)."""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HIPCOACH = str(Path(sys.executable).with_name("hipcoach"))
PASSWORD = "stiff-hips-no-more-42"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a process started by a test: its own data home, nothing inherited
    from the developer's HIPCOACH_* settings (DATABASE_URL only when given in `extra`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HIPCOACH_", "DATABASE_URL"))}
    return env | {"HIPCOACH_HOME": str(home), "COLUMNS": "120"} | extra


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(env: dict[str, str], *, wait: bool = True) -> Server:
    """`hipcoach serve` on a free port; with `wait`, returns once it answers."""
    port = free_port()
    log = Path(env["HIPCOACH_HOME"]) / f"server-{port}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as out:
        process = subprocess.Popen(
            [HIPCOACH, "serve", "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    if wait:
        wait_for(server)
    return server


def wait_for(server: Server, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(server.url + "/login/", timeout=2)
            return
        except OSError:
            if server.process.poll() is not None:
                raise AssertionError("hipcoach serve stopped:\n" + server.log.read_text()) from None
            time.sleep(0.2)
    raise AssertionError(f"{server.url} did not start:\n" + server.log.read_text())


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    url: str = ""

    def json(self):  # type: ignore[no-untyped-def]
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def _answer(call) -> Answer:  # type: ignore[no-untyped-def]
    try:
        response = call()
    except urllib.error.HTTPError as error:
        return Answer(error.code, dict(error.headers), error.read(), error.url)
    return Answer(response.status, dict(response.headers), response.read(), response.url)


class Browser:
    """A cookie jar and the CSRF dance of the pages' forms."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> Answer:
        return _answer(lambda: self.opener.open(self.base + path, timeout=60))

    def post_form(
        self, path: str, fields: dict[str, object], *, form_page: str | None = None
    ) -> Answer:
        """Fetch the form's page for a CSRF token, then post `fields` to `path` (a list value
        is a multiple choice)."""
        page = self.get(form_page or path).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        fields = fields | {"csrfmiddlewaretoken": token}
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        return _answer(lambda: self.opener.open(self.base + path, data, timeout=60))


def sign_up(base: str, name: str) -> Browser:
    browser = Browser(base)
    answer = browser.post_form(
        "/signup/",
        {
            "username": name,
            "email": f"{name}@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert answer.status == 200 and "About you" in answer.text, answer.text[:500]
    return browser


def onboard(browser: Browser) -> None:
    """Through the getting-started pages: a runner, no red flag, a baseline test, the program
    suggested."""
    about = {"none_of_these": "on", "goals": ["running"]}  # the safety list: none of these
    assert "/start/measure/" in browser.post_form("/start/", about).url
    trials = {"position": "prone", "method": "phone", "left_1": "22", "right_1": "35"}
    answer = browser.post_form("/start/measure/", trials)
    program = re.search(r'name="program" value="([^"]+)"[^>]*checked', answer.text)
    program = program or re.search(r'name="program" value="([^"]+)"', answer.text)
    answer = browser.post_form("/start/program/", {"program": program.group(1)})
    assert answer.url.endswith("/today/"), answer.text[:500]


def make_token(browser: Browser) -> str:
    page = browser.post_form("/account/tokens/", {"name": "a test script"}).text
    return re.search(r'<code class="token">([^<]+)</code>', page).group(1)


def api(
    base: str, method: str, path: str, token: str, body: object = None, **headers: str
) -> Answer:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        base + "/api/v1" + path,
        data=data,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"} | headers,
    )
    return _answer(lambda: urllib.request.urlopen(request, timeout=60))


@contextlib.contextmanager
def fresh_database(label: str) -> Iterator[str | None]:
    """With DATABASE_URL set (CI's PostgreSQL pass), a new empty PostgreSQL database on that
    cluster for the test's servers, dropped afterwards, and its URL; else None (SQLite in the
    data home)."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield None
        return
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"{parts.path.lstrip('/')}_{label}_{os.getpid()}"  # beside the configured database
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(parts._replace(path="/" + name))
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def query(home: Path, database_url: str | None, sql: str) -> list[tuple]:
    """Rows of `sql` from the servers' database, read directly (not through the app)."""
    if database_url:
        import psycopg

        with psycopg.connect(database_url) as conn:
            return conn.execute(sql).fetchall()
    import sqlite3

    with contextlib.closing(sqlite3.connect(home / "hipcoach.sqlite3", timeout=30)) as db:
        return db.execute(sql).fetchall()
