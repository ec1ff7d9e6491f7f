"""Everything a person recorded can be taken out, on the web and the API, as the terminal's own
export writes it; the backup downloaded restores to the same records; and the API reads back
every kind of record it writes."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from hipcoach.accounts.deletion import delete_person
from hipcoach.tracking import exchange
from hipcoach.tracking.record_fields import Window
from hipcoach.tracking.record_format import BACKUP_FORMAT, read_backup
from hipcoach.tracking.restoring import restore

pytestmark = pytest.mark.django_db


def without_times(document: dict) -> dict:
    """The data of a backup document, without the moments things were written (a restore
    writes the records anew) or the name of the account they are restored into."""

    def strip(value):  # type: ignore[no-untyped-def]
        if isinstance(value, dict):
            return {
                k: strip(v) for k, v in value.items() if k not in ("created", "updated", "person")
            }
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(document["data"])


def test_the_web_download_is_the_terminals_backup_and_csv(as_alice, alice, full_records) -> None:
    page = as_alice.get("/account/")
    assert b'href="/account/export.json"' in page.content
    assert b'href="/account/export.csv"' in page.content
    backup = as_alice.get("/account/export.json")
    assert backup["Content-Type"].startswith("application/json")
    assert backup["Content-Disposition"].startswith('attachment; filename="hipcoach-alice-')
    assert backup["Cache-Control"] == "no-store"
    document = json.loads(backup.content)
    assert document["format"] == BACKUP_FORMAT
    assert document["data"] == exchange.export_data(alice)
    table = as_alice.get("/account/export.csv")
    assert table["Content-Type"].startswith("text/csv")
    assert table.content.decode() == exchange.export_csv(alice)
    assert "hip felt free, alice" in table.content.decode()
    assert "bob" not in table.content.decode()


def test_the_api_export_is_the_same_as_the_webs(alice, full_records) -> None:
    auth = {"HTTP_AUTHORIZATION": f"Bearer {full_records['Alice']['token']}"}
    client = Client()
    document = client.get("/api/v1/export", **auth).json()
    assert document["data"] == exchange.export_data(alice)
    window = Window(timezone.localdate(), timezone.now())
    assert read_backup(document, window).model_dump(mode="json") == document  # as declared
    table = client.get("/api/v1/export/csv", **auth)
    assert table["Content-Type"].startswith("text/csv")
    assert table.content.decode() == exchange.export_csv(alice)
    for path in ("/api/v1/export", "/api/v1/export/csv"):
        assert Client().get(path).status_code == 401
    assert Client().get("/account/export.json").status_code == 302  # to the log-in page


def test_a_downloaded_backup_restores_the_same_records(as_alice, alice, full_records) -> None:
    """Take everything out, delete the account, and bring it back in a new one."""
    text = as_alice.get("/account/export.json").content.decode()
    delete_person(alice)
    again = User.objects.create_user("alice-again", "alice@example.org", "x-long-password-1")
    restore(again, io.BytesIO(text.encode()), today=timezone.localdate())
    assert without_times(exchange.backup_document(again)) == without_times(json.loads(text))


def test_the_api_reads_every_kind_of_record_it_writes(alice, bob, full_records) -> None:
    auth = {"HTTP_AUTHORIZATION": f"Bearer {full_records['Alice']['token']}"}
    client = Client()
    screens = client.get("/api/v1/screens", **auth).json()
    assert [s["positive"] for s in screens] == [True, False]  # newest first
    assert screens[0]["answers"]["trauma"] is True
    clearances = client.get("/api/v1/clearances", **auth).json()
    assert [c["note"] for c in clearances] == ["seen by Dr alice"]
    notes = client.get("/api/v1/notes", **auth).json()
    assert [n["text"] for n in notes] == ["hip felt free, alice"]
    activities = client.get("/api/v1/activities", **auth).json()
    assert [(a["activity"], a["score"]) for a in activities] == [("run with alice", 5)]
    assert client.get("/api/v1/notes?since=2999-01-01", **auth).json() == []
    assert len(client.get("/api/v1/screens?limit=1", **auth).json()) == 1
    for path in ("/api/v1/screens", "/api/v1/clearances", "/api/v1/notes", "/api/v1/activities"):
        assert "bob" not in client.get(path, **auth).content.decode()
        assert Client().get(path).status_code == 401
