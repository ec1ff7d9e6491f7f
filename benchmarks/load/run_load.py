"""Load through the real deployment: nginx terminating TLS in front of several `hipcoach serve`
processes on one database, and a bounded Locust run of people opening today, recording
exercises and reporting pain through the API; then every acknowledged write is looked for in
the database.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/load/run_load.py \\
        --processes 3 --users 60 --seconds 60 --compare-one-person

The database must hold generated people (`hipcoach generate-people`; `--generate N` makes N
first when there are fewer). Without DATABASE_URL: SQLite in a temporary data home, with
`--generate` people made there. A certificate is made for the run in a temporary folder (never
kept); nginx and the app processes listen on loopback only and are stopped at the end, also on
a failure or Ctrl+C. `--no-proxy` sends the load straight to one app process (no nginx).
`--compare-one-person` runs the same mix of requests again, by one user at a quicker pace (for
as many samples), on a new database holding one generated person whose plan today has
exercises (dropped after): today's p95 there against here.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
START_WAIT = 120  # seconds for an app process or nginx to listen

NGINX_CONF = """
daemon off;
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
{site}
}}
"""  # around the site a clinic runs (`hipcoach proxy-config`): an nginx of the run's own


def nginx_conf(run: Path, tls_port: int, app_ports: list[int]) -> str:
    """An nginx of the run's own (its files in `run`) serving the site a clinic runs, TLS on
    `tls_port` of loopback, in front of the app processes on `app_ports`."""
    from hipcoach.proxy_site import nginx_site

    site = nginx_site(
        [f"127.0.0.1:{port}" for port in app_ports],
        server_name="localhost",
        certificate=str(run / "cert.pem"),
        key=str(run / "key.pem"),
        listen=f"127.0.0.1:{tls_port}",
    )
    return NGINX_CONF.format(run=run, site=site)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_WAIT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"stopped early:\n{log.read_text() if log.exists() else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listened on port {port}")


def make_certificate(run: Path) -> None:
    """A self-signed certificate for localhost, made now (cryptography, which web push
    already brings)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    (run / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (run / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (run / "key.pem").chmod(0o600)


def database_env(run: Path, url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HIPCOACH_", "DATABASE_URL"))}
    env["HIPCOACH_HOME"] = str(run / "home")
    if url:
        env["DATABASE_URL"] = url
    return env


def step(env: dict[str, str], *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, str(HERE / "dbsteps.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip() or done.stdout)
    return json.loads(done.stdout.strip().splitlines()[-1])


def generate(env: dict[str, str], people: int, seed: int) -> None:
    done = subprocess.run(
        [str(BIN / "hipcoach"), "generate-people", "--people", str(people), "--seed", str(seed)],
        env=env,
        capture_output=True,
        text=True,
        timeout=7200,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip() or done.stdout)
    print(done.stdout.strip(), flush=True)


def generated_count(env: dict[str, str]) -> int:
    code = (
        "from hipcoach.tracking.database import ensure_ready; ensure_ready(); "
        "from hipcoach.tracking.generated import generated_people; print(generated_people())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip())
    return int(done.stdout.split()[-1])


@contextmanager
def deployment(run: Path, env: dict[str, str], processes: int, threads: int, proxy: bool):
    """The app processes (production mode, behind the proxy) and nginx; the base URL."""
    started: list[subprocess.Popen] = []
    app_env = env | {
        "HIPCOACH_PRODUCTION": "1",
        "HIPCOACH_SECRET_KEY": secrets.token_urlsafe(50),
        "HIPCOACH_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "HIPCOACH_BEHIND_PROXY": "1" if proxy else "0",
        "HIPCOACH_SSL_REDIRECT": "1" if proxy else "0",
    }
    try:
        ports = [free_port() for _ in range(processes)]
        for n, port in enumerate(ports):
            log = run / f"app{n}.log"
            with log.open("w") as out:
                started.append(
                    subprocess.Popen(
                        [BIN / "hipcoach", "serve", "--port", str(port), "--threads", str(threads)],
                        env=app_env,
                        stdout=out,
                        stderr=subprocess.STDOUT,
                    )
                )
            wait_for_port(port, started[-1], log)  # one at a time: the first migrates
        if not proxy:
            yield f"http://127.0.0.1:{ports[0]}"
            return
        make_certificate(run)
        tls_port = free_port()
        (run / "nginx.conf").write_text(nginx_conf(run, tls_port, ports))
        started.append(
            subprocess.Popen(
                [
                    NGINX,
                    "-p",
                    str(run),
                    "-e",
                    str(run / "error.log"),
                    "-c",
                    str(run / "nginx.conf"),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
            )
        )
        wait_for_port(tls_port, started[-1], run / "error.log")
        yield f"https://localhost:{tls_port}"
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def locust(run: Path, base: str, tokens: Path, users: int, seconds: int, pace: str) -> dict:
    """A bounded, headless Locust run; its figures per request name."""
    acks = run / "acks.json"
    env = os.environ | {
        "LOAD_TOKENS": str(run / "raw-tokens.json"),
        "LOAD_CA": str(run / "cert.pem") if base.startswith("https") else "",
        "LOAD_ACKS": str(acks),
        "LOAD_PACE": pace,
    }
    (run / "raw-tokens.json").write_text(json.dumps(json.loads(tokens.read_text())["tokens"]))
    command = [
        str(BIN / "locust"),
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(max(1, users // 5)),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        base,
        "--csv",
        str(run / "stats"),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=seconds + 120, cwd=run
    )
    if done.returncode != 0 or not acks.exists():
        raise RuntimeError(f"locust failed:\n{done.stderr[-3000:]}")
    figures = {}
    with (run / "stats_stats.csv").open() as file:
        for row in csv.DictReader(file):
            figures[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50": _ms(row["50%"]),
                "p95": _ms(row["95%"]),
                "p99": _ms(row["99%"]),
            }
    failures = (
        (run / "stats_failures.csv").read_text() if (run / "stats_failures.csv").exists() else ""
    )
    return {"figures": figures, "failures": failures}


def _ms(value: str) -> float | None:
    return None if value in ("", "N/A") else float(value)


def one_run(
    url: str | None,
    *,
    processes: int,
    threads: int,
    users: int,
    seconds: int,
    generate_people: int,
    seed: int,
    proxy: bool,
    pace: str,
    one_person: bool = False,
) -> dict:
    """Everything of one run, from an empty temporary folder to the counts after; the report."""
    run = Path(tempfile.mkdtemp(prefix="hipcoach-load-"))
    try:
        env = database_env(run, url)
        if one_person:
            step(env, "one-person")
        elif generate_people:
            have = generated_count(env)
            if have < generate_people:
                generate(env, generate_people - have, seed)
        tokens = run / "tokens.json"
        chosen = step(
            env, "tokens", "--users", str(users), "--seed", str(seed), "--out", str(tokens)
        )
        with deployment(run, env, processes, threads, proxy) as base:
            began = time.perf_counter()
            result = locust(run, base, tokens, users, seconds, pace)
            result["seconds"] = round(time.perf_counter() - began, 1)
        result["counted"] = step(
            env, "count", "--acks", str(run / "acks.json"), "--tokens", str(tokens)
        )
        result["people"] = generated_count(env)
        result["users"] = chosen["people"]
        result["processes"] = processes
        result["proxy"] = proxy
        return result
    finally:
        shutil.rmtree(run, ignore_errors=True)


@contextmanager
def one_person_database(url: str | None) -> Iterator[str | None]:
    """A new database beside the first (PostgreSQL: same cluster, dropped after; SQLite: a
    new data home, which `one_run` makes)."""
    if not url:
        yield None
        return
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"{parts.path.lstrip('/')}_one_person"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(parts._replace(path="/" + name))
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def report(label: str, result: dict) -> None:
    counted = result["counted"]
    print(
        f"\n{label}: {result['people']:,} people in the database, {result['users']} users, "
        f"{result['processes']} app process(es) {'behind nginx (TLS)' if result['proxy'] else 'direct'}, "
        f"{result['seconds']} s"
    )
    print(
        f"  {'request':<16} {'count':>7} {'errors':>6} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}"
    )
    for name, f in result["figures"].items():
        print(
            f"  {name:<16} {f['requests']:>7} {f['failures']:>6} {f['rps']:>7.1f} "
            f"{f['p50'] or 0:>6.0f} {f['p95'] or 0:>6.0f} {f['p99'] or 0:>6.0f}"
        )
    print(
        f"  acknowledged writes found in the database: exercises "
        f"{counted['exercises_found']}/{counted['exercises_acknowledged']}, pain "
        f"{counted['pain_found']}/{counted['pain_acknowledged']} (times in ms)"
    )
    if result["failures"].count("\n") > 1:
        print("  failures:\n" + result["failures"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=3, help="app processes behind nginx")
    parser.add_argument("--threads", type=int, default=8, help="threads of each app process")
    parser.add_argument("--users", type=int, default=60, help="people using it at once")
    parser.add_argument("--seconds", type=int, default=60, help="how long the load lasts")
    parser.add_argument("--pace", default="0.5,1.5", help="seconds between a user's requests")
    parser.add_argument("--generate", type=int, default=0, help="make people up to this many")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-proxy", action="store_true", help="straight to one app process")
    parser.add_argument("--compare-one-person", action="store_true")
    parser.add_argument(
        "--one-person-pace",
        default="0.05,0.15",
        help="seconds between the one person's requests (faster, for as many samples)",
    )
    args = parser.parse_args()
    if not args.no_proxy and not os.access(NGINX, os.X_OK):
        parser.error(f"{NGINX} is missing (apt-get install nginx-light), or use --no-proxy")
    url = os.environ.get("DATABASE_URL") or None
    if not url and not args.generate:
        parser.error("without DATABASE_URL, --generate N people into a temporary SQLite")
    common = {
        "threads": args.threads,
        "seconds": args.seconds,
        "seed": args.seed,
        "proxy": not args.no_proxy,
        "pace": args.pace,
    }
    many = one_run(
        url,
        processes=1 if args.no_proxy else args.processes,
        users=args.users,
        generate_people=args.generate,
        **common,
    )
    report("Many people", many)
    lost = many["counted"]
    ok = (
        lost["exercises_found"] == lost["exercises_acknowledged"]
        and lost["pain_found"] == lost["pain_acknowledged"]
    )
    if args.compare_one_person:
        with one_person_database(url) as other:
            one = one_run(
                other,
                processes=1 if args.no_proxy else args.processes,
                users=1,
                generate_people=0,
                one_person=True,
                **common | {"pace": args.one_person_pace},
            )
        report("One person", one)
        p95_many = many["figures"]["today"]["p95"]
        p95_one = one["figures"]["today"]["p95"]
        print(
            f"\ntoday's p95: {p95_many:.0f} ms at {many['people']:,} people, {p95_one:.0f} ms at one ({p95_many / p95_one:.2f}x)"
        )
    print("\nno acknowledged write lost" if ok else "\nACKNOWLEDGED WRITES LOST")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
