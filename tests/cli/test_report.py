"""`hipcoach report --pdf` and `hipcoach export --format fhir`: files for a clinic, written
safely (never over an existing file without --force), with the person's own figures."""

from __future__ import annotations

import io
import json

from pypdf import PdfReader


def a_week(coach) -> None:
    for _ in range(6):
        coach("go", "--pace", "0", "--yes", "--pain", "3")
        coach.next_day()
    coach("pain", "--next-morning", "1")


def test_report_writes_a_pdf_with_the_person_s_figures(enrolled, tmp_path) -> None:
    a_week(enrolled)
    out = tmp_path / "report.pdf"
    result = enrolled("report", "--pdf", str(out))
    assert "Wrote the report of" in result.stdout and "report.pdf" in result.stdout
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Hip mobility report" in text and "hip-ir-primer" in text
    assert "6 done, 0 partly done, 0 skipped" in text
    assert "23.0°" in text and "35.0°" in text  # the baseline, each side


def test_report_is_in_the_terminals_language(enrolled, tmp_path) -> None:
    out = tmp_path / "bericht.pdf"
    result = enrolled("--language", "de", "report", "--pdf", str(out))
    assert "bericht.pdf" in result.stdout and "Wrote the report" not in result.stdout
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Bericht zur Hüftbeweglichkeit" in text and "Hip mobility report" not in text
    assert "23,0°" in text and "35,0°" in text  # the baseline, each side, a decimal comma


def test_report_refuses_to_overwrite_without_force(enrolled, tmp_path) -> None:
    out = tmp_path / "report.pdf"
    out.write_text("keep me")
    result = enrolled("report", "--pdf", str(out), ok=False)
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert out.read_text() == "keep me"
    enrolled("report", "--pdf", str(out), "--force")
    assert out.read_bytes().startswith(b"%PDF-")


def test_report_refuses_a_bad_period_and_writes_nothing(enrolled, tmp_path) -> None:
    out = tmp_path / "report.pdf"
    for args, words in (
        (("--from", "2026-13-01"), "is not a date"),
        (("--from", "2026-02-01", "--to", "2026-01-01"), "after it ends"),
        (("--to", "2099-01-01"), "in the future"),
    ):
        result = enrolled("report", "--pdf", str(out), *args, ok=False)
        assert result.exit_code == 1 and words in result.stderr, result.stderr
        assert not out.exists()


def test_export_fhir_is_a_bundle_of_the_person_s_records(enrolled, tmp_path) -> None:
    from fhir.resources.R4B.bundle import Bundle

    a_week(enrolled)
    out = tmp_path / "fhir.json"
    enrolled("export", "--format", "fhir", "--out", str(out))
    bundle = Bundle.model_validate_json(out.read_text())
    kinds = [e.resource.get_resource_type() for e in bundle.entry]
    assert kinds.count("Observation") == 2 + 7  # the baseline's two sides, seven pain scores
    assert kinds[0] == "Patient" and kinds[-1] == "CarePlan"
    assert json.loads(out.read_text())["type"] == "collection"
