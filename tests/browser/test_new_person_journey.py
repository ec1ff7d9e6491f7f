"""A new person at phone size: sign up → onboard → today → the player → pain check → progress."""

from __future__ import annotations

from browserkit import (
    DESKTOP,
    PHONE,
    SCREENS,
    Problems,
    axe_check,
    onboard,
    play,
    play_to_the_end,
    screenshot,
    sign_up,
)

TODAY_BUDGET_BYTES = 60_000  # 67.7 KB before text was sent compressed, 47.8 KB after


def today_page_bytes(context, server: str) -> int:
    """Bytes over the network for a cold load of the today page (HTML, CSS, JS, icon)."""
    cold = context.browser.new_context(storage_state=context.storage_state(), base_url=server)
    page = cold.new_page()
    page.goto("/today/")
    page.wait_for_load_state("networkidle")
    total = page.evaluate(
        "() => performance.getEntriesByType('navigation').concat("
        "performance.getEntriesByType('resource'))"
        ".filter(e => !e.name.includes('/sw.js'))"
        ".reduce((sum, e) => sum + e.transferSize, 0)"
    )
    cold.close()
    (SCREENS / "today-bytes.txt").write_text(f"{total}\n")
    return total


def test_a_new_person_gets_through_a_whole_first_day(phone, server):
    page = phone.new_page()
    problems = Problems(page)
    sign_up(page, "dana", check=axe_check)
    screenshot(page, "phone-onboarding-about")
    onboard(page, check=axe_check)

    # Today: the phase, the exercises with doses, minutes, the reasons and a big Start.
    assert page.locator(".phase").inner_text()
    assert page.locator(".exercises li").count() >= 3
    assert "minutes" in page.get_by_role("heading", level=1).inner_text()
    axe_check(page, "today")
    screenshot(page, "phone-today")
    assert today_page_bytes(phone, server) < TODAY_BUDGET_BYTES

    page.get_by_role("link", name="Start", exact=True).click()
    page.wait_for_url("**/today/player/")
    axe_check(page, "player intro")
    page.get_by_role("button", name="Start workout").click()

    # Running: a caption that matches what is spoken, a timer, a side to work, pause and resume.
    caption = page.locator("#caption")
    caption.wait_for(state="visible")
    assert caption.inner_text().startswith("Get ready")
    assert page.locator("#timer").get_attribute("role") == "timer"
    page.get_by_role("button", name="Pause").click()
    assert page.locator("body").get_attribute("data-paused") == "1"
    assert page.locator("#caption").inner_text() == "Paused."
    frozen = page.locator("#timer").inner_text()
    play(page, 5)
    assert page.locator("#timer").inner_text() == frozen
    screenshot(page, "phone-player")
    axe_check(page, "player running")
    page.get_by_role("button", name="Resume").click()
    # Keyboard: skip to the other side (or the next exercise), then back again.
    before = page.locator("#ex-side").inner_text(), page.locator("#ex-name").inner_text()
    page.keyboard.press("ArrowRight")
    after = page.locator("#ex-side").inner_text(), page.locator("#ex-name").inner_text()
    assert after != before
    page.keyboard.press("ArrowLeft")
    assert (page.locator("#ex-side").inner_text(), page.locator("#ex-name").inner_text()) == before
    # A side to work is shown at some point of the workout.
    page.evaluate(
        """() => {
            const side = document.getElementById('ex-side');
            window.sideShown = !side.hidden;
            new MutationObserver(() => { window.sideShown ||= !side.hidden; })
                .observe(side, {attributes: true, attributeFilter: ['hidden']});
        }"""
    )
    play_to_the_end(page)
    assert page.evaluate("window.sideShown")
    assert int(page.locator("body").get_attribute("data-beeps") or 0) > 0

    # The pain check, then the record is saved and sent.
    axe_check(page, "pain check")
    screenshot(page, "phone-pain-check")
    page.locator("label[for=pain-2]").click()
    page.get_by_role("button", name="Save").click()
    # (each exercise and side was sent as it ended; the pain check and the status now)
    page.wait_for_function(
        "() => Number(document.body.dataset.sent) >= 1"
        " && window.hipcoach.queue.pending().length === 0"
    )
    screenshot(page, "phone-saved")

    page.get_by_role("link", name="See your progress").click()
    page.wait_for_url("**/progress/")
    assert "1 workout done" in page.locator("main").inner_text()
    row = page.locator("table.data tr", has_text="During the workout")
    assert row.locator("td").last.inner_text() == "2"
    for chart in page.locator("img.chart").all():
        assert chart.evaluate("img => img.complete && img.naturalWidth > 0")
    axe_check(page, "progress")
    screenshot(page, "phone-progress")

    workouts = page.request.get("/api/v1/workouts").json()
    assert len(workouts) == 1 and workouts[0]["status"] in ("done", "partial")
    assert {e["side"] for e in workouts[0]["exercises"]} >= {"left", "right"}

    page.set_viewport_size(DESKTOP)
    pages = (
        ("/today/", "today"),
        ("/progress/", "progress"),
        ("/measure/", "measure"),
        ("/check/", "safety check"),
        ("/account/", "account"),
        ("/account/tokens/", "tokens"),
        ("/account/password/", "password"),
    )
    for path, name in pages:
        page.goto(path)
        axe_check(page, name)
        screenshot(page, f"desktop-{name}")
    page.set_viewport_size(PHONE)
    assert problems.errors == []


def test_the_pages_of_a_visitor_pass_axe(phone):
    page = phone.new_page()
    for path in ("/", "/login/", "/signup/", "/password-reset/", "/offline/"):
        page.goto(path)
        axe_check(page, path)
    screenshot(page, "phone-offline-page")


def test_a_red_flag_shows_the_stop_page_and_no_program(phone):
    page = phone.new_page()
    sign_up(page, "hank")
    page.get_by_label("Running").check()
    page.get_by_label("Did the pain start after a fall, a crash").check()
    page.get_by_role("button", name="Next: measure your hips").click()
    page.wait_for_url("**/stop/")
    assert "today" in page.locator(".stop").inner_text()  # same-day care for a fall
    axe_check(page, "stop")
    screenshot(page, "phone-stop")
    page.goto("/today/")
    assert page.url.endswith("/stop/")
