"""A clinician swaps an exercise, caps a dose, holds or advances a phase: each in the person's
plan as their clinician's choice, with who decided it and why; bad choices write nothing."""

from __future__ import annotations

import html

import pytest
from test_clinic_sharing import as_, clinician, code_of

from hipcoach.clinic.models import AccessEntry, Adjustment
from hipcoach.engine.constants import PAIN_AREA_EXCLUSIONS
from hipcoach.tracking.models import Profile
from hipcoach.tracking.plans import day_plan
from hipcoach.tracking.programs import program
from hipcoach.tracking.records import active_enrollment

pytestmark = pytest.mark.django_db
BY = "Lena Ortiz, PT, Riverside Physio"


def _shared(as_alice, alice, scope: str = "adjust"):  # type: ignore[no-untyped-def]
    by_lena = as_(clinician("Lena Ortiz, PT").account)
    by_lena.post("/clinic/add/", {"code": code_of(as_alice, scope)})
    return by_lena, f"/clinic/people/{alice.pk}/adjust/"


def _today(as_alice) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(as_alice.get("/today/").content.decode())


def _first_exercise(alice):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from hipcoach.clinic.reading import person_today

    today = person_today(alice, timezone.now())
    plan = day_plan(alice, on=today)
    return plan, plan.exercises[0]


def test_a_swap_shows_the_new_exercise_as_the_clinicians_choice(as_alice, alice) -> None:
    from hipcoach.tracking.programs import library

    by_lena, url = _shared(as_alice, alice)
    plan, _ = _first_exercise(alice)
    barred = {
        tag
        for area in Profile.objects.get(person=alice).pain_areas
        for tag in getattr(PAIN_AREA_EXCLUSIONS.get(area), "excluded", ())
    }
    planned = {x.id for x in plan.exercises}
    shelf = library().exercises
    item, to = next(
        (item, e)
        for item in plan.exercises
        for e in shelf.values()
        if e.category == shelf[item.id].category
        and e.id not in planned
        and not e.check
        and not {c.value for c in e.contraindications} & barred
    )
    found = shelf[item.id]
    by_lena.post(url, {"kind": "swap", "exercise": item.id, "swap_to": to.id, "text": "knee"})
    page = _today(as_alice)
    assert f"Your clinician's choice: {to.name} instead of {found.name} (knee)." in page
    assert f"Your clinician's choice: {BY}" in page
    after, _ = _first_exercise(alice)
    assert item.id not in {x.id for x in after.exercises}
    assert any(x.id == to.id and x.replaces == item.id for x in after.exercises)
    sharing = html.unescape(as_alice.get("/account/sharing/").content.decode())
    assert f"{to.name} instead of {found.name}" in sharing
    assert AccessEntry.objects.filter(person=alice, what__startswith="swapped").count() == 1


def test_a_swap_that_does_not_fit_is_refused(as_alice, alice) -> None:
    by_lena, url = _shared(as_alice, alice)
    _, item = _first_exercise(alice)
    for bad in (
        {"swap_to": item.id},  # itself
        {"swap_to": "hop-readiness-check"},  # a readiness check is not a stand-in
        {"swap_to": "no-such-exercise"},
    ):
        response = by_lena.post(url, {"kind": "swap", "exercise": item.id, **bad}, follow=True)
        assert 'class="error"' in response.content.decode(), bad
    # another kind, training nothing in common
    response = by_lena.post(
        url, {"kind": "swap", "exercise": "pigeon-stretch", "swap_to": "toe-yoga"}, follow=True
    )
    assert "neither is a stretch exercise" in html.unescape(response.content.decode())
    assert not Adjustment.objects.exists()
    assert not AccessEntry.objects.filter(action="changed").exists()


def test_a_cap_lowers_the_dose_and_says_so(as_alice, alice) -> None:
    by_lena, url = _shared(as_alice, alice)
    _, item = _first_exercise(alice)
    by_lena.post(
        url, {"kind": "cap", "exercise": item.id, "sets": "1", "reps": "5", "seconds": "10"}
    )
    _, now = _first_exercise(alice)
    assert now.sets == 1
    assert now.reps is None or now.reps <= 5
    assert now.hold_s is None or now.hold_s <= 10
    assert f"Your clinician's choice: {item.name} at most 1 set" in _today(as_alice)
    for bad in ({"sets": "0"}, {"reps": "many"}, {}, {"seconds": "301"}):
        response = by_lena.post(url, {"kind": "cap", "exercise": item.id, **bad}, follow=True)
        assert 'class="error"' in response.content.decode(), bad
    assert Adjustment.objects.count() == 1


def test_hold_and_advance_need_a_reason_and_undo_each_other(as_alice, alice) -> None:
    by_lena, url = _shared(as_alice, alice)
    response = by_lena.post(url, {"kind": "hold"}, follow=True)
    assert "say why" in response.content.decode() and not Adjustment.objects.exists()
    by_lena.post(url, {"kind": "hold", "text": "stairs still sore"})
    assert "you stay in this phase until they end the hold (stairs still sore)" in _today(as_alice)
    by_lena.post(url, {"kind": "advance", "text": "range is good on my goniometer"})
    hold, advance = Adjustment.objects.order_by("id")
    assert hold.ended is not None and advance.ended is None
    plan, _ = _first_exercise(alice)
    phases = [p.id for p in program(active_enrollment(alice).program).phases]
    assert advance.exercise == phases[0]
    # moved on today (nothing stops or holds Alice), or the plan says why the move waits
    page = _today(as_alice)
    assert plan.phase == phases[1] or "the move waits" in page
    assert "range is good on my goniometer" in page


def test_a_read_only_share_cannot_swap_cap_hold_or_advance(as_alice, alice) -> None:
    by_lena, url = _shared(as_alice, alice, "read")
    _, item = _first_exercise(alice)
    for kind in ("swap", "cap", "hold", "advance"):
        body = {"kind": kind, "exercise": item.id, "swap_to": "bird-dog", "sets": "1", "text": "x"}
        assert by_lena.post(url, body).status_code == 403
    assert not Adjustment.objects.exists()


def test_advance_while_a_red_flag_is_on_the_stop_wins_until_the_clearance(as_alice, alice) -> None:
    from hipcoach.tracking.safety import record_screen

    by_lena, url = _shared(as_alice, alice)
    before, _ = _first_exercise(alice)
    day = before.date
    record_screen(alice, answers={"trauma": True}, on=day, today=day)
    by_lena.post(url, {"kind": "advance", "text": "range is good"})
    stopped = day_plan(alice, on=day)
    assert stopped.stop and stopped.phase == before.phase and stopped.exercises == ()
    assert "today's stop stands over their choice" in _today(as_alice)
    # the clinician's clearance ends the stop; then their move is made (nothing else holds
    # Alice: her pain is green)
    by_lena.post(f"/clinic/people/{alice.pk}/clear/", {"note": "no fracture"})
    after = day_plan(alice, on=day)
    assert not after.stop
    said = " ".join(d.reason for d in after.decisions if d.rule == "clinician")
    assert after.phase != before.phase, said
    assert "Your clinician's choice: the mobility phase is done" in said
