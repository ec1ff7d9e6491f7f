"""Onboarding in about two minutes: about you (with the red-flag screen), the baseline IR test
on both sides (or "measure later"), then the program, the recommended one first.

The answers wait in the login session (stored in the database, so any app process can take the
next step) and are saved in one go, with the enrollment, when the program is chosen. A "yes" to
any red flag saves the profile and the screen at once and shows the stop page: no program.
Once a clinician's clearance is recorded, onboarding goes on from the saved answers without
asking the cleared questions again (a new "yes" would stop it again, R12); they come back at
the weekly check. "Update your answers" opens the form filled in with the saved answers.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hipcoach.tracking import days
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.onboarding import Baseline, SetUpResult, set_up, test_comes_first
from hipcoach.tracking.own_records import saved_profile
from hipcoach.tracking.plans import day_plan
from hipcoach.tracking.programs import program_choices, recommend_program
from hipcoach.tracking.records import current_enrollment
from hipcoach.tracking.safety import (
    cleared_on,
    record_clearance,
    record_screen,
    screen_stops,
    waiting_screen,
)
from hipcoach.vocabulary import MEASURED_SIDES
from hipcoach.web.forms import (
    AboutYouForm,
    ClearanceForm,
    MeasurementForm,
    ProgramForm,
    SafetyCheckForm,
)
from hipcoach.web.people import person_of
from hipcoach.web.pose import runs_pose
from hipcoach.web.words import day_words

SESSION_KEY = "onboarding"


def _state(request: HttpRequest) -> dict:
    return request.session.get(SESSION_KEY, {})


def _save_state(request: HttpRequest, **values: object) -> None:
    request.session[SESSION_KEY] = _state(request) | values


def _set_up(
    request: HttpRequest, about: dict, *, program_id: str, baseline: Baseline | None
) -> SetUpResult:
    """Set the person up from this onboarding's answers, starting today (their own day); a
    program chosen again starts afresh, the history kept. `answers` None: a clinician cleared
    the last screen, so nothing new is asked."""
    day = days.today()
    return set_up(
        person_of(request),
        program_id=program_id,
        goals=about["goals"],
        pain_areas=about["pain_areas"],
        age=about["age"],
        answers=about["answers"],
        baseline=baseline,
        start=day,
        today=day,
        restart=True,
    )


def _initial(request: HttpRequest) -> dict:
    """The answers so far: this onboarding's, else the saved profile's (to update them)."""
    about = _state(request).get("about")
    if about:
        return {k: about[k] for k in ("goals", "pain_areas", "age")}
    return saved_profile(person_of(request))


def about_you(request: HttpRequest) -> HttpResponse:
    cleared = cleared_on(person_of(request))
    form = AboutYouForm(request.POST or None, initial=_initial(request), safety=cleared is None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        about = {
            "goals": data["goals"],
            "pain_areas": data["pain_areas"],
            "age": data["age"],
            "answers": form.answers(),
        }
        if screen_stops(about["answers"] or {}, data["goals"], data["pain_areas"], data["age"]):
            program_id, _ = recommend_program(data["goals"], data["pain_areas"])
            _set_up(request, about, program_id=program_id, baseline=None)
            # Kept for after a clearance: onboarding goes on from here, without asking again.
            _save_state(request, about=about | {"answers": None})
            return redirect("stop")
        _save_state(request, about=about)
        return redirect("onboarding_measure")
    return render(
        request,
        "web/onboarding_about.html",
        {"form": form, "cleared": cleared, "step": 1, "steps": 3},
    )


@runs_pose
def measure(request: HttpRequest) -> HttpResponse:
    if "about" not in _state(request):
        return redirect("onboarding")
    if request.method == "POST" and "later" in request.POST:
        request.session[SESSION_KEY] = {k: v for k, v in _state(request).items() if k != "baseline"}
        return redirect("onboarding_program")
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
    about = _state(request)["about"]
    return render(
        request,
        "web/onboarding_measure.html",
        {
            "form": form,
            "sides": sides,
            "step": 2,
            "steps": 3,
            "test_first": test_comes_first(about["goals"], about["pain_areas"], about["age"]),
        },
    )


def choose_program(request: HttpRequest) -> HttpResponse:
    state = _state(request)
    if "about" not in state:
        return redirect("onboarding")
    recommended, why = recommend_program(state["about"]["goals"], state["about"]["pain_areas"])
    # The recommended program first, the others in their order.
    programs = sorted(program_choices(), key=lambda p: p.id != recommended)
    choices = [(p.id, p.name) for p in programs]
    form = ProgramForm(request.POST or None, programs=choices, initial={"program": recommended})
    error = None
    if request.method == "POST" and form.is_valid():
        baseline = Baseline(**state["baseline"]) if "baseline" in state else None
        try:
            _set_up(
                request,
                state["about"],
                program_id=form.cleaned_data["program"],
                baseline=baseline,
            )
        except InputError as exc:
            error = str(exc)
        else:
            request.session.pop(SESSION_KEY, None)
            # a young person's plan waits for the test (R15): today's page says why
            if baseline is None and not day_plan(person_of(request), on=days.today()).stop:
                messages.info(
                    request,
                    "Your program has started without a measurement. When you have a few "
                    "minutes, measure both hips (Progress, then “Measure your hips”): "
                    "the plan asks for it this week.",
                )
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
            "measured": "baseline" in state,
            "step": 3,
            "steps": 3,
        },
    )


def stop(request: HttpRequest) -> HttpResponse:
    waiting = waiting_screen(person_of(request))
    if waiting is None:
        return redirect("today")
    return render(
        request,
        "web/stop.html",
        {"advice": waiting.reasons, "waiting": waiting, "form": ClearanceForm()},
    )


@require_POST
def cleared(request: HttpRequest) -> HttpResponse:
    """Record a clinician's clearance after a red flag; then on to today (or onboarding)."""
    form = ClearanceForm(request.POST)
    error = None
    if form.is_valid():
        try:
            on = form.cleaned_data["date"] or days.today()
            record_clearance(
                person_of(request), on=on, today=days.today(), note=form.cleaned_data["note"]
            )
        except InputError as exc:
            error = str(exc)
        else:
            if current_enrollment(person_of(request)) is not None:
                messages.success(
                    request, f"Recorded: a clinician cleared you on {day_words(on)}. Welcome back."
                )
                return redirect("today")
            messages.success(
                request,
                f"Recorded: a clinician cleared you to exercise on {day_words(on)}. Now finish "
                "getting started: check your answers, measure your hips (or later) and choose "
                "your program. The safety questions come back at your weekly check.",
            )
            return redirect("onboarding")
    waiting = waiting_screen(person_of(request))
    return render(
        request,
        "web/stop.html",
        {
            "advice": waiting.reasons if waiting else [],
            "waiting": waiting,
            "form": form,
            "error": error,
        },
        status=400,
    )


def safety_check(request: HttpRequest) -> HttpResponse:
    """The safety questions again, e.g. at the weekly check (R12); a red-flag yes stops the program."""
    if current_enrollment(person_of(request)) is None:
        return redirect("onboarding")
    form = SafetyCheckForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answers = form.answers() or {}
        if record_screen(person_of(request), answers=answers, on=days.today(), today=days.today()):
            messages.warning(
                request,
                "Saved. Because you ticked a safety question, today's workout is stopped until "
                "a clinician has seen you: what to do is below.",
            )
        elif any(answers.values()):
            messages.success(request, "Saved. Thank you: today's plan takes your answers in.")
        else:
            messages.success(request, "Saved: none of the safety questions apply. Thank you.")
        return redirect("today")
    return render(request, "web/check.html", {"form": form, "nav": "today"})
