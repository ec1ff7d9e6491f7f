"""What a terminal command imports before it runs (the speed of `hipcoach today` depends on it;
the figures are in benchmarks/bench_today.py): the command table imports no command, and
Django's set-up imports neither the web API's libraries nor the figures' drawing."""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY_FOR_A_COMMAND = ("rich", "django", "yaml", "pydantic", "hipcoach.cli.today")
HEAVY_FOR_DJANGO = ("ninja", "pydantic", "numpy", "mannequin", "PIL", "pygal")


def imported_after(code: str, names: tuple[str, ...], tmp_path) -> list[str]:
    env = os.environ | {
        "HIPCOACH_HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "hipcoach.settings",
    }
    check = f"import sys\n{code}\nprint(' '.join(n for n in {names!r} if n in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", check], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_the_command_table_imports_no_command(tmp_path):
    assert imported_after("import hipcoach.cli", HEAVY_FOR_A_COMMAND, tmp_path) == []


def test_djangos_set_up_imports_neither_the_api_nor_the_drawing(tmp_path):
    code = "from hipcoach.tracking.database import setup_django\nsetup_django()"
    assert imported_after(code, HEAVY_FOR_DJANGO, tmp_path) == []
