"""Sign-up, log-in, password reset and API tokens; the password views are Django's own, with
rate limits (hipcoach.accounts.limits) in front of everything that guesses or sends email."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from hipcoach.accounts import limits
from hipcoach.accounts.forms import SignUpForm, TokenForm
from hipcoach.accounts.models import ApiToken


@login_not_required
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today")
    if request.method == "POST":
        limits.check(request, "signup")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("onboarding")
    return render(request, "registration/signup.html", {"form": form})


class LoginView(auth.LoginView):
    """Django's log-in; django-axes locks out an address + user name after repeated wrong
    passwords, and every address has a ceiling on attempts whatever the user names."""

    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        limits.check(request, "login")
        return super().post(request, *args, **kwargs)


class PasswordResetView(auth.PasswordResetView):
    """Django's reset by email, limited per address asking and per email address asked for."""

    def post(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        limits.check(request, "password_reset")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        limits.check(self.request, "password_reset_email", value=form.cleaned_data["email"])
        return super().form_valid(form)


class PasswordResetConfirmView(auth.PasswordResetConfirmView):
    """Django's reset link; each address may try a limited number of links."""

    @method_decorator(login_not_required)
    def dispatch(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        limits.check(self.request, "reset_link")
        return super().dispatch(*args, **kwargs)


def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _, new_key = ApiToken.issue(request.user, form.cleaned_data["name"])
        form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": request.user.api_tokens.all(),
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
