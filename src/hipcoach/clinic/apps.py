from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    import datetime as dt

    from django.contrib.auth.models import User

    from hipcoach.engine.choices import Choice
    from hipcoach.tracking.report_adjustments import Adjustment


class ClinicConfig(AppConfig):
    name = "hipcoach.clinic"
    label = "clinic"
    verbose_name = "hipcoach clinic"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Give every plan the clinic's choices (`tracking.plans.CHOICES`), the clinic
        that records the person's clearance (`tracking.plans.CLEARED_BY`), and every PDF
        report the clinicians' adjustments of its period (`tracking.reports.ADJUSTMENT_SOURCES`,
        from its light module: `reports` itself is imported only when a report is made)."""
        from hipcoach.tracking.plans import CHOICES, CLEARED_BY, SHAPED
        from hipcoach.tracking.report_adjustments import ADJUSTMENT_SOURCES

        if _choices not in CHOICES:
            CHOICES.append(_choices)
        if _cleared_by not in CLEARED_BY:
            CLEARED_BY.append(_cleared_by)
        if _sharing not in SHAPED:
            SHAPED.append(_sharing)
        if _adjustments not in ADJUSTMENT_SOURCES:
            ADJUSTMENT_SOURCES.append(_adjustments)


def _choices(person_id: int) -> tuple[Choice, ...]:
    # imported when a plan is made, not at every start-up (a terminal command that finds its
    # plan stored never needs it)
    from hipcoach.clinic.adjusting import choices_for

    return choices_for(person_id)


def _sharing(ids: list[int]) -> set[int]:
    # both the choices and the clearance come from a share not revoked
    from hipcoach.clinic.models import Share

    return set(
        Share.objects.filter(person_id__in=ids, revoked__isnull=True).values_list(
            "person_id", flat=True
        )
    )


def _cleared_by(person_id: int) -> str | None:
    from hipcoach.clinic.adjusting import clearance_by

    return clearance_by(person_id)


def _adjustments(person: User, first: dt.date, last: dt.date) -> list[Adjustment]:
    from hipcoach.clinic.filing import adjustments_between

    return adjustments_between(person, first, last)
