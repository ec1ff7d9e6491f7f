"""No consent, no look: every clinician's page and API operation about one person, tried by
a clinician whose clinic Alice never shared with, by one whose access she ended, by one of
another clinic while she shares with the first, and by Bob (a person): each answers 404 or 403,
shows nothing of hers, and adds no "looked at" line to her trail."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from records import clinic_clinician

from cast import PASSWORD
from hipcoach.accounts.models import ApiToken
from hipcoach.clinic import accounts, sharing
from hipcoach.clinic.models import AccessEntry, Share

pytestmark = pytest.mark.django_db

PAGES = ("clinic_person", "clinic_ir_chart", "clinic_pain_chart", "clinic_report", "clinic_fhir")
# the files a clinic keeps: each a "looked at" line when made, none when refused
FILES = ("report", "report?first=2026-01-01&last=2026-01-31", "fhir")


def clients(user) -> list[Client]:  # type: ignore[no-untyped-def]
    """The user by session and by API token."""
    by_session = Client()
    by_session.force_login(user)
    _, token = ApiToken.issue(user, "tries")
    return [by_session, Client(HTTP_AUTHORIZATION=f"Bearer {token}")]


def refused_everywhere(user, alice) -> None:  # type: ignore[no-untyped-def]
    looked = AccessEntry.objects.filter(person=alice, action="read").count()
    by_session, by_token = clients(user)
    for name in PAGES:
        response = by_session.get(reverse(name, args=[alice.pk]))
        assert response.status_code in (403, 404), name
        assert b"alice" not in response.content.lower(), name
    download = by_session.get(reverse("clinic_report", args=[alice.pk]) + "?download=pdf")
    assert download.status_code in (403, 404) and not download.content.startswith(b"%PDF")
    assert b"alice" not in by_session.get("/clinic/").content.lower()
    for client in (by_session, by_token):
        response = client.get(f"/api/v1/clinic/people/{alice.pk}")
        assert response.status_code in (403, 404)
        assert b"alice" not in response.content.lower()
        listing = client.get("/api/v1/clinic/people")
        assert b"alice" not in listing.content.lower()
        for file in FILES:
            response = client.get(f"/api/v1/clinic/people/{alice.pk}/{file}")
            assert response.status_code in (403, 404), file
            assert not response.content.startswith(b"%PDF") and b"Patient" not in response.content
    assert AccessEntry.objects.filter(person=alice, action="read").count() == looked


def other_clinician(name: str, clinic: str):  # type: ignore[no-untyped-def]
    return accounts.sign_up(
        username=name,
        email=f"{name}@clinic.example",
        password=PASSWORD,
        name=name.title(),
        clinic_name=clinic,
        now=timezone.now(),
    )


def test_a_clinician_without_consent_sees_nothing(alice) -> None:
    refused_everywhere(clinic_clinician().account, alice)


def test_a_clinician_after_the_person_revoked_sees_nothing(alice) -> None:
    lena, now = clinic_clinician(), timezone.now()
    share = sharing.redeem(lena, sharing.make_code(alice, scope="adjust", now=now)[1], now=now)
    by_session, by_token = clients(lena.account)
    assert by_token.get(f"/api/v1/clinic/people/{alice.pk}").status_code == 200
    sharing.revoke(alice, share.pk, now=timezone.now())
    refused_everywhere(lena.account, alice)


def test_another_clinics_clinician_sees_nothing(alice) -> None:
    now = timezone.now()
    sharing.redeem(clinic_clinician(), sharing.make_code(alice, scope="read", now=now)[1], now=now)
    refused_everywhere(other_clinician("mo", "Hilltop Sports Clinic").account, alice)


def test_a_person_is_no_clinician(alice, bob) -> None:
    now = timezone.now()
    sharing.redeem(clinic_clinician(), sharing.make_code(alice, scope="read", now=now)[1], now=now)
    refused_everywhere(bob, alice)
    by_session, by_token = clients(bob)
    assert by_token.get("/api/v1/clinic/people").status_code == 403
    assert (
        by_token.post(
            "/api/v1/clinic/shares", {"code": "ABCD-EFGH-JKMN"}, content_type="application/json"
        ).status_code
        == 403
    )


def test_a_person_cannot_end_someone_elses_share(alice, bob) -> None:
    now = timezone.now()
    share = sharing.redeem(
        clinic_clinician(), sharing.make_code(alice, scope="read", now=now)[1], now=now
    )
    _, by_token = clients(bob)
    assert by_token.post(f"/api/v1/sharing/{share.pk}/end").status_code == 400
    assert Share.objects.get(pk=share.pk).revoked is None


def test_the_api_shares_redeems_lists_and_revokes(alice) -> None:
    _, alices = clients(alice)
    made = alices.post("/api/v1/sharing/codes", {"scope": "read"}, content_type="application/json")
    assert made.status_code == 201
    _, lenas = clients(clinic_clinician().account)
    redeemed = lenas.post(
        "/api/v1/clinic/shares", {"code": made.json()["code"]}, content_type="application/json"
    )
    assert redeemed.status_code == 201 and redeemed.json()["person"] == alice.pk
    assert [p["name"] for p in lenas.get("/api/v1/clinic/people").json()["people"]] == ["alice"]
    one = lenas.get(f"/api/v1/clinic/people/{alice.pk}").json()
    assert one["plan"]["phase"] and one["ir_tests"][0]["left"] == pytest.approx(23)
    mine = alices.get("/api/v1/sharing").json()
    assert [line["action"] for line in mine["trail"]] == ["read", "listed", "shared"]
    share_id = mine["shares"][0]["id"]
    assert alices.post(f"/api/v1/sharing/{share_id}/end").json()["revoked"]
    assert lenas.get(f"/api/v1/clinic/people/{alice.pk}").status_code == 404


def test_a_read_only_share_cannot_adjust_by_any_door(alice) -> None:
    lena, now = clinic_clinician(), timezone.now()
    sharing.redeem(lena, sharing.make_code(alice, scope="read", now=now)[1], now=now)
    by_session, by_token = clients(lena.account)
    assert by_token.get(f"/api/v1/clinic/people/{alice.pk}").status_code == 200
    web = by_session.post(f"/clinic/people/{alice.pk}/adjust/", {"kind": "note", "text": "x"})
    api = by_token.post(
        f"/api/v1/clinic/people/{alice.pk}/adjustments",
        {"kind": "note", "text": "x"},
        content_type="application/json",
    )
    assert (web.status_code, api.status_code) == (403, 403)
    assert not AccessEntry.objects.filter(person=alice, action="changed").exists()
    other = other_clinician("mo", "Hilltop Sports Clinic")
    _, mos = clients(other.account)
    response = mos.post(
        f"/api/v1/clinic/people/{alice.pk}/adjustments",
        {"kind": "note", "text": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_a_read_only_share_cannot_clear(alice) -> None:
    from hipcoach.tracking.models import Clearance
    from hipcoach.tracking.safety import record_screen

    lena, now = clinic_clinician(), timezone.now()
    sharing.redeem(lena, sharing.make_code(alice, scope="read", now=now)[1], now=now)
    day = timezone.localdate()
    record_screen(alice, answers={"trauma": True}, on=day, today=day)
    by_session, by_token = clients(lena.account)
    assert by_session.post(f"/clinic/people/{alice.pk}/clear/").status_code == 403
    api = by_token.post(
        f"/api/v1/clinic/people/{alice.pk}/clearance", {}, content_type="application/json"
    )
    assert api.status_code == 403 and not Clearance.objects.filter(person=alice).exists()


NEW_CHOICES = (
    {"kind": "swap", "exercise": "pigeon-stretch", "swap_to": "standing-glute-stretch-wall"},
    {"kind": "cap", "exercise": "pigeon-stretch", "sets": 1},
    {"kind": "hold", "text": "stairs sore"},
    {"kind": "advance", "text": "ready"},
)


def test_swap_cap_hold_and_advance_need_an_open_adjust_share(alice) -> None:
    from hipcoach.clinic.models import Adjustment

    lena, now = clinic_clinician(), timezone.now()
    sharing.redeem(lena, sharing.make_code(alice, scope="read", now=now)[1], now=now)
    other = other_clinician("mo", "Hilltop Sports Clinic")
    _, lenas = clients(lena.account)
    mos_session, mos = clients(other.account)
    url = f"/api/v1/clinic/people/{alice.pk}/adjustments"
    for body in NEW_CHOICES:
        assert lenas.post(url, body, content_type="application/json").status_code == 403, body
        assert mos.post(url, body, content_type="application/json").status_code == 404, body
        web = mos_session.post(f"/clinic/people/{alice.pk}/adjust/", body)
        assert web.status_code == 404, body
    assert not Adjustment.objects.exists()
    # with the adjust scope they work by the API; once revoked, they are 404 and gone
    share = Share.objects.get(person=alice)
    sharing.revoke(alice, share.pk, now=now)
    sharing.redeem(lena, sharing.make_code(alice, scope="adjust", now=now)[1], now=now)
    for body in NEW_CHOICES[:3]:
        made = lenas.post(url, body, content_type="application/json")
        assert made.status_code == 201, (body, made.content)
        assert made.json()["kind"] == body["kind"]
    assert made.json()["by"] == "Lena Ortiz, PT, Riverside Physio"
    sharing.revoke(alice, Share.objects.get(person=alice, revoked__isnull=True).pk, now=now)
    for body in NEW_CHOICES:
        assert lenas.post(url, body, content_type="application/json").status_code == 404
    assert Adjustment.objects.count() == 3


def test_signing_off_needs_an_open_share_by_every_door(alice) -> None:
    from hipcoach.clinic.models import Adjustment

    lena, now = clinic_clinician(), timezone.now()
    other = other_clinician("mo", "Hilltop Sports Clinic")
    for user in (other.account,):
        by_session, by_token = clients(user)
        assert by_session.post(f"/clinic/people/{alice.pk}/sign-off/").status_code == 404
        api = by_token.post(
            f"/api/v1/clinic/people/{alice.pk}/sign-off", {}, content_type="application/json"
        )
        assert api.status_code == 404
    sharing.redeem(lena, sharing.make_code(alice, scope="read", now=now)[1], now=now)
    sharing.revoke(alice, Share.objects.get(person=alice).pk, now=now)
    _, lenas = clients(lena.account)
    api = lenas.post(
        f"/api/v1/clinic/people/{alice.pk}/sign-off", {}, content_type="application/json"
    )
    assert api.status_code == 404
    assert not Adjustment.objects.filter(kind="sign_off").exists()
    assert not AccessEntry.objects.filter(person=alice, what__startswith="signed").exists()
