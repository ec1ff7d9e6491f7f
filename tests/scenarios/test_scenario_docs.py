"""docs/scenario.schema.json is generated from the scenario format, and docs/scenarios.md names
every key of it."""

from __future__ import annotations

import json
from pathlib import Path

from hipcoach.scenarios.format import EventModel, ExpectModel, scenario_json_schema

DOCS = Path(__file__).parents[2] / "docs"


def test_docs_scenario_schema_is_the_generated_schema() -> None:
    on_disk = json.loads((DOCS / "scenario.schema.json").read_text(encoding="utf-8"))
    assert on_disk == scenario_json_schema(), "regenerate docs/scenario.schema.json"


def test_the_scenario_doc_names_every_event_and_expect_key() -> None:
    text = (DOCS / "scenarios.md").read_text(encoding="utf-8")
    for model in (EventModel, ExpectModel):
        for name in model.model_fields:
            assert f"`{name}`" in text, name
