"""The TLS proxy's site for a clinic's deployment: nginx in front of several `hipcoach serve`.

One text, made here, for everyone who needs it: `hipcoach proxy-config` prints it for a
clinic's own server, the load test (`benchmarks/load/run_load.py`) and the proxy's tests run
nginx with it. It sets exactly the forwarded headers the app believes from its proxy
(`envsettings.TRUSTED_PROXY_HEADERS`), overwriting any a client sent, and keeps connections to
the app processes open.

Every value is checked before it is written into the text: nginx reads `;`, `{`, `}`, quotes
and whitespace as its own syntax, so a name or path holding one could add directives.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence

KEEPALIVE = 32  # idle connections kept open to the app processes, all of them together
UPSTREAM = "coach"  # the name of the app processes' group in the configuration
_HOST_NAME = re.compile(
    r"(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*"
)
_PATH = re.compile(r"/[A-Za-z0-9._/@+-]*")


class SiteError(ValueError):
    """A value that cannot go into the site, with what is wrong with it."""


def nginx_site(
    apps: Sequence[str],
    *,
    server_name: str,
    certificate: str,
    key: str,
    listen: str = "443",
) -> str:
    """The nginx `upstream` and `server` blocks (for nginx's `http` block, or a file in
    `sites-enabled`) that end TLS on `listen` for `server_name` and spread the requests over
    the app processes at `apps` ("host:port" each). SiteError names a value that is wrong."""
    if not apps:
        raise SiteError("name at least one app process (host:port)")
    servers = [app_address(app) for app in apps]
    if len(set(servers)) != len(servers):
        raise SiteError("an app process is named twice")
    name = _checked_name(server_name)
    lines = [f"upstream {UPSTREAM} {{"]
    lines += [f"    server {server};" for server in servers]
    lines += [
        f"    keepalive {KEEPALIVE};",
        "}",
        "server {",
        f"    listen {listen_address(listen)} ssl;",
        f"    server_name {name};",
        f"    ssl_certificate     {_checked_path(certificate, 'certificate')};",
        f"    ssl_certificate_key {_checked_path(key, 'key')};",
        "    location / {",
        f"        proxy_pass http://{UPSTREAM};",
        "        proxy_http_version 1.1;",
        '        proxy_set_header Connection "";',
        "        proxy_set_header Host $http_host;",
        "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "        proxy_set_header X-Forwarded-Proto $scheme;",
        "    }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def app_address(value: str) -> str:
    """An app process's "host:port" (an IPv6 host in brackets), as nginx reads it."""
    host, sep, port = value.rpartition(":")
    if not sep or not host:
        raise SiteError(f"app process {value!r}: give it as host:port, e.g. 127.0.0.1:8001")
    return f"{_host(host, f'app process {value!r}')}:{_port(port, f'app process {value!r}')}"


def listen_address(value: str) -> str:
    """Where nginx listens for TLS: a port, or "address:port"."""
    if ":" not in value:
        return str(_port(value, f"listen {value!r}"))
    host, _, port = value.rpartition(":")
    return f"{_host(host, f'listen {value!r}', names=False)}:{_port(port, f'listen {value!r}')}"


def _port(value: str, what: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise SiteError(f"{what}: the port must be a number from 1 to 65535")
    return int(value)


def _host(value: str, what: str, *, names: bool = True) -> str:
    bracketed = value.startswith("[") and value.endswith("]")
    try:
        address = ipaddress.ip_address(value[1:-1] if bracketed else value)
    except ValueError:
        if names and not bracketed and _HOST_NAME.fullmatch(value):
            return value
        raise SiteError(f"{what}: {value!r} is not a host name or an IP address") from None
    return f"[{address}]" if address.version == 6 else str(address)


def _checked_name(value: str) -> str:
    if value != "_" and not _HOST_NAME.fullmatch(value):
        raise SiteError(f"server name {value!r}: a host name such as coach.example.org")
    return value


def _checked_path(value: str, what: str) -> str:
    if not _PATH.fullmatch(value) or "/../" in f"{value}/":
        raise SiteError(
            f"{what} {value!r}: an absolute path of letters, digits and . _ - / @ + only"
        )
    return value
