from __future__ import annotations

from pathlib import Path

import pytest
from contentkit import ContentTree


@pytest.fixture
def tree(tmp_path: Path) -> ContentTree:
    return ContentTree(tmp_path / "content")
