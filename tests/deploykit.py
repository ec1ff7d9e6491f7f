"""The load test's script (`benchmarks/load/run_load.py`) as a module, for the tests that run
`hipcoach serve` behind nginx the way it does: its nginx (`nginx_conf`, around the site
`hipcoach proxy-config` prints), its ports and its waiting."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "load" / "run_load.py"


@cache
def run_load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_load", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
