"""The person's data is theirs, on the web: everything downloaded (the backup document that
`hipcoach restore` reads, the CSV table of `hipcoach export`, or a FHIR R4 Bundle), a PDF
report of a period for their clinician with the remote-monitoring day counts, and the account
deleted with every record in it, after the password is asked again.

The files are made by `hipcoach.tracking.downloads`, from the terminal's own export functions;
the API's export answers with the same files (`hipcoach.api.your_data`).
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hipcoach.accounts import limits
from hipcoach.accounts.deletion import delete_person, in_words, listed, what_is_kept
from hipcoach.tracking import days, downloads, reports
from hipcoach.tracking.inputs import InputError
from hipcoach.web.people import person_of


def export_json(request: HttpRequest) -> HttpResponse:
    return downloads.backup(person_of(request), today=days.today()).response()


def export_csv(request: HttpRequest) -> HttpResponse:
    return downloads.table(person_of(request), today=days.today()).response()


def export_fhir(request: HttpRequest) -> HttpResponse:
    return downloads.fhir(person_of(request), today=days.today()).response()


class ReportForm(forms.Form):
    first = forms.DateField(
        required=False,
        label="From (leave empty for 90 days back)",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    last = forms.DateField(
        required=False,
        label="To (leave empty for today)",
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def report(request: HttpRequest) -> HttpResponse:
    """The PDF report: the period asked, and the days with data in each 30-day period. With a
    period (`?first=…&last=…`, from the form, `download` set) it answers with the PDF; a bad
    period is shown on the page, and nothing is made."""
    person, today = person_of(request), days.today()
    asked = "download" in request.GET
    form = ReportForm(request.GET if asked else None)
    status = 200
    if asked and form.is_valid():
        try:
            return downloads.report(
                person,
                today=today,
                first=form.cleaned_data["first"],
                last=form.cleaned_data["last"],
            ).response()
        except InputError as exc:
            form.add_error(None, str(exc))
    if asked:
        status = 400
    context = {
        "nav": "account",
        "form": form,
        "period": reports.period(person, today=today),
        "monitoring": reports.monitoring(person, today=today),
        "days_min": reports.MONITORING_DAYS_MIN,
        "period_days": reports.MONITORING_PERIOD_DAYS,
    }
    return render(request, "web/report.html", context, status=status)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def delete_account(request: HttpRequest) -> HttpResponse:
    """What deleting removes, the password asked again, then everything deleted for good."""
    person = person_of(request)
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if limits.check_password(request, person, form.cleaned_data["password"]):
            name, person_id = person.get_username(), person.pk
            removed = delete_person(person)
            logout(request)
            shown = {"name": name, "removed": removed, "in_words": in_words(removed)}
            # the page tells this browser to forget what it kept of them (`person_id`)
            return render(request, "web/account_deleted.html", shown | {"person_id": person_id})
        form.add_error("password", "That is not your password. Nothing was deleted.")
    return render(
        request,
        "web/delete_account.html",
        {"nav": "account", "form": form, "kept": listed(what_is_kept(person))},
    )
