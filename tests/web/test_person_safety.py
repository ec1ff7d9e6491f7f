"""Safety for the whole person on the web: a young person's stop (R15) and an older adult's
adapted program (R16) show on today's page, and a clinician's clearance recorded there ends
them; the new screen questions stop only in the picture they belong to (R17)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cast import CLEAR_SCREEN, person
from hipcoach.tracking import onboarding
from hipcoach.tracking.models import RedFlagScreen
from hipcoach.tracking.plans import day_plan

pytestmark = pytest.mark.django_db


def _set_up(name, *, age, pain_areas, goals=("sport",), left=(8, 9, 7), answers=None):
    user = person(name)
    today = timezone.localdate()
    result = onboarding.set_up(
        user,
        program_id="hip-ir-primer",
        goals=list(goals),
        pain_areas=list(pain_areas),
        age=age,
        answers=answers or CLEAR_SCREEN,
        baseline=onboarding.Baseline("seated", "phone", left, (34, 33, 35)),
        start=today,
        today=today,
    )
    return user, result


def test_a_young_persons_stop_shows_and_a_clearance_ends_it(client) -> None:
    teen, _ = _set_up("Teen", age=13, pain_areas=["knee", "groin"])
    client.force_login(teen)
    page = client.get("/today/").content.decode()
    assert "No workout today" in page and "growth plate" in page and "parent" in page
    assert "carry on" not in page
    assert "I have been cleared" in page
    response = client.post("/stop/cleared/", {"confirm": "on", "note": "X-ray: no slip"})
    assert response.status_code == 302, response.content.decode()
    page = client.get("/today/").content.decode()
    assert "No workout today" not in page and 'id="start-workout"' in page


def test_an_older_adults_adapted_program_ends_with_a_recorded_review(client) -> None:
    older, _ = _set_up("Olive", age=67, pain_areas=["groin"], goals=("daily_life",))
    assert "R16" in {d.rule for d in day_plan(older, on=timezone.localdate()).decisions}
    client.force_login(older)
    page = client.get("/today/").content.decode()
    assert "osteoarthritis" in page and "No workout today" not in page
    assert "I have been cleared" in page  # the review is recorded on today's page
    response = client.post("/stop/cleared/", {"confirm": "on", "note": "physio: hip OA"})
    assert response.status_code == 302, response.content.decode()
    plan = day_plan(older, on=timezone.localdate())
    assert "R16" not in {d.rule for d in plan.decisions}


def test_a_painful_hop_stops_a_runner_with_groin_pain_and_no_one_else() -> None:
    answers = CLEAR_SCREEN | {"painful_hop": True}
    runner, result = _set_up(
        "Runner", age=29, pain_areas=["groin"], goals=("running",), left=(33,), answers=answers
    )
    assert result.enrollment is None and {d.rule for d in result.decisions} == {"R17"}
    assert RedFlagScreen.objects.get(person=runner).positive
    rower, result = _set_up(
        "Rower",
        age=42,
        pain_areas=["low_back"],
        goals=("flexibility",),
        left=(33,),
        answers=answers,
    )
    assert result.enrollment is not None and result.decisions == ()
    assert not RedFlagScreen.objects.get(person=rower).positive


def test_the_check_page_asks_the_new_questions_and_a_yes_stops_a_runner(client) -> None:
    runner, _ = _set_up("Runner2", age=29, pain_areas=["groin"], goals=("running",), left=(33,))
    client.force_login(runner)
    page = client.get("/check/").content.decode()
    assert 'value="painful_hop"' in page and 'value="recent_load_increase"' in page
    answers = {"red_flags": ["recent_load_increase"]}
    assert client.post("/check/", answers)["Location"] == "/today/"
    page = client.get("/today/").content.decode()
    assert "No workout today" in page and "stress fracture" in page and "today" in page


def test_a_severe_morning_score_is_answered_where_it_is_given(client):
    """8/10 on the morning check: not just "Saved" but what the plan does now, the safety
    questions first, in Today's words (R18). (Set up and screened three days before.)"""
    import datetime as dt

    from cast import onboard, person

    today = timezone.localdate()
    ida = person("Ida")
    onboard(ida, start=today - dt.timedelta(days=3), today=today - dt.timedelta(days=3))
    client.force_login(ida)
    as_alice = client
    page = as_alice.post("/pain/", {"when": "next_morning", "score": "8"}, follow=True)
    text = page.content.decode()
    assert "Saved: pain 8 out of 10. Answer the safety questions first" in text
    assert "Pain that strong is beyond what exercise should cause" in text
    assert 'href="/check/"' in text
