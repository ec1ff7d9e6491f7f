"""Dates in the browser's order: an American English browser reads "Saturday, December 5",
a British one "Saturday 5 December", on Today and in the player."""

from __future__ import annotations

import re

import pytest
from browserkit import PHONE, Problems, hold_the_clock

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"


@pytest.mark.parametrize(
    ("locale", "name", "order"),
    [
        ("en-US", "usha", rf"^({DAYS}), ({MONTHS}) \d{{1,2}}$"),
        ("en-GB", "gbemi", rf"^({DAYS}) \d{{1,2}} ({MONTHS})$"),
    ],
)
def test_today_s_date_follows_the_browser_s_locale(browser, server, arrive, locale, name, order):
    context = browser.new_context(viewport=PHONE, base_url=server, locale=locale)
    hold_the_clock(context)
    try:
        page = context.new_page()
        problems = Problems(page)
        arrive(context, name)
        page.goto("/today/")
        shown = page.locator(".summary-line span").last.inner_text().strip()
        assert re.match(order, shown), shown
        assert problems.errors == []
    finally:
        context.close()
