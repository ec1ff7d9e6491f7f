"""Who is asking: the logged-in person of a page's request."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def person_of(request: HttpRequest) -> User:
    """The logged-in person. Every page but a few needs a login (LoginRequiredMiddleware), so a
    page that reaches this without one is refused, never served to no one."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("log in first")
    return user
