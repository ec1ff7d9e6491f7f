"""docs/security.md states the figures the code uses: if a limit changes, the page must too."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from hipcoach import envsettings

ROOT = Path(__file__).resolve().parents[2]
PAGE = " ".join((ROOT / "docs" / "security.md").read_text(encoding="utf-8").split())
WEB = " ".join((ROOT / "docs" / "web.md").read_text(encoding="utf-8").split())


def test_the_lockout_figures_are_the_code_s():
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert settings.AXES_FAILURE_LIMIT == 5 and minutes == 15
    assert "five wrong passwords for one user name from one address within 15 minutes" in PAGE
    assert f"{minutes}-minute cool-off" in PAGE
    assert settings.AXES_LOCKOUT_PARAMETERS == [["ip_address", "username"]]
    assert settings.AXES_DISABLE_ACCESS_LOG  # "Successful log-ins are not recorded."
    assert "Successful log-ins are not recorded" in PAGE


def test_the_rate_limits_table_is_the_code_s():
    words = {"m": "minutes", "h": "an hour"}
    for limit, rate in settings.RATE_LIMITS.items():
        count, period = rate.split("/")
        said = f"{count} in 10 minutes" if period == "10m" else f"{count} {words[period]}"
        assert said in WEB, (limit, said)


def test_token_hashing_and_key_figures_are_the_code_s():
    assert "`HIPCOACH_TOKEN_DAYS` (90 days" in PAGE
    assert "`HIPCOACH_PASSWORD_HASH_SLOTS` (2)" in PAGE
    assert (
        f"under {envsettings.MIN_SECRET_KEY_LENGTH} characters, fewer than "
        f"{envsettings.MIN_SECRET_KEY_DISTINCT_CHARACTERS} different characters" in PAGE
    )
    from hipcoach import settings as ours  # the web tests hash with a fast test-only hasher

    assert ours.PASSWORD_HASHERS[0].endswith("BoundedArgon2PasswordHasher")
    assert "django.contrib.admin" not in settings.INSTALLED_APPS
    assert "There is no admin site" in PAGE
