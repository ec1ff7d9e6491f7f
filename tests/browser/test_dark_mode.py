"""Dark mode follows the device, or the choice made for this device on the account page; every
page stays readable (axe, colour contrast included) in both looks."""

from __future__ import annotations

from browserkit import axe_check, screenshot

PAGES = ["/today/", "/today/player/", "/progress/", "/account/", "/exercises/", "/measure/"]


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.documentElement).backgroundColor")


def test_a_dark_device_gets_the_dark_look_and_every_page_passes_axe(phone, arrive):
    page = phone.new_page()
    page.emulate_media(color_scheme="dark")
    arrive(phone, "darcy")
    for path in PAGES:
        page.goto(path)
        assert background(page) == "rgb(16, 22, 20)", path
        axe_check(page, f"dark {path}")
    page.goto("/today/")
    screenshot(page, "phone-today-dark")


def test_the_choice_on_the_account_page_holds_on_this_device(phone, arrive):
    page = phone.new_page()
    page.emulate_media(color_scheme="dark")
    arrive(phone, "lucia")
    page.goto("/account/")
    page.get_by_label("Light", exact=True).check()
    assert background(page) == "rgb(251, 250, 247)"
    page.goto("/progress/")
    assert background(page) == "rgb(251, 250, 247)"  # before the page is drawn: no flash
    axe_check(page, "light chosen on a dark device")
    page.goto("/account/")
    page.get_by_label("As the device is set (light or dark)").check()
    page.goto("/today/")
    assert background(page) == "rgb(16, 22, 20)"
