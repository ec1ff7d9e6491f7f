"""The daily reminder in a real browser: the account page offers this device's notifications
where the browser can take them (and passes axe), and the service worker shows a pushed
reminder as a notification whose tap opens the player. The push is delivered by the browser's
own DevTools protocol (a push service is outside the test); its content is the app's message
(`reminders.push_message`)."""

from __future__ import annotations

import datetime as dt
import json

from browserkit import axe_check, screenshot

from hipcoach.tracking.reminders import Outcome, Reminder, push_message

REMINDER = Reminder(
    Outcome.workout,
    "day 3: the workout, 9 min",
    title="Today's hip workout: about 9 min",
    text="Day 3, mobility: Prone IR stretch, Hip airplane, Dead bug and 4 more.",
    path="/today/player/",
)


NOTIFICATIONS = """() => navigator.serviceWorker.ready
    .then(r => r.getNotifications())
    .then(list => list.map(n => ({title: n.title, body: n.body, tag: n.tag, url: n.data.url})))"""


def notifications(page, count: int) -> list[dict]:
    """The notifications the service worker shows, once there are `count` of them."""
    for _ in range(100):
        shown = page.evaluate(NOTIFICATIONS)
        if len(shown) == count:
            return shown
        page.wait_for_timeout(100)
    raise AssertionError(f"{count} notifications expected, {shown} shown")


def registration_id(page, cdp) -> str:
    """The service worker's registration, as the DevTools protocol names it."""
    found: list[str] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: found.extend(r["registrationId"] for r in event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    for _ in range(100):
        if found:
            return found[-1]
        page.wait_for_timeout(100)  # the events come as the browser sends them
    raise AssertionError("no service worker registration reported")


def deliver(context, page, server: str, message: dict) -> list[dict]:
    """Push `message` to the page's service worker; the notifications it then shows."""
    context.grant_permissions(["notifications"], origin=server)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", polling=200)
    cdp = context.new_cdp_session(page)
    data = {"origin": server, "registrationId": registration_id(page, cdp)}
    cdp.send("ServiceWorker.deliverPushMessage", data | {"data": json.dumps(message)})
    return notifications(page, 1)


def tap(context) -> None:
    """Tap the notification shown, as the browser dispatches it to the worker."""
    [worker] = context.service_workers
    worker.evaluate(
        """() => self.registration.getNotifications().then(([shown]) => {
            self.dispatchEvent(new NotificationEvent("notificationclick", {notification: shown}));
        })"""
    )


def test_a_pushed_reminder_is_shown_and_its_tap_opens_the_player(phone, arrive, server) -> None:
    phone.grant_permissions(["notifications"], origin=server)
    page = phone.new_page()
    arrive(phone, "ivy")
    page.goto("/account/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", polling=200)
    page.reload()
    page.locator("#push-device").wait_for(state="visible")
    assert page.get_by_role("button", name="Allow notifications on this device").is_visible()
    assert page.get_by_label("Remind me every day").is_visible()
    axe_check(page, "account page with reminders")
    screenshot(page, "phone-account-reminders")

    shown = deliver(phone, page, server, push_message(REMINDER, dt.date(2026, 3, 29)))
    assert shown == [
        {
            "title": REMINDER.title,
            "body": REMINDER.text,
            "tag": "hipcoach-2026-03-29",
            "url": "/today/player/",
        }
    ]
    tap(phone)
    page.wait_for_url("**/today/player/")
    assert notifications(page, 0) == []  # tapped: closed


def test_a_push_from_elsewhere_never_opens_another_site(phone, arrive, server) -> None:
    page = phone.new_page()
    arrive(phone, "jack")
    page.goto("/today/")
    message = push_message(REMINDER, dt.date(2026, 3, 29)) | {"url": "https://example.com/x"}
    deliver(phone, page, server, message)
    page.goto("/progress/")
    tap(phone)
    page.wait_for_url("**/today/")  # the app's own today page, not the other site
