"""The benchmark script keeps working (its timing is reported by running it, not asserted here)."""

from __future__ import annotations

import runpy
from pathlib import Path

SCRIPT = Path(__file__).parents[2] / "benchmarks" / "bench_simulate.py"


def test_the_benchmark_simulates_a_year(capsys) -> None:
    namespace = runpy.run_path(str(SCRIPT))
    namespace["main"](["--repeat", "1"])
    assert "simulate 365 days" in capsys.readouterr().out
