"""One truth about the hips on every page: the progress verdict speaks of the range as well as
the difference, as today's plan does; a page links to the test wherever one is due."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from cast import CLEAR_SCREEN, person
from hipcoach.tracking import onboarding

pytestmark = pytest.mark.django_db


def set_up(name: str, *, age: int, pain_areas: list[str], baseline=None) -> Client:
    user = person(name)
    today = timezone.localdate()
    onboarding.set_up(
        user,
        program_id="hip-foundations",
        goals=["daily_life"],
        pain_areas=pain_areas,
        age=age,
        answers=CLEAR_SCREEN,
        baseline=baseline,
        start=today,
        today=today,
    )
    client = Client()
    client.force_login(user)
    return client


def test_two_stiff_hips_alike_are_called_limited_on_progress_as_on_today():
    """64, groin pain, 12° and 14°: no detectable difference between the hips, and both are
    markedly limited: progress must not say only the first."""
    trials = onboarding.Baseline("prone", "phone", (12, 12, 12), (14, 14, 14))
    client = set_up("Frank", age=64, pain_areas=["groin"], baseline=trials)
    today = client.get("/today/").content.decode()
    progress = client.get("/progress/").content.decode()
    assert "no detectable difference between your hips" in progress
    assert "R4" in today and "That is markedly" in today
    assert "That is markedly" in progress  # the plan's R4 words, on progress too
    api = client.get("/api/v1/progress").json()["asymmetry"]
    assert "no detectable difference" in api and "15°" in api  # the limit, in the plan's words


def test_measure_later_gets_a_link_to_the_test_on_today():
    client = set_up("Gina", age=40, pain_areas=["hip_front"])
    page = client.get("/today/").content.decode()
    assert "No test of your hips yet" in page and 'href="/measure/"' in page


def test_the_very_first_test_is_not_called_again():
    client = set_up("Hal", age=40, pain_areas=["hip_front"])
    trials = {f"{side}_{n}": "30" for side in ("left", "right") for n in (1, 2, 3)}
    page = client.post(
        "/measure/", {"position": "prone", "method": "phone"} | trials
    ).content.decode()
    assert "Saved." in page and "Measure your hips again" not in page
    assert "Measure your hips again" in client.get("/measure/").content.decode()


def test_running_after_this_is_offered_to_runners_only(as_alice):
    """A 64-year-old whose goal is everyday life is not asked about a run; Alice runs."""
    frank = set_up("Frank", age=64, pain_areas=["groin"])
    assert "Running after this" not in frank.get("/today/").content.decode()
    assert "Running after this" in as_alice.get("/today/").content.decode()
