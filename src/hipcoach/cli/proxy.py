"""`hipcoach proxy-config`: the nginx site for a clinic's deployment, printed to stdout."""

from __future__ import annotations

import typer

from hipcoach.cli.helptext import described, gettext_noop
from hipcoach.cli.output import fail


@described(
    gettext_noop(
        """\
Print the nginx site for a clinic's deployment: TLS on LISTEN for SERVER-NAME, the
requests spread over the app processes (`hipcoach serve`, one --app each), with exactly
the forwarded headers the app believes from its proxy (HIPCOACH_BEHIND_PROXY=1). Put it
where nginx reads sites (such as /etc/nginx/sites-enabled/), check it with `nginx -t`,
then reload nginx. Nothing is written or read but the values given.

Example: hipcoach proxy-config --server-name coach.example.org --app 127.0.0.1:8001
--app 127.0.0.1:8002 --certificate /etc/ssl/coach.pem --key /etc/ssl/coach.key
"""
    )
)
def proxy_config(
    server_name: str = typer.Option(
        ..., "--server-name", help=gettext_noop("The site's host name, as people type it.")
    ),
    app: list[str] = typer.Option(
        ..., "--app", help=gettext_noop("An app process's host:port; give one --app for each.")
    ),
    certificate: str = typer.Option(
        ..., "--certificate", help=gettext_noop("The TLS certificate (chain) file, in full.")
    ),
    key: str = typer.Option(
        ..., "--key", help=gettext_noop("The certificate's key file, in full.")
    ),
    listen: str = typer.Option(
        "443", "--listen", help=gettext_noop("The port (or address:port) to listen on for TLS.")
    ),
) -> None:
    from hipcoach.proxy_site import SiteError, nginx_site

    try:
        site = nginx_site(
            app, server_name=server_name, certificate=certificate, key=key, listen=listen
        )
    except SiteError as exc:  # said in English, as the other commands for running the install
        fail([f"error: {exc}"], code=2)
    typer.echo(site, nl=False)
