"""A person at phone size takes a PDF report and a FHIR file for their clinician from their
account: the report page passes axe, a bad period is answered on the page, and the files are
real, with the person's own figures."""

from __future__ import annotations

import io
import json
from pathlib import Path

from browserkit import axe_check, screenshot


def test_a_person_downloads_a_report_and_a_fhir_file(phone, arrive):
    from pypdf import PdfReader

    page = phone.new_page()
    arrive(phone, "yvonne")
    page.goto("/account/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download for a clinic (FHIR)").click()
    bundle = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    assert "yvonne" not in json.dumps(bundle)  # it names nobody

    page.get_by_role("link", name="A PDF report for your clinician").click()
    page.wait_for_url("**/account/report/")
    axe_check(page, "report")
    screenshot(page, "phone-report")
    assert "so far" in page.locator("table").inner_text()  # today's monitoring period

    page.get_by_label("From").fill("2026-03-01")
    page.get_by_label("To").fill("2026-02-01")
    page.get_by_role("button", name="Download the report (PDF)").click()
    assert "after it ends" in page.get_by_role("alert").inner_text()
    axe_check(page, "report with a bad period")

    page.get_by_label("From").fill("")
    page.get_by_label("To").fill("")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the report (PDF)").click()
    assert download.value.suggested_filename.startswith("hipcoach-report-yvonne-")
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Hip mobility report" in text and "23.0°" in text and "35.0°" in text
