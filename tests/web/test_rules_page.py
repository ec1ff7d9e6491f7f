"""The published rules on the web (/rules/): public, in the reader's language, each rule at its
own anchor, and every "Why?" of a decision linking to its rule."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.utils import timezone

from hipcoach.engine.__main__ import words_for
from hipcoach.engine.rules import RULES, rule_texts
from hipcoach.tracking.models import Profile
from hipcoach.tracking.plans import day_plan

pytestmark = pytest.mark.django_db


def sections(html: str) -> dict[str, str]:
    """Each rule's section by its anchor, as text (tags dropped, entities read)."""
    found = re.findall(r'<section class="card rule" id="([^"]+)".*?</section>', html, flags=re.S)
    bodies = re.findall(r'<section class="card rule" id="[^"]+"(.*?)</section>', html, flags=re.S)
    return {
        anchor: re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body.replace("<wbr>", ""))))
        for anchor, body in zip(found, bodies, strict=True)
    }


def flat(text: str) -> str:
    """A rule's cell as the page shows it (its `code` spans as words)."""
    return re.sub(r"\s+", " ", text.replace("`", " "))


def test_anyone_reads_every_rule_in_english_at_its_own_anchor(client):
    page = client.get("/rules/", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="en-gb">' in html
    assert "<h1>The published rules</h1>" in html
    found = sections(html)
    assert list(found) == list(RULES)  # every rule, in the registry's order, nothing else
    for rule in rule_texts():
        text = found[rule.id]
        for cell in (rule.title, rule.condition, rule.action, rule.threshold, rule.evidence):
            assert re.sub(r"\s+", " ", flat(cell)).strip() in text, (rule.id, cell)
        assert f'href="#{rule.id}"' in html  # in the list of all rules
    r9 = found["R9"]
    assert "Threshold green 0–3, amber 4–5, red >5" in r9
    assert "Silbernagel 2007; Goom 2016; Childs 2005; Peck 2017" in r9
    assert '<code lang="en">reassess</code>' in html  # a flag is code, not shown with backticks
    # codes break at their slashes
    assert '<code lang="en">phone</code>/<wbr><code lang="en">sensor</code>' in html
    assert "`" not in re.sub(r"<script.*?</script>", "", html, flags=re.S)


def test_a_german_browser_reads_the_rules_in_german(client):
    html = client.get("/rules/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9").content.decode()
    assert '<html lang="de">' in html
    assert "<h1>Die veröffentlichten Regeln</h1>" in html
    found = sections(html)
    german = {rule.id: rule for rule in rule_texts(words_for("de"))}
    for english in rule_texts():
        text = found[english.id]
        assert flat(german[english.id].condition).strip() in text
        assert english.title not in text and flat(english.action).strip() not in text
    assert "Schwellenwert grün 0–3, gelb 4–5, rot >5" in found["R9"]
    assert "Vertrauen Moderat" in found["R9"]
    assert "z ≥1,645" in found["R5"]  # the German decimal comma


def test_the_accounts_language_chooses_the_rules_language(client, alice):
    Profile.objects.filter(person=alice).update(language="de")
    client.force_login(alice)
    html = client.get("/rules/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<html lang="de">' in html and "Warnzeichen" in sections(html)["R12"]


def test_each_why_links_to_its_rule_on_the_rules_page(as_alice, alice):
    plan = day_plan(alice, on=timezone.localdate())
    ruled = [d.rule for d in plan.decisions if d.rule and d.rule != "clinician"]
    assert ruled
    today = as_alice.get("/today/").content.decode()
    decisions = today.split('<ul class="decisions">')[1].split("</ul>")[0]
    linked = re.findall(r'<details class="why">.*?<a href="/rules/#([^"]+)">', decisions, re.S)
    assert sorted(linked) == sorted(ruled)
    anchors = sections(as_alice.get("/rules/").content.decode())
    assert set(linked) <= set(anchors)


def test_a_german_why_links_in_german_to_the_same_anchor(client, alice):
    Profile.objects.filter(person=alice).update(language="de")
    client.force_login(alice)
    today = client.get("/today/").content.decode()
    assert re.search(r'<summary>Warum\?</summary><p><a href="/rules/#(R\d+)">Regel \1 ', today), (
        "a German Why? names and links its rule"
    )


def test_every_page_links_to_the_rules(client):
    assert '<a href="/rules/">The published rules</a>' in client.get("/").content.decode()


def test_the_clinics_page_of_a_person_links_each_rule(as_alice, alice):
    from test_clinic_sharing import as_, clinician, code_of

    by_lena = as_(clinician("Rhea Rules, PT").account)
    by_lena.post("/clinic/add/", {"code": code_of(as_alice, "read")})
    page = by_lena.get(f"/clinic/people/{alice.pk}/").content.decode()
    linked = set(re.findall(r'<a href="/rules/#([^"]+)">', page))
    assert linked and linked <= set(RULES)
    assert re.search(r'\(<a href="/rules/#(R\d+)">\1</a>\)', page)  # the days' rule ids
