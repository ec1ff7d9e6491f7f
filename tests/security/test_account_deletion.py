"""Deleting an account removes every record of the person, in every table, and nothing of
anyone else's: checked by reading every row of every table before and after, not by trusting a
list of models."""

from __future__ import annotations

import json
import re
import time
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client

from cast import PASSWORD
from hipcoach.accounts import limits
from hipcoach.accounts.deletion import what_is_kept
from hipcoach.accounts.models import PersonSession
from hipcoach.tracking import exchange

pytestmark = pytest.mark.django_db(transaction=True)


def every_row() -> dict[str, set[tuple]]:
    """Every row of every table of the database, as text-comparable tuples."""
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            tables[table] = {tuple(str(v) for v in row) for row in cursor.fetchall()}
    return tables


def mentions(row: tuple, *words: str) -> bool:
    """Whether `row` names one of `words` as a word: a random key or signed session blob that
    happens to hold the letters "bob" is not Bob (it made this test fail by chance)."""
    text = " ".join(row).lower()
    return any(
        re.search(rf"(?<![a-z0-9]){re.escape(word.lower())}(?![a-z0-9])", text) for word in words
    )


def reset_emails_counted(email: str) -> int:
    """The count of reset emails kept under `email`."""
    return limits.reset_emails_counted(email)


def sessions_of(user: User) -> int:
    """Alice's sessions found the slow way, by decoding every one (not by their person column,
    which is what is under test)."""
    return sum(
        str(s.get_decoded().get("_auth_user_id")) == str(user.pk)
        for s in PersonSession.objects.all()
    )


@pytest.fixture
def alice_everywhere(alice, bob, full_records):
    """Alice with a record of every kind, logged in on two devices, with failed log-ins and a
    reset email on record; Bob logged in too."""
    phone, laptop, bobs = Client(), Client(), Client()
    for client, name in ((phone, "alice"), (laptop, "alice"), (bobs, "bob")):
        login = client.post("/login/", {"username": name, "password": PASSWORD})
        assert login.status_code == 302, login.content[:300]
    stranger = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(2):
        stranger.post("/login/", {"username": "alice", "password": "wrong-guess"})
    stranger.post("/password-reset/", {"email": alice.email})
    assert reset_emails_counted(alice.email) == 1
    return SimpleNamespace(phone=phone, laptop=laptop, bob=bobs)


def test_deleting_on_the_web_leaves_nothing_of_the_person_in_any_table(
    alice, bob, charlie, alice_everywhere, full_records
) -> None:
    alice_id = alice.pk
    kept = what_is_kept(alice)
    for kind in (
        "profiles",
        "program enrollments",
        "workouts",
        "exercise records (each side, done, partly done or skipped)",
        "pain reports",
        "hip tests (one per side)",
        "activity ratings",
        "red-flag screens",
        "clinician clearances",
        "notes",
        "sets of saved plans",
        "API tokens",
        "log-in sessions",
        "failed log-in records",
    ):
        assert kept.get(kind, 0) >= 1, kind  # the fixture really made one of each
    bobs_data = exchange.export_data(bob)
    before = every_row()

    page = alice_everywhere.phone.post("/account/delete/", {"password": PASSWORD})

    assert page.status_code == 200
    text = page.content.decode()
    assert "Your account is deleted" in text and "1 pain report" in text and "the account" in text
    after = every_row()
    for table, rows in after.items():
        assert not [r for r in rows if mentions(r, "alice")], table  # name, email, her words
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if getattr(field, "related_model", None) is User and field.many_to_one:
                assert not model.objects.filter(**{field.name: alice_id}).exists(), model
    assert not User.objects.filter(pk=alice_id).exists()
    assert sessions_of(SimpleNamespace(pk=alice_id)) == 0
    assert reset_emails_counted("alice@example.org") == 0
    # Everyone else is untouched: every row removed was Alice's, and Bob's data is the same.
    removed = {table: before[table] - after[table] for table in before}
    others = {t: [r for r in rows if mentions(r, "bob", "charlie")] for t, rows in removed.items()}
    assert not any(others.values()), {t: rows for t, rows in others.items() if rows}
    assert exchange.export_data(bob) == bobs_data
    assert User.objects.filter(pk__in=[bob.pk, charlie.pk]).count() == 2
    assert alice_everywhere.bob.get("/today/").status_code == 200
    # Her other device is logged out, and her token no longer opens anything.
    assert alice_everywhere.laptop.get("/today/").status_code == 302
    token = f"Bearer {full_records['Alice']['token']}"
    assert Client().get("/api/v1/profile", HTTP_AUTHORIZATION=token).status_code == 401


def test_a_wrong_password_deletes_nothing(alice, full_records) -> None:
    client = Client()
    client.force_login(alice)
    page = client.get("/account/delete/")
    text = page.content.decode()
    assert "This deletes your account and everything in it, for good." in text
    assert "<li>1 note</li>" in text and "<li>2 hip tests (one per side)</li>" in text
    assert "<li>1 profile</li>" in text
    before = every_row()
    page = client.post("/account/delete/", {"password": "not-it"})
    assert page.status_code == 200
    assert "That is not your password. Nothing was deleted." in page.content.decode()
    after = every_row()
    counts = "accounts_ratecount"  # the wrong password was counted, and nothing else changed
    assert {t: r for t, r in after.items() if t != counts} == {
        t: r for t, r in before.items() if t != counts
    }
    assert limits.account_wait("alice") == 0  # one wrong password: no back-off yet


def test_deleting_through_the_api_needs_a_fresh_log_in_and_the_password(
    alice, bob, full_records
) -> None:
    token = full_records["Alice"]["token"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    thief = Client()
    for password in ("nope", PASSWORD):  # a stolen token alone: refused before any password
        answer = thief.post(
            "/api/v1/account/delete",
            {"password": password},
            content_type="application/json",
            **auth,
        )
        assert answer.status_code == 403 and "fresh log-in" in answer.json()["detail"]
    assert User.objects.filter(username="alice").exists()
    assert limits.account_wait("alice") == 0 and what_is_kept(alice)["API tokens"] == 1

    client = Client(enforce_csrf_checks=True)
    assert client.post("/login/", {"username": "alice", "password": PASSWORD}).status_code == 403
    client.get("/login/")
    csrf = {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}
    login = client.post("/login/", {"username": "alice", "password": PASSWORD}, **csrf)
    assert login.status_code == 302
    csrf = {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}
    answer = client.post(
        "/api/v1/account/delete", {"password": "nope"}, content_type="application/json", **csrf
    )
    assert answer.status_code == 403 and "not your password" in answer.json()["detail"]
    answer = client.post(
        "/api/v1/account/delete", {"password": PASSWORD}, content_type="application/json", **csrf
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["detail"].startswith("Deleted the account alice and everything in it: 1 profile")
    assert body["removed"]["workouts"] == 1 and body["removed"]["account"] == 1
    assert not User.objects.filter(username="alice").exists()
    assert Client().get("/api/v1/profile", **auth).status_code == 401
    assert User.objects.filter(username="bob").exists()
    assert json.loads(exchange.export_json(bob))["notes"]


def test_a_log_in_stops_being_fresh_after_ten_minutes(alice, settings) -> None:
    import time_machine

    with time_machine.travel(time.time(), tick=False) as clock:
        client = Client()
        client.force_login(alice)
        clock.shift(settings.FRESH_LOGIN_SECONDS + 1)
        answer = client.post(
            "/api/v1/account/delete", {"password": PASSWORD}, content_type="application/json"
        )
    assert answer.status_code == 403 and "fresh log-in" in answer.json()["detail"]
    assert User.objects.filter(username="alice").exists()


def test_wrong_passwords_on_the_api_delete_back_the_account_off(alice, settings) -> None:
    client = Client()
    client.force_login(alice)
    for i in range(settings.ACCOUNT_FREE_FAILURES):
        answer = client.post(
            "/api/v1/account/delete", {"password": f"guess-{i}"}, content_type="application/json"
        )
        assert answer.status_code == 403
    answer = client.post(
        "/api/v1/account/delete", {"password": PASSWORD}, content_type="application/json"
    )
    assert answer.status_code == 429 and int(answer["Retry-After"]) > 0
    assert "wrong passwords for this account" in answer.json()["detail"]
    assert User.objects.filter(username="alice").exists()
    new_device = Client().post("/login/", {"username": "alice", "password": PASSWORD})
    assert new_device.status_code == 429  # the same run of wrong passwords


def test_the_terminal_deletes_the_local_person_only_when_confirmed(db, web_defaults) -> None:
    from typer.testing import CliRunner

    from hipcoach.cli import app

    runner = CliRunner()
    init = ["init", "--yes", "--program", "hip-ir-primer", "--goal", "running"]
    assert runner.invoke(app, init).exit_code == 0
    assert runner.invoke(app, ["note", "my own words"]).exit_code == 0
    refused = runner.invoke(app, ["delete-account"])  # no terminal to ask at, no --yes
    assert refused.exit_code == 1 and "nothing deleted" in refused.stderr
    assert User.objects.filter(username="local").exists()
    done = runner.invoke(app, ["delete-account", "--yes"])
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("Deleted local and everything recorded: 1 profile")
    assert "1 note" in done.stdout
    assert not [r for rows in every_row().values() for r in rows if mentions(r, "my own words")]
    assert not User.objects.exists()
    again = runner.invoke(app, ["delete-account", "--yes"])
    assert again.exit_code == 0 and "Nothing to delete" in again.output


def test_the_terminal_asks_for_the_word_delete(db, web_defaults, monkeypatch) -> None:
    from typer.testing import CliRunner

    from hipcoach.cli import account, app

    runner = CliRunner()
    runner.invoke(app, ["init", "--yes", "--program", "hip-ir-primer", "--goal", "running"])
    monkeypatch.setattr(account, "interactive", lambda yes: True)
    kept = runner.invoke(app, ["delete-account"], input="yes\n")
    assert "Nothing deleted." in kept.output and User.objects.exists()
    assert "This deletes 1 profile, 1 program enrollment" in kept.output
    gone = runner.invoke(app, ["delete-account"], input="delete\n")
    assert gone.exit_code == 0 and not User.objects.exists()
