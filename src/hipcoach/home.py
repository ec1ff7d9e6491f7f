"""Where a person's hipcoach data lives on this machine: the database (SQLite by default) and
the drawn figures' cache. A leaf: the settings and the figures both read it, and it imports
nothing of ours."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path


def data_home() -> Path:
    """`HIPCOACH_HOME`, else the per-user data directory."""
    home = os.environ.get("HIPCOACH_HOME")
    return Path(home).expanduser() if home else user_data_path("hipcoach", appauthor=False)
