"""`hipcoach serve`: the web app on http://127.0.0.1:8000 (migrations applied, content loaded)."""

from __future__ import annotations

import os

import typer

from hipcoach.cli.output import console, errors


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    threads: int = typer.Option(8, "--threads", min=1, max=64, help="Worker threads."),
) -> None:
    """Run the web app: apply migrations, load the content, then serve until stopped.

    Development needs nothing set (SQLite in the data home). Production mode
    (HIPCOACH_PRODUCTION=1) refuses to start without HIPCOACH_SECRET_KEY and
    HIPCOACH_ALLOWED_HOSTS. Several processes may serve one PostgreSQL (DATABASE_URL).

    Example: hipcoach serve --host 0.0.0.0 --port 8080
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hipcoach.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        errors.print(f"Cannot start: {exc}", style="bold red")
        raise typer.Exit(2) from None

    from waitress import serve as waitress_serve

    from hipcoach.web.startup import prepare

    try:
        summary = prepare()
    except Exception as exc:  # a broken database or content must stop the start, loudly
        errors.print(f"Cannot start: {exc}", style="bold red")
        raise typer.Exit(2) from None
    from hipcoach.wsgi import application

    shown = f"[{host}]" if ":" in host else host
    console.print(f"{summary}\nhipcoach is running on http://{shown}:{port}/ (Ctrl+C stops it)")
    waitress_serve(application, host=host, port=port, threads=threads, ident="hipcoach")
