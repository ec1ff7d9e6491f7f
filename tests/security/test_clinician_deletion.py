"""Deleting a clinician's account touches no person's records: the people they saw keep
everything, their trail keeps the clinician's name, and a clinic left with no clinician goes
with its shares (and so its choices leave the plans)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from records import clinic_clinician

from hipcoach.accounts.deletion import delete_person
from hipcoach.clinic import accounts, adjusting, sharing
from hipcoach.clinic.models import AccessEntry, Adjustment, Clinic, Share
from hipcoach.tracking import exchange

pytestmark = pytest.mark.django_db


def shared(person, clinician) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    sharing.redeem(clinician, sharing.make_code(person, scope="adjust", now=now)[1], now=now)


def test_a_clinicians_deletion_leaves_the_people_they_saw_whole(alice, bob) -> None:
    lena, now = clinic_clinician(), timezone.now()
    shared(alice, lena)
    adjusting.adjust(lena, alice.pk, kind="note", text="Slow bridges.", now=now)
    before = exchange.export_data(alice), exchange.export_data(bob)
    trail = AccessEntry.objects.filter(person=alice).count()

    delete_person(lena.account)

    assert (exchange.export_data(alice), exchange.export_data(bob)) == before
    lines = AccessEntry.objects.filter(person=alice)
    assert lines.count() == trail and {line.clinician_name for line in lines} == {"Lena Ortiz, PT"}
    assert not Clinic.objects.exists() and not Share.objects.exists()
    assert not Adjustment.objects.exists() and adjusting.choices_for(alice.pk) == ()


def test_a_clinic_with_another_clinician_keeps_its_people(alice) -> None:
    lena = clinic_clinician()
    sam = accounts.sign_up(
        username="sam",
        email="sam@clinic.example",
        password="a-clinicians-password-2",
        name="Sam Berg, PT",
        invitation=accounts.invite(lena, now=timezone.now()),
        now=timezone.now(),
    )
    shared(alice, lena)
    delete_person(lena.account)
    assert Share.objects.get(person=alice).clinic_id == sam.clinic_id
