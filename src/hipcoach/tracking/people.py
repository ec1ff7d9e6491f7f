"""Who is using hipcoach from the terminal: one local person per data home."""

from __future__ import annotations

import os

LOCAL_USERNAME = "local"


def local_username() -> str:
    """The terminal coach's person: `HIPCOACH_USER`, else "local" (one person per data home)."""
    return os.environ.get("HIPCOACH_USER", "").strip() or LOCAL_USERNAME


def local_person(*, create: bool = False):
    """The local person's user row; made when `create` (no password: it never logs in).

    Without `create`, a person who has not run `hipcoach init` gets `NotSetUp`.
    """
    from django.contrib.auth import get_user_model

    from hipcoach.tracking.inputs import NotSetUp
    from hipcoach.tracking.inputs import gettext as _

    user_model = get_user_model()
    user = user_model.objects.filter(username=local_username()).first()
    if user is None and not create:
        raise NotSetUp(_("hipcoach is not set up yet: run `hipcoach init` first"))
    if user is None:
        user = user_model(username=local_username())
        user.set_unusable_password()
        user.save()
    return user
