"""The codes a person gives a clinic (and a clinician a colleague): short enough to read out
or type from a phone, long enough not to be guessed (60 random bits, and wrong tries are rate
limited per network: `accounts.limits`, "share_code"). Only a hash of a code is stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import TypeVar

from django.db.models import Model, QuerySet

Row = TypeVar("Row", bound=Model)

# Crockford's base 32: no I, L, O or U, so nothing reads as another character.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12  # 60 bits
GROUP = 4
_SAME = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> tuple[str, str]:
    """A fresh code, grouped for reading ('K7QM-3XHD-9TFA'), and its hash to store."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP)), hashed(raw)


def normal(typed: str) -> str | None:
    """The code as typed (any case, with or without dashes and spaces, O for 0 and I or L for
    1), or None when it cannot be a code."""
    plain = "".join(typed.split()).replace("-", "").upper().translate(_SAME)
    if len(plain) != LENGTH or any(c not in ALPHABET for c in plain):
        return None
    return plain


def hashed(code: str) -> str:
    """The stored form of a normal code."""
    return hashlib.sha256(code.encode()).hexdigest()


def claim(rows: QuerySet[Row], typed: str, *, now: dt.datetime) -> Row | None:
    """The row of `rows` (codes with `code_hash`, `used` and `expires`) whose code was typed,
    not used and not expired, marked used now; None for anything else. Marking is one
    conditional update, so of two redeeming the same code at once (any database) one wins."""
    code = normal(typed)
    if code is None:
        return None
    found = rows.filter(code_hash=hashed(code), used__isnull=True, expires__gt=now).first()
    if found is None or not rows.filter(pk=found.pk, used__isnull=True).update(used=now):
        return None
    found.used = now  # type: ignore[attr-defined]  # every code model has it
    return found
