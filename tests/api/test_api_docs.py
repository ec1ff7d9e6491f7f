"""The interactive API docs: served by the app itself, no file from anywhere else."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_docs_page_takes_every_file_from_the_app(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    files = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page)
    assert "/static/ninja/swagger-ui-bundle.js" in files
    assert "/static/ninja/swagger-ui.css" in files
    assert "//" not in "".join(files)  # no other origin, no CDN
    for url in files:
        assert client.get(url).status_code == 200, url
