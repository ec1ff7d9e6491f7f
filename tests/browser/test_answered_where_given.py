"""What a person gives is answered where they give it, in a real browser at phone size: a
severe pain score in the player says what the plan now does (the safety questions first), in
the plan's own words; and after deleting the account, this device forgets them."""

from __future__ import annotations

import datetime as dt

from browserkit import axe_check, play_to_the_end, screenshot


def finished_workout(phone, arrive, name: str):
    """A new person's page in the player, at the pain check after the whole workout."""
    page = phone.new_page()
    arrive(phone, name)
    page.goto("/today/player/")
    page.wait_for_selector("body[data-ready='1']")
    page.get_by_role("button", name="Start workout").click()
    play_to_the_end(page)
    return page


def test_a_severe_score_in_the_player_says_what_the_plan_now_does(phone, arrive):
    page = finished_workout(phone, arrive, "severa")
    page.locator("label[for=pain-8]").click()
    page.get_by_role("button", name="Save").click()
    advice = page.locator("#pain-advice")
    advice.wait_for(state="visible")
    screenshot(page, "phone-player-pain-advice")
    link = page.get_by_role("link", name="Answer the safety questions first")
    assert link.is_visible() and link.get_attribute("href") == "/check/"
    tomorrow = (
        dt.date.fromisoformat(
            page.evaluate(
                "JSON.parse(document.getElementById('player-data').textContent).plan.date"
            )
        )
        + dt.timedelta(days=1)
    ).isoformat()
    plan = page.request.get(f"/api/v1/today?date={tomorrow}").json()
    said = page.locator("#pain-advice-words p").all_inner_texts()
    assert said and said == [
        d["reason"] for d in plan["decisions"] if d["rule"] in {"R9", "R13", "R18", "R19"}
    ]  # the plan's own words
    assert any("answer the safety questions again" in s for s in said)
    axe_check(page, "player-pain-advice")


def test_after_deleting_the_account_this_device_forgets_them_and_offline_works(phone, arrive):
    page = phone.new_page()
    arrive(phone, "forgetta")
    page.goto("/today/player/")
    page.wait_for_selector("body[data-ready='1']")
    page.get_by_role("button", name="Start workout").click()
    page.keyboard.press("Space")  # a workout in progress, kept on the device
    kept = page.evaluate("Object.keys(localStorage)")
    assert any(key.startswith("hipcoach.workout.") for key in kept), kept
    page.goto("/today/")  # the pages kept for offline use
    page.wait_for_function(
        "() => caches.keys().then(keys => keys.some(k => k.startsWith('hipcoach-pages')))"
    )
    page.goto("/account/delete/")
    page.get_by_label("Password").fill("stiff-hips-no-more-42")
    page.get_by_role("button", name="Delete").click()
    page.get_by_role("heading", name="Your account is deleted").wait_for()
    page.wait_for_function(
        "() => !Object.keys(localStorage).some(k => k.startsWith('hipcoach.workout.'))"
    )
    page.wait_for_function(
        "() => caches.keys().then(keys => !keys.some(k => k.startsWith('hipcoach-pages')))"
    )
    phone.set_offline(True)
    try:
        page.goto("/today/")
        assert page.get_by_role("heading", level=1).inner_text() == "You are offline"
    finally:
        phone.set_offline(False)


def test_the_player_pain_check_may_name_a_side_and_a_place(phone, arrive):
    page = finished_workout(phone, arrive, "sidella")
    page.get_by_text("Only one side, or one place? (optional)").click()
    page.get_by_label("Which side?").select_option("left")
    page.get_by_label("Where?").select_option("high_hamstring")
    page.locator("label[for=pain-4]").click()
    axe_check(page, "player-pain-side-and-place")
    page.get_by_role("button", name="Save").click()
    page.locator("#pain-advice").wait_for(state="visible")
    [report] = page.request.get("/api/v1/pain").json()
    assert (report["score"], report["side"], report["place"]) == (4, "left", "high_hamstring")
    said = " ".join(page.locator("#pain-advice-words p").all_inner_texts())
    assert "The left side's last pain report (4/10, the high hamstring, 1 day ago)" in said
