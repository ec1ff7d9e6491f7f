"""A clinician's account: made at a clinician's own sign-up, in a new clinic or, with a code a
colleague made (`invite`), in theirs.

A clinician's account is a kind of its own, fixed at sign-up, rather than a switch on a
person's account: a person's record and a clinic's caseload never share an account, the trail
names a clinician (not a person who turned a setting on), and nothing a person does can give
their account a clinician's pages. A clinician who also wants to follow the program for
themselves signs up a second time, as a person.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from hipcoach.clinic import codes
from hipcoach.clinic.models import Clinic, Clinician, Invitation
from hipcoach.clinic.sharing import WrongCode
from hipcoach.tracking.inputs import InputError

INVITATION_DAYS = 7
NAME_MAX = 100


def _name(value: str, what: str) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise InputError(_("{what}: write a name").format(what=what))
    if len(cleaned) > NAME_MAX:
        raise InputError(_("{what}: at most {most} characters").format(what=what, most=NAME_MAX))
    return cleaned


@transaction.atomic
def sign_up(
    *,
    username: str,
    email: str,
    password: str,
    name: str,
    clinic_name: str = "",
    invitation: str = "",
    now: dt.datetime,
) -> Clinician:
    """Make a clinician's account: in a new clinic `clinic_name`, or in the clinic whose code
    `invitation` is (one of the two). The user name, email and password are checked by the
    caller's form (as a person's sign-up checks them); InputError for a missing or doubled
    choice of clinic, WrongCode for an invitation that is not waiting. Nothing is made then."""
    shown = _name(name, "your name as people see it")
    if bool(clinic_name.strip()) == bool(invitation.strip()):
        raise InputError(
            _("either name a new clinic or give a colleague's invitation code, not both")
        )
    if invitation.strip():
        found = codes.claim(Invitation.objects.select_related("clinic"), invitation, now=now)
        if found is None:
            raise WrongCode(_("that invitation code is not one waiting: ask your colleague again"))
        clinic = found.clinic
    else:
        clinic = Clinic.objects.create(name=_name(clinic_name, "the clinic's name"), created=now)
    account = User.objects.create_user(username, email, password)
    return Clinician.objects.create(account=account, clinic=clinic, name=shown, created=now)


def invite(clinician: Clinician, *, now: dt.datetime) -> str:
    """A code for a colleague to join the clinician's clinic at sign-up (shown once)."""
    code, code_hash = codes.new_code()
    Invitation.objects.create(
        clinic_id=clinician.clinic_id,
        code_hash=code_hash,
        made_by=clinician,
        created=now,
        expires=now + dt.timedelta(days=INVITATION_DAYS),
    )
    return code


def colleagues(clinician: Clinician) -> list[Clinician]:
    """Every clinician of the clinic, the clinician among them, by name."""
    return list(Clinician.objects.filter(clinic_id=clinician.clinic_id).order_by("name"))
