"""Onboarding in about two minutes: about you (with the red-flag screen), the baseline IR test
on both sides, then the program, with a recommendation.

The answers wait in the login session (stored in the database, so any app process can take the
next step) and are saved in one go, with the enrollment, when the program is chosen. A "yes" to
any red flag saves the profile and the screen at once and shows the stop page: no program.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.services import Baseline
from hipcoach.vocabulary import MEASURED_SIDES
from hipcoach.web import coach
from hipcoach.web.forms import (
    AboutYouForm,
    ClearanceForm,
    MeasurementForm,
    ProgramForm,
    SafetyCheckForm,
)

SESSION_KEY = "onboarding"


def _state(request: HttpRequest) -> dict:
    return request.session.get(SESSION_KEY, {})


def _save_state(request: HttpRequest, **values: object) -> None:
    request.session[SESSION_KEY] = _state(request) | values


def _about(state: dict) -> coach.About:
    about = state["about"]
    return coach.About(about["goals"], about["pain_areas"], about["age"], about["answers"])


def about_you(request: HttpRequest) -> HttpResponse:
    form = AboutYouForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        about = {
            "goals": data["goals"],
            "pain_areas": data["pain_areas"],
            "age": data["age"],
            "answers": form.answers(),
        }
        if any(about["answers"].values()):
            program_id, _ = coach.recommend(data["goals"], data["pain_areas"])
            coach.set_up(
                request.user, _about({"about": about}), program_id=program_id, baseline=None
            )
            request.session.pop(SESSION_KEY, None)
            return redirect("stop")
        _save_state(request, about=about)
        return redirect("onboarding_measure")
    return render(request, "web/onboarding_about.html", {"form": form, "step": 1, "steps": 3})


def measure(request: HttpRequest) -> HttpResponse:
    if "about" not in _state(request):
        return redirect("onboarding")
    form = MeasurementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        baseline = {
            "position": form.cleaned_data["position"],
            "method": form.cleaned_data["method"],
            "left": form.trials("left"),
            "right": form.trials("right"),
        }
        _save_state(request, baseline=baseline)
        return redirect("onboarding_program")
    sides = [(side.value, form.side_fields(side)) for side in MEASURED_SIDES]
    return render(
        request,
        "web/onboarding_measure.html",
        {"form": form, "sides": sides, "step": 2, "steps": 3},
    )


def choose_program(request: HttpRequest) -> HttpResponse:
    state = _state(request)
    if "about" not in state:
        return redirect("onboarding")
    programs = coach.programs()
    recommended, why = coach.recommend(state["about"]["goals"], state["about"]["pain_areas"])
    choices = [(p["id"], p["name"]) for p in programs]
    form = ProgramForm(request.POST or None, programs=choices, initial={"program": recommended})
    error = None
    if request.method == "POST" and form.is_valid():
        baseline = Baseline(**state["baseline"]) if "baseline" in state else None
        try:
            coach.set_up(
                request.user,
                _about(state),
                program_id=form.cleaned_data["program"],
                baseline=baseline,
            )
        except coach.InputError as exc:
            error = str(exc)
        else:
            request.session.pop(SESSION_KEY, None)
            return redirect("today")
    return render(
        request,
        "web/onboarding_program.html",
        {
            "form": form,
            "programs": programs,
            "recommended": recommended,
            "why": why,
            "error": error,
            "step": 3,
            "steps": 3,
        },
    )


def stop(request: HttpRequest) -> HttpResponse:
    reasons = coach.stop_reasons(request.user)
    if not reasons:
        return redirect("today")
    return render(request, "web/stop.html", {"advice": reasons, "form": ClearanceForm()})


@require_POST
def cleared(request: HttpRequest) -> HttpResponse:
    """Record a clinician's clearance after a red flag; then on to today (or onboarding)."""
    form = ClearanceForm(request.POST)
    error = None
    if form.is_valid():
        try:
            coach.record_clearance(
                request.user, on=form.cleaned_data["date"], note=form.cleaned_data["note"]
            )
        except InputError as exc:
            error = str(exc)
        else:
            return redirect("today")
    reasons = coach.stop_reasons(request.user)
    return render(
        request, "web/stop.html", {"advice": reasons, "form": form, "error": error}, status=400
    )


def safety_check(request: HttpRequest) -> HttpResponse:
    """The red-flag questions again, e.g. at the weekly check (R12); any yes stops the program."""
    if coach.enrollment(request.user) is None:
        return redirect("onboarding")
    form = SafetyCheckForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        coach.record_screen(request.user, answers=form.answers())
        return redirect("today")
    return render(request, "web/check.html", {"form": form, "nav": "today"})
