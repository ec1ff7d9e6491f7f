"""The service worker on a first visit and offline: each kept page fetched once, and any page
not kept shows the app's offline page, never the browser's error page."""

from __future__ import annotations

from collections import Counter

from browserkit import PHONE, Problems, axe_check, screenshot

KEPT = ("/today/", "/today/player/", "/offline/")


def log_in(page, name: str) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill("stiff-hips-no-more-42")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")


def test_a_first_visit_fetches_each_kept_page_once(browser, server, phone, arrive):
    setup = phone.new_page()
    arrive(phone, "grace")
    setup.goto("/today/")

    # Grace opens the app on a second device: a browser with no worker and nothing kept.
    fresh = browser.new_context(viewport=PHONE, base_url=server)
    fresh.set_default_timeout(15_000)
    by_worker: Counter[str] = Counter()
    fresh.on(
        "request",
        lambda r: r.service_worker is not None and by_worker.update([r.url.removeprefix(server)]),
    )
    page = fresh.new_page()
    log_in(page, "grace")
    page.wait_for_function(
        "urls => Promise.all(urls.map(u => caches.match(u))).then(hits => hits.every(Boolean))",
        arg=list(KEPT),
        polling=200,
    )
    page.wait_for_timeout(1500)  # time for a second round of fetches, were there one
    assert {url: by_worker[url] for url in KEPT} == dict.fromkeys(KEPT, 1)
    fresh.close()


def test_offline_a_page_not_kept_shows_the_apps_offline_page(phone, arrive):
    page = phone.new_page()
    problems = Problems(page)
    arrive(phone, "henry")
    page.goto("/today/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", polling=200)
    page.wait_for_function("() => caches.match('/offline/').then(Boolean)", polling=200)

    phone.set_offline(True)
    for url in ("/progress/", "/account/"):
        page.goto(url)
        assert page.get_by_role("heading", level=1).inner_text() == "You are offline"
        assert page.get_by_role("link", name="Go to today's workout").is_visible()
    axe_check(page, "offline page")
    screenshot(page, "phone-offline-page")
    phone.set_offline(False)
    assert all("ERR_INTERNET_DISCONNECTED" in e for e in problems.errors), problems.errors
