from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "hipcoach.web"
    label = "web"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The translations are read from compiled catalogues: build any missing or stale one
        # before the first page (or terminal command) asks for a word.
        from hipcoach.catalogues import compile_catalogues

        compile_catalogues()
