"""What a long history costs: the plan from scratch, and a backup restored.

The plan of a day is one pass over every day since the program's start, so its cost grows with
the length of the program run. This prints the uncached plan's time one year and
`PLAN_DAYS_MAX` days (five years) after the start, and how fast a start of 1970 is refused, and
the time and size of a backup of a year of history restored over itself.

    .venv/bin/python benchmarks/bench_long_history.py [--runs 5] [--check 2.0]

With --check SECONDS it exits 1 when the longest plan allowed takes longer than that.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from yearofhistory import make_person


def timed(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def scratch(person, today: dt.date) -> None:
    """The plan with no checkpoint to resume from (the first look, or after a restore)."""
    from hipcoach.tracking.models import PlanCheckpoint
    from hipcoach.tracking.plans import compute_plan

    PlanCheckpoint.objects.filter(person=person).delete()
    compute_plan(person, on=today)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--check", type=float, default=None)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="hipcoach-bench-"))
    os.environ["HIPCOACH_HOME"] = str(home)
    try:
        from hipcoach.tracking.database import ensure_ready

        ensure_ready()
        from hipcoach.tracking.exchange import backup_document, export_json
        from hipcoach.tracking.inputs import PLAN_DAYS_MAX, InputError
        from hipcoach.tracking.models import Enrollment
        from hipcoach.tracking.plans import compute_plan
        from hipcoach.tracking.restoring import restore

        person = make_person("bench", 365)
        today = dt.date.today()
        enrollment = Enrollment.objects.get(person=person)
        results = {}
        for label, days in (("1 year", 365), (f"{PLAN_DAYS_MAX} days", PLAN_DAYS_MAX)):
            Enrollment.objects.filter(pk=enrollment.pk).update(
                start=today - dt.timedelta(days=days)
            )
            results[label] = timed(lambda: scratch(person, today), args.runs)
            print(f"plan from scratch, {label} after the start: {results[label] * 1000:7.1f} ms")
        Enrollment.objects.filter(pk=enrollment.pk).update(start=dt.date(1970, 1, 1))

        def refused() -> None:
            try:
                compute_plan(person, on=today)
            except InputError:
                return
            raise AssertionError("a start in 1970 was planned")

        print(
            f"plan refused, start 1970-01-01:           {timed(refused, args.runs) * 1000:7.1f} ms"
        )
        Enrollment.objects.filter(pk=enrollment.pk).update(start=today - dt.timedelta(days=365))

        import json

        raw = json.dumps(backup_document(person)).encode()
        before = export_json(person)
        took = timed(lambda: restore(person, io.BytesIO(raw), today=today), 3)
        assert json.loads(export_json(person)) == json.loads(before)
        print(f"restore of a year's backup ({len(raw) / 1e6:.1f} MB): {took * 1000:7.1f} ms")
        if args.check is not None and max(results.values()) > args.check:
            print(f"FAIL: the longest plan allowed took over {args.check} s")
            return 1
        return 0
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
