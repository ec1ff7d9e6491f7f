"""The shipped programs and the engine's planner, loaded once per process (no Django here)."""

from __future__ import annotations

from functools import cache


@cache
def library():
    """The shipped exercises and programs (`hipcoach.content.loader.Library`).

    Parsing and checking the YAML takes about a tenth of a second, so the checked library is
    kept in the data home's cache, under a key of the content files' and the code's sizes and
    times; any change to them, or an unreadable cache, means loading the files again. (The
    cache is a pickle in the person's own data directory, trusted like their database.)
    """
    import hashlib
    import json
    import os
    import pickle

    from hipcoach.content.loader import load_library
    from hipcoach.settings import data_home
    from hipcoach.tracking.plancache import code_stamp

    digest = hashlib.sha256(json.dumps(code_stamp()).encode()).hexdigest()[:32]
    path = data_home() / "cache" / f"library-{digest}.pickle"
    try:
        with path.open("rb") as file:
            return pickle.load(file)
    except Exception:  # missing, from another version, or damaged: load the files instead
        pass
    loaded = load_library()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("library-*.pickle"):
            old.unlink(missing_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, path)
    except OSError:
        pass  # a read-only data home just means no cache
    return loaded


def planner():
    """The engine's `plan(program, exercises, profile, history, start, today, *, pre_run)`."""
    try:
        from hipcoach.engine import plan
    except ImportError:  # the engine's package exports it once it is complete
        from hipcoach.engine.planner import plan
    return plan
