"""Where a clinic may adjust the person's plan, it records their clearance: the person's own
"I was cleared" is not offered, and refused by every door; a read-only share leaves it to the
person, and ending the share gives it back."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.utils import timezone
from test_clinic_sharing import as_, clinician, code_of

from hipcoach.accounts.models import ApiToken
from hipcoach.clinic.models import Share
from hipcoach.tracking.models import Clearance
from hipcoach.tracking.safety import record_screen

pytestmark = pytest.mark.django_db
OWN_FORM = 'action="/stop/cleared/"'


def _stopped(alice) -> None:  # type: ignore[no-untyped-def]
    day = timezone.localdate()
    record_screen(alice, answers={"trauma": True}, on=day, today=day)


def _page(client) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(client.get("/today/").content.decode())


def test_an_adjusting_clinic_records_the_clearance_not_the_person(as_alice, alice) -> None:
    _stopped(alice)
    assert OWN_FORM in _page(as_alice)
    by_lena = as_(clinician("Lena Ortiz, PT").account)
    by_lena.post("/clinic/add/", {"code": code_of(as_alice, "adjust")})
    page = _page(as_alice)
    assert OWN_FORM not in page
    assert "Your clinician at Riverside Physio records your clearance" in page
    plan = as_alice.get("/api/v1/today").json()
    assert "clinician" in plan["ended_by"] and "clearance" not in plan["ended_by"]
    assert plan["clearance_by"] == "Riverside Physio"
    # the person's own doors refuse, and write nothing
    day = timezone.localdate().isoformat()
    refused = as_alice.post("/stop/cleared/", {"confirm": "on", "date": day, "note": "I saw my GP"})
    assert "records your clearance" in html.unescape(refused.content.decode())
    _, token = ApiToken.issue(alice, "script")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}").post(
        "/api/v1/clearances", {"date": day, "note": "x"}, content_type="application/json"
    )
    assert api.status_code == 400 and "Riverside Physio" in api.json()["detail"]
    assert not Clearance.objects.filter(person=alice).exists()
    # the clinician's does, with their name
    by_lena.post(f"/clinic/people/{alice.pk}/clear/", {"note": "no fracture"})
    assert Clearance.objects.get(person=alice).note.startswith("Cleared by Lena Ortiz, PT")
    assert not _page(as_alice).count("records your clearance")


def test_a_read_only_share_leaves_the_clearance_to_the_person(as_alice, alice) -> None:
    _stopped(alice)
    by_lena = as_(clinician("Lena Ortiz, PT").account)
    by_lena.post("/clinic/add/", {"code": code_of(as_alice, "read")})
    page = _page(as_alice)
    assert OWN_FORM in page and "records your clearance" not in page
    assert "clearance" in as_alice.get("/api/v1/today").json()["ended_by"]


def test_ending_the_share_gives_the_person_their_own_clearance_back(as_alice, alice) -> None:
    _stopped(alice)
    by_lena = as_(clinician("Lena Ortiz, PT").account)
    by_lena.post("/clinic/add/", {"code": code_of(as_alice, "adjust")})
    assert OWN_FORM not in _page(as_alice)
    as_alice.post(f"/account/sharing/{Share.objects.get(person=alice).pk}/end/")
    assert OWN_FORM in _page(as_alice)
    day = timezone.localdate().isoformat()
    as_alice.post("/stop/cleared/", {"confirm": "on", "date": day, "note": "my GP"})
    assert Clearance.objects.filter(person=alice).count() == 1
