"""Lookups every use case shares: the person's profile, their current enrollment, and the
client keys that let a phone send one record twice and have it stored once."""

from __future__ import annotations

import uuid

from hipcoach.tracking.inputs import InputError, NotSetUp
from hipcoach.tracking.models import Enrollment, Profile, RedFlagScreen


def profile_row(person) -> Profile:
    profile = Profile.objects.filter(person=person).first()
    if profile is None:
        raise NotSetUp("hipcoach is not set up yet: run `hipcoach init` first")
    return profile


def active_enrollment(person) -> Enrollment:
    """The person's current enrollment; NotSetUp (with what to do) when there is none."""
    enrollment = Enrollment.objects.filter(person=person, ended__isnull=True).first()
    if enrollment is not None:
        return enrollment
    screen = RedFlagScreen.objects.filter(person=person).order_by("-date", "-created").first()
    if screen is not None and screen.positive:
        raise NotSetUp(
            f"the program did not start: the red-flag screen of {screen.date} needs a clinician "
            "first; once they have cleared you, record it with `hipcoach cleared`, then run "
            "`hipcoach init` again"
        )
    raise NotSetUp("hipcoach is not set up yet: run `hipcoach init` first")


def parse_client_key(client_key: str | uuid.UUID | None) -> uuid.UUID | None:
    if client_key is None or isinstance(client_key, uuid.UUID):
        return client_key
    try:
        return uuid.UUID(str(client_key))
    except ValueError:
        raise InputError(f"client key '{client_key}' is not a UUID") from None


def already_stored(model, person, client_key: uuid.UUID | None):
    """The row stored earlier under `client_key` (sent twice), or None for a new record."""
    if client_key is None:
        return None
    row = model.objects.filter(client_key=client_key).first()
    if row is not None and getattr(row, "person_id", None) not in (None, person.pk):
        raise InputError("that client key belongs to someone else's record")
    return row
