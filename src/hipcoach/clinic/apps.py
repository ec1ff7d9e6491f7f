from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "hipcoach.clinic"
    label = "clinic"
    verbose_name = "hipcoach clinic"
    default_auto_field = "django.db.models.BigAutoField"
