"""Where the content's translations live, without reading any content: the terminal asks
this on every command, and English (the content's own language) needs nothing loaded."""

from __future__ import annotations

from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def base_language(language: str) -> str:
    """The language without its region: "de-at", "de_AT" → "de"."""
    return language.lower().replace("_", "-").split("-")[0]


def file_for(language: str) -> Path:
    """The content translation file of `language` ("de", "de-at" → de)."""
    return LOCALE / base_language(language) / "content.yaml"


def has_content_translation(language: str) -> bool:
    """Whether `language` has its own content file (English, the source, has none)."""
    return file_for(language).is_file()
