"""Why a person has no plan today (a program run too long to plan), on the clinician's page of
them: in the clinician's language, as the caseload's reasons are."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from test_clinic_sharing import as_, clinician

from hipcoach.clinic import sharing
from hipcoach.tracking.models import Enrollment

pytestmark = pytest.mark.django_db


def test_no_plan_today_is_in_the_clinicians_language(alice, this_catalogue) -> None:
    lena = clinician("Lena Weiss, PT")
    now = timezone.now()
    sharing.redeem(lena, sharing.make_code(alice, scope="read", now=now)[1], now=now)
    long_ago = timezone.localdate() - dt.timedelta(days=6 * 366)
    Enrollment.objects.filter(person=alice, ended__isnull=True).update(start=long_ago)
    by_lena = as_(lena.account)
    url = f"/clinic/people/{alice.pk}/"
    english = by_lena.get(url, HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert "No plan today: " in english and "years after your program started" in english
    german = by_lena.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Heute kein Plan: " in german and "Jahre nach dem Start deines Programms" in german
    assert "years after your program started" not in german
