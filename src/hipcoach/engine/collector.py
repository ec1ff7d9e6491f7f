"""The cyclic garbage collector held off while a pass over the days runs.

A pass over a year makes tens of thousands of small objects (the day plans, their decisions,
the look-ups it keeps), almost all of which live until the pass ends or die by reference
counting, never in a cycle. The cyclic collector still walks them every few hundred
allocations: about a twentieth of a year's pass (`benchmarks/bench_simulate.py`). So it is held
off for the pass and turned back on after it, exactly as it was.

Passes may run at once in several threads of one process (a threaded server): the collector is
turned off by the first pass to begin and back on by the last to end, and only when it was on
before the first began (a terminal command keeps it off while it starts, `hipcoach.cli.main`).
Nothing a pass decides depends on it: only when unreachable cycles are freed.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_passes = 0  # passes running now
_was_enabled = False  # whether the collector was on when the first of them began


@contextmanager
def held_off() -> Iterator[None]:
    """The collector off for the body, back as it was once no pass holds it off any more."""
    global _passes, _was_enabled
    with _lock:
        if _passes == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _passes += 1
    try:
        yield
    finally:
        with _lock:
            _passes -= 1
            if _passes == 0 and _was_enabled:
                gc.enable()
