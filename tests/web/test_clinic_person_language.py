"""The clinician's page of a person in the clinician's language, as the caseload's reasons
are: today's exercises with their doses, and why there is no plan (a program run too long)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from test_clinic_sharing import as_, clinician

from hipcoach.clinic import sharing
from hipcoach.tracking.models import Enrollment

pytestmark = pytest.mark.django_db


def test_no_plan_today_is_in_the_clinicians_language(alice) -> None:
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


def test_todays_exercises_are_in_the_clinicians_language(alice) -> None:
    lena = clinician("Lena Weiss, PT")
    now = timezone.now()
    sharing.redeem(lena, sharing.make_code(alice, scope="read", now=now)[1], now=now)
    by_lena = as_(lena.account)
    url = f"/clinic/people/{alice.pk}/"
    english = by_lena.get(url, HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    german = by_lena.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()

    def listed(page: str) -> list[str]:  # today's exercises: the page's list of them
        block = re.search(r"<ol>(<li>.*?)</ol>", page, re.S)
        assert block is not None
        return re.findall(r"<li>([^<]+)</li>", block.group(1))

    english_items, german_items = listed(english), listed(german)
    assert english_items and len(german_items) == len(english_items)
    assert "Glute ball release (left): 45 s" in english_items
    assert "Gesäß-Lockerung mit Ball (linke Seite): 45 s" in german_items
    assert "Wiederholungen" in " ".join(german_items) and "reps" not in " ".join(german_items)


def test_the_caseload_names_phase_pain_timing_and_flags_in_the_clinicians_words(alice) -> None:
    from hipcoach.tracking import statuses

    lena = clinician("Lena Weiss, PT")
    now = timezone.now()
    sharing.redeem(lena, sharing.make_code(alice, scope="read", now=now)[1], now=now)
    statuses.refresh_statuses(now=now)
    by_lena = as_(lena.account)

    def row(language: str) -> str:
        page = by_lena.get("/clinic/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        found = re.search(r"<tbody>(.*?)</tbody>", page, re.S)
        assert found is not None
        return found.group(1)

    english, german = row("en-GB"), row("de")
    # the phase by its name in German, and the day counted as the person counts it (from 1)
    assert "<td>mobility, day 1</td>" in english
    assert "<td>Mobilität, Tag 1</td>" in german
    page = by_lena.get(f"/clinic/people/{alice.pk}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<span class="phase">Mobilität</span> Tag 1' in page
    assert "Tag 0" not in page


def test_the_caseload_says_the_pain_timing_and_flags_in_german(alice) -> None:
    from hipcoach.tracking import statuses
    from hipcoach.tracking.workouts import report_pain

    lena = clinician("Lena Weiss, PT")
    now = timezone.now()
    sharing.redeem(lena, sharing.make_code(alice, scope="read", now=now)[1], now=now)
    today = timezone.localdate()
    report_pain(alice, on=today, when="next_morning", score=4, today=today)
    statuses.refresh_statuses(now=now)
    by_lena = as_(lena.account)
    english = by_lena.get("/clinic/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    german = by_lena.get("/clinic/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "4/10 next morning" in english
    assert "4/10 next morning" not in german and "4/10 " in german
