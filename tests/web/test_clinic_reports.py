"""A clinician files a person's PDF report and FHIR Bundle (web, API), each a line of the
person's trail; the PDF lists the clinicians' adjustments with who, when and why (the
person's own too); the list shows the days with data of the running monitoring period."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json

import pytest
from django.utils import timezone
from pypdf import PdfReader
from test_clinic_sharing import as_, clinician, code_of

from hipcoach.accounts.models import ApiToken
from hipcoach.clinic import adjusting
from hipcoach.clinic.models import AccessEntry
from hipcoach.clinic.reading import person_today
from hipcoach.tracking import statuses
from hipcoach.tracking.models import PersonStatus
from hipcoach.tracking.reports import monitoring

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _reads(person) -> list[str]:  # type: ignore[no-untyped-def]
    return list(
        AccessEntry.objects.filter(person=person, action="read")
        .order_by("at", "id")
        .values_list("what", flat=True)
    )


@pytest.fixture
def lena(as_alice):  # type: ignore[no-untyped-def]
    """Lena Ortiz, PT, with Alice's "read and adjust" share."""
    found = clinician("Lena Ortiz, PT")
    as_(found.account).post("/clinic/add/", {"code": code_of(as_alice, "adjust")})
    return found


def test_a_clinician_downloads_the_pdf_and_the_person_sees_it(lena, alice) -> None:
    by_lena = as_(lena.account)
    page = by_lena.get(f"/clinic/people/{alice.pk}/").content.decode()
    assert f"/clinic/people/{alice.pk}/report/" in page
    assert f"/clinic/people/{alice.pk}/export.fhir.json" in page

    form = by_lena.get(f"/clinic/people/{alice.pk}/report/")
    assert form.status_code == 200 and "Without dates" in form.content.decode()
    before = _reads(alice)
    response = by_lena.get(f"/clinic/people/{alice.pk}/report/?download=pdf&first=&last=")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert "Hip mobility report" in _text(response.content)
    added = _reads(alice)[len(before) :]
    assert len(added) == 1 and added[0].startswith("the PDF report of ")


def test_each_reader_gets_the_pdf_in_their_own_language(lena, alice) -> None:
    """The clinician's filing is in the clinician's language, the person's own report in the
    person's: a German clinician of an English person, and the other way round."""
    from hipcoach.tracking.models import Profile

    url = f"/clinic/people/{alice.pk}/report/?download=pdf&first=&last="
    german_clinician = _text(as_(lena.account).get(url, HTTP_ACCEPT_LANGUAGE="de").content)
    assert "Bericht zur Hüftbeweglichkeit" in german_clinician
    assert "Hip mobility report" not in german_clinician
    own = _text(as_(alice).get("/account/report/?download=pdf&first=&last=").content)
    assert "Hip mobility report" in own and "Bericht zur" not in own
    Profile.objects.filter(person=alice).update(language="de")
    own = _text(as_(alice).get("/account/report/?download=pdf&first=&last=").content)
    assert "Bericht zur Hüftbeweglichkeit" in own and "Hip mobility report" not in own
    english_clinician = _text(as_(lena.account).get(url, HTTP_ACCEPT_LANGUAGE="en-GB").content)
    assert "Hip mobility report" in english_clinician and "Bericht" not in english_clinician


def test_the_period_is_in_the_readers_words_and_the_trail_keeps_english(lena, alice) -> None:
    """The report form says its default period in the reader's language; the line the PDF
    leaves in the person's trail is stored English, as every line of the trail."""
    import re

    by_lena = as_(lena.account)
    form = by_lena.get(f"/clinic/people/{alice.pk}/report/", HTTP_ACCEPT_LANGUAGE="de")
    page = form.content.decode()
    assert "Ohne Daten: " in page and re.search(r"\d+\. \w+\.? \d{4} bis \d+\. ", page)
    assert re.search(r"\(\d+ Tage?\)", page) and " days)" not in page
    english = by_lena.get(f"/clinic/people/{alice.pk}/report/", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert re.search(
        r"Without dates: \d+ \w+ \d{4} to \d+ \w+ \d{4} \(\d+ days?\)", english.content.decode()
    )
    by_lena.get(
        f"/clinic/people/{alice.pk}/report/?download=pdf&first=&last=", HTTP_ACCEPT_LANGUAGE="de"
    )
    assert re.fullmatch(r"the PDF report of \d+ \w+ \d{4} to .* \(\d+ days?\)", _reads(alice)[-1])


def test_a_period_that_does_not_fit_makes_nothing_and_logs_nothing(lena, alice) -> None:
    by_lena = as_(lena.account)
    today = person_today(alice, timezone.now())
    before = _reads(alice)
    for first, last in (
        (today, today - dt.timedelta(days=3)),  # backwards
        (today - dt.timedelta(days=400), today),  # over a year
        (today, today + dt.timedelta(days=1)),  # in the future
    ):
        response = by_lena.get(
            f"/clinic/people/{alice.pk}/report/?download=pdf&first={first}&last={last}"
        )
        assert response.status_code == 400 and not response.content.startswith(b"%PDF")
        assert 'role="alert"' in response.content.decode()
    bad = by_lena.get(f"/clinic/people/{alice.pk}/report/?download=pdf&first=soon")
    assert bad.status_code == 400
    assert _reads(alice) == before


def test_the_fhir_bundle_parses_back_and_is_in_the_trail(lena, alice) -> None:
    from fhir.resources.R4B.bundle import Bundle

    response = as_(lena.account).get(f"/clinic/people/{alice.pk}/export.fhir.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    bundle = Bundle.model_validate(json.loads(response.content))
    kinds = {entry.resource.get_resource_type() for entry in bundle.entry}
    assert {"Patient", "Observation"} <= kinds
    assert _reads(alice)[-1].startswith("the FHIR record")


def test_the_api_gives_a_clinician_the_same_files(lena, alice) -> None:
    from django.test import Client

    _, token = ApiToken.issue(lena.account, "clinic desk")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    pdf = api.get(f"/api/v1/clinic/people/{alice.pk}/report")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    today = person_today(alice, timezone.now())
    later = api.get(
        f"/api/v1/clinic/people/{alice.pk}/report?first={today}&last={today - dt.timedelta(days=1)}"
    )
    assert later.status_code == 400 and "give the earlier date first" in later.json()["detail"]
    fhir = api.get(f"/api/v1/clinic/people/{alice.pk}/fhir")
    assert fhir.status_code == 200 and fhir.json()["resourceType"] == "Bundle"
    assert len(_reads(alice)) == 2  # the two files made; the refused period none


def test_the_pdf_lists_each_adjustment_with_who_when_and_why(lena, alice, as_alice) -> None:
    now = timezone.now()
    today = person_today(alice, now)
    adjusting.adjust(lena, alice.pk, kind="note", text="Keep the squat shallow", now=now)
    adjusting.adjust(
        lena,
        alice.pk,
        kind="retest",
        date=today + dt.timedelta(days=3),
        text="after the clinic visit",
        now=now,
    )
    adjusting.adjust(lena, alice.pk, kind="hold", text="knee sore on the stairs", now=now)

    for pdf in (
        as_(lena.account).get(f"/clinic/people/{alice.pk}/report/?download=pdf").content,
        as_alice.get("/account/report/?download=pdf").content,  # the person's own
    ):
        text = " ".join(_text(pdf).split())
        assert "Clinician adjustments" in text
        assert text.count("Lena Ortiz, PT, Riverside Physio") >= 3
        assert "Keep the squat shallow" in text
        assert "knee sore on the stairs" in text and "after the clinic visit" in text
        assert "Held in the" in text and "A re-test of both hips" in text


def test_a_report_before_any_adjustment_has_no_such_section(lena, alice) -> None:
    now = timezone.now()
    today = person_today(alice, now)
    adjusting.adjust(lena, alice.pk, kind="note", text="Later words", now=now)
    first, last = today - dt.timedelta(days=10), today - dt.timedelta(days=1)
    pdf = as_(lena.account).get(
        f"/clinic/people/{alice.pk}/report/?download=pdf&first={first}&last={last}"
    )
    assert "Clinician adjustments" not in _text(pdf.content)


def test_an_ended_span_shows_until_when_and_one_never_begun_is_left_out(lena, alice) -> None:
    from hipcoach.clinic.filing import adjustments_between

    now = timezone.now()
    today = person_today(alice, now)
    held = adjusting.adjust(lena, alice.pk, kind="hold", text="wait for the scan", now=now)
    adjusting.end(lena, alice.pk, held.pk, now=now + dt.timedelta(days=2))
    later = today + dt.timedelta(days=5)
    left_out = adjusting.adjust(
        lena, alice.pk, kind="leave_out", exercise=_an_exercise(), date=later, now=now
    )
    adjusting.end(lena, alice.pk, left_out.pk, now=now)  # ended before its first day
    (found,) = adjustments_between(alice, today - dt.timedelta(days=30), today)
    assert found.clinician == "Lena Ortiz, PT, Riverside Physio"
    assert found.why == "wait for the scan" and found.date == today
    assert found.what.endswith(f", to {today + dt.timedelta(days=1):%-d %b %Y}")
    assert adjustments_between(alice, today + dt.timedelta(days=3), later) == []


def _an_exercise() -> str:
    from hipcoach.tracking.programs import library

    return next(iter(library().exercises))


def test_the_list_shows_the_days_with_data_of_the_running_period(lena, alice) -> None:
    statuses.refresh_statuses(now=timezone.now())
    stored = PersonStatus.objects.get(person=alice)
    today = person_today(alice, timezone.now())
    (running,) = monitoring(alice, today=today, first=today)
    assert (stored.monitoring_first, stored.monitoring_days) == (
        running.first,
        running.days_with_data,
    )
    assert stored.monitoring_days and stored.monitoring_days > 0

    by_lena = as_(lena.account)
    listing = by_lena.get("/clinic/").content.decode()
    assert "Days with data (of 16)" in listing
    assert f"<strong>{stored.monitoring_days}</strong>" in listing
    row = by_lena.get("/api/v1/clinic/people").json()["people"][0]
    assert row["monitoring"]["first"] == running.first.isoformat()
    assert row["monitoring"]["days_with_data"] == running.days_with_data
    assert row["monitoring"]["reached"] is (running.days_with_data >= 16)


def test_the_summary_and_the_list_speak_german(lena, alice, tmp_path) -> None:
    from django.test import override_settings

    from hipcoach.catalogues import compile_catalogues

    # this worktree's catalogue, compiled here: the data home's may be another checkout's
    compile_catalogues(tmp_path / "locale")
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        _speak_german(lena, alice)


def _speak_german(lena, alice) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    statuses.refresh_statuses(now=timezone.now())
    german = Client(HTTP_ACCEPT_LANGUAGE="de")
    german.force_login(lena.account)
    page = german.get(f"/clinic/people/{alice.pk}/").content.decode()
    assert "Auf einen Blick" in page and "Ihren Plan ändern" in page
    assert "Tage mit Daten (von 16)" in german.get("/clinic/").content.decode()
    form = german.get(f"/clinic/people/{alice.pk}/report/").content.decode()
    assert "Ein Bericht über alice" in form


def test_a_read_only_share_files_too_and_the_person_sees_it_in_the_api(as_alice, alice) -> None:
    mo = clinician("Mo Reyes, PT", clinic="Hilltop Physio")
    by_mo = as_(mo.account)
    by_mo.post("/clinic/add/", {"code": code_of(as_alice, "read")})
    assert by_mo.get(f"/clinic/people/{alice.pk}/report/?download=pdf").status_code == 200
    assert by_mo.get(f"/clinic/people/{alice.pk}/export.fhir.json").status_code == 200
    trail = as_alice.get("/api/v1/sharing").json()["trail"]
    made = [
        line for line in trail if line["clinic"] == "Hilltop Physio" and line["action"] == "read"
    ]
    assert [line["what"].split(" ")[1] for line in made] == ["FHIR", "PDF"]  # the latest first
    assert all(line["clinician"] == "Mo Reyes, PT" for line in made)
    # the clinic's own lines of the trail on its next look
    seen = by_mo.get(f"/api/v1/clinic/people/{alice.pk}").json()["trail"]
    assert [line["what"].split(" ")[1] for line in seen][:2] == ["FHIR", "PDF"]


def test_a_pass_reading_ahead_keeps_the_clinics_choices_and_clearance(lena, alice, bob) -> None:
    """The nightly pass asks the clinic's choices only of those who share with a clinic
    (`plans.SHAPED`, one query a batch): a person who does still gets them, and the clinic
    that records their clearance; one who does not is asked nothing."""
    from hipcoach.tracking import plans

    now = timezone.now()
    today = person_today(alice, now)
    adjusting.adjust(lena, alice.pk, kind="hold", text="knee sore on the stairs", now=now)
    ahead = plans.read_ahead({alice.pk: today, bob.pk: person_today(bob, now)})
    assert ahead.reads[alice.pk].shaped and not ahead.reads[bob.pk].shaped
    together = plans.compute_plan(alice, on=today, ahead=ahead)
    assert together == plans.compute_plan(alice, on=today)
    assert together.clearance_by == "Riverside Physio"
    unshaped = dataclasses.replace(ahead.reads[alice.pk], shaped=False)  # as if not sharing
    blind = dataclasses.replace(ahead, reads={alice.pk: unshaped})
    assert plans.compute_plan(alice, on=today, ahead=blind).clearance_by is None
