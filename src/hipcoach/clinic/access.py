"""Who may see whom: the one check every clinician's page and API operation goes through.

A clinician sees a person only through an open share of the person's with the clinician's own
clinic; anything else is `NoAccess`, the same answer as a person who does not exist (a 404: a
clinician cannot even tell whether an account exists). A change needs the share's "adjust"
scope (`ReadOnly`, a 403). An account that is not a clinician's is `NotAClinician` (403).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from hipcoach.clinic.models import Clinician, Scope, Share


class NoAccess(Exception):
    """No open share of this person with the clinician's clinic (or no such person)."""


class ReadOnly(Exception):
    """The share lets the clinic read, not adjust."""


class NotAClinician(Exception):
    """The account is a person's, not a clinician's."""


def clinician_of(account: User) -> Clinician:
    """The clinician of `account`, with their clinic; NotAClinician when it is a person's."""
    found = Clinician.objects.select_related("clinic").filter(account_id=account.pk).first()
    if found is None:
        raise NotAClinician(_("these pages are for clinicians: sign up as a clinician first"))
    return found


def is_clinician(account: User) -> bool:
    return Clinician.objects.filter(account_id=account.pk).exists()


def share_for(clinician: Clinician, person_id: int, *, adjust: bool = False) -> Share:
    """The open share of person `person_id` with the clinician's clinic; NoAccess when there
    is none, ReadOnly when `adjust` is asked of a read-only share."""
    share = (
        Share.objects.select_related("person", "clinic")
        .filter(person_id=person_id, clinic_id=clinician.clinic_id, revoked__isnull=True)
        .first()
        if 0 < person_id < 2**63
        else None
    )
    if share is None:
        raise NoAccess(_("no one by that number has shared their record with your clinic"))
    if adjust and share.scope != Scope.adjust:
        raise ReadOnly(_("this person shared their record to be read only, not adjusted"))
    return share
