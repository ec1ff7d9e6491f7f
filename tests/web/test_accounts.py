"""Sign up, log in and out, change and reset a password; Argon2; CSRF; login everywhere."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from cast import PASSWORD

pytestmark = pytest.mark.django_db


def signup(client: Client, name: str = "dana", password: str = PASSWORD):
    return client.post(
        "/signup/",
        {
            "username": name,
            "email": f"{name}@example.org",
            "password1": password,
            "password2": password,
        },
    )


def test_signing_up_logs_in_and_starts_onboarding(client):
    response = signup(client)
    assert response.status_code == 302 and response["Location"] == "/start/"
    assert client.get("/start/").status_code == 200


def test_passwords_are_hashed_with_argon2(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    signup(client)
    assert User.objects.get(username="dana").password.startswith("argon2")


def test_it_refuses_a_weak_password(client, alice):
    response = signup(client, "erin", "password")
    assert response.status_code == 200 and "too common" in response.content.decode()


def test_a_taken_email_gets_the_same_answer_and_its_owner_is_told(client, alice):
    """Sign-up never tells whether an account uses an email address: the answer is the same
    as for a new one, and the address's owner gets an email saying so."""
    fresh = signup(client, "erin")
    client.post("/logout/")
    assert mail.outbox == []
    response = client.post(
        "/signup/",
        {
            "username": "alice2",
            "email": "Alice@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert (response.status_code, response["Location"]) == (fresh.status_code, fresh["Location"])
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == ["alice@example.org"]
    assert "alice2" in notice.body and ": alice." in notice.body
    assert "/password-reset/" in notice.body
    assert (
        alice.api_tokens.count() == 0
        and User.objects.get(username="alice").email == "alice@example.org"
    )


def test_a_user_name_cannot_be_an_email(client):
    response = signup(client, "dana@example.org")
    assert response.status_code == 200
    assert "cannot contain @" in response.content.decode()
    assert not User.objects.filter(username="dana@example.org").exists()


def test_the_user_name_hint_and_the_check_agree(client):
    """The hint names the characters a user name may have; "@" is not one of them, and the
    browser's own check (the field's pattern) refuses what the server refuses."""
    import re

    page = client.get("/signup/").content.decode()
    hint = re.search(r'id="id_username_helptext"[^>]*>(.*?)</', page, re.S)
    assert hint, page
    words = hint.group(1)
    assert "no @" in words and "@/" not in words
    pattern = re.search(r'name="username"[^>]*pattern="([^"]+)"', page).group(1)
    assert re.fullmatch(pattern, "dana.k+1_x-y") and re.fullmatch(pattern, "zoë")
    assert not re.fullmatch(pattern, "dana@example.org")


def test_log_in_and_out(client, alice):
    response = client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/today/"
    assert client.get("/today/").status_code == 200
    response = client.post("/logout/")
    assert response.status_code == 302
    assert client.get("/today/")["Location"].startswith("/login/")


def test_a_wrong_password_does_not_log_in(client, alice):
    response = client.post("/login/", {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert client.get("/today/").status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "/today/",
        "/today/player/",
        "/progress/",
        "/progress/ir.svg",
        "/progress/pain.svg",
        "/start/",
        "/start/measure/",
        "/start/program/",
        "/stop/",
        "/measure/",
        "/pain/",
        "/today/pre-run/",
        "/account/",
        "/account/tokens/",
        "/account/password/",
    ],
)
def test_every_page_but_a_few_needs_a_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/login/",
        "/signup/",
        "/password-reset/",
        "/manifest.webmanifest",
        "/sw.js",
        "/offline/",
    ],
)
def test_landing_sign_up_and_log_in_are_open(client, url):
    assert client.get(url).status_code == 200


def test_forms_need_the_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 403
    client.force_login(alice)
    assert client.post("/pain/", {"when": "rest", "score": 2}).status_code == 403


def test_password_change(client, alice):
    client.force_login(alice)
    new = "a-brand-new-secret-77"
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(new)


def test_password_reset_by_email(client, alice):
    response = client.post("/password-reset/", {"email": "alice@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    new = "reset-and-remembered-88"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(new)


def test_email_goes_to_the_console_by_default():
    from django.conf import settings as live

    # pytest-django swaps in the in-memory backend for tests; the setting itself is the console.
    from hipcoach import settings as ours

    assert ours.EMAIL_BACKEND.endswith("console.EmailBackend")
    assert live.EMAIL_HOST == ""


def test_pages_send_a_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_api_tokens_are_shown_once_and_can_be_revoked(client, alice):
    client.force_login(alice)
    response = client.post("/account/tokens/", {"name": "my script"})
    key = re.search(r"hc_[\w-]+", response.content.decode()).group(0)
    token = alice.api_tokens.get()
    assert token.key_hash != key
    assert key not in client.get("/account/tokens/").content.decode()
    client.post(f"/account/tokens/{token.pk}/revoke/")
    assert not alice.api_tokens.exists()


def test_the_emails_speak_the_accounts_language_not_the_askers(client, alice, bob):
    """A reset asked from an English browser for a German account is in German; one asked from
    a German browser for an account with no language chosen is in British English."""
    from hipcoach.tracking.models import Profile

    Profile.objects.filter(person=alice).update(language="de")
    client.post("/password-reset/", {"email": "alice@example.org"}, HTTP_ACCEPT_LANGUAGE="en-GB")
    client.post("/password-reset/", {"email": "bob@example.org"}, HTTP_ACCEPT_LANGUAGE="de")
    german, english = mail.outbox
    assert german.to == ["alice@example.org"] and english.to == ["bob@example.org"]
    assert german.subject == "Dein hipcoach-Passwort zurücksetzen"
    assert "Jemand möchte das hipcoach-Passwort von alice zurücksetzen" in german.body
    assert english.subject == "Reset your hipcoach password"
    assert "Someone asked to reset the hipcoach password for bob" in english.body

    form = {"username": "alice3", "email": "alice@example.org"}
    client.post("/signup/", form | {"password1": PASSWORD, "password2": PASSWORD})  # told in German
    notice = mail.outbox[-1]
    assert notice.subject == "hipcoach: ein neues Konto mit deiner E-Mail-Adresse"
    assert "alice3" in notice.body and "Konto verwendet: alice." in notice.body
    assert "was already used" not in notice.body
