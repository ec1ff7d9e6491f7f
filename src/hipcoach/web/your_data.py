"""The person's data is theirs, on the web: everything downloaded (the backup document that
`hipcoach restore` reads, or the CSV table of `hipcoach export`) and the account deleted with
every record in it, after the password is asked again.

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
from hipcoach.tracking import days, downloads
from hipcoach.web.people import person_of


def export_json(request: HttpRequest) -> HttpResponse:
    return downloads.backup(person_of(request), today=days.today()).response()


def export_csv(request: HttpRequest) -> HttpResponse:
    return downloads.table(person_of(request), today=days.today()).response()


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
