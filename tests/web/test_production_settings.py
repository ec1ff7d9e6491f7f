"""Production mode refuses unsafe settings loudly, and turns on the secure ones."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from hipcoach.envsettings import envfloat, envlist, production_settings

GOOD_KEY = "k" * 50


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
    assert "at least 32" in str(error.value) and "HIPCOACH_ALLOWED_HOSTS" in str(error.value)


def test_it_refuses_a_wildcard_host_and_debug(monkeypatch):
    monkeypatch.setenv("HIPCOACH_SECRET_KEY", GOOD_KEY)
    monkeypatch.setenv("HIPCOACH_ALLOWED_HOSTS", "*")
    with pytest.raises(ImproperlyConfigured, match="must not be"):
        production_settings(debug=False)
    monkeypatch.setenv("HIPCOACH_ALLOWED_HOSTS", "coach.example.org")
    with pytest.raises(ImproperlyConfigured, match="HIPCOACH_DEBUG"):
        production_settings(debug=True)


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
