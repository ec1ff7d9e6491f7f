"""The hook through which a PDF report finds the clinicians' adjustments of its period
(`reports.report`): a list of readers that the clinic app fills at start-up (`clinic.apps`,
`clinic.filing.adjustments_between`), so tracking needs no import of the clinic.

A module of its own, with nothing heavy in it, because the clinic app registers into it while
Django sets up: `reports` imports the plans, the content and their schemas, which a terminal
command that never makes a report should not pay for at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class Adjustment:
    """One choice a clinician made for the person's plan: when, who, what, and why."""

    date: dt.date
    clinician: str
    what: str
    why: str = ""


AdjustmentSource = Callable[["User", dt.date, dt.date], Iterable[Adjustment]]
# Where a report finds the clinician's adjustments of a period (`reports.clinician_adjustments`);
# a report shows its "Clinician adjustments" section only when one of these finds some.
ADJUSTMENT_SOURCES: list[AdjustmentSource] = []
