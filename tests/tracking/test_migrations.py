"""Migrations are generated and complete, and a new database gets them without a manage step."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from hipcoach.tracking.database import migrations_applied, migrations_on_disk, pending


@pytest.mark.django_db
def test_the_models_have_no_missing_migrations() -> None:
    out = io.StringIO()
    call_command("makemigrations", "tracking", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_the_test_database_has_every_migration() -> None:
    assert ("tracking", "0001_initial") in migrations_on_disk()
    assert migrations_on_disk() <= migrations_applied()
    assert not pending()
