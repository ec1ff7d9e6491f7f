"""A flood of log-ins and sign-ups from many networks against `hipcoach serve`: does it degrade
the service or deny it?

Starts `hipcoach serve` (SQLite in a fresh data home, real Argon2, the default threads and
password-hash slots) behind a pretend proxy on loopback (`HIPCOACH_BEHIND_PROXY=1`: the server
believes X-Forwarded-For from 127.0.0.1, as it would from nginx), then for SECONDS runs:

- **the flood**: CLIENTS threads, each request from one of ADDRESSES forged networks, posting
  log-ins with made-up user names (each one hashed) or guesses at a real account, and sign-ups
  of new accounts (each one hashed);
- **a person with a session** loading today's page, and **a script with an API token** reading
  the profile, a few times a second;
- **a person logging in correctly every second, on a browser they logged in on before** (a
  different person each second, each with their own known device);
- **a person logging in correctly every second on a new browser**.

It reports the p50/p95 time of the session and token requests and of the log-ins (until the
person is in, honouring Retry-After), at rest and in the flood; the share of the flood's
answers that were 503 (shed) or 429 (limited); and the server's memory at rest and at its peak.

    .venv/bin/python benchmarks/bench_login_flood.py [--clients 24] [--addresses 1000]
        [--seconds 30] [--slots N]
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import http.client
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

PASSWORD = "flood-bench-password-42"
GIVE_UP = 60.0  # seconds a log-in keeps trying before it counts as refused


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Browser:
    """Cookies and one network address, as the proxy in front would forward it."""

    def __init__(self, port: int, address: str) -> None:
        self.port, self.address = port, address
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None, **headers: str
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        sent = {"X-Forwarded-For": self.address, "X-Forwarded-Proto": "http", **headers}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";")[0]
        return response.status, response.headers, content

    def csrf(self, path: str) -> str:
        if "csrftoken" not in self.cookies:
            self.request("GET", path)
        return self.cookies["csrftoken"]

    def post(self, path: str, form: dict[str, str]) -> tuple[int, http.client.HTTPMessage]:
        token = self.csrf(path)
        status, headers, _ = self.request(
            "POST", path, {"csrfmiddlewaretoken": token, **form}, Referer=path
        )
        return status, headers

    def log_in(self, username: str, password: str) -> tuple[int, http.client.HTTPMessage]:
        return self.post("/login/", {"username": username, "password": password})


def get_in(browser: Browser, username: str) -> tuple[float, int]:
    """Log in with the right password until in, waiting as each answer's Retry-After says;
    (seconds until in, or inf; tries)."""
    began = time.perf_counter()
    tries = 0
    while time.perf_counter() - began < GIVE_UP:
        tries += 1
        status, headers = browser.log_in(username, PASSWORD)
        if status == 302:
            took = time.perf_counter() - began
            browser.post("/logout/", {})
            return took, tries
        assert status in (429, 503), status
        time.sleep(min(float(headers.get("Retry-After", "5")), GIVE_UP))
    return float("inf"), tries


def p(times: list[float], q: int) -> str:
    finite = [t for t in times if t != float("inf")]
    if len(finite) < 2:
        return "n/a"
    return f"{statistics.quantiles(finite, n=100)[q - 1] * 1000:.0f} ms"


def line(what: str, times: list[float]) -> str:
    refused = sum(t == float("inf") for t in times)
    tail = f", {refused} not in after {GIVE_UP:.0f} s" if refused else ""
    return f"{what}: p50 {p(times, 50)}, p95 {p(times, 95)} ({len(times)}{tail})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=24, help="flooding threads")
    parser.add_argument("--addresses", type=int, default=1000, help="forged networks")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--slots", type=int, help="HIPCOACH_PASSWORD_HASH_SLOTS (default: cores)")
    args = parser.parse_args()
    people = int(args.seconds) + 5
    home = Path(tempfile.mkdtemp(prefix="hipcoach-flood-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HIPCOACH_", "DATABASE_URL"))}
    env |= {"HIPCOACH_HOME": str(home), "HIPCOACH_BEHIND_PROXY": "1"}
    if args.slots:
        env["HIPCOACH_PASSWORD_HASH_SLOTS"] = str(args.slots)
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "hipcoach"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                Browser(port, "192.0.2.1").request("GET", "/login/")
                break
            except OSError:
                time.sleep(0.2)
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "hipcoach.settings"
        import django

        django.setup()
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import User

        from hipcoach.accounts.models import ApiToken
        from hipcoach.tracking import onboarding
        from hipcoach.vocabulary import RedFlag, values

        today = dt.date.today()
        flo = User.objects.create_user("flo", "flo@example.org", PASSWORD)
        onboarding.set_up(
            flo,
            program_id="hip-foundations",
            goals=["running"],
            pain_areas=[],
            age=40,
            answers=dict.fromkeys(values(RedFlag), False),
            baseline=onboarding.Baseline("prone", "phone", (22, 24, 23), (35, 36, 34)),
            start=today - dt.timedelta(days=20),
            today=today,
        )
        _, key = ApiToken.issue(flo, "bench")
        hashed = make_password(PASSWORD)  # one hash for every person: set up in seconds
        User.objects.bulk_create(
            User(username=f"{kind}-{n}", email=f"{kind}-{n}@example.org", password=hashed)
            for kind in ("known", "new")
            for n in range(people)
        )
        session = Browser(port, "198.51.100.1")
        assert session.log_in("flo", PASSWORD)[0] == 302
        devices = []
        for n in range(people):  # each person's own browser logs in once: a known device
            device = Browser(port, f"198.51.100.{(n % 200) + 10}")
            assert device.log_in(f"known-{n}", PASSWORD)[0] == 302
            device.post("/logout/", {})
            devices.append(device)

        def today_page() -> float:
            began = time.perf_counter()
            status, _, _ = session.request("GET", "/today/")
            assert status == 200, status
            return time.perf_counter() - began

        def token_read() -> float:
            began = time.perf_counter()
            status, _, _ = Browser(port, "198.51.100.2").request(
                "GET", "/api/v1/profile", Authorization=f"Bearer {key}"
            )
            assert status == 200, status
            return time.perf_counter() - began

        rest_rss = rss_mib(server.pid)
        rest_today = [today_page() for _ in range(20)]
        rest_token = [token_read() for _ in range(20)]
        rest_known = [get_in(devices.pop(), f"known-{people - 1}")[0]]
        rest_known += [get_in(devices.pop(), f"known-{people - 2}")[0]]

        answers: collections.Counter[str] = collections.Counter()
        stop = time.monotonic() + args.seconds
        forged = [f"10.{n // 250}.{n % 250}.{1 + n % 7}" for n in range(args.addresses)]

        def flood(n: int) -> None:
            chance = random.Random(n)
            browsers: dict[str, Browser] = {}
            i = 0
            while time.monotonic() < stop:
                address = chance.choice(forged)
                browser = browsers.setdefault(address, Browser(port, address))
                i += 1
                try:
                    if i % 4 == 0:  # a sign-up
                        name = f"f{n}x{i}"
                        status, _ = browser.post(
                            "/signup/",
                            {
                                "username": name,
                                "email": f"{name}@example.org",
                                "password1": "a-flood-password-31",
                                "password2": "a-flood-password-31",
                            },
                        )
                        browser.cookies.pop("sessionid", None)
                        answers[f"sign-up {status}"] += 1
                    else:  # made-up names, and guesses at flo's password
                        name = "flo" if i % 4 == 1 else f"someone-{chance.randrange(10**6)}"
                        status, _ = browser.log_in(name, "guess-" + str(i))
                        answers[f"log-in {status}"] += 1
                except OSError as exc:
                    answers[type(exc).__name__] += 1

        during_today: list[float] = []
        during_token: list[float] = []
        known: list[float] = []
        known_tries: list[int] = []
        new: list[float] = []
        new_tries: list[int] = []
        peak = rest_rss

        def session_user() -> None:
            while time.monotonic() < stop:
                during_today.append(today_page())
                during_token.append(token_read())
                time.sleep(0.2)

        def one_log_in(device: Browser | None, username: str, into: list, tries: list) -> None:
            n = int(username.rpartition("-")[2])
            took, n = get_in(device or Browser(port, f"198.18.{n // 250}.{n % 250 + 1}"), username)
            into.append(took)
            tries.append(n)

        threads = [threading.Thread(target=flood, args=(n,)) for n in range(args.clients)]
        threads.append(threading.Thread(target=session_user))
        for thread in threads:
            thread.start()
        time.sleep(2)  # the flood under way
        logins: list[threading.Thread] = []
        second = 0
        while time.monotonic() < stop - 1:
            for target in (
                (devices[second], f"known-{second}", known, known_tries),
                (None, f"new-{second}", new, new_tries),
            ):
                thread = threading.Thread(target=one_log_in, args=target)
                thread.start()
                logins.append(thread)
            second += 1
            for _ in range(10):
                peak = max(peak, rss_mib(server.pid))
                time.sleep(0.1)
        for thread in threads + logins:
            thread.join()
        flood_total = sum(v for k, v in answers.items())
        shed = sum(v for k, v in answers.items() if k.endswith(" 503"))
        limited = sum(v for k, v in answers.items() if k.endswith(" 429"))

        def share(part: int) -> str:
            return f"{100 * part / max(1, flood_total):.0f}%"

        print(
            f"{args.clients} flooding clients from {args.addresses} networks, "
            f"{args.seconds:.0f} s: {flood_total} answers ({flood_total / args.seconds:.0f}/s), "
            f"{share(shed)} busy (503), {share(limited)} limited (429)"
        )
        print("  " + ", ".join(f"{k}: {v}" for k, v in sorted(answers.items())))
        print(f"server memory: {rest_rss:.0f} MiB at rest, {peak:.0f} MiB at the peak")
        print(line("today's page with a session, at rest", rest_today))
        print(line("today's page with a session, in the flood", during_today))
        print(line("GET /api/v1/profile with a token, at rest", rest_token))
        print(line("GET /api/v1/profile with a token, in the flood", during_token))
        print(line("log-in on a known device, at rest", rest_known))
        print(
            line("log-in on a known device, in the flood, until in", known)
            + f"; in at the first try: {known_tries.count(1)} of {len(known_tries)}"
        )
        print(
            line("log-in on a new browser, in the flood, until in", new)
            + f"; in at the first try: {new_tries.count(1)} of {len(new_tries)}"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
