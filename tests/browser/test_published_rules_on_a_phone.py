"""The published rules in a real browser: readable on a phone (each rule a stack of cells, no
sideways scrolling), axe clean in the light and the dark look and in German, and a decision's
"Why?" opens its rule."""

from __future__ import annotations

import pytest
from browserkit import PHONE, axe_check, screenshot


def fits_the_phone(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def stacked(page, rule: str) -> bool:
    """The rule's first heading sits above its text, not beside it."""
    return page.evaluate(
        """rule => {
            const dt = document.querySelector(`#${rule} dt`).getBoundingClientRect();
            const dd = document.querySelector(`#${rule} dd`).getBoundingClientRect();
            return dd.top >= dt.bottom - 1 && Math.abs(dd.left - dt.left) < 2;
        }""",
        rule,
    )


@pytest.mark.parametrize("language", ["en-GB", "de-DE"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_rules_read_on_a_phone_and_pass_axe(browser, server, language, scheme):
    context = browser.new_context(viewport=PHONE, base_url=server, locale=language)
    try:
        page = context.new_page()
        page.emulate_media(color_scheme=scheme)
        page.goto("/rules/")  # no account needed
        lang = page.locator("html").get_attribute("lang")
        assert lang == ("de" if language == "de-DE" else "en-gb")
        heading = "Die veröffentlichten Regeln" if lang == "de" else "The published rules"
        assert page.get_by_role("heading", level=1).inner_text() == heading
        assert fits_the_phone(page)
        assert stacked(page, "R9") and stacked(page, "R2")
        axe_check(page, f"rules {language} {scheme}")
        page.get_by_text("Alle Regeln" if lang == "de" else "All rules").click()
        page.get_by_role("link", name="R12").click()
        assert page.url.endswith("/rules/#R12")
        assert page.evaluate("document.querySelector('#R12').matches(':target')")
        axe_check(page, f"rules {language} {scheme}, R12 marked")
        screenshot(page, f"phone-rules-{language}-{scheme}")
    finally:
        context.close()


def test_a_wide_screen_puts_each_heading_beside_its_text(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=server)
    try:
        page = context.new_page()
        page.goto("/rules/")
        assert not stacked(page, "R9")
        axe_check(page, "rules on a wide screen")
    finally:
        context.close()


def test_why_opens_the_rule_behind_a_decision(phone, arrive):
    page = phone.new_page()
    arrive(phone, "rulesreader")
    page.goto("/today/")
    why = page.locator("ul.decisions details.why").first
    why.locator("summary").click()
    link = why.get_by_role("link")
    rule = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(f"**/rules/#{rule}")
    section = page.locator(f"section#{rule}")
    assert page.evaluate(f"document.querySelector('#{rule}').matches(':target')")
    assert section.is_visible()
    box = section.bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"] / 2  # scrolled to the rule
