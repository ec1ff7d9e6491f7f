"""Bob tries every page and every API operation with Alice's ids, dates and idempotency keys,
reading and writing, by session and by token: he never sees a word of hers, and nothing of
hers changes. The lists of pages and operations are read from the app (its URL patterns and
its OpenAPI document), so a new page or operation is tried without editing this test."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from hipcoach.accounts.models import ApiToken
from hipcoach.clinic.models import AccessEntry, Adjustment, Share, ShareCode
from hipcoach.tracking import exchange, reminders
from hipcoach.tracking.models import PushSubscription, WorkoutLog

pytestmark = pytest.mark.django_db

# Pages Bob may POST to in the sweep without ending his own part in it (log-out, deleting his
# own account: what they do to Bob is tested elsewhere; they cannot reach Alice's data).
NOT_POSTED = {"logout", "delete_account"}
# Open pages that work on a link's secret rather than on the logged-in person.
# The pose model's files are the same public files for everyone (tests/web/test_guided_camera_test.py).
NOT_TRIED = {"password_reset_confirm", "pose_file"}
ALICES_DEVICE = {
    "endpoint": "https://push.example.net/send/alices-phone",
    "keys": {"p256dh": "BA" + "A" * 85, "auth": "A" * 22},
}


def alices_state(alice) -> dict:  # type: ignore[no-untyped-def]
    return {
        "data": exchange.export_data(alice),
        "tokens": sorted(ApiToken.objects.filter(user=alice).values_list("pk", "expires")),
        "password": alice.password,
        "email": alice.email,
        "shares": sorted(Share.objects.filter(person=alice).values_list("pk", "scope", "revoked")),
        "codes": sorted(
            ShareCode.objects.filter(person=alice).values_list("pk", "expires", "used")
        ),
        "trail": AccessEntry.objects.filter(person=alice).count(),
        "adjustments": sorted(
            Adjustment.objects.filter(person=alice).values_list("pk", "until", "ended")
        ),
        "reminders": reminders.reminders_of(alice),
        "devices": sorted(PushSubscription.objects.filter(person=alice).values_list("endpoint")),
    }


def shows_alice(content: bytes) -> bool:
    text = content.decode("utf-8", "replace").lower()
    return any(word in text for word in ("alice", "23.0°", "35.0°"))


def page_urls(alice) -> list[tuple[str, str]]:
    """(name, URL) of every page, its arguments filled with Alice's ids where it takes one."""
    token = ApiToken.objects.filter(user=alice).first()
    values = {
        "token_id": str(token.pk),
        "exercise_id": "prone-ir-activation",
        "position": "prone",
        "side": "left",
        "index": "0",
        "key": "cal_a-guess-at-alices-calendar",  # her calendar's key is a secret Bob lacks
        "token": f"{alice.pk}.1:a-guess-at-alices-unsubscribe-link",  # signed: Bob cannot
        "size": "192",
        "kind": "maskable",
        "person_id": str(alice.pk),
        "share_id": str(Share.objects.filter(person=alice).first().pk),
        "code_id": str(ShareCode.objects.filter(person=alice).first().pk),
        "adjustment_id": str(Adjustment.objects.filter(person=alice).first().pk),
    }
    found = []

    def walk(patterns, prefix: str = "") -> None:  # type: ignore[no-untyped-def]
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and "api" not in route.split("/")[0]:
                if pattern.name in NOT_TRIED:
                    continue
                url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route)
                found.append((pattern.name, "/" + url.lstrip("^").rstrip("$")))

    walk(get_resolver().url_patterns)
    return found


def api_requests(client, alice) -> list[tuple[str, str, dict | None]]:  # type: ignore[no-untyped-def]
    """Every operation of the OpenAPI document with Alice's ids, and a valid body to write."""
    day = timezone.localdate().isoformat()
    workout = WorkoutLog.objects.filter(person=alice).first()
    bodies = {
        "/api/v1/workouts": {"date": day, "status": "skipped"},
        "/api/v1/workouts/{date}/exercises": {
            "exercise": "prone-ir-activation",
            "side": "left",
            "status": "skipped",
        },
        "/api/v1/pain": {"date": day, "when": "rest", "score": 9},
        "/api/v1/measurements": {
            "date": day,
            "position": "prone",
            "method": "phone",
            "left": [5],
            "right": [5],
        },
        "/api/v1/screens": {"date": day, "answers": {"trauma": False}},
        "/api/v1/clearances": {"date": day, "note": "bob's"},
        "/api/v1/account/delete": {"password": "wrong for bob"},
        "/api/v1/sharing/codes": {"scope": "read"},
        "/api/v1/sharing/{share_id}/end": {},
        "/api/v1/clinic/shares": {"code": "ABCD-EFGH-JKMN"},
        "/api/v1/clinic/people/{person_id}/adjustments": {"kind": "note", "text": "bob's"},
        "/api/v1/clinic/people/{person_id}/adjustments/{adjustment_id}/end": {},
        "/api/v1/clinic/people/{person_id}/clearance": {"note": "bob's"},
        "/api/v1/clinic/people/{person_id}/sign-off": {"note": "bob's"},
        "/api/v1/reminders": {"on": False, "hour": 23},
        "/api/v1/reminders/test": {},
    }
    share = Share.objects.filter(person=alice).first()
    adjustment = Adjustment.objects.filter(person=alice).first()
    document = client.get("/api/v1/openapi.json").json()
    found = []
    for path, item in document["paths"].items():
        url = path.replace("{workout_id}", str(workout.pk)).replace("{date}", day)
        url = url.replace("{person_id}", str(alice.pk)).replace("{share_id}", str(share.pk))
        url = url.replace("{adjustment_id}", str(adjustment.pk))
        for method in item:
            found.append((method, url, bodies[path] if method == "post" else None))
    return found


def test_bob_never_sees_nor_changes_alices_data(alice, bob, full_records) -> None:
    reminders.choose(alice, on=True, hour=6, by_email=True)
    reminders.subscribe(alice, ALICES_DEVICE)
    before = alices_state(alice)
    tried = 0
    by_session = Client()
    by_session.force_login(bob)
    for name, url in page_urls(alice):
        for method in ("get", "post"):
            if method == "post" and name in NOT_POSTED:
                continue
            response = getattr(by_session, method)(url)
            tried += 1
            assert response.status_code < 500, (method, url)
            if response.status_code == 200 and not url.endswith(".png"):
                assert not shows_alice(response.content), (method, url)
    by_token = Client(HTTP_AUTHORIZATION=f"Bearer {full_records['Bob']['token']}")
    for client in (by_session, by_token):
        for method, url, body in api_requests(client, alice):
            for key in ("", "a1", f"{alice.pk}:a1"):  # Alice's keys, tried by Bob
                response = client.generic(
                    method.upper(),
                    url,
                    "" if body is None else json.dumps(body),
                    content_type="application/json",
                    HTTP_IDEMPOTENCY_KEY=key,
                )
                tried += 1
                assert response.status_code < 500, (method, url, response.content[:200])
                assert not shows_alice(response.content), (method, url)
    # Her token in his session, and his token with her session cookie, stay hers and his.
    mixed = Client(HTTP_AUTHORIZATION=f"Bearer {full_records['Bob']['token']}")
    mixed.force_login(alice)
    assert mixed.get("/api/v1/profile").json()["username"] == "bob"
    assert tried > 100
    assert alices_state(alice) == before
    assert Client().get("/api/v1/profile").status_code == 401
