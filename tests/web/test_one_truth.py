"""One truth on every page, in a lay reader's words: the gate checklist is the plan's own (the
value against the target, said once), rule ids and citations wait behind "Why?", dates are
in words, the program by its name."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from hipcoach.tracking.plans import day_plan

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def gate_lines(page: str) -> list[str]:
    block = page.split('<ul class="gate">')[1].split("</ul>")[0]
    return [re.sub(r"<[^>]+>", "", li).strip() for li in block.split("<li>")[1:]]


@pytest.mark.parametrize("path", ["/today/", "/progress/"])
def test_the_gate_checklist_is_the_plans_with_each_value_against_its_target(as_alice, alice, path):
    plan = day_plan(alice, on=timezone.localdate())
    lines = gate_lines(text(as_alice.get(path)))
    assert len(lines) == len(plan.gate)
    for line, check in zip(lines, plan.gate, strict=True):
        assert check.name in line and f"{check.reading}" in line
    assert any("23° of 30°" in line for line in lines)  # Alice's stiffer (left) side
    assert any("0 of 14 days" in line for line in lines)
    assert not any("(≥" in line or "At least 14 days" in line for line in lines)


def test_rule_ids_and_citations_wait_behind_why(as_alice):
    page = text(as_alice.get("/today/"))
    decisions = page.split('<ul class="decisions">')[1].split("</ul>")[0]
    visible = re.sub(r"<details.*?</details>", "", decisions)
    assert not re.search(r"\bR\d+\b", visible) and "2013" not in visible
    assert "<summary>Why?</summary>" in decisions
    assert re.search(
        r"<details class=\"why\"><summary>Why\?</summary><p><a href=\"/rules/#R\d+\">Rule R\d+",
        decisions,
    )


def test_dates_in_messages_are_in_words(as_alice, alice):
    response = as_alice.post("/stop/cleared/", {"confirm": "on"})
    page = text(response)
    assert "nothing to clear" in page
    assert not re.search(r"\d{4}-\d{2}-\d{2}", page.split("nothing to clear")[1][:120])
    day = timezone.localdate()
    assert f"{day.day} {day:%B}" in page.split("nothing to clear")[1][:120]


def test_the_account_page_names_the_program_not_its_id(as_alice):
    page = text(as_alice.get("/account/"))
    assert "Program: <strong>Hip foundations</strong>" in page
    assert "<strong>hip-foundations</strong>" not in page


def test_flash_messages_are_a_status_region_not_a_list(as_alice):
    response = as_alice.post("/pain/", {"score": "2", "when": "rest"}, follow=True)
    page = text(response)
    assert '<div class="messages" role="status"><p class="success">Saved: pain 2' in page
    assert '<ul class="messages"' not in page


def test_the_progress_page_says_lying_face_down_with_prone_in_a_tooltip(as_alice):
    page = text(as_alice.get("/progress/"))
    assert '<abbr title="prone">lying face down</abbr>' in page


def test_the_day_is_counted_from_one_on_the_page_and_in_the_terminal(as_alice, alice):
    """The contract's `day` counts from 0; a person counts from 1, on both front ends."""
    from hipcoach.cli.plan_view import headline

    plan = day_plan(alice, on=timezone.localdate())
    assert plan.day_number == plan.day + 1
    assert f"<span>Day {plan.day + 1}</span>" in text(as_alice.get("/today/"))
    assert headline(plan).startswith(f"Day {plan.day + 1} (")
