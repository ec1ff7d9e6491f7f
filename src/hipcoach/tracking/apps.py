from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "hipcoach.tracking"
    label = "tracking"
    verbose_name = "Tracking"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hipcoach.tracking.plan_cache import watch_records

        watch_records()
