"""Sharing a record with a clinic, by the person's consent only, and ending it at once.

The person makes a code with a scope (`make_code`) and gives it to their clinic; a clinician
of the clinic redeems it (`redeem`), which opens a share for the whole clinic and puts the
first line in the person's trail. The person sees every share, open and ended, the codes not
yet used and the trail (`access_of`), and revokes a share (`revoke`) or cancels a code
(`cancel_code`): from that moment no clinician of the clinic sees anything more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Min
from django.utils.translation import gettext as _

from hipcoach.clinic import audit, codes
from hipcoach.clinic.models import (
    AccessEntry,
    Action,
    Adjustment,
    Clinician,
    Scope,
    Share,
    ShareCode,
)
from hipcoach.clinic.reading import person_today
from hipcoach.tracking import plan_cache
from hipcoach.tracking.inputs import InputError

SHARE_CODE_DAYS = 7  # a code not redeemed within a week stops working
OPEN_CODES_MAX = 5  # codes a person may have waiting at once


class WrongCode(InputError):
    """No code waiting matches what was typed (wrong, used, cancelled or expired): one answer
    for all, so a guess learns nothing."""


@dataclass(frozen=True)
class Access:
    """What the person sees of who has access: shares (open first), codes waiting, the trail."""

    shares: list[Share]
    codes: list[ShareCode]
    trail: list[AccessEntry]
    trail_total: int

    @property
    def open_shares(self) -> list[Share]:
        return [s for s in self.shares if s.revoked is None]


def scope_of(value: object) -> Scope:
    """The scope named `value` ("read" or "adjust"), or an InputError naming both."""
    if value in Scope.values:
        return Scope(value)
    raise InputError(
        _("scope: {value} is not one of read (read only) or adjust (read and adjust)").format(
            value=repr(value)
        )
    )


def make_code(person: User, *, scope: object, now: dt.datetime) -> tuple[ShareCode, str]:
    """A new code for `person` to give a clinic, and the code itself (shown once, never kept:
    only its hash is). InputError for an unknown scope or too many codes waiting."""
    chosen = scope_of(scope)
    waiting = ShareCode.objects.filter(person=person, used__isnull=True, expires__gt=now).count()
    if waiting >= OPEN_CODES_MAX:
        raise InputError(
            _(
                "you have {count} codes waiting: cancel one, or wait for one to be used, first"
            ).format(count=waiting)
        )
    code, code_hash = codes.new_code()
    row = ShareCode.objects.create(
        person=person,
        scope=chosen,
        code_hash=code_hash,
        created=now,
        expires=now + dt.timedelta(days=SHARE_CODE_DAYS),
    )
    return row, code


@transaction.atomic
def redeem(clinician: Clinician, typed: str, *, now: dt.datetime) -> Share:
    """Open the share of the person who made code `typed` with the clinician's clinic.

    WrongCode when no waiting code matches (the caller counts it against the network's limit).
    A person already shared with the clinic keeps one share, with the code's scope."""
    row = codes.claim(ShareCode.objects.all(), typed, now=now)
    if row is None:
        raise WrongCode("that code is not one waiting to be used: check it with the person")
    clinic = clinician.clinic
    share = Share.objects.filter(
        person_id=row.person_id, clinic=clinic, revoked__isnull=True
    ).first()
    if share is None:
        share = Share.objects.create(
            person_id=row.person_id, clinic=clinic, scope=row.scope, created=now
        )
    elif share.scope != row.scope:
        share.scope = row.scope
        share.save(update_fields=["scope"])
    # who records their clearance may have changed (`adjusting.clearance_by`), and a scope's
    # change brings or takes the clinic's choices: the stored plans are made again
    plan_cache.records_changed(row.person_id, since=person_today(share.person, now))
    scope = Scope(share.scope).label
    audit.record(
        row.person_id,
        clinic=clinic,
        clinician=clinician,
        action=Action.shared,
        what=f"access for {clinic.name}: {scope}",
        now=now,
    )
    return share


def access_of(person: User, *, now: dt.datetime) -> Access:
    """Every share of the person's (open ones first, then the latest), the codes still
    waiting, and the latest lines of the trail."""
    shares = sorted(
        Share.objects.filter(person=person).select_related("clinic"),
        key=lambda s: (s.revoked is not None, -s.created.timestamp()),
    )
    waiting = list(
        ShareCode.objects.filter(person=person, used__isnull=True, expires__gt=now).order_by(
            "-created"
        )
    )
    rows = audit.trail(person)
    return Access(shares, waiting, list(rows[: audit.TRAIL_SHOWN]), rows.count())


@transaction.atomic
def revoke(person: User, share_id: int, *, now: dt.datetime) -> Share:
    """End the person's share `share_id` now. InputError when it is not an open share of
    theirs (someone else's share answers the same as none)."""
    share = (
        Share.objects.select_for_update()
        .select_related("clinic")
        .filter(pk=share_id, person=person, revoked__isnull=True)
        .first()
        if 0 < share_id < 2**63
        else None
    )
    if share is None:
        raise InputError(_("there is no open access by that number to end"))
    share.revoked = now
    share.save(update_fields=["revoked"])
    # the clinic's choices leave the plan with it (`adjusting.choices_for`), and end: sharing
    # again later starts from the rules' own plan, not from choices the person took away
    from hipcoach.clinic.adjusting import close_all

    close_all(person, share.clinic, now=now)
    first = Adjustment.objects.filter(person=person, clinic=share.clinic).aggregate(d=Min("date"))
    today = person_today(person, now)
    # with the clinic gone, the person records their own clearance again: the plans say so
    plan_cache.records_changed(person.pk, since=min(first["d"] or today, today))
    audit.record(
        person.pk,
        clinic=share.clinic,
        clinician=None,
        action=Action.revoked,
        what=f"you ended {share.clinic.name}'s access",
        now=now,
    )
    return share


def cancel_code(person: User, code_id: int, *, now: dt.datetime) -> None:
    """Cancel a code of the person's not yet used (it stops working at once). InputError when
    there is no such code of theirs waiting."""
    gone = ShareCode.objects.filter(
        pk=code_id if 0 < code_id < 2**63 else 0, person=person, used__isnull=True
    ).update(expires=now)
    if not gone:
        raise InputError(_("there is no code waiting by that number"))
