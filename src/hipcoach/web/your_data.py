"""The person's data is theirs, on the web: everything downloaded (the backup document that
`hipcoach restore` reads, or the CSV table of `hipcoach export`) and the account deleted with
every record in it, after the password is asked again.

The files are made by `hipcoach.tracking.exchange`, the terminal's own export functions; the
API's export answers with the same responses (`hipcoach.api.your_data`).
"""

from __future__ import annotations

import json

from django import forms
from django.contrib.auth import logout
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hipcoach.accounts import limits
from hipcoach.accounts.deletion import delete_person, in_words, listed, what_is_kept
from hipcoach.tracking import exchange


def _download(text: str, person: User, suffix: str, content_type: str) -> HttpResponse:
    name = f"hipcoach-{person.get_username()}-{timezone.localdate():%Y-%m-%d}.{suffix}"
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"  # health data: never kept by a shared cache
    return response


def backup_file(person: User) -> HttpResponse:
    """Everything, as the backup document of `hipcoach backup` (which `hipcoach restore` reads)."""
    text = json.dumps(exchange.backup_document(person), indent=2, ensure_ascii=False) + "\n"
    return _download(text, person, "json", "application/json; charset=utf-8")


def table_file(person: User) -> HttpResponse:
    """Everything as one tidy table, as `hipcoach export --format csv` writes it."""
    return _download(exchange.export_csv(person), person, "csv", "text/csv; charset=utf-8")


def _person(request: HttpRequest) -> User:
    """The logged-in person (every page here needs a login: LoginRequiredMiddleware)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("log in first")
    return user


def export_json(request: HttpRequest) -> HttpResponse:
    return backup_file(_person(request))


def export_csv(request: HttpRequest) -> HttpResponse:
    return table_file(_person(request))


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def delete_account(request: HttpRequest) -> HttpResponse:
    """What deleting removes, the password asked again, then everything deleted for good."""
    person = _person(request)
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        limits.check(request, "login", count=False)
        if person.check_password(form.cleaned_data["password"]):
            name = person.get_username()
            removed = delete_person(person)
            logout(request)
            return render(
                request,
                "web/account_deleted.html",
                {"name": name, "removed": removed, "in_words": in_words(removed)},
            )
        limits.check(request, "login")  # wrong passwords count as log-in attempts do
        form.add_error("password", "That is not your password. Nothing was deleted.")
    return render(
        request,
        "web/delete_account.html",
        {"nav": "account", "form": form, "kept": listed(what_is_kept(person))},
    )
