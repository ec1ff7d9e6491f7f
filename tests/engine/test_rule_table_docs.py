"""docs/rules.md and docs/rules.de.md are generated from the rule registry and cannot drift
from it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hipcoach.engine.__main__ import command_for, words_for
from hipcoach.engine.rules import RULES, rules_markdown

DOCS = Path(__file__).parents[2] / "docs"


def test_docs_rules_md_is_the_generated_table() -> None:
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is out of date: run `python -m hipcoach.engine > docs/rules.md`"
    )


def test_docs_rules_de_md_is_the_generated_german_table() -> None:
    german = rules_markdown(words_for("de"), command=command_for("de"))
    assert (DOCS / "rules.de.md").read_text(encoding="utf-8") == german, (
        "docs/rules.de.md is out of date: run "
        "`python -m hipcoach.engine --language de > docs/rules.de.md`"
    )
    assert "<!-- Erzeugt mit `python -m hipcoach.engine --language de > docs/rules.de.md`" in german
    assert "nicht von Hand bearbeiten" in german


def test_python_m_hipcoach_engine_prints_the_table() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "hipcoach.engine"], capture_output=True, text=True, check=True
    )
    assert out.stdout == rules_markdown()
    assert out.stderr == ""


def test_python_m_hipcoach_engine_language_de_prints_the_german_table() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "hipcoach.engine", "--language", "de"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout == rules_markdown(words_for("de"), command=command_for("de"))
    assert out.stdout.startswith("# Regeln\n")


def test_a_language_without_a_catalogue_is_refused() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "hipcoach.engine", "--language", "xx"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    assert "invalid choice: 'xx'" in out.stderr
    assert out.stdout == ""


def test_the_registry_covers_r1_to_r20_and_the_program_rules() -> None:
    assert {f"R{i}" for i in range(1, 21)} | {"gate", "week", "end", "budget", "check"} == set(
        RULES
    )
    for rule in RULES.values():
        text = rule.in_words()
        assert text.condition and text.action and text.threshold and text.evidence
        assert text.confidence
        assert f"| {rule.id} |" in rules_markdown()
