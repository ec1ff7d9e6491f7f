"""A clinician signs off a person's episode: the person sees a dated "signed off by" line in
their plan and on their sharing page, it is a line of their trail, and they leave the clinic's
list until a flag appears that they did not have at the sign-off."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.utils import timezone
from test_clinic_sharing import as_, clinician, code_of

from hipcoach.accounts.models import ApiToken
from hipcoach.clinic.models import AccessEntry, Adjustment
from hipcoach.tracking import statuses
from hipcoach.tracking.safety import record_screen

pytestmark = pytest.mark.django_db


def _listed(client) -> list[str]:  # type: ignore[no-untyped-def]
    return [p["name"] for p in client.get("/api/v1/clinic/people").json()["people"]]


def test_signing_off_tells_the_person_and_clears_the_list_until_a_new_flag(
    as_alice, alice, bob
) -> None:
    lena = clinician("Lena Ortiz, PT")
    by_lena = as_(lena.account)
    by_lena.post("/clinic/add/", {"code": code_of(as_alice, "read")})
    by_lena.post("/clinic/add/", {"code": code_of(as_(bob), "adjust")})
    statuses.refresh_statuses(now=timezone.now())
    _, token = ApiToken.issue(lena.account, "script")
    lenas = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert sorted(_listed(lenas)) == ["alice", "bob"]

    # a read-only share may sign off: it changes nothing of the plan, only the clinic's list
    done = by_lena.post(f"/clinic/people/{alice.pk}/sign-off/", {"note": "range back, well done"})
    assert done.status_code == 302 and done.url == "/clinic/"
    assert _listed(lenas) == ["bob"]
    listing = html.unescape(by_lena.get("/clinic/").content.decode())
    assert "1 signed off is not listed" in listing
    assert "alice" in by_lena.get("/clinic/?signed_off=1").content.decode()
    away = lenas.get("/api/v1/clinic/people?signed_off=true").json()
    assert [p["name"] for p in away["people"]] == ["alice"] and away["signed_off"] == 1

    today = html.unescape(as_alice.get("/today/").content.decode())
    assert "Signed off by your clinician on" in today and "range back, well done" in today
    assert "Lena Ortiz, PT, Riverside Physio" in today
    sharing = html.unescape(as_alice.get("/account/sharing/").content.decode())
    assert "Signed off on" in sharing
    assert AccessEntry.objects.filter(person=alice, what__startswith="signed off").count() == 1
    # a sign-off is a dated fact, not a choice to end (bob shares with "adjust")
    made = lenas.post(
        f"/api/v1/clinic/people/{bob.pk}/sign-off", {}, content_type="application/json"
    )
    assert made.status_code == 201 and made.json()["kind"] == "sign_off"
    signed = Adjustment.objects.get(person=bob, kind="sign_off")
    ended = lenas.post(f"/api/v1/clinic/people/{bob.pk}/adjustments/{signed.pk}/end")
    assert ended.status_code == 400 and "not ended" in ended.json()["detail"]

    # a new flag (a red-flag answer: A1) brings her back to the list
    day = timezone.localdate()
    record_screen(alice, answers={"trauma": True}, on=day, today=day)
    statuses.refresh_statuses(now=timezone.now())
    assert _listed(lenas)[0] == "alice"


def test_signing_off_needs_a_share(alice) -> None:
    by_mo = as_(clinician("Mo Hill, PT", clinic="Hilltop").account)
    response = by_mo.post(f"/clinic/people/{alice.pk}/sign-off/", {"note": "x"})
    assert response.status_code == 404
    assert not AccessEntry.objects.filter(person=alice).exists()
