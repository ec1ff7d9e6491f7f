"""A log-in flood against `hipcoach serve`: the server's memory and an API read's time.

Starts `hipcoach serve` (SQLite in a fresh data home, real Argon2) and measures, while CLIENTS
threads post wrong passwords to /login/ for SECONDS, each thread from its own loopback address
(127.0.0.N, so the per-address limits do not stop the flood at once):
- the server's peak resident memory (RSS), against its memory at rest;
- the time of `GET /api/v1/profile` with a token, p50 and p95, against at rest;
- the answers the flood got (200 wrong password, 429 limited, 503 busy).

Each Argon2 hash takes about 100 MiB; HIPCOACH_PASSWORD_HASH_SLOTS (2) bounds how many run at
once, so the peak stays near rest + slots × 100 MiB however many clients flood.

    .venv/bin/python benchmarks/bench_login_flood.py [--clients 16] [--seconds 30]
"""

from __future__ import annotations

import argparse
import collections
import http.client
import os
import re
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def request(port: int, method: str, path: str, *, source: str = "127.0.0.1", **kw):  # type: ignore[no-untyped-def]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    conn.request(method, path, **kw)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def wrong_password(port: int, source: str) -> int:
    response, body = request(port, "GET", "/login/", source=source)
    cookie = response.headers["Set-Cookie"].split(";")[0]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = {"csrfmiddlewaretoken": token, "username": f"user-{source}", "password": "guess"}
    response, _ = request(
        port,
        "POST",
        "/login/",
        source=source,
        body=urllib.parse.urlencode(form),
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    return response.status


def api_times(port: int, key: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        response, _ = request(
            port, "GET", "/api/v1/profile", headers={"Authorization": f"Bearer {key}"}
        )
        times.append(time.perf_counter() - began)
        assert response.status == 200, response.status
        time.sleep(0.05)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="hipcoach-flood-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HIPCOACH_", "DATABASE_URL"))}
    env["HIPCOACH_HOME"] = str(home)
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
                request(port, "GET", "/login/")
                break
            except OSError:
                time.sleep(0.2)
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "hipcoach.settings"
        import django

        django.setup()
        from django.contrib.auth.models import User

        from hipcoach.accounts.models import ApiToken

        _, key = ApiToken.issue(
            User.objects.create_user("flo", "flo@example.org", PASSWORD), "bench"
        )
        rest_rss = rss_mib(server.pid)
        rest = api_times(port, key, 40)

        answers: collections.Counter[int] = collections.Counter()
        peak = rest_rss
        stop = time.monotonic() + args.seconds

        def flood(n: int) -> None:
            source = f"127.0.0.{10 + n}"
            while time.monotonic() < stop:
                answers[wrong_password(port, source)] += 1

        threads = [threading.Thread(target=flood, args=(n,)) for n in range(args.clients)]
        for thread in threads:
            thread.start()
        during: list[float] = []
        while time.monotonic() < stop - 1:
            peak = max(peak, rss_mib(server.pid))
            during += api_times(port, key, 2)
        for thread in threads:
            thread.join()
        peak = max(peak, rss_mib(server.pid))

        def p(times: list[float], q: int) -> float:
            return statistics.quantiles(times, n=100)[q - 1] * 1000

        print(
            f"{args.clients} clients, {args.seconds:.0f} s of wrong passwords; answers: {dict(answers)}"
        )
        print(f"server memory: {rest_rss:.0f} MiB at rest, {peak:.0f} MiB at the peak")
        print(f"GET /api/v1/profile at rest: p50 {p(rest, 50):.1f} ms, p95 {p(rest, 95):.1f} ms")
        print(
            f"GET /api/v1/profile in the flood: p50 {p(during, 50):.1f} ms, p95 {p(during, 95):.1f} ms"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
