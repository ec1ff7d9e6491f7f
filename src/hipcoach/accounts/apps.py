from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hipcoach.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from hipcoach.accounts.limits import note_log_in

        user_logged_in.connect(note_log_in, dispatch_uid="hipcoach.accounts.note_log_in")
