"""Lookups every use case shares: the person's profile, their current enrollment, and the
client keys that let a phone send one record twice and have it stored once."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from hipcoach.tracking.inputs import InputError, NotSetUp
from hipcoach.tracking.models import Enrollment, Profile, RedFlagScreen


def profile_row(person: User) -> Profile:
    profile = Profile.objects.filter(person=person).first()
    if profile is None:
        raise NotSetUp(_("hipcoach is not set up yet: run `hipcoach init` first"))
    return profile


def active_enrollment(person: User) -> Enrollment:
    """The person's current enrollment; NotSetUp (with what to do) when there is none."""
    enrollment = Enrollment.objects.filter(person=person, ended__isnull=True).first()
    if enrollment is not None:
        return enrollment
    screen = RedFlagScreen.objects.filter(person=person).order_by("-date", "-created").first()
    if screen is not None and screen.positive:
        raise NotSetUp(
            _(
                "the program did not start: the red-flag screen of {date} needs a clinician "
                "first; once they have cleared you, record it with `hipcoach cleared`, then run "
                "`hipcoach init` again"
            ).format(date=screen.date)
        )
    raise NotSetUp(_("hipcoach is not set up yet: run `hipcoach init` first"))


def current_enrollment(person: User) -> Enrollment | None:
    """The person's current enrollment, or None (not set up yet, or stopped at the screen)."""
    return Enrollment.objects.filter(person=person, ended__isnull=True).first()


# Client keys are stored per person, so two people's keys never meet.
KEY_NAMESPACE = uuid.UUID("5b0c2b8e-7f0a-4c8a-9b1e-4f3f6c1e2d10")


def stored_key(person: User, key: str | None, part: str = "") -> uuid.UUID | None:
    """The stored key of a client's idempotency key (any text; None when none was sent), for
    the record `part` of what was sent under it (a workout's exercises and pain each have one)."""
    if not key:
        return None
    return uuid.uuid5(KEY_NAMESPACE, f"{person.pk}:{key}:{part}")


def already_stored(model, person: User, client_key: uuid.UUID | None):
    """The row stored earlier under `client_key` (sent twice), or None for a new record."""
    if client_key is None:
        return None
    row = model.objects.filter(client_key=client_key).first()
    if row is not None and getattr(row, "person_id", None) not in (None, person.pk):
        raise InputError(_("that client key belongs to someone else's record"))
    return row
