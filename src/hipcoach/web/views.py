"""The daily pages: landing, today (with the morning check), the player and the account."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hipcoach.clinic.access import is_clinician
from hipcoach.content.library import equipment_words
from hipcoach.engine.dosing import dose_text
from hipcoach.engine.steps import GET_READY_S, timeline
from hipcoach.engine.types import DayPlan
from hipcoach.engine.words import rendered
from hipcoach.tracking import calendar_feed, days, languages, own_records, push, reminders
from hipcoach.tracking.history import profile_of
from hipcoach.tracking.inputs import InputError, NotSetUp
from hipcoach.tracking.measuring import measure as store_test
from hipcoach.tracking.plans import day_plan
from hipcoach.tracking.records import current_enrollment
from hipcoach.tracking.safety import waiting_screen
from hipcoach.tracking.workouts import (
    needs_morning_check,
    pain_answer,
    report_pain,
    unfinished_evening,
)
from hipcoach.vocabulary import MEASURED_SIDES, STATUS_ORDER, Goal, Side, StopEnd
from hipcoach.web.content import exercise, exercise_details
from hipcoach.web.content import library as content_library
from hipcoach.web.figures import plan_figure_urls, plan_figures, thumbnail
from hipcoach.web.forms import ClearanceForm, MeasurementForm, PainForm
from hipcoach.web.middleware import SESSION_LANGUAGE_KEY
from hipcoach.web.people import person_of
from hipcoach.web.pose import runs_pose
from hipcoach.web.words import active_words, player_words, term_label

PRE_RUN_KEY = "pre_run"


@login_not_required
def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today")
    return render(request, "web/landing.html")


def running_on(request: HttpRequest, day: dt.date) -> bool:
    """Whether the "running after this" switch was turned on for `day` (it resets each day)."""
    return request.session.get(PRE_RUN_KEY) == day.isoformat()


def _plan_or_redirect(request: HttpRequest, on: dt.date | None = None) -> DayPlan | HttpResponse:
    """Today's plan (or `on`'s), or where to go instead: onboarding, or the stop page after a
    red flag."""
    if current_enrollment(person_of(request)) is None:
        if is_clinician(person_of(request)):  # a clinician's account follows no program
            return redirect("caseload")
        return redirect("stop" if waiting_screen(person_of(request)) else "onboarding")
    day = on or days.today()
    try:
        plan = day_plan(person_of(request), on=day, pre_run=running_on(request, day))
    except NotSetUp:
        return redirect("onboarding")
    except InputError as exc:  # a program run too long to plan: choose it again
        messages.error(request, str(exc))
        return redirect("onboarding")
    return plan.in_words(active_words())  # its reasons and checklist in the reader's language


def _exercises(plan: DayPlan) -> list[dict]:
    """Today's exercises for the list: one row per exercise, with the dose of each side."""
    rows: list[dict] = []
    words = active_words()
    for item, planned in zip(plan.exercises, plan.to_json()["exercises"], strict=True):
        dose = dose_text(item, words=words)
        if rows and rows[-1]["id"] == planned["id"]:
            rows[-1]["sides"].append((planned["side"], dose))
            continue
        details = exercise_details(planned["id"])
        rows.append(planned | {"details": details, "sides": [(planned["side"], dose)]})
    for row in rows:
        row["figure"] = thumbnail(row["id"], row["sides"][0][0])
        doses = {dose for _, dose in row["sides"]}
        if len(row["sides"]) > 1 and len(doses) == 1:
            row["dose"], row["side_words"] = doses.pop(), _("each side")
        elif len(row["sides"]) > 1:
            row["dose"] = "; ".join(
                f"{term_label(Side(side)) if side in MEASURED_SIDES else side} {dose}"
                for side, dose in row["sides"]
            )
            row["side_words"] = _("sides differ")
        else:
            side, row["dose"] = row["sides"][0]
            row["side_words"] = (
                _("each side")
                if side == "both" and row["details"]["per_side"]
                else (term_label(Side(side)) if side in MEASURED_SIDES else "")
            )
    return rows


def _phase_name(plan: DayPlan) -> str:
    """The plan's phase: in English its id in words, as it always was; in another language
    the name the program's translation gives it."""
    if (translation.get_language() or "en").startswith("en"):
        return plan.phase.replace("_", " ")
    program = content_library().programs.get(plan.program)
    found = next((p for p in program.phases if p.id == plan.phase), None) if program else None
    return found.name if found else plan.phase.replace("_", " ")


def today(request: HttpRequest) -> HttpResponse:
    plan = _plan_or_redirect(request)
    if isinstance(plan, HttpResponse):
        return plan
    day = plan.date
    context = {
        "nav": "today",
        "plan": plan,
        "exercises": _exercises(plan),
        "count": timeline(plan).exercises,
        "phase_name": _phase_name(plan),
        "figure_urls": plan_figure_urls(plan),
        "morning_check": needs_morning_check(person_of(request), day, now=days.now()),
        "unfinished": unfinished_evening(person_of(request), today=day, now=days.now()),
        "logged": own_records.workouts(person_of(request)).filter(date=day).first(),
        "scores": range(11),
        "pain_form": PainForm(auto_id="morning-%s"),
        "gate": plan.gate,
        # what may end the day's stop or hold is the plan's (a clearance, a test, a screen)
        "form": ClearanceForm() if StopEnd.clearance in plan.ended_by else None,
        "lesson": content_library().lessons.get(plan.lesson.id) if plan.lesson else None,
        # the "running after this" switch is for runners (and stays while it is on)
        "offer_pre_run": plan.pre_run or Goal.running in profile_of(person_of(request)).goals,
        "check_reason": plan.check_reason_in(active_words()),
    }
    return render(request, "web/today.html", context)


@require_POST
def pre_run(request: HttpRequest) -> HttpResponse:
    """The "running after this" switch: kept in the login session, for today only."""
    on = request.POST.get("pre_run") == "on"
    request.session[PRE_RUN_KEY] = days.today().isoformat() if on else None
    return redirect("today")


def player(request: HttpRequest) -> HttpResponse:
    """The hands-free player of today's plan; closed, with the reason and what to do instead,
    when the plan stops (a red flag, a referral) or has nothing to do.

    Until the person's night is over, a workout begun the evening before and left unfinished
    is the one played (a reload just after midnight resumes it, as that evening's);
    `?day=today` plays today's instead."""
    today_ = days.today()
    evening = unfinished_evening(person_of(request), today=today_, now=days.now())
    on = evening if evening is not None and request.GET.get("day") != "today" else today_
    plan = _plan_or_redirect(request, on)
    if isinstance(plan, HttpResponse):
        return plan
    steps = timeline(plan, active_words())
    day = plan.date.isoformat()
    data = {
        "plan": plan.to_json(),
        "timeline": steps.to_json(),
        "exercises": {e.id: exercise_details(e.id) for e in plan.exercises},
        "figures": plan_figures(plan),
        "pace": settings.PLAYER_PACE,
        # worst first, with their words: the player counts and names a run with them
        "statuses": [{"value": s.value, "label": term_label(s)} for s in STATUS_ORDER],
        "words": player_words(),
        "log_url": reverse("api-1:log_workout"),
        "exercise_url": reverse("api-1:log_exercise", args=[day]),
        "pain_url": reverse("api-1:report_pain"),
    }
    return render(
        request,
        "web/player.html",
        {
            "nav": "today",
            "plan": plan,
            "data": data,
            "steps": steps.steps,
            "exercises": steps.exercises,
            "equipment": _equipment(plan),
            "get_ready_s": GET_READY_S,
            "scores": range(11),
            "pain_form": PainForm(auto_id="pain-%s"),
            "evening": evening if plan.date == evening else None,
        },
    )


def _equipment(plan: DayPlan) -> list[str]:
    """What today's workout needs (a mat, a ball, a band, a wall, a chair), each named once."""
    found = (exercise(e.id) for e in plan.exercises)
    return equipment_words((e for e in found if e is not None), _)


@require_POST
def pain(request: HttpRequest) -> HttpResponse:
    """The one-tap pain report (the next-morning check on the today page)."""
    form = PainForm(request.POST)
    if not form.is_valid():
        wrong = [f for f in ("side", "place") if f in form.errors]
        messages.error(
            request,
            _("Choose the side and the place from the list.")
            if len(wrong) == 2
            else _("Choose the side from the list.")
            if wrong == ["side"]
            else _("Choose the place from the list.")
            if wrong
            else _("Choose a pain score from 0 to 10."),
        )
        return redirect("today")
    person, today_ = person_of(request), days.today()
    score = form.cleaned_data["score"]
    try:
        row = report_pain(
            person,
            on=today_,
            when=form.cleaned_data["when"],
            score=score,
            today=today_,
            side=form.cleaned_data["side"],
            place=form.cleaned_data["place"],
        )
    except InputError as exc:
        messages.error(request, str(exc))
        return redirect("today")
    answer = pain_answer(person, row, today=today_)
    if not answer.decisions:
        messages.success(
            request, _("Saved: pain {score} out of 10. Thank you.").format(score=score)
        )
        return redirect("today")
    # answered where it is given: what the plan now does, in its words, the safety check first
    first = " " + _("Answer the safety questions first (below).") if answer.screen_first else ""
    words = active_words()
    said = " ".join(d.in_words(words).reason for d in answer.decisions)
    saved = _("Saved: pain {score} out of 10.").format(score=score)
    messages.warning(request, f"{saved}{first} {said}")
    return redirect("today")


def account_context(person: User) -> dict[str, object]:
    """What the account page shows of `person`: the program, whether a calendar feed is on,
    and their reminder choices."""
    enrollment = current_enrollment(person)
    program = content_library().programs.get(enrollment.program) if enrollment else None
    return {
        "nav": "account",
        "enrollment": enrollment,
        "program_name": program.name if program else (enrollment and enrollment.program),
        "has_feed": calendar_feed.has_feed(person),
        "reminders": reminders.reminders_of(person),
        "vapid_key": push.public_key(),
        "hours": range(24),
        "language": languages.profile_language(person),
        "languages": settings.LANGUAGES,
    }


def account(request: HttpRequest) -> HttpResponse:
    return render(request, "web/account.html", account_context(person_of(request)))


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """The account page's language choice: one of settings.LANGUAGES, or "" for the browser's.
    Saved to the profile (the terminal reads it too) and to Django's language cookie, so the
    log-in page after a log-out speaks it as well."""
    code = request.POST.get("language", "")
    if not languages.choose_language(person_of(request), code):
        messages.error(request, _("That language is not offered; nothing was changed."))
        return redirect("account")
    request.session[SESSION_LANGUAGE_KEY] = code
    response = redirect("account")
    if code:
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, samesite="Lax", max_age=None)
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    return response


@runs_pose
def measure(request: HttpRequest) -> HttpResponse:
    """The weekly reassessment: both hips again, compared like for like with the last test.

    Typed in, or measured by the guided tilt-sensor test (`static/web/measure.js`), which fills
    and sends this same form: both pass the same checks (`tracking.measuring.measure`)."""
    latest = own_records.measurements(person_of(request)).filter(kind="ir").first()
    initial = {"position": latest.position, "method": latest.method} if latest else {}
    form = MeasurementForm(request.POST or None, initial=initial)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = store_test(
                person_of(request),
                on=days.today(),
                today=days.today(),
                position=form.cleaned_data["position"],
                method=form.cleaned_data["method"],
                left=form.trials("left"),
                right=form.trials("right"),
            )
        except InputError as exc:
            form.add_error(None, str(exc))
        else:  # next time, the same position and method as the test just saved
            initial = {"position": result.test.position, "method": result.test.method}
            form = MeasurementForm(initial=initial)
    sides = [(side.value, form.side_fields(side)) for side in MEASURED_SIDES]
    words = active_words()  # the engine's words about the test, in the reader's language
    changes = (
        [(side, change.said().render(words)) for side, change in result.changes.items()]
        if result
        else []
    )
    # What was saved, a side's trials and how far apart they are (their spread)
    saved = [
        (side, [f"{round(t, 1):g}" for t in trials], f"{round(max(trials) - min(trials), 1):g}")
        for side, trials in (result.trials.items() if result else ())
        if trials
    ]
    return render(
        request,
        "web/measure.html",
        {
            "nav": "progress",
            "form": form,
            "sides": sides,
            "result": result,
            "retest": rendered(result.retest, words) if result else "",
            "changes": changes,
            "saved": saved,
            "first": latest is None,  # no test before this page: the first, saved or not
        },
    )
