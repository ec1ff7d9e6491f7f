"""Production mode refuses unsafe settings loudly, and turns on the secure ones."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from hipcoach.envsettings import (
    DEVELOPMENT_SECRET_KEY,
    envbool,
    envfloat,
    envlist,
    production_settings,
    server_settings,
)

GOOD_KEY = "pX3-9vQ_rT8sLw2mZk7yBn4cHd6fJg5aE1uYo0iWq"  # 42 characters, most of them different


def test_it_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("HIPCOACH_SECRET_KEY", raising=False)
    monkeypatch.setenv("HIPCOACH_ALLOWED_HOSTS", "coach.example.org")
    with pytest.raises(ImproperlyConfigured, match="HIPCOACH_SECRET_KEY"):
        production_settings(debug=False)


def test_it_refuses_a_short_key_and_missing_hosts_together(monkeypatch):
    monkeypatch.setenv("HIPCOACH_SECRET_KEY", "short")
    monkeypatch.delenv("HIPCOACH_ALLOWED_HOSTS", raising=False)
    with pytest.raises(ImproperlyConfigured) as error:
        production_settings(debug=False)
    assert "at least 40" in str(error.value) and "HIPCOACH_ALLOWED_HOSTS" in str(error.value)


def test_it_refuses_a_wildcard_host_and_debug(monkeypatch):
    monkeypatch.setenv("HIPCOACH_SECRET_KEY", GOOD_KEY)
    monkeypatch.setenv("HIPCOACH_ALLOWED_HOSTS", "*")
    with pytest.raises(ImproperlyConfigured, match="must not be"):
        production_settings(debug=False)
    monkeypatch.setenv("HIPCOACH_ALLOWED_HOSTS", "coach.example.org")
    with pytest.raises(ImproperlyConfigured, match="HIPCOACH_DEBUG"):
        production_settings(debug=True)


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("a" * 64, "different characters"),
        ("abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc", "different characters"),
        (DEVELOPMENT_SECRET_KEY, "long random value"),
        ("django-insecure-" + GOOD_KEY, "long random value"),
        (GOOD_KEY[:39], "at least 40"),
    ],
)
def test_it_refuses_weak_secret_keys(monkeypatch, key, why):
    monkeypatch.setenv("HIPCOACH_SECRET_KEY", key)
    monkeypatch.setenv("HIPCOACH_ALLOWED_HOSTS", "coach.example.org")
    with pytest.raises(ImproperlyConfigured, match=why):
        production_settings(debug=False)


def test_a_random_hex_key_is_strong_enough(monkeypatch):
    import secrets

    monkeypatch.setenv("HIPCOACH_SECRET_KEY", secrets.token_hex(32))
    monkeypatch.setenv("HIPCOACH_ALLOWED_HOSTS", "coach.example.org")
    assert production_settings(debug=False)["SECRET_KEY"]


def production_env(monkeypatch, **values: str) -> None:
    for name in list(os.environ):
        if name.startswith("HIPCOACH_"):
            monkeypatch.delenv(name)
    for name, value in values.items():
        monkeypatch.setenv(name, value)


def test_an_unknown_production_value_is_an_error_listing_every_problem(monkeypatch):
    production_env(monkeypatch, HIPCOACH_PRODUCTION="2", HIPCOACH_SECRET_KEY="a" * 32)
    with pytest.raises(ImproperlyConfigured) as error:
        server_settings()
    message = str(error.value)
    assert "HIPCOACH_PRODUCTION must be 1 or 0" in message and "'2'" in message
    assert "HIPCOACH_SECRET_KEY" in message and "HIPCOACH_ALLOWED_HOSTS" in message


@pytest.mark.parametrize(
    "name", ["HIPCOACH_DEBUG", "HIPCOACH_BEHIND_PROXY", "HIPCOACH_SSL_REDIRECT"]
)
def test_every_switch_is_read_strictly(monkeypatch, name):
    production_env(
        monkeypatch,
        HIPCOACH_PRODUCTION="on",
        HIPCOACH_SECRET_KEY=GOOD_KEY,
        HIPCOACH_ALLOWED_HOSTS="coach.example.org",
        **{name: "maybe"},
    )
    with pytest.raises(ImproperlyConfigured, match=f"{name} must be 1 or 0"):
        server_settings()


def test_switch_words(monkeypatch):
    for word, meaning in [("1", True), ("Yes", True), (" on ", True), ("off", False), ("", True)]:
        monkeypatch.setenv("X_SWITCH", word)
        assert envbool("X_SWITCH", default=True) is meaning
    monkeypatch.setenv("X_SWITCH", "enabled")
    with pytest.raises(ImproperlyConfigured, match="X_SWITCH"):
        envbool("X_SWITCH", default=False)


def test_development_trusts_no_proxy_and_production_behind_one_trusts_it(monkeypatch):
    production_env(monkeypatch)
    found = server_settings()
    assert found["PRODUCTION"] is False and found["TRUSTED_PROXY"] is None
    assert found["SECRET_KEY"] == DEVELOPMENT_SECRET_KEY
    production_env(
        monkeypatch,
        HIPCOACH_PRODUCTION="1",
        HIPCOACH_SECRET_KEY=GOOD_KEY,
        HIPCOACH_ALLOWED_HOSTS="coach.example.org",
        HIPCOACH_BEHIND_PROXY="1",
    )
    found = server_settings()
    assert found["TRUSTED_PROXY"] == "127.0.0.1" and found["SECURE_SSL_REDIRECT"] is True
    assert "SECURE_PROXY_SSL_HEADER" not in found  # waitress decides the scheme, not a header
    monkeypatch.setenv("HIPCOACH_TRUSTED_PROXY", "10.0.0.5")
    assert server_settings()["TRUSTED_PROXY"] == "10.0.0.5"
    for bad in ["*", "proxy.internal", "10.0.0.0/8"]:
        monkeypatch.setenv("HIPCOACH_TRUSTED_PROXY", bad)
        with pytest.raises(ImproperlyConfigured, match="HIPCOACH_TRUSTED_PROXY"):
            server_settings()


def test_serve_hands_waitress_the_trusted_proxy(settings):
    from hipcoach.cli.serve import proxy_options

    settings.TRUSTED_PROXY = None
    assert proxy_options() == {"clear_untrusted_proxy_headers": True}
    settings.TRUSTED_PROXY = "10.0.0.5"
    options = proxy_options()
    assert options["trusted_proxy"] == "10.0.0.5" and options["trusted_proxy_count"] == 1
    assert options["trusted_proxy_headers"] == {"x-forwarded-for", "x-forwarded-proto"}
    assert options["clear_untrusted_proxy_headers"] is True


def test_safe_values_turn_on_secure_cookies_hsts_and_https(monkeypatch):
    monkeypatch.setenv("HIPCOACH_SECRET_KEY", GOOD_KEY)
    monkeypatch.setenv("HIPCOACH_ALLOWED_HOSTS", "coach.example.org, www.coach.example.org")
    found = production_settings(debug=False)
    assert found["ALLOWED_HOSTS"] == ["coach.example.org", "www.coach.example.org"]
    assert found["SESSION_COOKIE_SECURE"] and found["CSRF_COOKIE_SECURE"]
    assert found["SECURE_HSTS_SECONDS"] >= 31536000
    assert found["SECURE_SSL_REDIRECT"]


def test_env_helpers_fail_loudly_on_nonsense(monkeypatch):
    monkeypatch.setenv("HIPCOACH_PLAYER_PACE", "fast")
    with pytest.raises(ImproperlyConfigured):
        envfloat("HIPCOACH_PLAYER_PACE", default=1.0)
    monkeypatch.setenv("HIPCOACH_PLAYER_PACE", "20")
    assert envfloat("HIPCOACH_PLAYER_PACE", default=1.0) == 20
    monkeypatch.setenv("X_LIST", "a, ,b")
    assert envlist("X_LIST", default=[]) == ["a", "b"]


def _settings_in_subprocess(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HIPCOACH_")}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings;" + code,
        ],
        env=clean | {"DJANGO_SETTINGS_MODULE": "hipcoach.settings"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_mode_ignores_the_player_pace_and_sends_hsts(tmp_path):
    env = {
        "HIPCOACH_PRODUCTION": "1",
        "HIPCOACH_SECRET_KEY": GOOD_KEY,
        "HIPCOACH_ALLOWED_HOSTS": "coach.example.org",
        "HIPCOACH_PLAYER_PACE": "20",
        "HIPCOACH_HOME": str(tmp_path),
    }
    done = _settings_in_subprocess(
        env, "print(settings.PLAYER_PACE, settings.SECURE_HSTS_SECONDS, settings.DEBUG)"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1.0", "31536000", "False"]


def test_serve_refuses_to_start_in_production_without_a_key(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HIPCOACH_")}
    done = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "hipcoach"), "serve", "--port", "1"],
        env=clean | {"HIPCOACH_PRODUCTION": "1", "HIPCOACH_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "HIPCOACH_SECRET_KEY" in done.stderr + done.stdout


def test_a_terminal_command_names_a_bad_setting_without_a_traceback(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HIPCOACH_")}
    done = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "hipcoach"), "today"],
        env=clean | {"HIPCOACH_PRODUCTION": "2", "HIPCOACH_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "HIPCOACH_PRODUCTION must be 1 or 0" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr + done.stdout


def test_the_site_address_for_links_sent_away(monkeypatch):
    """Reminder e-mails link to the app: HIPCOACH_SITE_URL, else in production https and the
    first allowed host; never plain http in production."""
    from hipcoach.envsettings import LOCAL_SITE_URL, site_url

    monkeypatch.delenv("HIPCOACH_SITE_URL", raising=False)
    assert site_url(production=False, hosts=["coach.example.org"]) == LOCAL_SITE_URL
    assert site_url(production=True, hosts=[".example.org"]) == "https://example.org"
    monkeypatch.setenv("HIPCOACH_SITE_URL", "https://coach.example.org/")
    assert site_url(production=True, hosts=["x"]) == "https://coach.example.org"
    monkeypatch.setenv("HIPCOACH_SITE_URL", "http://coach.example.org")
    assert site_url(production=False, hosts=[]) == "http://coach.example.org"
    with pytest.raises(ImproperlyConfigured, match="must start with https://"):
        site_url(production=True, hosts=["coach.example.org"])
    monkeypatch.setenv("HIPCOACH_SITE_URL", "coach.example.org")
    with pytest.raises(ImproperlyConfigured, match="HIPCOACH_SITE_URL"):
        site_url(production=False, hosts=[])
