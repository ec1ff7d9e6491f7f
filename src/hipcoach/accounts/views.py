"""Sign-up, log-in, password reset and API tokens; the password views are Django's own, with
rate limits (hipcoach.accounts.limits) in front of everything that guesses or sends email."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import login
from django.contrib.auth import views as auth
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hipcoach.accounts import hashing, limits, mailing
from hipcoach.accounts.forms import SignUpForm, TokenForm
from hipcoach.accounts.models import ApiToken
from hipcoach.tracking.languages import mail_language


@login_not_required
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today")
    if request.method == "POST":
        hashing.refuse_strangers_while_full()
        limits.check(request, "signup")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        tell_owners_of_the_email(request, user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        response = redirect("onboarding")
        limits.remember_device(request, response, user)
        return response
    return render(request, "registration/signup.html", {"form": form})


def tell_owners_of_the_email(request: HttpRequest, new: User) -> None:
    """When other accounts already use the new account's email, tell that address (its owner,
    not the person signing up, who gets the same answer as anyone, in the same time: the email
    goes after the answer, `hipcoach.accounts.mailing`)."""
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
    by_language: dict[str, set[str]] = {}  # each owner in their account's language
    for user in others:
        by_language.setdefault(mail_language(user), set()).add(user.email)  # as they wrote it

    def send() -> None:
        for language, to in sorted(by_language.items()):
            with translation.override(language):
                send_mail(
                    _("hipcoach: a new account with your email address"),
                    render_to_string("registration/email_in_use_email.txt", context),
                    None,
                    sorted(to),
                )

    mailing.send_later(send, f"the new-account notice for {new.email}")


class LoginView(auth.LoginView):
    """Django's log-in, with the limits of `hipcoach.accounts.limits`: a ceiling per network
    whatever the user names, the account's back-off after wrong passwords from anywhere (which
    its known devices pass, as they pass the ceiling, and their passwords are hashed first),
    and django-axes' lock-out of a network and user name."""

    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = str(request.POST.get("username", ""))
        if not limits.known_accounts(request):  # no device's cookie: shed before any work
            hashing.refuse_strangers_while_full()
        if limits.known_device_pass(request, username):
            with hashing.priority():  # the owner's own browser: first, whatever floods
                return super().post(request, *args, **kwargs)
        limits.check(request, "login")
        limits.refuse_while_backing_off(username)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        username, password = form.data.get("username"), form.data.get("password")
        locked = getattr(self.request, "axes_locked_out", False)  # nothing was checked
        if username and password and not locked:
            limits.wrong_password(str(username))
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)
        limits.remember_device(self.request, response, form.get_user())
        return response


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form; the emails go after the answer, and at most
    `RESET_EMAILS_PER_ADDRESS` to one address (the answer is the same past it)."""

    def save(self, *args, **kwargs):
        if limits.may_send_reset_email(self.cleaned_data["email"]):
            super().save(*args, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        """Send after the answer, in the account's language (else British English), not the
        language of whoever asked."""
        parent = super().send_mail
        language = mail_language(context["user"])

        def send() -> None:
            with translation.override(language):
                parent(subject_template_name, email_template_name, context, *args, **kwargs)

        mailing.send_later(send, "a password-reset email")


class PasswordResetView(auth.PasswordResetView):
    """Django's reset by email, limited per network asking; emails per address asked for are
    limited without changing the answer, so a stranger cannot stop a person's own reset."""

    form_class = PasswordResetForm
    # not registration/…: django.contrib.auth's own subject, earlier in INSTALLED_APPS, hid it
    subject_template_name = "accounts/password_reset_subject.txt"

    def post(self, request, *args, **kwargs):
        limits.check(request, "password_reset")
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(auth.PasswordResetConfirmView):
    """Django's reset link; each network may try a limited number of links. A good link sets
    the new password, ends the account's back-off and the lock-outs of its user name, and
    makes this browser a known device of the account: its next log-in passes any new back-off,
    so a reset always gets the owner in."""

    @method_decorator(login_not_required)
    def dispatch(self, *args, **kwargs):
        limits.check(self.request, "reset_link")
        return super().dispatch(*args, **kwargs)

    def form_valid(self, form):
        with hashing.priority():  # the link was good: this is the owner setting a password
            response = super().form_valid(form)
        from axes.models import AccessAttempt

        AccessAttempt.objects.filter(username=form.user.get_username()).delete()
        limits.forget_account(form.user.get_username())
        limits.remember_device(self.request, response, form.user)
        return response


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form; the old password is checked by `limits.check_password` (counted per
    account and per network, refused while the account backs off)."""

    request: HttpRequest

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if not limits.check_password(self.request, self.user, old_password):
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class PasswordChangeView(auth.PasswordChangeView):
    """Django's password change; the person is logged in, so both hashes (the old password
    checked, the new one made) go before any stranger's (`hipcoach.accounts.hashing`)."""

    form_class = PasswordChangeForm

    def post(self, request, *args, **kwargs):
        with hashing.priority():
            return super().post(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.request = self.request
        return form


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
