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
    assert "five wrong passwords for one user name from one network within 15 minutes" in PAGE
    assert f"{minutes}-minute cool-off" in PAGE
    assert settings.AXES_LOCKOUT_PARAMETERS == [["ip_address", "username"]]
    assert settings.AXES_DISABLE_ACCESS_LOG  # "Successful log-ins are not recorded."
    assert "Successful log-ins are not recorded" in PAGE


def test_the_rate_limits_table_is_the_code_s():
    words = {"m": "minutes", "h": "an hour"}
    for limit, rate in settings.RATE_LIMITS.items():
        count, period = rate.split("/")
        said = f"{count} in 10 minutes" if period == "10m" else f"{count} {words[period]}"
        assert said in PAGE and said in WEB, (limit, said)
    most, period = settings.RESET_EMAILS_PER_ADDRESS
    assert period == 3600 and f"{most} an hour are sent" in PAGE
    first, longest = settings.ACCOUNT_BACKOFF
    free = settings.ACCOUNT_FREE_FAILURES
    assert (first, longest, free) == (60, 1800, 5)
    assert "5 free, then a back-off: the next try waits 1 minute" in PAGE
    assert "up to 30 minutes" in PAGE
    assert settings.ACCOUNT_FAILURE_MEMORY == 86400 and "a day after the last wrong" in PAGE
    assert f"a signed cookie, {settings.KNOWN_DEVICE_DAYS} days" in PAGE
    assert settings.FRESH_LOGIN_SECONDS == 600 and "logged in within the last 10 minutes" in PAGE


def test_every_rate_limit_test_the_table_names_exists():
    import re

    tests = ROOT / "tests"
    source = " ".join(
        path.read_text(encoding="utf-8")
        for folder in ("web", "security")
        for path in (tests / folder).glob("test_*.py")
    )
    table = PAGE[PAGE.index("## Rate limits") : PAGE.index("## Behind a proxy")]
    named = set(re.findall(r"`(test_[a-z0-9_]+)`", table))
    assert len(named) >= 15
    for name in named:
        assert f"def {name}(" in source, name


def test_token_hashing_and_key_figures_are_the_code_s():
    assert "`HIPCOACH_TOKEN_DAYS` (90 days" in PAGE
    most = envsettings.MOST_DEFAULT_HASH_SLOTS
    assert f"`HIPCOACH_PASSWORD_HASH_SLOTS` (the process's cores, at most {most})" in PAGE
    assert (
        f"under {envsettings.MIN_SECRET_KEY_LENGTH} characters, fewer than "
        f"{envsettings.MIN_SECRET_KEY_DISTINCT_CHARACTERS} different characters" in PAGE
    )
    from hipcoach import settings as ours  # the web tests hash with a fast test-only hasher

    assert ours.PASSWORD_HASHERS[0].endswith("BoundedArgon2PasswordHasher")
    assert "django.contrib.admin" not in settings.INSTALLED_APPS
    assert "There is no admin site" in PAGE


def test_the_test_reminder_limit_is_the_code_s():
    import datetime as dt

    from hipcoach.tracking import reminders

    assert dt.timedelta(hours=1) == reminders.TEST_WINDOW
    assert f"| the account | {reminders.TESTS_MAX} an hour," in PAGE
