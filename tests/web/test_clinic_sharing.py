"""A person shares with a clinic by a code they make, the clinic's clinicians see them in their
list and on their own page, the person sees every look, and revoking ends it at once."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from cast import PASSWORD
from hipcoach.clinic import accounts
from hipcoach.clinic.models import AccessEntry, Share, ShareCode
from hipcoach.tracking import statuses

pytestmark = pytest.mark.django_db
CODE = re.compile(r'id="share-code">([0-9A-Z-]{14})<')


def clinician(name: str, clinic: str = "Riverside Physio", invitation: str = ""):  # type: ignore[no-untyped-def]
    return accounts.sign_up(
        username=name.lower().replace(" ", ""),
        email=f"{name.split()[0].lower()}@clinic.example",
        password=PASSWORD,
        name=name,
        clinic_name="" if invitation else clinic,
        invitation=invitation,
        now=timezone.now(),
    )


def code_of(client: Client, scope: str = "read") -> str:
    response = client.post("/account/sharing/code/", {"scope": scope})
    assert response.status_code == 200
    found = CODE.search(response.content.decode())
    assert found, response.content.decode()[:2000]
    return found.group(1)


def as_(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_a_clinician_sees_only_what_was_shared_and_the_person_sees_each_look(
    as_alice, alice, bob
) -> None:
    lena = clinician("Lena Ortiz, PT")
    by_lena = as_(lena.account)
    assert by_lena.get(f"/clinic/people/{alice.pk}/").status_code == 404  # no consent yet
    assert not AccessEntry.objects.exists()

    code = code_of(as_alice, "read")
    assert ShareCode.objects.get().code_hash != code  # only a hash is kept
    response = by_lena.post("/clinic/add/", {"code": code.lower().replace("-", " ")})
    assert response.status_code == 302 and response["Location"] == f"/clinic/people/{alice.pk}/"
    assert by_lena.post("/clinic/add/", {"code": code}).status_code == 400  # works once

    statuses.refresh_statuses(now=timezone.now())
    listing = by_lena.get("/clinic/").content.decode()
    assert "alice" in listing and "bob" not in listing
    assert "23°" in listing and "35°" in listing  # IR per side from the stored status
    by_lena.get("/clinic/")  # a second look at the list the same day: one line in the trail
    page = by_lena.get(f"/clinic/people/{alice.pk}/").content.decode()
    assert "Today's plan and why" in page and "Decisions day by day" in page
    assert f"/clinic/people/{alice.pk}/ir.svg" in page
    assert by_lena.get(f"/clinic/people/{alice.pk}/ir.svg").status_code == 200
    assert by_lena.get(f"/clinic/people/{bob.pk}/").status_code == 404

    actions = list(AccessEntry.objects.order_by("at", "id").values_list("action", flat=True))
    assert actions == ["shared", "listed", "read"]
    mine = as_alice.get("/account/sharing/").content.decode()
    assert "Riverside Physio" in mine and "Lena Ortiz, PT" in mine and "Looked at" in mine
    trail = as_alice.get("/account/sharing/trail.csv").content.decode()
    assert trail.count("Lena Ortiz, PT") == 3

    share = Share.objects.get(person=alice)
    assert as_alice.post(f"/account/sharing/{share.pk}/end/").status_code == 302
    assert by_lena.get(f"/clinic/people/{alice.pk}/").status_code == 404
    assert by_lena.get(f"/clinic/people/{alice.pk}/pain.svg").status_code == 404
    assert "alice" not in by_lena.get("/clinic/").content.decode()
    assert AccessEntry.objects.filter(action="read").count() == 1  # the refused looks: none
    assert "Access that ended" in as_alice.get("/account/sharing/").content.decode()


def test_every_clinician_of_the_clinic_sees_the_person_and_no_other_clinic_does(
    as_alice, alice
) -> None:
    lena = clinician("Lena Ortiz, PT")
    invitation = accounts.invite(lena, now=timezone.now())
    sam = clinician("Sam Berg, PT", invitation=invitation)
    other = clinician("Mo Reyes, PT", clinic="Hilltop Sports Clinic")
    assert sam.clinic_id == lena.clinic_id != other.clinic_id
    as_(lena.account).post("/clinic/add/", {"code": code_of(as_alice)})
    assert as_(sam.account).get(f"/clinic/people/{alice.pk}/").status_code == 200
    assert as_(other.account).get(f"/clinic/people/{alice.pk}/").status_code == 404
    assert "alice" not in as_(other.account).get("/clinic/").content.decode()


def test_a_person_cannot_open_the_clinicians_pages(as_alice, alice) -> None:
    assert as_alice.get("/clinic/").status_code == 403
    assert as_alice.get(f"/clinic/people/{alice.pk}/").status_code == 403
    assert as_alice.post("/clinic/add/", {"code": "0000-0000-0000"}).status_code == 403


def test_a_bad_scope_makes_no_code(as_alice) -> None:
    response = as_alice.post("/account/sharing/code/", {"scope": "everything"}, follow=True)
    assert "not one of read" in response.content.decode()
    assert not ShareCode.objects.exists()


def test_wrong_codes_are_limited_per_network(settings) -> None:
    settings.RATE_LIMITS = settings.RATE_LIMITS | {"share_code": "3/h"}
    by_lena = as_(clinician("Lena Ortiz, PT").account)
    answers = [
        by_lena.post("/clinic/add/", {"code": f"ABCD-EFGH-JK{n}0"}).status_code for n in range(5)
    ]
    assert answers[:3] == [400, 400, 400] and answers[3:] == [429, 429]


def test_a_clinician_signs_up_in_a_new_clinic(client) -> None:
    response = client.post(
        "/clinic/signup/",
        {
            "username": "lena",
            "email": "lena@clinic.example",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "name": "Lena Ortiz, PT",
            "clinic_name": "Riverside Physio",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/clinic/"
    assert "Riverside Physio" in client.get("/clinic/").content.decode()
    assert client.get("/today/")["Location"] == "/clinic/"  # no program for a clinician


def test_a_wrong_invitation_makes_no_account(client) -> None:
    response = client.post(
        "/clinic/signup/",
        {
            "username": "sam",
            "email": "sam@clinic.example",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "name": "Sam Berg",
            "invitation": "ABCD-EFGH-JKMN",
        },
    )
    assert response.status_code == 200 and "not one waiting" in response.content.decode()
    from django.contrib.auth.models import User

    assert not User.objects.filter(username="sam").exists()


def test_the_clinicians_choices_show_in_the_persons_plan_as_theirs(as_alice, alice) -> None:
    lena = clinician("Lena Ortiz, PT")
    by_lena = as_(lena.account)
    by_lena.post("/clinic/add/", {"code": code_of(as_alice, "adjust")})
    today = as_alice.get("/today/").content.decode()
    first = re.search(r'data-exercise="([a-z0-9-]+)"', today) or re.search(
        r"/exercises/([a-z0-9-]+)/", today
    )
    assert first, today[:3000]
    exercise = first.group(1)
    url = f"/clinic/people/{alice.pk}/adjust/"
    assert by_lena.post(url, {"kind": "note", "text": "Keep the bridges slow."}).status_code == 302
    by_lena.post(url, {"kind": "leave_out", "exercise": exercise, "text": "sore knee"})
    page = as_alice.get("/today/").content.decode()
    assert "A note from your clinician" in page and "Keep the bridges slow." in page
    assert "is left out (sore knee)" in page
    assert "Your clinician's choice: Lena Ortiz, PT, Riverside Physio" in page
    assert "Riverside Physio" in as_alice.get("/account/sharing/").content.decode()
    changed = AccessEntry.objects.filter(person=alice, action="changed").count()
    assert changed == 2

    # ending the share ends the choices: the plan is the rules' own again
    share = Share.objects.get(person=alice)
    as_alice.post(f"/account/sharing/{share.pk}/end/")
    page = as_alice.get("/today/").content.decode()
    assert "Keep the bridges slow." not in page and "is left out" not in page


def test_a_read_only_share_cannot_adjust(as_alice, alice) -> None:
    by_lena = as_(clinician("Lena Ortiz, PT").account)
    by_lena.post("/clinic/add/", {"code": code_of(as_alice, "read")})
    response = by_lena.post(f"/clinic/people/{alice.pk}/adjust/", {"kind": "note", "text": "hi"})
    assert response.status_code == 403
    assert not AccessEntry.objects.filter(action="changed").exists()
    assert "A note from your clinician" not in as_alice.get("/today/").content.decode()


def test_a_bad_choice_writes_nothing(as_alice, alice) -> None:
    by_lena = as_(clinician("Lena Ortiz, PT").account)
    by_lena.post("/clinic/add/", {"code": code_of(as_alice, "adjust")})
    url = f"/clinic/people/{alice.pk}/adjust/"
    for bad in (
        {"kind": "note", "text": "  "},
        {"kind": "retest", "date": "2001-01-01"},
        {"kind": "retest", "date": "soon"},
        {"kind": "leave_out", "exercise": "no-such-exercise"},
        {"kind": "advance"},
    ):
        response = by_lena.post(url, bad, follow=True)
        assert response.status_code == 200 and 'class="error"' in response.content.decode(), bad
    assert not AccessEntry.objects.filter(action="changed").exists()


def test_a_clinicians_sign_up_with_a_taken_email_tells_its_owner(client, alice) -> None:
    from django.core import mail

    response = client.post(
        "/clinic/signup/",
        {
            "username": "lena",
            "email": alice.email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "name": "Lena Ortiz, PT",
            "clinic_name": "Riverside Physio",
        },
    )
    assert response.status_code == 302  # the same answer as for a new address
    assert [m.to for m in mail.outbox] == [[alice.email]]


def test_the_choices_in_force_are_listed_by_name(as_alice, alice) -> None:
    lena = clinician("Lena Ortiz, PT")
    by_lena = as_(lena.account)
    by_lena.post("/clinic/add/", {"code": code_of(as_alice, "adjust")})
    url = f"/clinic/people/{alice.pk}/adjust/"
    by_lena.post(url, {"kind": "leave_out", "exercise": "pigeon-stretch", "text": "sore knee"})
    assert "Pigeon stretch left out" in as_alice.get("/account/sharing/").content.decode()
    page = by_lena.get(f"/clinic/people/{alice.pk}/").content.decode()
    assert "Pigeon stretch left out" in page
    adjustment = re.search(r"/adjustments/(\d+)/end/", page)
    assert adjustment
    by_lena.post(f"/clinic/people/{alice.pk}/adjustments/{adjustment.group(1)}/end/")
    assert "Pigeon stretch left out" not in as_alice.get("/account/sharing/").content.decode()


def test_someone_not_set_up_yet_can_share_and_be_read(charlie) -> None:
    by_charlie, by_lena = as_(charlie), as_(clinician("Lena Ortiz, PT").account)
    by_lena.post("/clinic/add/", {"code": code_of(by_charlie, "adjust")})
    listing = by_lena.get("/clinic/").content.decode()
    assert "charlie" in listing and "no status yet" in listing
    page = by_lena.get(f"/clinic/people/{charlie.pk}/")
    assert page.status_code == 200 and "No program yet." in page.content.decode()
    for chart in ("ir.svg", "pain.svg"):
        assert by_lena.get(f"/clinic/people/{charlie.pk}/{chart}").status_code == 200
    note = by_lena.post(f"/clinic/people/{charlie.pk}/adjust/", {"kind": "note", "text": "Hi"})
    assert note.status_code == 302


def test_a_retest_date_asks_for_the_test_that_day(as_alice, alice) -> None:
    by_lena = as_(clinician("Lena Ortiz, PT").account)
    by_lena.post("/clinic/add/", {"code": code_of(as_alice, "adjust")})
    today = timezone.localdate().isoformat()
    response = by_lena.post(
        f"/clinic/people/{alice.pk}/adjust/", {"kind": "retest", "date": today, "text": "pain"}
    )
    assert response.status_code == 302
    page = as_alice.get("/today/").content.decode()
    assert "Your clinician&#x27;s choice: measure both hips today (pain)." in page or (
        "Your clinician's choice: measure both hips today (pain)." in page
    )


def test_the_clinicians_clearance_ends_a_red_flag_stop_with_their_name(as_alice, alice) -> None:
    from hipcoach.tracking.models import Clearance
    from hipcoach.tracking.safety import record_screen

    by_lena = as_(clinician("Lena Ortiz, PT").account)
    by_lena.post("/clinic/add/", {"code": code_of(as_alice, "adjust")})
    day = timezone.localdate()
    record_screen(alice, answers={"trauma": True}, on=day, today=day)
    page = by_lena.get(f"/clinic/people/{alice.pk}/").content.decode()
    assert "Record my clearance today" in page
    response = by_lena.post(f"/clinic/people/{alice.pk}/clear/", {"note": "no fracture"})
    assert response.status_code == 302
    note = Clearance.objects.get(person=alice).note
    assert note == "Cleared by Lena Ortiz, PT, Riverside Physio: no fracture"
    assert (
        "Record my clearance today"
        not in by_lena.get(f"/clinic/people/{alice.pk}/").content.decode()
    )
    again = by_lena.post(f"/clinic/people/{alice.pk}/clear/", {"note": ""}, follow=True)
    assert "nothing to clear" in again.content.decode()  # nothing waits now: nothing written
    assert Clearance.objects.filter(person=alice).count() == 1


def test_the_clinician_puts_the_person_on_another_program(as_alice, alice) -> None:
    from hipcoach.tracking.records import current_enrollment

    by_lena = as_(clinician("Lena Ortiz, PT").account)
    by_lena.post("/clinic/add/", {"code": code_of(as_alice, "adjust")})
    url = f"/clinic/people/{alice.pk}/adjust/"
    page = by_lena.get(f"/clinic/people/{alice.pk}/").content.decode()
    assert 'value="hip-ir-primer"' in page and 'value="hip-foundations"' not in page
    same = by_lena.post(url, {"kind": "program", "program": "hip-foundations"}, follow=True)
    assert "already" in same.content.decode()
    by_lena.post(url, {"kind": "program", "program": "hip-ir-primer", "text": "IR first"})
    assert current_enrollment(alice).program == "hip-ir-primer"
    today = as_alice.get("/today/").content.decode()
    assert "Your clinician&#x27;s choice: " in today or "Your clinician's choice: " in today
    assert "(IR first)." in today
    bad = by_lena.post(url, {"kind": "program", "program": "no-such-program"}, follow=True)
    assert 'class="error"' in bad.content.decode()
    assert current_enrollment(alice).program == "hip-ir-primer"
