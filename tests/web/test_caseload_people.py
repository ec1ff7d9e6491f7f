"""The caseload generator makes every kind of need through the services, and the list orders
them by it: a red flag first, then pain, then the rest; the steady last."""

from __future__ import annotations

import pytest
from django.utils import timezone
from test_clinic_sharing import clinician

from caseload_people import make_caseload, story_of
from hipcoach.clinic.caseload import caseload

pytestmark = pytest.mark.django_db


def test_the_generated_caseload_is_ordered_by_need() -> None:
    lena = clinician("Lena Ortiz, PT")
    people = make_caseload(lena, 12, today=timezone.localdate())
    found = caseload(lena, now=timezone.now())
    assert found.total == 12 == len(people)
    needs = [row.need for row in found.rows]
    assert needs == sorted(needs, reverse=True)
    stories = [story_of(row.name) for row in found.rows]
    assert stories[:2] == ["red_flag", "red_flag"]
    assert "red-flag answer" in found.rows[0].reasons[0]
    assert set(stories[2:4]) == {"pain"} and "above the green zone" in found.rows[2].reasons[0]
    # the steady: nothing more pressing than the weekly re-test (A5)
    assert all(s == "steady" for s in stories[-4:]) and found.rows[-1].need <= 2
    quiet = next(r for r in found.rows if story_of(r.name) == "quiet")
    assert any("no data for" in reason for reason in quiet.reasons)
    few = next(r for r in found.rows if story_of(r.name) == "few")
    assert any("in the last 7 days" in reason for reason in few.reasons)


def test_the_caseload_reasons_are_in_the_clinicians_language() -> None:
    """The reasons are stored as made and put into the reader's words when shown: German on a
    German page, none marked as English; English (the API's, an English page's) as before."""
    import html
    import re

    from django.test import Client
    from test_clinic_sharing import as_

    lena = clinician("Lena Braun, PT")
    make_caseload(lena, 12, today=timezone.localdate())
    english = caseload(lena, now=timezone.now())
    by_lena: Client = as_(lena.account)
    page = html.unescape(by_lena.get("/clinic/", HTTP_ACCEPT_LANGUAGE="de").content.decode())
    listed = re.findall(r'<ul class="reasons">(.*?)</ul>', page, re.S)
    assert listed and 'lang="en"' not in "".join(listed)
    assert "gestoppt durch eine Antwort auf die Warnzeichen-Fragen" in page
    assert "über dem grünen Bereich (3 oder weniger)" in page
    assert re.search(r"seit \d+ Tagen keine Daten \(die letzten am \d+\. \w+\.?\)", page)
    assert re.search(r"\d Workouts? in den letzten 7 Tagen", page)
    for row in english.rows:
        for reason in row.reasons:
            assert reason not in page  # every reason is translated
    english_page = html.unescape(
        by_lena.get("/clinic/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    )
    assert all(reason in english_page for row in english.rows for reason in row.reasons)
    assert "red-flag answer" in english.rows[0].reasons[0]


def test_the_list_says_where_the_last_pain_was() -> None:
    """The last report's side and place travel with its score: in the stored status, the API's
    row, the web's list in the clinician's language and the clinic's terminal list; a report
    of both sides and no place (one tap) says neither."""
    import html

    from test_clinic_sharing import as_

    lena = clinician("Lena Weiss, PT")
    make_caseload(lena, 6, today=timezone.localdate())
    rows = {story_of(row.name): row for row in caseload(lena, now=timezone.now()).rows}
    pain, steady = rows["pain"], rows["steady"]
    assert (pain.pain_score, pain.pain_side, pain.pain_place) == (6, "left", "groin")
    assert pain.to_json()["pain"] | {"date": None} == {
        "score": 6,
        "when": "during",
        "date": None,
        "side": "left",
        "place": "groin",
    }
    assert steady.to_json()["pain"]["side"] == "both"
    assert steady.to_json()["pain"]["place"] == "unspecified"
    by_lena = as_(lena.account)
    english = html.unescape(by_lena.get("/clinic/", HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "6/10 during the workout (left side, the groin)," in english
    assert "2/10 during the workout," in english  # the steady: nothing more to say
    german = html.unescape(by_lena.get("/clinic/", HTTP_ACCEPT_LANGUAGE="de").content.decode())
    assert "(linke Seite, die Leiste)" in german
