"""The translation catalogues: the `.po` files kept in `hipcoach/locale`, compiled to the `.mo`
files Django reads, under the data home (`locale_folder()`, one folder per version of the
catalogues), when missing or older.

Only the `.po` files are kept in the repository: a `.mo` is built from them with `polib` (no
GNU gettext needed), at the web app's start-up and by any terminal command, so an edited
catalogue is used on the next start. A leaf: it imports nothing of ours but `home`.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from hipcoach.home import data_home

SOURCE = Path(__file__).resolve().parent / "locale"
DOMAIN = "django"


def locale_folder() -> Path:
    """Where the compiled catalogues are (Django's LOCALE_PATHS): a folder of their own for
    each version of the catalogues (a digest of the `.po` files), so two versions of hipcoach
    sharing a data home (an upgrade, two checkouts) never read each other's words."""
    return data_home() / "locale" / _digest()


@cache
def _digest() -> str:
    digest = hashlib.sha256()
    for po in sources():
        digest.update(po.relative_to(SOURCE).as_posix().encode())
        digest.update(po.read_bytes())
    return digest.hexdigest()[:16]


def sources() -> list[Path]:
    """Every `.po` catalogue in the package, one per language."""
    return sorted(SOURCE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def compile_catalogues(target: Path | None = None) -> list[Path]:
    """Compile each `.po` whose `.mo` under `target` is missing or older; the `.mo` written.

    A data home that cannot be written (a file in its place, no permission) compiles nothing:
    the words stay English, and the command that needs the data home says what is wrong."""
    target = target or locale_folder()
    written = []
    for po in sources():
        mo = target / po.relative_to(SOURCE).with_suffix(".mo")
        try:
            if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
                continue
            import polib  # only when a catalogue changed

            mo.parent.mkdir(parents=True, exist_ok=True)
            partial = mo.with_suffix(f".mo.{os.getpid()}")
            polib.pofile(str(po)).save_as_mofile(str(partial))
            partial.replace(mo)  # whole or not at all, for a process reading it meanwhile
        except OSError:
            continue
        written.append(mo)
    return written
