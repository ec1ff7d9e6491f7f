"""The checked content library is cached in the data home and reloaded when anything changes."""

from __future__ import annotations

import pytest

from hipcoach.content import loader
from hipcoach.tracking import plancache, programs


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HIPCOACH_HOME", str(tmp_path))
    programs.library.cache_clear()
    yield tmp_path
    programs.library.cache_clear()


def test_the_second_load_comes_from_the_cache(home, monkeypatch) -> None:
    first = programs.library()
    assert list((home / "cache").glob("library-*.pickle"))
    programs.library.cache_clear()
    monkeypatch.setattr(loader, "load_library", lambda: pytest.fail("the files were read again"))
    again = programs.library()
    assert again.programs == first.programs and again.exercises == first.exercises


def test_a_change_to_the_content_or_code_loads_the_files_again(home, monkeypatch) -> None:
    programs.library()
    programs.library.cache_clear()
    monkeypatch.setattr(plancache, "code_stamp", lambda: ["content/exercises/new.yaml:1:2"])
    calls = []
    real = loader.load_library
    monkeypatch.setattr(loader, "load_library", lambda: calls.append(1) or real())
    programs.library()
    assert calls == [1]
    assert len(list((home / "cache").glob("library-*.pickle"))) == 1  # the old one is gone


def test_a_damaged_cache_is_ignored(home) -> None:
    programs.library()
    programs.library.cache_clear()
    for path in (home / "cache").glob("library-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert "hip-ir-primer" in programs.library().programs
