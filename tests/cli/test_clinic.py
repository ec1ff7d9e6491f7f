"""`hipcoach clinic list` and `hipcoach clinic show`: a clinician's view at the terminal, through
the same door as the web (only people who share, each look in their trail); a person's account
is refused, and `hipcoach cleared` tells a person whose clinic records their clearance."""

from __future__ import annotations

import datetime as dt

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
    from hipcoach.tracking import statuses

    statuses.refresh_statuses(now=timezone.now())  # the days with data come from the status
    listed = enrolled("clinic", "list", "--clinician", LENA)
    assert person.get_username() in listed.stdout
    assert "data days" in listed.stdout and "1/16, 29 d left" in listed.stdout
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


def _shared(scope: str):  # type: ignore[no-untyped-def]
    lena, person, now = _lena(), local_person(), timezone.now()
    sharing.redeem(lena, sharing.make_code(person, scope=scope, now=now)[1], now=now)
    return lena, person


def test_a_clinic_writes_a_persons_pdf_and_fhir_files(enrolled, tmp_path) -> None:
    import json

    person = local_person()
    pdf, fhir = tmp_path / "r.pdf", tmp_path / "r.fhir.json"
    name = person.get_username()
    refused = enrolled("clinic", "report", name, "--clinician", LENA, "--pdf", str(pdf), ok=False)
    assert refused.exit_code != 0 and not pdf.exists()  # no consent, no file
    _shared("read")
    args = ("clinic", "report", name, "--clinician", LENA)
    assert enrolled(*args, ok=False).exit_code != 0  # which file?
    wrote = enrolled(*args, "--pdf", str(pdf), "--fhir", str(fhir))
    assert "Wrote" in wrote.stdout and pdf.read_bytes().startswith(b"%PDF-")
    assert json.loads(fhir.read_text())["resourceType"] == "Bundle"
    reads = AccessEntry.objects.filter(person=person, action="read").values_list("what", flat=True)
    assert sorted(w.split(" ")[1] for w in reads) == ["FHIR", "PDF"]

    again = enrolled(*args, "--pdf", str(pdf), ok=False)  # never over a file without --force
    assert again.exit_code != 0 and "exists" in again.stderr
    today = enrolled.today
    backwards = enrolled(
        *args,
        "--pdf",
        str(tmp_path / "b.pdf"),
        "--from",
        str(today),
        "--to",
        "2020-01-01",
        ok=False,
    )
    assert backwards.exit_code != 0 and not (tmp_path / "b.pdf").exists()
    assert AccessEntry.objects.filter(person=person, action="read").count() == 2


def test_a_clinic_holds_advances_notes_and_sets_a_retest_at_the_terminal(enrolled) -> None:
    from coachkit import INIT

    from hipcoach.clinic.models import Adjustment

    program = INIT.index("--program") + 1  # a program of several phases, to hold or move on
    enrolled(*INIT[:program], "hip-foundations", *INIT[program + 1 :], "--restart")
    _, person = _shared("adjust")
    name, who = person.get_username(), ("--clinician", LENA)
    without = enrolled("clinic", "hold", name, *who, "--reason", " ", ok=False)
    assert without.exit_code != 0 and "say why" in without.stderr
    assert not Adjustment.objects.exists()

    held = enrolled("clinic", "hold", name, *who, "--reason", "knee sore on stairs")
    assert "Held in the" in held.stdout and "Lena Ortiz, PT" in held.stdout
    enrolled("clinic", "advance", name, *who, "--reason", "seen at the clinic today")
    enrolled("clinic", "note", name, "Keep the squat shallow", *who)
    later = str(enrolled.today + dt.timedelta(days=4))
    enrolled("clinic", "retest", name, "--on", later, *who)
    bad = enrolled("clinic", "retest", name, "--on", "2020-01-01", *who, ok=False)
    assert bad.exit_code != 0 and "re-test date" in bad.stderr

    rows = Adjustment.objects.filter(person=person).order_by("created", "id")
    assert [(r.kind, r.ended is None) for r in rows] == [
        ("hold", False),  # the move on ended the hold
        ("advance", True),
        ("note", True),
        ("retest", True),
    ]
    changes = AccessEntry.objects.filter(person=person, action="changed").count()
    assert changes == 4
    today = enrolled("today")
    assert "Keep the squat shallow" in today.stdout


def test_a_read_only_share_cannot_adjust_at_the_terminal(enrolled) -> None:
    from hipcoach.clinic.models import Adjustment

    _, person = _shared("read")
    refused = enrolled(
        "clinic", "note", person.get_username(), "hello", "--clinician", LENA, ok=False
    )
    assert refused.exit_code != 0 and "read only" in refused.stderr
    assert not Adjustment.objects.exists()
    assert not AccessEntry.objects.filter(person=person, action="changed").exists()


def test_why_there_is_no_plan_is_in_the_terminals_language(enrolled) -> None:
    """A program run too long to plan: `clinic show` says why in the clinician's terminal's
    language (`--language`), English by default."""
    from hipcoach.tracking.models import Enrollment

    lena = _lena()
    person = local_person()
    now = timezone.now()
    sharing.redeem(lena, sharing.make_code(person, scope="read", now=now)[1], now=now)
    Enrollment.objects.filter(person=person).update(
        start=timezone.localdate() - dt.timedelta(days=6 * 366)
    )
    english = enrolled("clinic", "show", person.get_username(), "--clinician", LENA).stdout
    assert "No plan today: " in english and "years after your program started" in english
    german = enrolled(
        "--language", "de", "clinic", "show", person.get_username(), "--clinician", LENA
    ).stdout
    assert "Heute kein Plan: " in german and "Jahre nach dem Start deines Programms" in german
    assert "No plan today" not in german and "years after" not in german


def test_the_clinics_terminal_speaks_german(enrolled, tmp_path) -> None:
    """`--language de`: the list's headings, its reasons in the clinician's words (as the web's
    list), the monitoring days, one person's look, the last days with German dates, the
    choices saved and the mistakes, all in German; English is what it always was."""
    from coachkit import INIT

    from hipcoach.tracking import statuses

    de = ("--language", "de")
    unknown = enrolled(*de, "clinic", "list", "--clinician", "nobody@example.com", ok=False)
    assert "Fehler: kein Konto dieser Installation" in unknown.stderr
    program = INIT.index("--program") + 1  # a program of several phases, to hold
    enrolled(*INIT[:program], "hip-foundations", *INIT[program + 1 :], "--restart")
    _, person = _shared("adjust")
    name, who = person.get_username(), ("--clinician", LENA)
    enrolled("pain", "--rest", "7")
    enrolled.next_day()
    enrolled.next_day()
    statuses.refresh_statuses(now=timezone.now())
    listed = enrolled(*de, "clinic", "list", *who).stdout
    english = enrolled("clinic", "list", *who).stdout
    for heading in ("Phase, Tag", "letzter Schmerz", "Datentage", "warum"):
        assert heading in listed
    assert "Seite 1 von 1" in listed and "1/16, noch 27 T" in listed
    assert "Mobilität 3" in listed and "mobility 3" in english  # the phase as the PDF names it
    # the stored reason in the clinician's words, its date German: as the web's list says it
    assert "Schmerz 7/10 (in Ruhe) am" in listed and "5. Jan." in listed
    assert "green zone" not in listed and "d left" not in listed
    assert "pain 7/10 (rest) on 5 Jan" in english and "1/16, 27 d left" in english

    shown = enrolled(*de, "clinic", "show", name, *who).stdout
    # the terminal wraps long lines where the width falls (an id of more digits moves it)
    flat = " ".join(shown.split())
    assert "geteilt mit Riverside Physio, lesen und den Plan anpassen, seit 5. Jan 2026" in flat
    assert "Tag der Person: 7. Jan 2026" in flat and "Die letzten Tage" in shown
    assert "Tag 3 (7. Jan 2026)" in flat and "etwa 9,4 Min." in flat
    assert "  6. Jan 2026: Mobilität, 10 Übungen. Auf deine letzte Schmerzangabe" in shown
    assert "  5. Jan 2026: gestoppt. Schmerz von 7/10 heute liegt im roten Bereich" in shown
    assert "2026-01" not in shown and "stopped" not in shown and "exercises" not in shown
    english = enrolled("clinic", "show", name, *who).stdout
    flat = " ".join(english.split())
    assert "since 2026-01-05. Their day: 2026-01-07." in flat
    assert "Day 3 (2026-01-07)" in flat and "about 9.4 min" in flat
    assert "  2026-01-05: stopped. Pain of 7/10 today is in the red zone" in english
    assert "  2026-01-06: mobility, 10 exercises. Your last pain report" in english

    held = enrolled(*de, "clinic", "hold", name, *who, "--reason", "Knie").stdout
    assert "Gespeichert: Ab 7. Jan in der Phase mobility gehalten (Knie)" in held
    assert "als deine Entscheidung" in held
    shown = enrolled(*de, "clinic", "show", name, *who).stdout
    assert "Die geltenden Entscheidungen deiner Praxis\n  Ab 7. Jan" in shown
    nobody = enrolled(*de, "clinic", "show", "someone", *who, ok=False)
    assert "Fehler: niemand namens 'someone' teilt seine Daten mit deiner Praxis" in nobody.stderr
    which = enrolled(*de, "clinic", "report", name, *who, ok=False)
    assert "Fehler: nenne eine Datei zum Schreiben" in which.stderr
    pdf = tmp_path / "r.pdf"
    wrote = enrolled(*de, "clinic", "report", name, *who, "--pdf", str(pdf)).stdout
    assert f"nach {pdf} geschrieben." in wrote.replace("\n", "")
    again = enrolled(*de, "clinic", "report", name, *who, "--pdf", str(pdf), ok=False)
    assert "existiert: wähle einen anderen Namen" in again.stderr

    from hipcoach.clinic.access import clinician_of
    from hipcoach.clinic.adjusting import sign_off
    from hipcoach.clinic.models import Clinician

    sign_off(clinician_of(Clinician.objects.get().account), person.pk, now=timezone.now())
    left = enrolled(*de, "clinic", "list", *who).stdout
    assert "1 abgeschlossen, nicht aufgeführt (--signed-off zeigt sie)." in left
    assert "1 signed off, not listed" in enrolled("clinic", "list", *who).stdout


def test_the_clinic_list_says_where_the_last_pain_was(enrolled) -> None:
    from hipcoach.tracking import statuses
    from hipcoach.tracking.workouts import report_pain

    lena = _lena()
    person = local_person()
    now = timezone.now()
    sharing.redeem(lena, sharing.make_code(person, scope="read", now=now)[1], now=now)
    today = timezone.localdate()
    report_pain(person, on=today, when="rest", score=5, today=today, side="right", place="buttock")
    statuses.refresh_statuses(now=timezone.now())
    listed = enrolled("clinic", "list", "--clinician", LENA).stdout
    # the "last pain" column, its wrapped lines read whole
    column = [line.split("│")[5].strip() for line in listed.splitlines() if line.startswith("│")]
    assert " ".join(filter(None, column)) == "5/10 (right side, the buttock)"
