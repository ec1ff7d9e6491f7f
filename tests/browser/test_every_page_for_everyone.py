"""Every page for everyone, at phone size: axe at every impact level, tap targets of at least
44 px, and chart text of at least 12 px as drawn on the phone's screen."""

from __future__ import annotations

import re

from browserkit import PHONE, axe_check, screenshot

MIN_TARGET_PX = 44
MIN_CHART_TEXT_PX = 12
PAGES = (
    ("/today/", "today"),
    ("/today/player/", "player"),
    ("/progress/", "progress"),
    ("/measure/", "measure"),
    ("/check/", "safety check"),
    ("/exercises/", "exercises"),
    ("/account/", "account"),
    ("/account/tokens/", "tokens"),
    ("/account/report/", "report"),
    ("/account/password/", "password"),
    ("/start/", "update your answers"),
)
# What a finger has to hit: links in the top bar, buttons, the "Why?" disclosures.
TARGETS = ".top a, main button:not(.visually-hidden), main .button, main summary"


def small_targets(page) -> list[str]:
    return page.evaluate(
        """([selector, least]) => Array.from(document.querySelectorAll(selector))
          .filter(e => e.offsetParent !== null)
          .map(e => [e.textContent.trim().slice(0, 30), e.getBoundingClientRect()])
          .filter(([, r]) => r.height < least || r.width < least)
          .map(([t, r]) => `${t}: ${Math.round(r.width)}×${Math.round(r.height)}`)""",
        [TARGETS, MIN_TARGET_PX],
    )


def chart_text_px(page, chart) -> float:
    """The smallest text of a chart as drawn on screen: its SVG font size, scaled."""
    svg = page.request.get(chart.get_attribute("src")).text()
    sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)px", svg)]
    drawn, natural = chart.evaluate("img => [img.clientWidth, img.naturalWidth]")
    return min(sizes) * drawn / natural


def test_every_page_passes_axe_with_big_targets_and_legible_charts(phone, arrive):
    page = phone.new_page()
    page.set_viewport_size(PHONE)
    arrive(phone, "esme")
    page.goto("/account/tokens/")
    page.get_by_label("Name").fill("my script")
    page.get_by_role("button", name="Create a token").click()
    problems: dict[str, object] = {}
    for path, name in PAGES:
        page.goto(path)
        try:
            axe_check(page, name)
        except AssertionError as exc:
            problems[f"axe {name}"] = str(exc)
        if small := small_targets(page):
            problems[f"targets {name}"] = small
        screenshot(page, f"phone-all-{name.replace(' ', '-')}")
    page.goto("/progress/")
    for chart in page.locator("img.chart").all():
        size = chart_text_px(page, chart)
        if size < MIN_CHART_TEXT_PX:
            problems[f"chart {chart.get_attribute('src')}"] = f"{size:.1f} px"
    assert problems == {}
