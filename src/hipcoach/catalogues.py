"""The translation catalogues: the `.po` files kept in `hipcoach/locale`, compiled to the `.mo`
files Django reads, under the data home (`locale_folder()`), when missing or not built from the
`.po` as it is now (the `.mo` carries its `.po`'s modification time). Each copy of hipcoach
on the machine has its own folder under the per-user data home.

Only the `.po` files are kept in the repository: a `.mo` is built from them with `polib` (no
GNU gettext needed), at the web app's start-up and by any terminal command, so an edited
catalogue is used on the next start. A leaf: it imports nothing of ours but `home`.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from hipcoach.home import data_home

SOURCE = Path(__file__).resolve().parent / "locale"
DOMAIN = "django"


def locale_folder() -> Path:
    """Where the compiled catalogues are (Django's LOCALE_PATHS): a folder of the data home
    for this copy of hipcoach alone. Two copies on one machine (a release and a checkout, or
    two checkouts) each compile their own catalogue; with one folder, one copy's start would
    replace the `.mo` another running copy is about to read, and it would show the other's
    words."""
    copy = hashlib.sha256(str(SOURCE).encode()).hexdigest()[:12]
    return data_home() / "locale" / copy


def sources() -> list[Path]:
    """Every `.po` catalogue in the package, one per language."""
    return sorted(SOURCE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def compile_catalogues(target: Path | None = None) -> list[Path]:
    """Compile each `.po` whose `.mo` under `target` is missing or not built from it (its
    modification time is not the `.po`'s); the `.mo` written.

    A data home that cannot be written (a file in its place, no permission) compiles nothing:
    the words stay English, and the command that needs the data home says what is wrong."""
    target = target or locale_folder()
    written = []
    for po in sources():
        mo = target / po.relative_to(SOURCE).with_suffix(".mo")
        try:
            made = po.stat().st_mtime_ns
            if mo.exists() and mo.stat().st_mtime_ns == made:
                continue
            import polib  # only when a catalogue changed

            mo.parent.mkdir(parents=True, exist_ok=True)
            partial = mo.with_suffix(f".mo.{os.getpid()}")
            polib.pofile(str(po)).save_as_mofile(str(partial))
            os.utime(partial, ns=(made, made))  # the mark of the .po it was built from
            partial.replace(mo)  # whole or not at all, for a process reading it meanwhile
        except OSError:
            continue
        written.append(mo)
    return written


def languages() -> list[str]:
    """The languages with a catalogue (besides English, the code's own)."""
    return [po.relative_to(SOURCE).parts[0] for po in sources()]


def messages(language: str) -> dict[str, str]:
    """The translated messages of `language`'s catalogue (msgid → msgstr), read from its `.po`:
    for a command that runs without Django and writes nothing (`python -m hipcoach.engine
    --language de`). An entry not translated, or marked fuzzy, is left out (its English stands);
    no catalogue, no messages."""
    po = SOURCE / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.exists():
        return {}
    import polib

    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(po))
        if entry.translated() and "fuzzy" not in entry.flags and not entry.msgid_plural
    }
