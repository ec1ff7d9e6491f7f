"""At phone size: a person makes a sharing code, a clinician signs up, redeems it, finds the
person in their list, opens them and sends a note; the person finds the note in today's plan,
sees the access and the look in their trail and ends it; the clinician's next look finds
nothing."""

from __future__ import annotations

import re

from browserkit import PHONE, Problems, axe_check, hold_the_clock, screenshot

PASSWORD = "a-clinicians-password-1"


def test_a_person_shares_with_a_clinician_and_ends_it(browser, server, arrive) -> None:
    person = browser.new_context(viewport=PHONE, base_url=server, device_scale_factor=1)
    clinician = browser.new_context(viewport=PHONE, base_url=server, device_scale_factor=1)
    for context in (person, clinician):
        context.set_default_timeout(30_000)  # a sign-up hashes a password (Argon2)
        hold_the_clock(context)
    arrive(person, "petra")
    mine = person.new_page()
    mine_problems = Problems(mine)
    mine.goto("/account/")
    mine.get_by_role("link", name="Sharing with your clinic").click()
    mine.wait_for_url("**/account/sharing/")
    assert "No one: your record is shared with no clinic." in mine.locator("main").inner_text()
    mine.get_by_label("Read and adjust the plan").check()
    mine.get_by_role("button", name="Make a code for my clinic").click()
    code = mine.locator("#share-code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    axe_check(mine, "sharing, a code made")
    screenshot(mine, "phone-sharing-code")

    theirs = clinician.new_page()
    theirs_problems = Problems(theirs)
    theirs.goto("/signup/")
    theirs.get_by_role("link", name="Sign up as a clinician").click()
    theirs.get_by_label("Username").fill("lena-pt")
    theirs.get_by_label("Email").fill("lena@clinic.example")
    theirs.locator("#id_password1").fill(PASSWORD)
    theirs.locator("#id_password2").fill(PASSWORD)
    theirs.get_by_label("Your name as people see it").fill("Lena Ortiz, PT")
    theirs.get_by_label("A new clinic's name").fill("Riverside Physio")
    theirs.get_by_role("button", name="Sign up as a clinician").click()
    theirs.wait_for_url("**/clinic/")
    theirs.get_by_role("navigation").get_by_role("link", name="Add a person").click()
    theirs.get_by_label("The person's code").fill(code.lower())
    theirs.get_by_role("button", name="Add").click()
    theirs.wait_for_url(re.compile(r".*/clinic/people/\d+/$"))
    person_url = theirs.url
    assert theirs.get_by_role("heading", name="petra", level=1).is_visible()
    theirs.get_by_role("navigation").get_by_role("link", name="People").click()
    row = theirs.locator("table.caseload tbody tr", has_text="petra")
    assert row.count() == 1
    axe_check(theirs, "clinic list")
    screenshot(theirs, "phone-clinic-list")
    row.get_by_role("link", name="petra").click()
    theirs.wait_for_url(person_url)
    text = theirs.locator("main").inner_text()
    assert "Today's plan and why" in text and "Decisions day by day" in text
    assert "How far each hip turns in" in text  # the progress page's own sections
    axe_check(theirs, "clinic person")
    screenshot(theirs, "phone-clinic-person")
    theirs.get_by_text("Change their plan", exact=True).click()  # the forms are folded
    theirs.get_by_label("A note to them").fill("Keep the bridges slow this week.")
    theirs.get_by_role("button", name="Send the note").click()
    theirs.wait_for_url(person_url)
    assert "Keep the bridges slow this week." in theirs.locator("main").inner_text()

    mine.goto("/today/")
    today = mine.locator("main").inner_text()
    assert "A note from your clinician" in today and "Keep the bridges slow this week." in today

    mine.goto("/account/sharing/")
    text = mine.locator("main").inner_text()
    assert "Riverside Physio" in text and "Lena Ortiz, PT" in text
    assert "Looked at: today's plan" in text and "Changed: a note" in text
    mine.get_by_role("button", name="End Riverside Physio's access now").click()
    mine.wait_for_url("**/account/sharing/")
    assert "Riverside Physio no longer sees your record." in mine.locator("main").inner_text()
    assert "Access that ended" in mine.locator("main").inner_text()

    response = theirs.goto(person_url)
    assert response is not None and response.status == 404
    theirs.goto("/clinic/")
    assert "petra" not in theirs.locator("main").inner_text()
    assert mine_problems.errors == []
    assert [e for e in theirs_problems.errors if "404" not in e] == []
    person.close()
    clinician.close()
