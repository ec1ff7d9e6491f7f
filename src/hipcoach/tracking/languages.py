"""The person's language: the one chosen in their account, read by the web's middleware and
the terminal; "" means none chosen (the browser's, or the terminal's LANG, decides)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def profile_language(person: User) -> str:
    """The language the person chose in their account ("" when none: follow the browser)."""
    from hipcoach.tracking.models import Profile

    saved = Profile.objects.filter(person=person).values_list("language", flat=True).first()
    return saved or ""


def choose_language(person: User, code: str) -> bool:
    """Save `code` (one of settings.LANGUAGES, or "" for the browser's) as the person's
    language, in their profile if they have one yet; False, writing nothing, when the code is
    not offered."""
    from django.conf import settings

    from hipcoach.tracking.models import Profile

    if code and code not in dict(settings.LANGUAGES):
        return False
    Profile.objects.filter(person=person).exclude(language=code).update(language=code)
    return True
