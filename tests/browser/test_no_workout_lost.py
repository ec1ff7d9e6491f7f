"""Nothing done is ever lost: each exercise and side is stored as soon as it ends; a workout
interrupted by a reload, a link or a closed tab resumes where it stopped; doing it again on a
day already done adds to the day and never lowers it; the pain check is a record of its own.
Everything is counted through the API afterwards."""

from __future__ import annotations

import json

from browserkit import Problems, axe_check, play_to_the_end, play_until, screenshot


def open_player(page) -> dict:
    page.goto("/today/player/")
    page.wait_for_selector("body[data-ready='1']")
    return json.loads(page.locator("#player-data").text_content())["timeline"]


def progress(page) -> dict:
    """Where the workout stands, as the player keeps it on the device."""
    return page.evaluate(
        "JSON.parse(localStorage.getItem('hipcoach.workout.' + document.body.dataset.user))"
    )


def play_to_entry(page, index: int) -> None:
    """Let the running player play on until it is at exercise and side `index` (or past it)."""
    play_until(
        page,
        "i => { const r = JSON.parse(localStorage.getItem('hipcoach.workout.' +"
        " document.body.dataset.user)); return r && r.entry >= i; }",
        arg=index,
        limit=600,
    )


def settled(page) -> None:
    """Everything queued has reached the server."""
    page.evaluate("window.hipcoach && window.hipcoach.queue.flush()")
    page.wait_for_function("() => window.hipcoach.queue.pending().length === 0", timeout=15_000)


def the_day(page) -> dict:
    [day] = page.request.get("/api/v1/workouts").json()
    return day


def during(page) -> list[int]:
    return [p["score"] for p in page.request.get("/api/v1/pain").json() if p["when"] == "during"]


def finish_with_pain(page, score: int) -> None:
    play_to_the_end(page)
    page.locator(f"label[for=pain-{score}]").click()
    page.get_by_role("button", name="Save").click()
    settled(page)


def all_done(day: dict, timeline: dict) -> bool:
    wanted = sorted((e["id"], e["side"]) for e in timeline["entries"])
    got = sorted((e["exercise"], e["side"]) for e in day["exercises"])
    return got == wanted and all(e["status"] == "done" for e in day["exercises"])


def test_a_reload_mid_workout_keeps_what_was_done_and_resumes(phone, arrive):
    page = phone.new_page()
    problems = Problems(page)
    page.on("dialog", lambda dialog: dialog.accept())
    arrive(phone, "rita")
    page.goto("/today/")
    timeline = open_player(page)
    page.get_by_role("button", name="Start workout").click()
    play_to_entry(page, 2)
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    kept = progress(page)
    resume = page.locator("#resume")
    assert resume.is_visible() and "You stopped at exercise" in resume.inner_text()
    screenshot(page, "phone-player-resume")
    axe_check(page, "player, a workout to resume")
    settled(page)
    day = the_day(page)
    assert day["status"] == "partial"  # stored as it went, not at the end
    finished = [e for e in day["exercises"] if e["status"] == "done"]
    assert len(finished) >= 2  # the exercises and sides finished before the reload

    page.get_by_role("button", name="Resume").click()
    first = next(s for s in timeline["steps"] if s["entry"] == kept["entry"])
    assert page.locator("#caption").inner_text() == first["say"]  # the start of that exercise
    finish_with_pain(page, 2)
    day = the_day(page)
    assert day["status"] == "done" and all_done(day, timeline)
    assert len(timeline["entries"]) <= day["records"] <= len(timeline["entries"]) + 1
    assert during(page) == [2]
    assert problems.errors == []


def test_a_menu_link_mid_workout_asks_first_and_loses_nothing(phone, arrive):
    page = phone.new_page()
    asked: list[str] = []
    arrive(phone, "nico")
    page.goto("/today/")
    timeline = open_player(page)
    page.get_by_role("button", name="Start workout").click()
    play_to_entry(page, 1)

    def stay(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", stay)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress").click()
    assert asked and "Leave the workout?" in asked[0]
    assert page.url.endswith("/today/player/")
    assert page.locator("body").get_attribute("data-paused") == "1"  # paused while asked
    assert page.locator("#paused-banner").is_visible()
    screenshot(page, "phone-player-paused")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress").click()
    page.wait_for_url("**/progress/")
    settled(page)
    assert the_day(page)["exercises"][0]["status"] == "done"

    open_player(page)
    assert page.locator("#resume").is_visible()
    page.get_by_role("button", name="Resume").click()
    finish_with_pain(page, 1)
    day = the_day(page)
    assert day["status"] == "done" and all_done(day, timeline)
    assert during(page) == [1]


def test_a_closed_tab_reopens_where_it_stopped(phone, arrive):
    page = phone.new_page()
    arrive(phone, "olga")
    page.goto("/today/")
    timeline = open_player(page)
    page.get_by_role("button", name="Start workout").click()
    play_to_entry(page, 2)
    page.close()  # the tab closed: no question, no time to send anything

    page = phone.new_page()
    open_player(page)
    assert page.locator("#resume").is_visible()
    assert progress(page)["entry"] >= 2
    page.get_by_role("button", name="Resume").click()
    finish_with_pain(page, 0)
    day = the_day(page)
    assert day["status"] == "done" and all_done(day, timeline)
    assert during(page) == [0]


def test_starting_again_on_a_done_day_adds_and_never_undoes(phone, arrive):
    page = phone.new_page()
    arrive(phone, "pia")
    page.goto("/today/")
    timeline = open_player(page)
    page.get_by_role("button", name="Start workout").click()
    finish_with_pain(page, 1)
    assert the_day(page)["status"] == "done"

    page.goto("/today/")
    page.get_by_role("link", name="Start again").click()
    page.wait_for_selector("body[data-ready='1']")
    assert not page.locator("#resume").is_visible()  # the last run was finished
    page.get_by_role("button", name="Start workout").click()
    page.keyboard.press("Space")
    for _ in timeline["entries"]:  # skip through every exercise and side
        page.keyboard.press("n")
    page.locator("#player-done").wait_for(state="visible")
    assert page.get_by_role("heading", level=1, name="Workout finished").is_visible()
    assert not page.locator("#pain-form").is_visible()  # nothing done: no second pain score
    settled(page)
    day = the_day(page)
    assert day["status"] == "done" and all_done(day, timeline)  # still done
    # the run skipped through stores no skip over work done that day (the record stays true)
    assert day["records"] == len(timeline["entries"])
    assert during(page) == [1]
