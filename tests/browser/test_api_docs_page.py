"""The interactive API docs page shows the API under the app's own security policy, and passes
the same accessibility checks as the app's pages, closed and with an endpoint opened."""

from __future__ import annotations

from browserkit import DESKTOP, Problems, axe_check


def test_the_api_docs_page_shows_every_endpoint(browser, server):
    context = browser.new_context(viewport=DESKTOP, base_url=server)
    page = context.new_page()
    problems = Problems(page)
    outside: list[str] = []
    page.on("request", lambda r: r.url.startswith(server) or outside.append(r.url))
    page.goto("/api/v1/docs")
    page.locator(".opblock").first.wait_for(state="visible", timeout=15_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/today" in paths and "/api/v1/workouts" in paths
    assert page.locator("html").get_attribute("lang") == "en"
    axe_check(page, "API docs")
    page.locator(".opblock-summary-control").first.click()
    page.locator(".opblock-body").first.wait_for(state="visible")
    axe_check(page, "API docs, an endpoint opened")
    assert problems.errors == [] and outside == []
    context.close()
