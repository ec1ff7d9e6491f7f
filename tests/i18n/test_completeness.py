"""The second language is complete: every message of the catalogue is translated, the
catalogue holds every marked string of the code (the pages, the terminal, the API's and the
services' messages, the e-mail templates, the figures' phrases), every piece of equipment,
category and figure of the content has its German, and a person who chose German sees no
English from the catalogue or the content on the main pages (docs/translation.md lists what
is not yet translated: the engine's reasons)."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import polib
import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from hipcoach.catalogues import SOURCE, sources
from hipcoach.content.library import CATEGORY_WORDS, EQUIPMENT_WORDS, equipment_words
from hipcoach.content.schema import Category
from hipcoach.content.translations import english, figure_words
from hipcoach.figures.hip_test import hip_test_english
from hipcoach.figures.words import _NEUTRAL, _PHRASES, PLACEMENT_WORDS, describe
from hipcoach.tracking.models import Profile
from hipcoach.tracking.programs import library
from main_pages import MAIN_PAGES

pytestmark = pytest.mark.django_db
GERMAN = SOURCE / "de" / "LC_MESSAGES" / "django.po"


def test_every_message_has_its_german_words():
    catalogue = polib.pofile(str(GERMAN))
    assert not catalogue.metadata_is_fuzzy
    missing = [e.msgid for e in catalogue if not e.translated() or "fuzzy" in e.flags]
    assert missing == []
    assert len(catalogue) > 500
    for entry in catalogue:  # the same slots on both sides: nothing lost in translation
        slots = set(re.findall(r"%\(\w+\)s|\{\w+\}", entry.msgid))
        german = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
        assert slots == set(re.findall(r"%\(\w+\)s|\{\w+\}", german)), entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_the_catalogue_holds_every_marked_string_of_the_code(tmp_path):
    """makemessages over the package finds no message the German catalogue lacks."""
    package = SOURCE.parent
    copy = tmp_path / "hipcoach"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [
            "django-admin",
            "makemessages",
            "-l",
            "de",
            "--no-location",
            "--no-obsolete",
            "-i",
            "locale/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DJANGO_SETTINGS_MODULE": "hipcoach.settings", "PATH": _path()},
    )
    found = polib.pofile(str(copy / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    new = sorted(e.msgid for e in found if not e.translated() or "fuzzy" in e.flags)
    assert new == [], "run makemessages and translate these"


def _path() -> str:
    import os
    import sys

    return os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])


def test_the_catalogues_compile(tmp_path):
    from hipcoach.catalogues import compile_catalogues

    written = compile_catalogues(tmp_path)
    assert [p.name for p in written] == ["django.mo"] * len(sources())
    assert compile_catalogues(tmp_path) == []  # built from the .po as it is
    # another copy of hipcoach (another catalogue) compiled into the shared data home since,
    # later: this copy's catalogue is compiled again, whatever the times say
    for mo in written:
        mo.write_bytes(b"another copy's catalogue")
    assert compile_catalogues(tmp_path) == written


PAGES = MAIN_PAGES


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    # what the page itself marks as English (the engine's reasons, not translated yet)
    html = re.sub(r'<(span|p|li) lang="en">.*?</\1>', " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", unescape(html))


def _english_phrases() -> set[str]:
    """The English a German page must not show: every catalogue message of three words or
    more, and every translatable text of the content (names, steps, cues, lessons)."""
    phrases = {
        e.msgid
        for e in polib.pofile(str(GERMAN))
        if len(e.msgid.split()) >= 3 and "%(" not in e.msgid and "{" not in e.msgid
    }

    def walk(value: object) -> None:
        if isinstance(value, str):
            if len(value.split()) >= 2:
                phrases.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(english(library()))
    walk(hip_test_english())
    return phrases


def test_a_german_speaker_sees_no_english_on_the_main_pages(client, alice):
    Profile.objects.filter(person=alice).update(language="de")
    client.force_login(alice)
    phrases = _english_phrases()
    for path in PAGES:
        page = client.get(path, HTTP_ACCEPT_LANGUAGE="en-US")  # the account's choice wins
        assert page.status_code == 200, path
        assert page.headers["Content-Language"] == "de"
        html = page.content.decode()
        assert '<html lang="de">' in html
        text = _visible_text(html)
        left = sorted(p for p in phrases if p in text and p not in _SAME_IN_GERMAN)
        assert left == [], f"{path} shows English: {left[:5]}"


# Words spelt the same in German (brand and reference names, units), never "left English".
_SAME_IN_GERMAN = {"Brettzel 2.0"}


def test_the_browser_chooses_when_the_account_does_not(client, alice):
    client.force_login(alice)
    german = client.get("/today/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9").content.decode()
    assert "Heutiges Workout" in german and '<html lang="de">' in german
    us = client.get("/today/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Today's workout" in us and '<html lang="en-us">' in us


def test_dates_follow_the_persons_locale(client, alice):
    import datetime as dt

    from django.utils import timezone

    client.force_login(alice)
    day = timezone.localdate()
    us = _visible_text(client.get("/today/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode())
    gb = _visible_text(client.get("/today/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode())
    de = _visible_text(client.get("/today/", HTTP_ACCEPT_LANGUAGE="de").content.decode())
    month = day.strftime("%B")
    assert f"{month} {day.day}" in us  # en-US: month, then day
    assert f"{day.day} {month}" in gb  # en-GB: day, then month
    german_months = (
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
    )
    assert f"{day.day}. {german_months.split()[day.month - 1]}" in de
    assert isinstance(day, dt.date)


def test_choosing_a_language_in_the_account(client, alice):
    client.force_login(alice)
    answer = client.post("/account/language/", {"language": "de"})
    assert answer.status_code == 302
    assert Profile.objects.get(person=alice).language == "de"
    assert "Dein Konto" in client.get("/account/").content.decode()
    assert client.post("/account/language/", {"language": "xx"}).status_code == 302
    assert Profile.objects.get(person=alice).language == "de"  # a bad code writes nothing
    client.post("/account/language/", {"language": ""})
    assert Profile.objects.get(person=alice).language == ""
    page = client.get("/account/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert "Your account" in page


def _german_words():
    from django.utils import translation

    from hipcoach.tracking.languages import language_words

    with translation.override("de"):
        return language_words("de")


def _reason_shown(text: str, html: str) -> bool:
    """Whether the start of a reason is on the page (as the page writes it: escaped, its ISO
    dates in words, so only the words before the first date are compared)."""
    head = re.split(r"\d{4}-\d{2}-\d{2}", text)[0][:60].strip()
    return bool(head) and head in _visible_text(html)


def test_a_german_reader_sees_the_plans_reasons_and_checklist_in_german(client, alice):
    """R1 (the baseline test), R3 (the left side behind), R11 (the sit-bone pain's swaps), the
    gate checklist and then a red-flag stop (R12): each in German on today and progress, none
    marked as English, none in its English words."""
    from django.utils import translation

    from cast import CLEAR_SCREEN
    from hipcoach.tracking import days
    from hipcoach.tracking.plans import day_plan
    from hipcoach.tracking.safety import record_screen

    Profile.objects.filter(person=alice).update(language="de")
    client.force_login(alice)
    today = days.today()
    plan = day_plan(alice, on=today)
    assert {"R1", "R3", "R11"} <= {d.rule for d in plan.decisions}
    assert plan.gate
    with translation.override("de"):
        german = plan.in_words(_german_words())
    pages = {path: client.get(path).content.decode() for path in ("/today/", "/progress/")}
    today_page = pages["/today/"]
    for made, words in zip(plan.decisions, german.decisions, strict=True):
        assert made.reason != words.reason, made.reason
        assert _reason_shown(words.reason, today_page), words.reason
        assert not _reason_shown(made.reason, today_page), made.reason
    assert "Test der Innenrotation" in _visible_text(today_page)
    for check, words in zip(plan.gate, german.gate, strict=True):
        assert check.name != words.name
        assert words.name in _visible_text(pages["/progress/"]), words.name
        assert check.name not in _visible_text(pages["/progress/"]), check.name
    for html in pages.values():
        assert not re.search(r'<(span|p|li) lang="en">[^<]*(Test of|Swapped|Days in)', html)

    record_screen(alice, answers=CLEAR_SCREEN | {"trauma": True}, on=today, today=today)
    stopped = day_plan(alice, on=today)
    assert stopped.stop and stopped.decisions[0].rule == "R12"
    page = client.get("/today/").content.decode()
    text = _visible_text(page)
    assert "Beende das Programm" in text and "ein Sturz oder ein Schlag auf die Hüfte" in text
    assert "Stop the program" not in text and "a fall or a blow to the hip" not in text
    assert 'lang="en"' not in page.split("<main", 1)[-1].split('class="stop"', 1)[-1][:2000]


def test_a_stored_plan_is_read_in_each_readers_language(client, alice):
    """A plan is stored once (`PlanCache`) and read by a German person and an English reader:
    the stored reasons keep their words as made, so each sees their own language."""
    from hipcoach.engine.words import ENGLISH
    from hipcoach.tracking import days, plan_cache
    from hipcoach.tracking.plans import day_plan

    plan = day_plan(alice, on=days.today())  # computes and stores it
    stored = plan_cache.lookup(alice.pk, days.today(), False).plan
    assert stored is not None
    assert [d.reason for d in stored.in_words(ENGLISH).decisions] == [
        d.reason for d in plan.decisions
    ]
    with translation.override("de"):  # as a request or a command in German puts it in words
        german = stored.in_words(_german_words())
    assert any("Test der Innenrotation" in d.reason for d in german.decisions)
    Profile.objects.filter(person=alice).update(language="de")
    client.force_login(alice)
    assert "Test der Innenrotation" in _visible_text(client.get("/today/").content.decode())
    from django.test import Client

    english_reader = Client()  # the same person's plan, read in English
    Profile.objects.filter(person=alice).update(language="")
    english_reader.force_login(alice)
    page = english_reader.get("/today/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert "Test of internal rotation" in _visible_text(page)


def test_every_piece_of_equipment_and_every_category_has_german_words() -> None:
    named = {item for e in library().exercises.values() for item in e.equipment}
    assert named - set(EQUIPMENT_WORDS) == set(), "give these their words in EQUIPMENT_WORDS"
    assert set(CATEGORY_WORDS) == set(Category)
    with translation.override("de"):
        for english in (*EQUIPMENT_WORDS.values(), *CATEGORY_WORDS.values()):
            assert gettext(english) != english, english
        bridge = library().exercises["banded-lateral-walk"]
        assert equipment_words([bridge], gettext) == ["Miniband"]
    assert equipment_words([bridge]) == ["mini band"]  # English as it was


ENGLISH_FIGURE_WORDS = {
    *PLACEMENT_WORDS.values(),
    *(p.split(" {")[0].replace("{side} ", "") for pair in _PHRASES.values() for p in pair),
    *(p.replace("{side} ", "") for p in _NEUTRAL.values()),
    "side working",
}


@pytest.mark.parametrize("exercise_id", sorted(library().exercises))
def test_every_figure_reads_in_german(exercise_id: str) -> None:
    exercise = library().exercises[exercise_id]
    if exercise.poses is None:
        pytest.skip("no figure")
    english_names = [key.name for key in exercise.poses.keys]
    assert figure_words(exercise, "en-gb") == (english_names, None)
    names, moves = figure_words(exercise, "de")
    assert len(names) == len(english_names) and moves
    with translation.override("de"):
        for side in ("left", "right") if exercise.per_side else ("both",):
            said = describe(exercise.poses, side, text=gettext, moves=moves)
            english = describe(exercise.poses, side)
            assert said != english
            left = [w for w in ENGLISH_FIGURE_WORDS if len(w.split()) >= 2 and w in said]
            assert left == [], f"{exercise_id} {side}: {left}"
            assert exercise.poses.moves not in said


def test_the_reminder_email_template_is_german() -> None:
    context = {
        "title": "T",
        "text": "X",
        "workout": True,
        "link": "https://h/l",
        "hour": "07",
        "stop": "https://h/s",
    }
    english = render_to_string("tracking/reminder_email.txt", context)
    with translation.override("de"):
        german = render_to_string("tracking/reminder_email.txt", context)
    assert "Start it: https://h/l" in english and "daily reminder at 07:00" in english
    assert "Starte es: https://h/l" in german and "um 07:00" in german
    assert "https://h/s" in german and "Start it" not in german


def test_a_german_reader_sees_what_a_new_test_says_in_german(client, alice):
    """R2 on the measure page: the change since the last like-for-like test, in German, with
    a decimal comma (the same words as the plan's, `Change.said`)."""
    import datetime as dt

    import time_machine
    from django.utils import timezone

    Profile.objects.filter(person=alice).update(language="de")
    client.force_login(alice)
    later = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=7), dt.time(9))
    trials = {"left_1": "25", "left_2": "25", "left_3": "26"}
    trials |= {"right_1": "36", "right_2": "35", "right_3": "35"}
    with time_machine.travel(later.replace(tzinfo=dt.UTC)):
        page = client.post("/measure/", {"position": "prone", "method": "phone"} | trials)
    text = _visible_text(page.content.decode())
    assert "23° → 25,3°: keine erkennbare Veränderung (ein Handy kann um 10° danebenliegen)" in text
    assert "no detectable change" not in text


def test_a_dose_weeks_note_and_the_load_words_are_in_german() -> None:
    """The week's own note (program content) and the load words of a dose and of R10's step
    read in German through the content translation file; English stays as written."""
    from hipcoach.content.schema import Dose
    from hipcoach.engine.dosing import dose_text
    from hipcoach.engine.phases import PhasePosition
    from hipcoach.engine.weekly_doses import progress_week
    from hipcoach.engine.workout_items import strength_step

    program = library().programs["hip-foundations"]
    position = PhasePosition(program, 0)
    position.week_workouts = program.week_workouts
    decisions: list = []
    assert progress_week(position, library().exercises, 7, False, decisions)
    said = decisions[0].said
    assert said is not None
    english_reason = str(said)
    assert english_reason.startswith(
        "Week 2 of the mobility phase: Two more reps on each internal-rotation drill. ("
    )
    dose = Dose(sets=2, reps=10, rest_s=60, load="light band")
    assert dose_text(dose) == "2 × 10 reps, light band, rest 60 s"
    step = strength_step(dose)
    assert step is not None
    assert str(step[1]) == "light band → medium band"
    with translation.override("de"):  # the words' catalogue is the active language's
        german = said.render(_german_words())
        assert (
            dose_text(dose, words=_german_words())
            == "2 × 10 Wiederholungen, leichtes Band, Pause 60 s"
        )
        assert "leichtes Band" in dose_text(dose, spoken=True, words=_german_words())
        assert step[1].render(_german_words()) == "leichtes Band → mittleres Band"
    assert german.startswith("Woche 2 der Phase Mobilität: Zwei Wiederholungen mehr bei jeder")
    assert "Two more reps" not in german
