"""At phone size, a clinician with 30 people (made through the real services by
`caseload_people`): the list puts a red flag first, then pain, each with its reason in words,
in the order of the stored need, with each person's days with data of the running monitoring
period; the person's page opens with a short summary and folds the long parts; the clinician
swaps and caps an exercise of one person and downloads their PDF report, which lists both
choices with who made them; the person finds both in their plan as their clinician's choice
and the report in their trail, then ends the clinic's access, and the choices leave their
plan."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from browserkit import PHONE, ROOT, Problems, axe_check, hold_the_clock, screenshot

# One process in the server's database: the clinician signs up, 30 people are made and share
# with the clinic, and it answers with the session cookies of the clinician and of cw05 (a
# steady person with the "adjust" scope), and an exercise of cw05's plan with one that fits.
GENERATE = """
import sys, django
sys.path.insert(0, sys.argv[1])
django.setup()
from django.conf import settings
from django.test import Client
from django.utils import timezone
from caseload_people import make_caseload
from hipcoach.clinic import accounts
from hipcoach.clinic.reading import person_today
from hipcoach.engine.constants import PAIN_AREA_EXCLUSIONS
from hipcoach.tracking.plans import day_plan
from hipcoach.tracking.programs import library
lena = accounts.sign_up(username="walk-lena", email="walk-lena@clinic.example",
    password="a-clinicians-password-1", name="Lena Ortiz, PT", clinic_name="Walkway Physio",
    now=timezone.now())
people = make_caseload(lena, 30, today=timezone.localdate(), prefix="cw")
person = people["cw05"]
plan = day_plan(person, on=person_today(person, timezone.now()))
shelf, planned = library().exercises, {e.id for e in plan.exercises}
barred = set(PAIN_AREA_EXCLUSIONS["high_hamstring"].excluded)
swap_from, swap_to = next((e.id, o.id) for e in plan.exercises for o in shelf.values()
    if o.category == shelf[e.id].category and o.id not in planned and not o.check
    and not {c.value for c in o.contraindications} & barred)
cap = next(e.id for e in plan.exercises if e.id != swap_from)
for name, user in (("lena", lena.account), ("cw05", person)):
    client = Client()
    client.force_login(user)
    print("cookie", name, settings.SESSION_COOKIE_NAME,
          client.cookies[settings.SESSION_COOKIE_NAME].value, flush=True)
print("swap", swap_from, swap_to, shelf[swap_from].name, shelf[swap_to].name, sep="|", flush=True)
print("cap", cap, shelf[cap].name, sep="|", flush=True)
"""


@pytest.fixture
def caseload(server_home, server) -> dict[str, list[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HIPCOACH_", "DATABASE_URL"))}
    env |= {"HIPCOACH_HOME": str(server_home), "DJANGO_SETTINGS_MODULE": "hipcoach.settings"}
    done = subprocess.run(
        [sys.executable, "-c", GENERATE, str(ROOT / "tests")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found: dict[str, list[str]] = {}
    for line in done.stdout.splitlines():
        if line.startswith("cookie "):
            _, name, cookie, value = line.split()
            found[name] = [cookie, value]
        elif line.startswith(("swap|", "cap|")):
            kind, *rest = line.split("|")
            found[kind] = rest
    return found


def _context(browser, server, cookie: list[str]):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE, base_url=server, device_scale_factor=1)
    context.set_default_timeout(30_000)
    hold_the_clock(context)
    context.add_cookies([{"name": cookie[0], "value": cookie[1], "url": server}])
    return context


def test_a_clinician_walks_a_caseload_of_30_and_a_person_sees_and_revokes(
    browser, server, caseload
) -> None:
    clinic = _context(browser, server, caseload["lena"])
    person = _context(browser, server, caseload["cw05"])
    theirs, mine = clinic.new_page(), person.new_page()
    theirs_problems, mine_problems = Problems(theirs), Problems(mine)

    theirs.goto("/clinic/")
    rows = theirs.locator("table.caseload tbody tr")
    assert rows.count() == 30
    texts = [rows.nth(i).inner_text() for i in range(30)]
    names = [re.search(r"cw\d\d", text).group(0) for text in texts]  # type: ignore[union-attr]
    # most in need first: the stored need never rises down the list
    listed = theirs.request.get("/api/v1/clinic/people").json()["people"]
    assert [p["name"] for p in listed] == names
    needs = [p["need"] for p in listed]
    assert needs == sorted(needs, reverse=True)
    # the 5 red flags (cw06, cw12, …), then the 5 in pain, each with its reason in words
    assert all("red-flag answer" in text for text in texts[:5])
    assert all("above the green zone" in text for text in texts[5:10])
    assert any("no data for" in text for text in texts[10:])
    assert any("in the last 7 days" in text for text in texts[10:])
    # the days with data of each one's running 30-day period, from the stored status
    header = theirs.locator("table.caseload thead").inner_text()
    assert "Days with data (of 16)" in header
    by_name = {p["name"]: p for p in listed}
    cells = rows.locator("td.monitoring strong").all_inner_texts()
    assert cells == [str(by_name[name]["monitoring"]["days_with_data"]) for name in names]
    steady = by_name["cw02"]["monitoring"]  # a workout and a pain score every day
    assert steady["days_with_data"] >= 14 and steady["reached"] is False  # 16 not yet
    axe_check(theirs, "clinic list of 30")
    screenshot(theirs, "phone-clinic-list-30")

    swap_from, swap_to, from_name, to_name = caseload["swap"]
    cap, cap_name = caseload["cap"]
    rows.filter(has_text="cw05").get_by_role("link", name="cw05").click()
    theirs.wait_for_url(re.compile(r".*/clinic/people/\d+/$"))
    person_url = theirs.url
    # at phone size the page opens with the summary, the long parts folded
    glance = theirs.locator("section.glance").inner_text()
    for said in ("Today", "Flags", "Last pain", "IR", "Days with data"):
        assert said in glance
    folded = theirs.locator("details.fold:not([open])")
    assert folded.count() >= 6
    height = theirs.evaluate("document.documentElement.scrollHeight")
    assert height < 6000, height  # was about 15,000 px with everything open
    axe_check(theirs, "clinic person, folded")
    screenshot(theirs, "phone-clinic-person-folded")
    theirs.get_by_text("Change their plan", exact=True).click()
    theirs.get_by_label("Swap an exercise").select_option(swap_from)
    theirs.locator("#swap-to").select_option(swap_to)
    theirs.locator("#swap-why").fill("easier on the knee")
    theirs.get_by_role("button", name="Swap it, from today").click()
    theirs.wait_for_url(person_url)
    assert f"{to_name} instead of {from_name}" in theirs.locator("main").inner_text()
    theirs.get_by_text("Change their plan", exact=True).click()
    theirs.get_by_label("Cap the dose of an exercise").select_option(cap)
    theirs.get_by_label("At most sets").fill("1")
    theirs.get_by_role("button", name="Cap it, from today").click()
    theirs.wait_for_url(person_url)
    text = theirs.locator("main").inner_text()
    assert f"{cap_name} at most 1 set" in text
    axe_check(theirs, "clinic person with choices")
    screenshot(theirs, "phone-clinic-person-choices")

    # the person's PDF report, from the summary's files: a real PDF with both choices in it
    from pypdf import PdfReader

    with theirs.expect_download() as download:
        theirs.get_by_role("button", name="PDF report").click()
    assert download.value.suggested_filename.startswith("hipcoach-report-cw05-")
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    pdf_text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split()
    )
    assert "Hip mobility report" in pdf_text and "Clinician adjustments" in pdf_text
    assert "Lena Ortiz, PT, Walkway Physio" in pdf_text and "easier on the knee" in pdf_text
    # a period backwards: the report's own page says why, and nothing is made
    day = theirs.locator("#report-last").get_attribute("max")
    assert day is not None
    earlier = (dt.date.fromisoformat(day) - dt.timedelta(days=3)).isoformat()
    theirs.locator("#report-first").fill(day)
    theirs.locator("#report-last").fill(earlier)
    theirs.get_by_role("button", name="PDF report").click()
    theirs.wait_for_url(re.compile(r".*/clinic/people/\d+/report/\?.*"))
    assert "after it ends" in theirs.get_by_role("alert").inner_text()
    axe_check(theirs, "clinic report with a bad period")
    theirs.goto(person_url)

    mine.goto("/today/")
    today = mine.locator("main").inner_text()
    assert f"{to_name} instead of {from_name} (easier on the knee)" in today
    assert f"{cap_name} at most 1 set" in today
    assert to_name in today
    axe_check(mine, "today with the clinician's swap and cap")
    screenshot(mine, "phone-today-clinician-choices")

    mine.goto("/account/sharing/")
    shared = mine.locator("main").inner_text()
    assert f"{to_name} instead of {from_name}" in shared
    assert "the PDF report of" in shared  # the clinician's download, in their trail
    axe_check(mine, "sharing with choices")
    mine.get_by_role("button", name="End Walkway Physio's access now").click()
    mine.wait_for_url("**/account/sharing/")
    assert "Walkway Physio no longer sees your record." in mine.locator("main").inner_text()
    mine.goto("/today/")
    today = mine.locator("main").inner_text()
    assert "instead of" not in today and "at most 1 set" not in today
    screenshot(mine, "phone-today-after-revoking")

    response = theirs.goto(person_url)
    assert response is not None and response.status == 404
    theirs.goto("/clinic/")
    assert theirs.locator("table.caseload tbody tr").count() == 29
    assert mine_problems.errors == []
    # the refused period answered 400 on purpose, and the revoked person's page 404
    expected = ("status of 400", "status of 404")
    assert [e for e in theirs_problems.errors if not any(x in e for x in expected)] == []
    clinic.close()
    person.close()
