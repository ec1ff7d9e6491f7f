"""`hipcoach clinic list` and `hipcoach clinic show`: a clinician's view at the terminal, through
the same door as the web (only people who share, each look in their trail); a person's account
is refused, and `hipcoach cleared` tells a person whose clinic records their clearance."""

from __future__ import annotations

from django.utils import timezone

from cast import PASSWORD
from hipcoach.clinic import accounts, sharing
from hipcoach.clinic.models import AccessEntry
from hipcoach.tracking.people import local_person

LENA = "lena@riverside.example"


def _lena():  # type: ignore[no-untyped-def]
    return accounts.sign_up(
        username="lena",
        email=LENA,
        password=PASSWORD,
        name="Lena Ortiz, PT",
        clinic_name="Riverside Physio",
        now=timezone.now(),
    )


def test_a_clinician_lists_and_reads_only_who_shares(enrolled) -> None:
    lena = _lena()
    person = local_person()
    empty = enrolled("clinic", "list", "--clinician", LENA)
    assert person.get_username() not in empty.stdout
    refused = enrolled("clinic", "show", person.get_username(), "--clinician", LENA, ok=False)
    assert refused.exit_code != 0 and "shares their record" in refused.stderr
    by_id = enrolled("clinic", "show", str(person.pk), "--clinician", LENA, ok=False)
    assert by_id.exit_code != 0
    assert not AccessEntry.objects.filter(person=person).exists()

    now = timezone.now()
    sharing.redeem(lena, sharing.make_code(person, scope="adjust", now=now)[1], now=now)
    listed = enrolled("clinic", "list", "--clinician", LENA)
    assert person.get_username() in listed.stdout
    shown = enrolled("clinic", "show", person.get_username(), "--clinician", LENA)
    assert "Riverside Physio" in shown.stdout and "read and adjust" in shown.stdout
    assert AccessEntry.objects.filter(person=person, action="read").count() == 1


def test_a_persons_account_is_no_clinician(enrolled) -> None:
    person = local_person()
    person.email = "me@example.com"
    person.save()
    refused = enrolled("clinic", "list", "--clinician", "me@example.com", ok=False)
    assert refused.exit_code != 0 and "not a clinician" in refused.stderr
    unknown = enrolled("clinic", "list", "--clinician", "nobody@example.com", ok=False)
    assert unknown.exit_code != 0 and "no account" in unknown.stderr


def test_cleared_tells_a_person_their_clinic_records_it(enrolled) -> None:
    lena = _lena()
    person = local_person()
    now = timezone.now()
    sharing.redeem(lena, sharing.make_code(person, scope="adjust", now=now)[1], now=now)
    enrolled("screen", "--red-flag", "constant_or_night_pain", ok=False)
    today = enrolled("today", ok=False)
    assert "your clinician" in (today.stdout + today.stderr).lower()
    refused = enrolled("cleared", "--yes", ok=False)
    assert refused.exit_code != 0 and "Riverside Physio" in refused.stderr
