"""The main pages in German at phone size pass axe in the light and the dark look: longer
German words still fit, every control keeps its German name, and the parts still in English
are marked as such (lang="en"). The account page's reminder address and test button included."""

from __future__ import annotations

import pytest
from browserkit import axe_check, choose_language, screenshot

from main_pages import MAIN_PAGES

PAGES = [*MAIN_PAGES, "/exercises/prone-ir-activation/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_german_pages_pass_axe_on_a_phone(phone, arrive, scheme):
    page = phone.new_page()
    page.emulate_media(color_scheme=scheme)
    arrive(phone, f"gretaaxe{scheme}")
    choose_language(page, "de")
    for path in PAGES:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "de", path
        axe_check(page, f"German {scheme} {path}")
    page.goto("/account/")
    page.get_by_label("E-Mail-Adresse für Erinnerungen").fill("greta@home")
    page.get_by_role("button", name="Erinnerung speichern").click()
    assert "ist keine E-Mail-Adresse" in page.locator("main").inner_text()
    axe_check(page, f"German {scheme} account, a refused address")
    page.get_by_role("button", name="Sende mir jetzt eine Test-Erinnerung").click()
    assert "Keine Test-Erinnerung gesendet" in page.locator("main").inner_text()
    screenshot(page, f"phone-account-de-{scheme}")
