"""The clinician's pages: sign-up as a clinician, the list of their people by need, adding a
person by the code they made, one person as a therapist reads them (with the same sections and
charts as the person's own progress page), and the clinic's colleagues.

Each page parses, calls one use case of `hipcoach.clinic`, and renders. No consent is no page:
a person who has not shared with the clinic (or has revoked) is a 404, the same as no one; an
account that is not a clinician's gets 403.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hipcoach.accounts import limits
from hipcoach.accounts.forms import SignUpForm
from hipcoach.accounts.views import tell_owners_of_the_email
from hipcoach.clinic import access, accounts, adjusting, caseload, filing, reading
from hipcoach.clinic.models import Clinician
from hipcoach.clinic.sharing import WrongCode, redeem
from hipcoach.engine.dosing import dose_text
from hipcoach.engine.words import Words, rendered
from hipcoach.tracking.inputs import InputError, term_words
from hipcoach.tracking.languages import phase_name
from hipcoach.tracking.reports import MONITORING_DAYS_MIN
from hipcoach.vocabulary import Flag, PainTiming, Side, StopEnd, values
from hipcoach.web.content import library as content_library
from hipcoach.web.people import person_of
from hipcoach.web.progress import ir_svg, pain_svg, sections
from hipcoach.web.words import active_words
from hipcoach.web.your_data import ReportForm


def clinician_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of a clinician's: `view(request, clinician, ...)`; 403 for anyone else, 404 for a
    person not shared with the clinic."""

    @wraps(view)
    def page(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        try:
            clinician = access.clinician_of(person_of(request))
            return view(request, clinician, *args, **kwargs)
        except access.NotAClinician as exc:
            raise PermissionDenied(str(exc)) from exc
        except access.ReadOnly as exc:
            raise PermissionDenied(str(exc)) from exc
        except access.NoAccess as exc:
            raise Http404(str(exc)) from exc

    return page


class ClinicianSignUpForm(SignUpForm):
    name = forms.CharField(
        label="Your name as people see it", max_length=100, help_text="For example: Lena Ortiz, PT"
    )
    clinic_name = forms.CharField(
        label="A new clinic's name",
        max_length=100,
        required=False,
        help_text="Start a clinic of your own…",
    )
    invitation = forms.CharField(
        label="Or a colleague's invitation code",
        max_length=40,
        required=False,
        help_text="…or join your colleague's clinic with the code they made.",
    )


@login_not_required
def sign_up(request: HttpRequest) -> HttpResponse:
    """A clinician's account, in a new clinic or a colleague's."""
    if request.user.is_authenticated:
        return redirect("caseload")
    if request.method == "POST":
        limits.check(request, "signup")
    form = ClinicianSignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["invitation"].strip():
            limits.check(request, "share_code", count=False)
        try:
            clinician = accounts.sign_up(
                username=data["username"],
                email=data["email"],
                password=data["password1"],
                name=data["name"],
                clinic_name=data["clinic_name"],
                invitation=data["invitation"],
                now=timezone.now(),
            )
        except WrongCode as exc:
            limits.check(request, "share_code")
            form.add_error("invitation", str(exc))
        except InputError as exc:
            form.add_error(None, str(exc))
        else:
            tell_owners_of_the_email(request, clinician.account)  # as a person's sign-up does
            login(request, clinician.account, backend="django.contrib.auth.backends.ModelBackend")
            response = redirect("caseload")
            limits.remember_device(request, response, clinician.account)
            return response
    return render(request, "web/clinic_signup.html", {"form": form})


def _page_number(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("page", "1"))
    except ValueError:
        return 1


def _flag_words(flags: Iterable[str]) -> list[str]:
    """Flags as the active language names them (an unknown one as it is)."""
    return [term_words(Flag(f), "label") if f in FLAGS else f for f in flags]


def _row_words(row: caseload.Row, words: Words) -> dict[str, object]:
    """What a caseload row shows in words, in the reader's language: the phase's name (as the
    PDF and the clinic's terminal name it), when and where the last pain was felt, the flags."""
    when = row.pain_when
    return {
        "phase": phase_name(row.program or None, row.phase, words) if row.phase else "",
        "pain_when": term_words(PainTiming(when), "label")
        if when in PAIN_TIMINGS
        else row.pain_when_words,
        "pain_where": row.pain_where_in(words),
        "flags": _flag_words(row.flags),
    }


FLAGS = frozenset(values(Flag))
PAIN_TIMINGS = frozenset(values(PainTiming))


@clinician_page
def people(request: HttpRequest, clinician: Clinician) -> HttpResponse:
    """The clinician's people, who needs attention first."""
    found = caseload.caseload(
        clinician,
        page=_page_number(request),
        signed_off=request.GET.get("signed_off") == "1",
        now=timezone.now(),
    )
    words = active_words()
    context = {
        "nav": "clinic",
        "clinician": clinician,
        "caseload": found,
        # each row with its reasons, phase, pain timing and flags in the reader's words
        "rows": [(row, row.reasons_in(words), _row_words(row, words)) for row in found.rows],
        "days_min": MONITORING_DAYS_MIN,
    }
    return render(request, "web/clinic_people.html", context)


@clinician_page
def add_person(request: HttpRequest, clinician: Clinician) -> HttpResponse:
    """Redeem the code a person made: they join the list (wrong codes count as guesses)."""
    error = ""
    if request.method == "POST":
        limits.check(request, "share_code", count=False)
        try:
            share = redeem(clinician, request.POST.get("code", ""), now=timezone.now())
        except WrongCode as exc:
            limits.check(request, "share_code")
            error = str(exc)
        else:
            name = share.person.get_username()
            messages.success(request, f"{name} shares their record with {share.clinic.name}.")
            return redirect("clinic_person", person_id=share.person_id)
    context = {"nav": "clinic", "clinician": clinician, "error": error}
    return render(request, "web/clinic_add.html", context, status=400 if error else 200)


def _side(side: str, words: Words) -> str:
    """An exercise's side as the list names it: "" for both, in English its id ("left", as it
    always was), else the side's label in the reader's language."""
    if side == Side.both:
        return ""
    return str(side) if words.english else words.term(Side(side))


@clinician_page
def person(request: HttpRequest, clinician: Clinician, person_id: int) -> HttpResponse:
    """One person as a therapist reads them."""
    found = reading.read_person(clinician, person_id, now=timezone.now())
    words = active_words()  # the clinician's language, whatever the person's
    shown = sections(found.person, found.progress)
    plan = found.progress.plan
    context = shown | {
        "nav": "clinic",
        "clinician": clinician,
        "reading": found,
        "plan": plan.in_words(words) if plan else None,
        # the phase as the clinician's language names it (the plan keeps its id)
        "phase_words": phase_name(plan.program, plan.phase, words) if plan else "",
        "days": [  # each with its phase as the clinician's language names it
            (day.in_words(words), phase_name(day.program, day.phase, words)) for day in found.days
        ],
        # why there is no plan (run too long, program gone), in the clinician's words
        "unplanned": rendered(found.progress.unplanned, words),
        "clearable": found.progress.plan is None
        or bool({StopEnd.clearance, StopEnd.clinician} & set(found.progress.plan.ended_by)),
        "exercises": [  # today's, in the clinician's words
            (words.name(item.id, item.name), _side(item.side, words), dose_text(item, words=words))
            for item in (found.progress.plan.exercises if found.progress.plan else ())
        ],
        "own": False,
        "programs": sorted(
            (program.name, program_id)
            for program_id, program in content_library().programs.items()
            if found.progress.program != program_id
        ),
        "library": sorted((ex.name, ex_id) for ex_id, ex in content_library().exercises.items()),
        "ir_chart_url": reverse("clinic_ir_chart", args=[person_id]),
        "pain_chart_url": reverse("clinic_pain_chart", args=[person_id]),
        "report_url": reverse("clinic_report", args=[person_id]),
        # the summary on top: the plan's flags in words, the latest pain report
        "flag_words": _flag_words(plan.flags if plan else ()),
        "last_pain": shown["pain"][-1] if shown["pain"] else None,  # type: ignore[index]
    }
    return render(request, "web/clinic_person.html", context)


@require_POST
@clinician_page
def adjust(request: HttpRequest, clinician: Clinician, person_id: int) -> HttpResponse:
    """One choice for the person's plan (a note, a re-test date, an exercise left out, swapped
    or capped, the phase held or advanced, another program)."""
    try:
        adjusting.adjust(
            clinician,
            person_id,
            kind=request.POST.get("kind", ""),
            date=request.POST.get("date") or None,
            text=request.POST.get("text", ""),
            exercise=request.POST.get("exercise", ""),
            program=request.POST.get("program", ""),
            swap_to=request.POST.get("swap_to", ""),
            sets=request.POST.get("sets") or None,
            reps=request.POST.get("reps") or None,
            seconds=request.POST.get("seconds") or None,
            now=timezone.now(),
        )
    except InputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Saved: the person sees it in their plan, as your choice.")
    return redirect("clinic_person", person_id=person_id)


@require_POST
@clinician_page
def clear(request: HttpRequest, clinician: Clinician, person_id: int) -> HttpResponse:
    """The clinician's clearance of the person to exercise, signed with their name."""
    try:
        adjusting.clear(clinician, person_id, note=request.POST.get("note", ""), now=timezone.now())
    except InputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Your clearance is recorded: their plan goes on.")
    return redirect("clinic_person", person_id=person_id)


@require_POST
@clinician_page
def sign_off(request: HttpRequest, clinician: Clinician, person_id: int) -> HttpResponse:
    """Sign off the person's episode: they see it, and leave the list until a new flag."""
    try:
        adjusting.sign_off(
            clinician, person_id, note=request.POST.get("note", ""), now=timezone.now()
        )
    except InputError as exc:
        messages.error(request, str(exc))
        return redirect("clinic_person", person_id=person_id)
    messages.success(request, "Signed off: they leave your list until a new flag appears.")
    return redirect("caseload")


@require_POST
@clinician_page
def end_adjustment(
    request: HttpRequest, clinician: Clinician, person_id: int, adjustment_id: int
) -> HttpResponse:
    try:
        adjusting.end(clinician, person_id, adjustment_id, now=timezone.now())
    except InputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Ended: the plan goes on without it.")
    return redirect("clinic_person", person_id=person_id)


@clinician_page
def ir_chart(request: HttpRequest, clinician: Clinician, person_id: int) -> HttpResponse:
    return ir_svg(*reading.chart_person(clinician, person_id, now=timezone.now()))


@clinician_page
def pain_chart(request: HttpRequest, clinician: Clinician, person_id: int) -> HttpResponse:
    return pain_svg(*reading.chart_person(clinician, person_id, now=timezone.now()))


@clinician_page
def report(request: HttpRequest, clinician: Clinician, person_id: int) -> HttpResponse:
    """The person's PDF report of a period: with `download` set (`?first=…&last=…`, empty for
    the last 90 days) the PDF itself, a line of their trail; else, or for a period that does
    not fit, the form again with the reason (nothing made, nothing logged)."""
    asked = "download" in request.GET
    form = ReportForm(request.GET if asked else None)
    if asked and form.is_valid():
        try:
            return filing.report(
                clinician,
                person_id,
                first=form.cleaned_data["first"],
                last=form.cleaned_data["last"],
                now=timezone.now(),
            ).response()
        except InputError as exc:
            form.add_error(None, str(exc))
    found = filing.period_of(clinician, person_id, now=timezone.now())
    context = {
        "nav": "clinic",
        "clinician": clinician,
        "person_id": person_id,
        "name": access.share_for(clinician, person_id).person.get_username(),
        "form": form,
        "period": found,
    }
    return render(request, "web/clinic_report.html", context, status=400 if asked else 200)


@clinician_page
def fhir(request: HttpRequest, clinician: Clinician, person_id: int) -> HttpResponse:
    """The person's tests, pain scores and program as a FHIR R4 Bundle: a line of their trail."""
    return filing.fhir(clinician, person_id, now=timezone.now()).response()


@clinician_page
def colleagues(request: HttpRequest, clinician: Clinician) -> HttpResponse:
    context = {
        "nav": "clinic",
        "clinician": clinician,
        "colleagues": accounts.colleagues(clinician),
    }
    return render(request, "web/clinic_colleagues.html", context)


@require_POST
@clinician_page
def invite(request: HttpRequest, clinician: Clinician) -> HttpResponse:
    """A code for a colleague to join the clinic at sign-up, shown once."""
    code = accounts.invite(clinician, now=timezone.now())
    context = {
        "nav": "clinic",
        "clinician": clinician,
        "colleagues": accounts.colleagues(clinician),
        "invitation": code,
        "days": accounts.INVITATION_DAYS,
    }
    return render(request, "web/clinic_colleagues.html", context)
