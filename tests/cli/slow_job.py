"""A job for the worker tests that takes a while and leaves a trace of each run in a file: a
`start` line when it begins and an `end` line when it finishes (the worker imports it from this
folder, put on its PYTHONPATH by the test)."""

from __future__ import annotations

import os
import time
from pathlib import Path


def slow(trace: str, seconds: float) -> str:
    path = Path(trace)
    with path.open("a") as out:
        out.write(f"start {os.getpid()}\n")
    time.sleep(seconds)
    with path.open("a") as out:
        out.write(f"end {os.getpid()}\n")
    return "done"
