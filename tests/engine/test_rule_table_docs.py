"""docs/rules.md is generated from the rule registry and cannot drift from it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hipcoach.engine.rules import RULES, rules_markdown

DOCS = Path(__file__).parents[2] / "docs"


def test_docs_rules_md_is_the_generated_table() -> None:
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is out of date: run `python -m hipcoach.engine > docs/rules.md`"
    )


def test_python_m_hipcoach_engine_prints_the_table() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "hipcoach.engine"], capture_output=True, text=True, check=True
    )
    assert out.stdout == rules_markdown()
    assert out.stderr == ""


def test_the_registry_covers_r1_to_r20_and_the_program_rules() -> None:
    assert {f"R{i}" for i in range(1, 21)} | {"gate", "week", "end", "budget", "check"} == set(
        RULES
    )
    for rule in RULES.values():
        assert (
            rule.condition and rule.action and rule.threshold and rule.evidence and rule.confidence
        )
        assert f"| {rule.id} |" in rules_markdown()
