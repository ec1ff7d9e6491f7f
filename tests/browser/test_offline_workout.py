"""Offline: once loaded, today's workout and the player work with no network; the workout
logged offline waits in a queue, the page says so, and it reaches the server exactly once."""

from __future__ import annotations

from browserkit import Problems, axe_check, onboard, run_player, screenshot, sign_up


def workouts(page) -> list[dict]:
    return page.request.get("/api/v1/workouts").json()


def test_a_workout_done_offline_is_stored_once_when_back_online(phone):
    page = phone.new_page()
    problems = Problems(page)
    sign_up(page, "frank")
    onboard(page)
    # The service worker installs and keeps today's pages; the next load is under its control.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.wait_for_function("() => caches.match('/today/player/').then(Boolean)", polling=200)

    phone.set_offline(True)
    page.goto("/today/")
    assert page.locator(".exercises li").count() >= 3
    page.get_by_role("link", name="Start", exact=True).click()
    page.wait_for_url("**/today/player/")
    run_player(page)
    page.locator("label[for=pain-1]").click()
    page.get_by_role("button", name="Save").click()

    banner = page.locator("#queue-status")
    banner.wait_for(state="visible")
    assert "Waiting to be sent: workout of" in banner.inner_text()
    assert "back online" in banner.inner_text()
    axe_check(page, "player, offline with a queued workout")
    screenshot(page, "phone-offline-queued")

    phone.set_offline(False)
    page.wait_for_function("() => document.body.dataset.sent === '1'", timeout=15_000)
    assert "Sent" in banner.inner_text()
    stored = workouts(page)
    assert len(stored) == 1
    exercises = len(stored[0]["exercises"])
    pain = page.request.get("/api/v1/pain").json()
    assert [p["score"] for p in pain if p["when"] == "during"] == [1]

    # The same record sent again (an answer lost on the way): still stored once.
    page.evaluate(
        """async () => {
            const body = {date: new Date().toISOString().slice(0, 10), status: 'done', exercises: []};
            const key = 'retry-key-1';
            window.hipcoach.queue.add({key, url: '/api/v1/workouts', body, label: 'again'});
            window.hipcoach.queue.add({key, url: '/api/v1/workouts', body, label: 'again'});
            await window.hipcoach.queue.flush();
        }"""
    )
    assert page.evaluate("window.hipcoach.queue.pending().length") == 0
    again = workouts(page)
    assert len(again) == 1 and len(again[0]["exercises"]) == exercises
    assert problems.errors == [] or all(
        "net::ERR_INTERNET_DISCONNECTED" in e for e in problems.errors
    )
