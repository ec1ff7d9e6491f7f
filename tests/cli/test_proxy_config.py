"""`hipcoach proxy-config` prints the nginx site a clinic runs (the same text the load test
and the proxy's tests run nginx with: `tests/web/test_behind_tls_proxy.py`); a value nginx
would read as its own syntax is refused, naming it, and nothing is printed."""

from __future__ import annotations

import pytest

SITE = [
    "proxy-config",
    "--server-name",
    "coach.example.org",
    "--app",
    "127.0.0.1:8001",
    "--app",
    "127.0.0.1:8002",
    "--certificate",
    "/etc/ssl/coach.pem",
    "--key",
    "/etc/ssl/private/coach.key",
]


def test_the_site_spreads_requests_and_sets_only_the_headers_the_app_believes(coach) -> None:
    site = coach(*SITE).stdout
    assert "server 127.0.0.1:8001;\n    server 127.0.0.1:8002;" in site
    assert "listen 443 ssl;" in site and "server_name coach.example.org;" in site
    assert "ssl_certificate_key /etc/ssl/private/coach.key;" in site
    headers = [line.split()[1] for line in site.splitlines() if "proxy_set_header" in line]
    assert headers == ["Connection", "Host", "X-Forwarded-For", "X-Forwarded-Proto"]
    assert site.count("{") == site.count("}")


def test_an_ipv6_app_and_a_listen_address(coach) -> None:
    site = coach(*SITE[:3], "--app", "[::1]:8001", *SITE[7:], "--listen", "10.0.0.5:8443").stdout
    assert "server [::1]:8001;" in site and "listen 10.0.0.5:8443 ssl;" in site


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--server-name", "coach.example.org; return 302 http://evil", "server name"),
        ("--server-name", "", "server name"),
        ("--app", "127.0.0.1", "host:port"),
        ("--app", "127.0.0.1:0", "1 to 65535"),
        ("--app", "127.0.0.1:70000", "1 to 65535"),
        ("--app", "evil.example;}:80", "not a host name"),
        ("--certificate", "coach.pem", "absolute path"),
        ("--certificate", "/etc/ssl/coach.pem; include /etc/shadow", "absolute path"),
        ("--key", "/etc/ssl/../shadow", "absolute path"),
        ("--listen", "https", "1 to 65535"),
    ],
)
def test_a_value_nginx_would_read_as_syntax_is_refused(coach, option, value, said) -> None:
    given = list(SITE)
    if option == "--app":
        given[4] = value
    elif option == "--listen":
        given += ["--listen", value]
    else:
        given[given.index(option) + 1] = value
    refused = coach(*given, ok=False)
    assert refused.exit_code == 2
    assert refused.stdout == ""
    assert said in refused.stderr and repr(value) in refused.stderr
    assert "Traceback" not in refused.stderr


def test_the_same_app_twice_is_refused(coach) -> None:
    refused = coach(*SITE[:5], "--app", "127.0.0.1:8001", *SITE[7:], ok=False)
    assert refused.exit_code == 2 and "named twice" in refused.stderr


def test_the_deployment_page_shows_what_the_command_prints() -> None:
    import re
    import textwrap
    from pathlib import Path

    from hipcoach.proxy_site import nginx_site

    page = (Path(__file__).resolve().parents[2] / "docs" / "deploying.md").read_text()
    shown = textwrap.dedent(re.search(r"```nginx\n(.*?)```", page, re.S).group(1))
    apps = ["127.0.0.1:8001", "127.0.0.1:8002", "127.0.0.1:8003"]
    assert shown == nginx_site(
        apps,
        server_name="coach.example.org",
        certificate="/etc/ssl/coach.pem",
        key="/etc/ssl/coach.key",
    )
