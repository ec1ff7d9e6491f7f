"""The shipped programs and the engine's planner, loaded once per process (no Django here)."""

from __future__ import annotations

from functools import cache


@cache
def library():
    """The shipped exercises and programs (`hipcoach.content.loader.Library`)."""
    from hipcoach.content.loader import load_library

    return load_library()


def planner():
    """The engine's `plan(program, exercises, profile, history, start, today, *, pre_run)`."""
    try:
        from hipcoach.engine import plan
    except ImportError:  # the engine's package exports it once it is complete
        from hipcoach.engine.planner import plan
    return plan
