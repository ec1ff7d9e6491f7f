"""Offline: once loaded, today's workout and the player work with no network; each exercise
and side, the workout and the pain check wait in a queue, the page says so, and each reaches
the server exactly once. What the server refuses stays queued and is shown, never dropped."""

from __future__ import annotations

import json
import re

from browserkit import Problems, axe_check, run_player, screenshot


def workouts(page) -> list[dict]:
    return page.request.get("/api/v1/workouts").json()


def test_a_workout_done_offline_is_stored_once_when_back_online(phone, arrive):
    page = phone.new_page()
    problems = Problems(page)
    arrive(phone, "frank")
    page.goto("/today/")
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

    entries = json.loads(page.locator("#player-data").text_content())["timeline"]["entries"]
    banner = page.locator("#queue-status")
    banner.wait_for(state="visible")
    assert "Waiting to be sent:" in banner.inner_text()
    assert "workout of" in banner.inner_text() and "pain during" in banner.inner_text()
    assert not re.search(r"\d{4}-\d\d-\d\d", banner.inner_text())  # days in words
    assert "back online" in banner.inner_text()
    # every exercise and side, the workout's status and the pain check: each its own record
    assert page.evaluate("window.hipcoach.queue.pending().length") == len(entries) + 2
    axe_check(page, "player, offline with a queued workout")
    screenshot(page, "phone-offline-queued")

    phone.set_offline(False)
    page.wait_for_function("() => window.hipcoach.queue.pending().length === 0", timeout=15_000)
    assert "Sent" in banner.inner_text()
    stored = workouts(page)
    assert len(stored) == 1 and stored[0]["status"] == "done"
    exercises = len(stored[0]["exercises"])
    assert exercises == stored[0]["records"] == len(entries)  # each exactly once
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


def test_a_record_the_server_refuses_is_kept_and_shown(phone, arrive):
    page = phone.new_page()
    arrive(phone, "greta")
    page.goto("/today/")
    # A pain score the server will not take (out of range) and one it will.
    page.evaluate(
        """async () => {
            const date = new Date().toISOString().slice(0, 10);
            window.hipcoach.queue.add({key: 'bad-1', url: '/api/v1/pain', label: 'pain of 11',
                body: {date, when: 'rest', score: 11}});
            window.hipcoach.queue.add({key: 'good-1', url: '/api/v1/pain', label: 'pain of 3',
                body: {date, when: 'rest', score: 3}});
            await window.hipcoach.queue.flush();
        }"""
    )
    refused = page.locator("#queue-refused")
    refused.wait_for(state="visible")
    assert "pain of 11" in refused.inner_text() and "score" in refused.inner_text()
    assert [i["key"] for i in page.evaluate("window.hipcoach.queue.pending()")] == ["bad-1"]
    screenshot(page, "phone-queue-refused")
    axe_check(page, "today, with a refused record")

    page.reload()  # still there on the next page: kept until the person decides
    assert "pain of 11" in page.locator("#queue-refused").inner_text()
    assert [p["score"] for p in page.request.get("/api/v1/pain").json()] == [3]
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#queue-refused").get_by_role("button", name="Remove").click()
    page.locator("#queue-refused").wait_for(state="detached")
    assert page.evaluate("window.hipcoach.queue.pending()") == []
