"""`hipcoach schema`: JSON Schema for editors, from the content models."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from hipcoach.cli.helptext import described, gettext_noop
from hipcoach.cli.output import console, fail


@described(
    gettext_noop(
        """\
Write JSON Schema files for exercise, program and scenario YAML.

Point your editor's YAML support at them (e.g. a `# yaml-language-server: $schema=...`
line at the top of a file) to check a file as you type.

Example: hipcoach schema --out schema
"""
    )
)
def schema(
    out: Path = typer.Option(
        Path("schema"), "--out", "-o", help=gettext_noop("Folder to write the schema files into.")
    ),
) -> None:
    from pydantic import BaseModel

    from hipcoach.content.schema import Exercise, Program
    from hipcoach.scenarios.format import Scenario

    models: dict[str, type[BaseModel]] = {
        "exercise": Exercise,
        "program": Program,
        "scenario": Scenario,
    }
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, model in models.items():
            target = out / f"{name}.schema.json"
            document = model.model_json_schema() | {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "title": f"hipcoach {name}",
            }
            target.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
            console.print(f"wrote {target}")
    except OSError as exc:
        fail([f"cannot write the schema to {out}: {exc.strerror or exc}"])
