"""docs/web.md covers `hipcoach serve`, every setting and every API path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
SETTINGS_FILES = [ROOT / "src/hipcoach/settings.py", ROOT / "src/hipcoach/envsettings.py"]


def test_serve_is_documented_with_an_example():
    assert re.search(r"^\$ hipcoach serve\b", DOCS, re.MULTILINE)
    from hipcoach.cli.serve import serve

    assert "Example" in (serve.__doc__ or "")


def test_every_setting_is_documented():
    names = set()
    for file in SETTINGS_FILES:
        names |= set(re.findall(r"HIPCOACH_[A-Z_]+[A-Z]", file.read_text(encoding="utf-8")))
    missing = sorted(name for name in names if f"`{name}`" not in DOCS)
    assert missing == []


@pytest.mark.django_db
def test_every_api_path_is_documented(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in paths:
        base = re.sub(r"\{[^}]+\}", "{id}", path)
        assert base in DOCS or path in DOCS, path
