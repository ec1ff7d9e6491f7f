"""The interactive API docs page shows the API under the app's own security policy."""

from __future__ import annotations

from browserkit import DESKTOP, Problems


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
    assert problems.errors == [] and outside == []
    context.close()
