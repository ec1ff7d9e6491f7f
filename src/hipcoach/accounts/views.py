"""Sign-up, log-in, password reset and API tokens; the password views are Django's own, with
rate limits (hipcoach.accounts.limits) in front of everything that guesses or sends email."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from hipcoach.accounts import limits
from hipcoach.accounts.forms import SignUpForm, TokenForm
from hipcoach.accounts.models import ApiToken

log = logging.getLogger(__name__)


@login_not_required
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today")
    if request.method == "POST":
        limits.check(request, "signup")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        tell_owners_of_the_email(request, user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("onboarding")
    return render(request, "registration/signup.html", {"form": form})


def tell_owners_of_the_email(request: HttpRequest, new: User) -> None:
    """When other accounts already use the new account's email, tell that address (its owner,
    not the person signing up, who gets the same answer as anyone)."""
    others = [
        user
        for user in User.objects.filter(email__iexact=new.email).exclude(pk=new.pk)
        if user.is_active
    ]
    if not others:
        return
    names = [user.get_username() for user in others]
    context = {
        "new": new.get_username(),
        "names": names,
        "reset_url": request.build_absolute_uri(reverse("password_reset")),
        "login_url": request.build_absolute_uri(reverse("login")),
    }
    try:
        send_mail(
            "hipcoach: a new account with your email address",
            render_to_string("registration/email_in_use_email.txt", context),
            None,
            sorted({user.email for user in others}),  # as the owners wrote it
        )
    except OSError:  # the mail server is down: the sign-up itself stands; say so in the log
        log.exception("could not tell %s about a new account with their address", new.email)


class LoginView(auth.LoginView):
    """Django's log-in; django-axes locks out an address + user name after repeated wrong
    passwords, and every address has a ceiling on attempts whatever the user names."""

    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        limits.check(request, "login")
        return super().post(request, *args, **kwargs)


class PasswordResetView(auth.PasswordResetView):
    """Django's reset by email, limited per address asking and per email address asked for."""

    def post(self, request, *args, **kwargs):
        limits.check(request, "password_reset")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        limits.check(self.request, "password_reset_email", value=form.cleaned_data["email"])
        return super().form_valid(form)


class PasswordResetConfirmView(auth.PasswordResetConfirmView):
    """Django's reset link; each address may try a limited number of links."""

    @method_decorator(login_not_required)
    def dispatch(self, *args, **kwargs):
        limits.check(self.request, "reset_link")
        return super().dispatch(*args, **kwargs)


def tokens(request: HttpRequest) -> HttpResponse:
    person = request.user
    if not isinstance(person, User):  # LoginRequiredMiddleware lets no one else here
        raise PermissionDenied("log in first")
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _, new_key = ApiToken.issue(person, form.cleaned_data["name"])
        form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": person.api_tokens.all(),
            "new_key": new_key,
            "lifetime_days": settings.API_TOKEN_DAYS,
        },
    )


@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    token.delete()
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("tokens")
