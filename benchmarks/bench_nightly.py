"""The worker's nightly pass over many people: generated histories, written in bulk.

Makes N generated people (`hipcoach.tracking.generated`, what `hipcoach generate-people` runs:
60–365 days into the shipped programs, varied adherence, pain, weekly tests, red flags), then
times `tracking.statuses.refresh_statuses` (what the `nightly_pass` job runs): the first pass
(every plan from scratch), a second at the same moment (nothing due), and one a day later
(every day turned: each plan goes on from its checkpoint). `--processes K` runs each pass in K
parts at once, one process each, as K job processes of `hipcoach worker` share it.

    .venv/bin/python benchmarks/bench_nightly.py [--people 300] [--seed 7] [--processes 2]
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/bench_nightly.py --existing

SQLite in a temporary data home, or the database of DATABASE_URL when set (it adds people to
it: use a database of its own). `--existing` makes no one and times the passes over the people
already there (say, made by `hipcoach generate-people`); its "day later" pass stores statuses of
tomorrow, so the next real pass finds them due again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path


def database_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL server process (on this
    machine); 0 on SQLite, whose work is the process's own."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # the database runs elsewhere: its CPU is not counted
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Counted:
    """Counts the queries this process's connection sends while it is on."""

    def __init__(self) -> None:
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.queries += 1
        return execute(sql, params, many, context)


def counted_pass(
    at: dt.datetime, first: int = 0, last: int | None = None
) -> dict[str, int | float]:
    """One pass (or part of one) here, with the CPU seconds it and its database connection
    used and the queries it sent."""
    from django.db import connection

    from hipcoach.tracking.statuses import refresh_statuses

    count = Counted()
    began, began_db = time.process_time(), database_cpu()
    with connection.execute_wrapper(count):
        done = refresh_statuses(now=at, first=first, last=last)
    done["cpu"] = time.process_time() - began + database_cpu() - began_db
    done["queries"] = count.queries
    return done


def part(at: str, first: int, last: int | None) -> dict[str, int | float]:
    """One part of a pass, in a process of its own; with the CPU seconds it and its database
    connection used."""
    from hipcoach.tracking.database import ensure_ready

    ensure_ready()
    return counted_pass(dt.datetime.fromisoformat(at), first, last)


def timed_pass(at: dt.datetime, processes: int) -> dict[str, int | float]:
    from django.db import connections

    from hipcoach.tracking.models import Profile
    from hipcoach.tracking.statuses import person_ranges

    if processes == 1:
        return counted_pass(at)
    ranges = person_ranges(math.ceil(Profile.objects.count() / processes))
    connections.close_all()
    began = time.perf_counter()
    with ProcessPoolExecutor(processes, mp_context=get_context("spawn")) as pool:
        done = list(pool.map(part, [at.isoformat()] * len(ranges), *zip(*ranges, strict=True)))
    total: dict[str, int | float] = {
        key: sum(d[key] for d in done)
        for key in ("people", "refreshed", "failed", "cpu", "queries")
    }
    total["seconds"] = time.perf_counter() - began
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--processes", type=int, default=1, help="parts of each pass run at once")
    parser.add_argument("--existing", action="store_true", help="time the people already there")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="hipcoach-bench-nightly-"))
    os.environ.setdefault("HIPCOACH_HOME", str(home))
    try:
        from hipcoach.tracking.database import ensure_ready

        ensure_ready()
        from django.conf import settings
        from django.utils import timezone

        from hipcoach.tracking import generated

        now = timezone.now()
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        if not args.existing:
            made = generated.generate_people(args.people, seed=args.seed, today=now.date())
            print(
                f"{engine}: {args.people:,} people, {made.total:,} rows made in "
                f"{made.seconds:.1f} s (bulk); database {generated.database_size() / 2**20:,.0f} MiB"
            )
        else:
            print(f"{engine}: {generated.generated_people():,} generated people already there")
        for label, at in (
            ("a pass now" if args.existing else "first pass (every plan from scratch)", now),
            ("again at once (nothing due)", now),
            ("a day later (from each checkpoint)", now + dt.timedelta(days=1)),
        ):
            done = timed_pass(at, args.processes)
            each = (
                f" ({1000 * done['seconds'] / done['refreshed']:.1f} ms a person; CPU, the "
                f"program's and its database's: {1000 * done['cpu'] / done['refreshed']:.1f} ms "
                f"a person; {done['queries'] / done['refreshed']:.1f} queries a person)"
                if done["refreshed"]
                else ""
            )
            print(
                f"{label}, {args.processes} process(es): {done['refreshed']:,} of "
                f"{done['people']:,} refreshed in {done['seconds']:.1f} s{each}, "
                f"{done['failed']} failed",
                flush=True,
            )
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
