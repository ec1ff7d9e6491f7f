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


def _page_paths() -> list[str]:
    """Every page's path of the web app and the accounts, enumerated from their URL patterns
    (a parameter written as `{id}`)."""
    from hipcoach.accounts import urls as account_urls
    from hipcoach.web import urls as web_urls

    found = []
    for pattern in [*web_urls.urlpatterns, *account_urls.urlpatterns]:
        route = "/" + re.sub(r"<[^>]+>", "{id}", str(pattern.pattern))
        found.append(route)
    return found


@pytest.mark.parametrize("path", _page_paths())
def test_every_page_is_documented(path):
    named = re.sub(r"<[^>]+>", "{id}", DOCS)  # the docs write a parameter as <id>, <side>, ...
    assert f"`{path}" in named, f"docs/web.md does not name {path}"
