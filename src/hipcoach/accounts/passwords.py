"""What a password change does beyond the password: it ends every API token of the person."""

from __future__ import annotations


class EndTokensOnPasswordChange:
    """Ends the person's API tokens whenever their password is set: changed on the account
    page, reset by email, or set by `manage.py changepassword`.

    It sits in AUTH_PASSWORD_VALIDATORS because Django calls each validator's
    `password_changed` after a new password is saved (and not when the same password is merely
    re-hashed at log-in). It refuses no password.
    """

    def validate(self, password: str, user: object = None) -> None:
        return None

    def password_changed(self, password: str, user: object = None) -> None:
        if user is not None and getattr(user, "pk", None) is not None:
            user.api_tokens.all().delete()  # type: ignore[attr-defined]

    def get_help_text(self) -> str:
        return "A new password ends any API tokens made with the old one."
