"""The published rules in German: every rule text has its German entry, and each German cell
keeps the English cell's numbers, comparisons, UNSOURCED markers and codes (how the German
was checked: docs/translation.md)."""

from __future__ import annotations

import re
from collections import Counter

import polib
import pytest
from django.utils.formats import get_format

from hipcoach.catalogues import SOURCE
from hipcoach.engine.__main__ import DECIMAL_MARKS, words_for
from hipcoach.engine.rules import _INTRO, RULE_HEADINGS, RULES, rule_texts
from hipcoach.engine.words import Listed, Said

GERMAN = SOURCE / "de" / "LC_MESSAGES" / "django.po"
FIELDS = ("title", "condition", "action", "threshold", "evidence", "confidence")


def _format_strings(value: object) -> list[str]:
    """The format strings of a rule's text and of every text inside it."""
    if isinstance(value, Said):
        found = [value.text]
        for _key, inner in value.values:
            found += _format_strings(inner)
        return found
    if isinstance(value, Listed):
        return [text for part in value.parts for text in _format_strings(part)]
    return []


def _worded(text: str) -> bool:
    """A format string with words of its own (not only slots, numbers and signs)."""
    return re.search(r"[A-Za-z]", re.sub(r"\{\w+\}", "", text)) is not None


def test_every_rule_text_has_its_german_entry():
    catalogue = {e.msgid: e for e in polib.pofile(str(GERMAN))}
    texts = [_INTRO.text, *(h.text for h in RULE_HEADINGS.values())]
    for rule in RULES.values():
        for field in ("title", "condition", "action", "threshold", "confidence"):
            texts += _format_strings(getattr(rule, field))
    missing = sorted(
        text
        for text in set(texts)
        if _worded(text)
        and (
            text not in catalogue
            or not catalogue[text].translated()
            or "fuzzy" in catalogue[text].flags
        )
    )
    assert missing == [], "run makemessages and translate these"
    assert len(set(texts)) > 100


def _numbers(text: str) -> Counter[str]:
    """Every number, with a point for its decimal mark ("1,645" and "1.645" alike)."""
    return Counter(n.replace(",", ".") for n in re.findall(r"\d+(?:[.,]\d+)?", text))


def _signs(text: str) -> Counter[str]:
    """The comparisons and arithmetic a threshold is made of: "at least" is ≥ in both."""
    return Counter(re.findall(r"[≥≤<>×+−–→%°/]", text))


def _codes(text: str) -> Counter[str]:
    return Counter(re.findall(r"`[^`]+`", text))


GERMAN_RULES = {rule.id: rule for rule in rule_texts(words_for("de"))}


@pytest.mark.parametrize("english", rule_texts(), ids=lambda rule: rule.id)
def test_each_german_cell_keeps_the_english_numbers_signs_markers_and_codes(english):
    german = GERMAN_RULES[english.id]
    for field in FIELDS:
        was, now = getattr(english, field), getattr(german, field)
        where = f"{english.id} {field}: {now}"
        assert _numbers(now) == _numbers(was), where
        assert _signs(now) == _signs(was), where
        assert now.count("UNSOURCED") == was.count("UNSOURCED"), where
        assert _codes(now) == _codes(was), where
        assert set(re.findall(r"\bR\d+\b", now)) == set(re.findall(r"\bR\d+\b", was)), where
    assert german.evidence == english.evidence  # the evidence sheet's references, as they are
    assert german.title != english.title and german.action != english.action


def test_a_german_number_has_a_decimal_comma():
    german = GERMAN_RULES["R5"].threshold
    assert "z ≥1,645" in german
    assert "1.645" in RULES["R5"].in_words().threshold


def test_the_tables_decimal_marks_are_the_languages_own():
    for language, mark in DECIMAL_MARKS.items():
        assert get_format("DECIMAL_SEPARATOR", language) == mark
