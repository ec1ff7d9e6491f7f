"""What the request-timing benchmarks share: a fresh data home with Django set up and migrated
for the test client, and the p50 / p95 line they print."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def django_in_fresh_home(prefix: str) -> Iterator[Path]:
    """A new data home (SQLite there, or the database in DATABASE_URL), Django set up in this
    process with the migrations applied and the test client let in; removed afterwards."""
    home = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["HIPCOACH_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hipcoach.settings")
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.test.utils import setup_test_environment

        setup_test_environment()  # lets the test client in ("testserver" host)
        call_command("migrate", verbosity=0)
        yield home
    finally:
        shutil.rmtree(home, ignore_errors=True)


def report(label: str, times: list[float]) -> tuple[float, float]:
    """Print and return (p50, p95) of `times` (seconds)."""
    times = sorted(times)
    p50 = statistics.median(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"{label:>6}: p50 {p50 * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms   (n={len(times)})")
    return p50, p95
