"""`hipcoach serve`: the web app on http://127.0.0.1:8000 (migrations applied, content loaded)."""

from __future__ import annotations

import typer

from hipcoach.cli import collect_again
from hipcoach.cli.helptext import described, gettext_noop
from hipcoach.cli.output import console, errors, start_django


@described(
    gettext_noop(
        """\
Run the web app: apply migrations, load the content, then serve until stopped.

Development needs nothing set (SQLite in the data home). Production mode
(HIPCOACH_PRODUCTION=1) refuses to start without a strong HIPCOACH_SECRET_KEY and
HIPCOACH_ALLOWED_HOSTS. Behind a TLS proxy, HIPCOACH_BEHIND_PROXY=1 believes the
X-Forwarded-For and X-Forwarded-Proto headers of a proxy on 127.0.0.1 (or at
HIPCOACH_TRUSTED_PROXY), and of no one else. Several processes may serve one database.

Example: hipcoach serve --host 0.0.0.0 --port 8080
"""
    )
)
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help=gettext_noop("Address to listen on.")),
    port: int = typer.Option(
        8000, "--port", min=1, max=65535, help=gettext_noop("Port to listen on.")
    ),
    threads: int | None = typer.Option(
        None,
        "--threads",
        min=1,
        max=256,
        help=gettext_noop("Worker threads (default: 8, or more with more password-hash slots)."),
    ),
) -> None:
    start_django()

    from waitress.server import create_server

    from hipcoach.tracking.database import prepare

    try:
        summary = prepare()
    except Exception as exc:  # a broken database or content must stop the start, loudly
        errors.print(f"Cannot start: {exc}", style="bold red")
        raise typer.Exit(2) from None
    from hipcoach.accounts import upkeep
    from hipcoach.wsgi import application

    upkeep.start()  # expired sessions and rate-limit counts cleared now and every few hours

    shown = f"[{host}]" if ":" in host else host
    if threads is None:
        threads = default_threads()
    try:
        server = create_server(
            application, host=host, port=port, threads=threads, ident="hipcoach", **proxy_options()
        )
    except OSError as exc:  # the port is taken, or the address is not this machine's
        errors.print(
            f"Cannot start: {shown}:{port} cannot be used ({exc.strerror or exc}): is hipcoach "
            "or another program already running there? Choose another with --port",
            style="bold red",
        )
        raise typer.Exit(2) from None
    collect_again()
    console.print(f"{summary}\nhipcoach is running on http://{shown}:{port}/ (Ctrl+C stops it)")
    server.run()


def default_threads() -> int:
    """8, or enough that the password-hash gate at its fullest (every slot hashing, every
    waiting place of both classes taken: three times the slots) leaves 2 threads for pages
    and the API."""
    from django.conf import settings

    return max(8, 3 * settings.PASSWORD_HASH_SLOTS + 2)


def proxy_options() -> dict[str, object]:
    """waitress's own trusted-proxy settings: the forwarded headers of the configured proxy
    (the client's address, the scheme) are believed; from any other peer they are removed."""
    from django.conf import settings

    from hipcoach.envsettings import TRUSTED_PROXY_HEADERS

    if not settings.TRUSTED_PROXY:
        return {"clear_untrusted_proxy_headers": True}
    return {
        "trusted_proxy": settings.TRUSTED_PROXY,
        "trusted_proxy_count": 1,
        "trusted_proxy_headers": set(TRUSTED_PROXY_HEADERS),
        "clear_untrusted_proxy_headers": True,
    }
