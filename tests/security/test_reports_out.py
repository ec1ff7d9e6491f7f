"""The PDF report, the FHIR export and the monitoring counts on the web and the API: the
person's own data only, made only when they ask, and refused without their log-in or token."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.utils import timezone

from hipcoach.accounts.models import ApiToken
from hipcoach.tracking.workouts import report_pain

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_web_report_is_the_person_s_own(as_alice, alice, bob) -> None:
    report_pain(alice, on=timezone.localdate(), when="during", score=4, today=timezone.localdate())
    page = as_alice.get("/account/")
    assert b'href="/account/report/"' in page.content
    assert b'href="/account/export.fhir.json"' in page.content
    form = as_alice.get("/account/report/")
    assert form.status_code == 200 and b"Your days with data" in form.content
    assert b"so far" in form.content  # the period running today
    answer = as_alice.get("/account/report/", {"download": "pdf", "first": "", "last": ""})
    assert answer["Content-Type"] == "application/pdf" and answer["Cache-Control"] == "no-store"
    assert answer["Content-Disposition"].startswith('attachment; filename="hipcoach-report-alice-')
    text = pdf_text(answer.content)
    assert "23.0°" in text and "35.0°" in text  # Alice's baseline, not Bob's 30° and 31°
    assert "30.0°" not in text and "31.0°" not in text


def test_a_bad_period_on_the_web_is_shown_and_makes_nothing(as_alice) -> None:
    later = timezone.localdate().replace(year=timezone.localdate().year + 1)
    answer = as_alice.get("/account/report/", {"download": "pdf", "last": later.isoformat()})
    assert answer.status_code == 400 and answer["Content-Type"].startswith("text/html")
    assert b"in the future" in answer.content
    answer = as_alice.get("/account/report/", {"download": "pdf", "first": "not a date"})
    assert answer.status_code == 400 and b"Enter a valid date" in answer.content


def test_the_fhir_download_is_the_person_s_own(as_alice, alice) -> None:
    from fhir.resources.R4B.bundle import Bundle

    answer = as_alice.get("/account/export.fhir.json")
    assert answer["Content-Type"].startswith("application/fhir+json")
    bundle = Bundle.model_validate_json(answer.content)
    assert bundle.entry[0].resource.identifier[0].value == str(alice.pk)
    values = sorted(
        e.resource.valueQuantity.value
        for e in bundle.entry
        if e.resource.get_resource_type() == "Observation"
    )
    assert values == [23, 35]


def test_the_api_answers_the_token_s_person_only(alice, bob) -> None:
    _, key = ApiToken.issue(bob, "bob's script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    answer = client.get("/api/v1/report")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    text = pdf_text(answer.content)
    assert "30.0°" in text and "31.0°" in text and "23.0°" not in text
    assert f"hipcoach record {bob.pk}" in text
    fhir = client.get("/api/v1/export/fhir")
    assert (
        fhir.status_code == 200
        and str(alice.pk) != fhir.json()["entry"][0]["resource"]["identifier"][0]["value"]
    )
    counts = client.get("/api/v1/monitoring").json()
    assert counts[0]["days_with_data"] == 1 and counts[0]["reached"] is False
    bad = client.get("/api/v1/report", {"first": "2026-02-01", "last": "2026-01-01"})
    assert bad.status_code == 400 and "after it ends" in bad.json()["detail"]
    assert client.get("/api/v1/report", {"first": "1/2/2026"}).status_code in (400, 422)


def test_nothing_is_given_without_a_log_in_or_a_token() -> None:
    for path in ("/api/v1/report", "/api/v1/export/fhir", "/api/v1/monitoring"):
        assert Client().get(path).status_code == 401
    for path in ("/account/report/", "/account/export.fhir.json"):
        assert Client().get(path).status_code == 302  # to the log-in page


def test_the_progress_page_shows_the_days_with_data_of_the_running_period(as_alice) -> None:
    page = as_alice.get("/progress/").content.decode()
    assert "Days with data from" in page and ": 1 so far" in page
    assert 'href="/account/report/"' in page
