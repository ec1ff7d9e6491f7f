from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User

USERNAME_HINT = (
    "Up to 150 characters: letters, digits and . + - _ only (no @: your email goes below)."
)
# What the browser refuses before sending: an "@" or a space (the server's check takes the
# hint's letters in every alphabet, which a browser's pattern does not read alike everywhere).
USERNAME_PATTERN = r"[^@\s]+"


class SignUpForm(UserCreationForm):
    """A user name, an email (for password reset) and a password twice.

    An email address already in use is accepted like any other, so the answer never tells
    whether an account uses it; the address's owner is told by email instead (views.signup).
    A user name has to be unique, so a taken one is refused; user names cannot contain "@",
    so that refusal never reveals an email address.
    """

    email = forms.EmailField(
        required=True, help_text="Used only to reset your password.", max_length=254
    )

    class Meta:
        model = User
        fields = ("username", "email")
        # Django's own hint allows "@", which this form refuses: the hint says what it takes.
        help_texts = {"username": USERNAME_HINT}

    # Django's own returns None when the name is taken (after adding the error), though its
    # stub says `str`: the honest type is kept, against the stub's.
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["pattern"] = USERNAME_PATTERN

    def clean_username(self) -> str | None:  # type: ignore[override]
        username = self.cleaned_data.get("username") or ""
        if "@" in username:
            raise forms.ValidationError(
                "A user name cannot contain @: it is not your email (that goes below)."
            )
        return super().clean_username()

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()


class TokenForm(forms.Form):
    name = forms.CharField(max_length=60, help_text="What the token is for, e.g. 'my script'.")
