"""A clinic and its clinicians, what a person has shared with a clinic, and the trail of what
each clinician looked at.

A clinician is an account with a `Clinician` row (made at a clinician's sign-up, never by a
setting a person could turn on), in exactly one clinic. A person shares their record with a
clinic as a whole: every clinician of it sees the person, none of another clinic does. A share
is made only by the person's consent (`ShareCode`: a code the person makes and gives to the
clinic) and ends the moment the person revokes it; the row stays, revoked, so the person's own
list says when each access began and ended.

`AccessEntry` is append-only: a row is never changed, and never deleted but with the person's
account (the clinician's account going keeps the rows, with the clinician's name as it was).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from hipcoach.engine.choices import KINDS

PERSON = settings.AUTH_USER_MODEL


class Scope(models.TextChoices):
    """What a share lets the clinic do: read the record, or read it and adjust the plan."""

    read = "read", "read only"
    adjust = "adjust", "read and adjust the plan"


class Clinic(models.Model):
    """A group of clinicians that people share with as a whole."""

    name = models.CharField(max_length=100)
    created = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class Clinician(models.Model):
    """The account of a clinician: the name people see, and the clinic they work in."""

    account = models.OneToOneField(
        PERSON, on_delete=models.CASCADE, primary_key=True, related_name="clinician"
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="clinicians")
    name = models.CharField(max_length=100)  # as people see it, e.g. "Lena Ortiz, PT"
    created = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.name} ({self.clinic})"


class Invitation(models.Model):
    """A code a clinician makes for a colleague to join their clinic at sign-up. Only its hash
    is kept; it works once, until it expires."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="invitations")
    code_hash = models.CharField(max_length=64, unique=True)
    made_by = models.ForeignKey(Clinician, on_delete=models.SET_NULL, null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()
    used = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"invitation to {self.clinic}"


class ShareCode(models.Model):
    """A code a person makes for a clinic: whoever redeems it first (a clinician) gives their
    whole clinic access with `scope`. Only its hash is kept; it works once, until it expires,
    and the person can cancel it before."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="share_codes")
    scope = models.CharField(max_length=10, choices=Scope.choices)
    code_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()
    used = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(scope__in=Scope.values), name="share_code_scope_known"
            )
        ]

    def __str__(self) -> str:
        return f"share code of {self.person}"


class Share(models.Model):
    """A person's record shared with a clinic, with a scope, from `created` until `revoked`."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="shares")
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="shares")
    scope = models.CharField(max_length=10, choices=Scope.choices)
    created = models.DateTimeField(default=timezone.now)
    revoked = models.DateTimeField(null=True, blank=True)
    # the clinic signed off the person's episode then: they leave its list of who needs
    # attention until a flag appears that their stored need did not have then (`caseload`)
    signed_off = models.DateTimeField(null=True, blank=True)
    signed_off_need = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "clinic"],
                condition=Q(revoked__isnull=True),
                name="one_open_share_a_clinic",
            ),
            models.CheckConstraint(condition=Q(scope__in=Scope.values), name="share_scope_known"),
        ]
        indexes = [models.Index(fields=["clinic", "revoked"], name="share_clinic_open")]

    def __str__(self) -> str:
        return f"{self.person} with {self.clinic} ({self.scope})"


class Adjustment(models.Model):
    """A clinician's choice for a person's plan (`engine.choices`): a note to the person, a
    re-test date, an exercise left out, swapped (for `swap_to`) or capped (`cap_*`) from
    `date` (to `until`), a phase held or advanced (the phase's id in `exercise`), or another
    program (its id in `exercise`: the column holds what the choice is about). It applies while the
    person shares with the clinic (with the "adjust" scope when it was made) and until it is
    ended; `by` is who chose it, as the person sees it."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="adjustments")
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="adjustments")
    clinician = models.ForeignKey(Clinician, on_delete=models.SET_NULL, null=True, blank=True)
    by = models.CharField(max_length=210)  # "Lena Ortiz, PT, Riverside Physio"
    kind = models.CharField(max_length=10)  # one of engine.choices.KINDS
    date = models.DateField()
    until = models.DateField(null=True, blank=True)
    exercise = models.CharField(max_length=80, blank=True, default="")
    text = models.CharField(max_length=500, blank=True, default="")
    created = models.DateTimeField(default=timezone.now)
    ended = models.DateTimeField(null=True, blank=True)
    swap_to = models.CharField(max_length=80, blank=True, default="")  # a swap's exercise
    cap_sets = models.PositiveSmallIntegerField(null=True, blank=True)  # a cap's ceilings
    cap_reps = models.PositiveSmallIntegerField(null=True, blank=True)
    cap_seconds = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["date", "created"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=KINDS),
                name="adjustment_kind_known",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.person} from {self.date}"

    @property
    def exercise_name(self) -> str:
        """The name of the left-out exercise (or of the program), as the library has it (its
        id if it is gone)."""
        from hipcoach.tracking.programs import library

        if self.kind in ("hold", "advance"):
            return self.exercise.replace("-", " ")
        shelf = library().programs if self.kind == "program" else library().exercises
        found = shelf.get(self.exercise)
        return found.name if found else self.exercise

    @property
    def summary(self) -> str:
        """The choice in words, for the person and the clinician, in the active language:
        "Bird dog instead of Pigeon stretch from 5 Dec (sore knee)"."""
        if self.kind == "note":
            return self.change
        return self.change + (f" ({self.text})" if self.text else "")

    @property
    def change(self) -> str:
        """The choice in words without its why (a note's words are the note itself):
        "Bird dog instead of Pigeon stretch from 5 Dec"."""
        from django.utils.formats import date_format
        from django.utils.translation import gettext as _
        from django.utils.translation import ngettext

        day = date_format(self.date, "MONTH_DAY_FORMAT")
        name = self.exercise_name
        if self.kind == "note":
            return _("A note of %(date)s: %(text)s") % {"date": day, "text": self.text}
        said = {
            "retest": _("A re-test of both hips on %(date)s"),
            "program": _("On %(exercise_name)s from %(date)s"),
            "leave_out": _("%(exercise_name)s left out from %(date)s"),
            "swap": _("%(swap_name)s instead of %(exercise_name)s from %(date)s"),
            "cap": _("%(exercise_name)s %(cap)s from %(date)s"),
            "hold": _("Held in the %(exercise_name)s phase from %(date)s"),
            "advance": _("Moved on from the %(exercise_name)s phase on %(date)s"),
            "sign_off": _("Signed off on %(date)s"),
        }.get(self.kind)
        if said is None:
            return self.kind
        parts = [
            word % {"n": n}
            for n, word in (
                (self.cap_sets, ngettext("%(n)s set", "%(n)s sets", self.cap_sets or 0)),
                (self.cap_reps, ngettext("%(n)s rep", "%(n)s reps", self.cap_reps or 0)),
                (self.cap_seconds, _("%(n)s s a hold or set")),
            )
            if n is not None
        ]
        cap = _("at most %(ceilings)s") % {"ceilings": ", ".join(parts)}
        words = {"date": day, "exercise_name": name, "swap_name": self.swap_name, "cap": cap}
        return said % words

    @property
    def swap_name(self) -> str:
        """The name of a swap's exercise, as the library has it."""
        from hipcoach.tracking.programs import library

        found = library().exercises.get(self.swap_to)
        return found.name if found else self.swap_to

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.pk,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "until": self.until.isoformat() if self.until else None,
            "exercise": self.exercise or None,
            "text": self.text,
            "by": self.by,
            "swap_to": self.swap_to or None,
            "cap": (
                {"sets": self.cap_sets, "reps": self.cap_reps, "seconds": self.cap_seconds}
                if self.kind == "cap"
                else None
            ),
        }


class Action(models.TextChoices):
    """What a line of the trail records."""

    shared = "shared", "began access"
    listed = "listed", "saw you in their list"
    read = "read", "looked at"
    changed = "changed", "changed"
    revoked = "revoked", "access ended"


class AppendOnly(models.QuerySet["AccessEntry"]):
    """Rows are added, never changed or deleted one by one (the person's account going takes
    them with it, by the database's cascade)."""

    def update(self, **kwargs: Any) -> int:
        raise TypeError("the access trail is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("the access trail is append-only")


class AccessEntry(models.Model):
    """One line of a person's access trail: who (clinician and clinic, by name as they were),
    what, and when. A list view counts once a day per clinician and person (`day`)."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="access_trail")
    clinician = models.ForeignKey(Clinician, on_delete=models.SET_NULL, null=True, blank=True)
    clinician_name = models.CharField(max_length=100, blank=True, default="")
    clinic_name = models.CharField(max_length=100)
    action = models.CharField(max_length=10, choices=Action.choices)
    what = models.CharField(max_length=200)
    at = models.DateTimeField(default=timezone.now)
    day = models.DateField()  # the server's date of `at`, to count a list view once a day

    objects = AppendOnly.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"], name="access_person_at")]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "clinician", "day"],
                condition=Q(action="listed"),
                name="one_listing_a_day",
            ),
            models.CheckConstraint(condition=Q(action__in=Action.values), name="action_known"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.clinician_name} {self.action} {self.what}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise TypeError("the access trail is append-only")
        super().save(*args, **kwargs)
