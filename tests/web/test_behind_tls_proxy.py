"""Production behind a real TLS-terminating reverse proxy: Debian's nginx, started here with a
throw-away certificate, in front of `hipcoach serve`. Over https: HSTS, no redirect loop,
sign-up and log-in (with the browser's Origin check) work; the app believes the forwarded
headers of that proxy only, never of another peer."""

from __future__ import annotations

import http.client
import http.cookiejar
import os
import re
import shutil
import ssl
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from deploykit import run_load

NGINX = run_load().NGINX
PASSWORD = "behind-the-proxy-42"
SECRET_KEY = "Zq7-proxy-test-key-" + "x1y2z3w4v5u6t7s8r9q0p" + "AbCdEfGhIjK"

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def behind_nginx(tmp_path_factory):
    """(https base URL, the app's own http port, an SSL context trusting the test CA)."""
    if not os.access(NGINX, os.X_OK):
        pytest.fail(f"{NGINX} is missing: ./dev test installs Debian's nginx")
    import trustme

    run = tmp_path_factory.mktemp("proxy")
    authority = trustme.CA()
    server_cert = authority.issue_cert("localhost", "127.0.0.1")
    server_cert.private_key_and_cert_chain_pem.write_to_path(str(run / "cert.pem"))
    server_cert.private_key_pem.write_to_path(str(run / "key.pem"))
    kit = run_load()  # nginx as the load test runs it, around the site a clinic runs
    tls_port, app_port = kit.free_port(), kit.free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HIPCOACH_", "DATABASE_URL"))}
    env |= {
        "HIPCOACH_HOME": str(run / "home"),
        "HIPCOACH_PRODUCTION": "1",
        "HIPCOACH_SECRET_KEY": SECRET_KEY,
        "HIPCOACH_ALLOWED_HOSTS": "localhost",
        "HIPCOACH_BEHIND_PROXY": "1",
    }
    app_log = run / "app.log"
    with app_log.open("w") as out:
        app = subprocess.Popen(
            [str(Path(sys.executable).parent / "hipcoach"), "serve", "--port", str(app_port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    (run / "nginx.conf").write_text(kit.nginx_conf(run, tls_port, [app_port]))
    proxy = subprocess.Popen(
        [NGINX, "-p", str(run), "-e", str(run / "error.log"), "-c", str(run / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        kit.wait_for_port(app_port, app, app_log)
        kit.wait_for_port(tls_port, proxy, run / "error.log")
        context = ssl.create_default_context()
        authority.configure_trust(context)
        yield f"https://localhost:{tls_port}", app_port, context
    finally:
        for process in (proxy, app):
            process.terminate()
            process.wait(timeout=10)
        shutil.rmtree(run / "home", ignore_errors=True)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def browser(context: ssl.SSLContext, *, follow: bool = True) -> urllib.request.OpenerDirector:
    handlers = [
        urllib.request.HTTPSHandler(context=context),
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
    ]
    if not follow:
        handlers.append(NoRedirects())
    return urllib.request.build_opener(*handlers)


def post_form(opener, base: str, path: str, fields: dict[str, str]):  # type: ignore[no-untyped-def]
    page = opener.open(base + path).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    request = urllib.request.Request(
        base + path,
        urllib.parse.urlencode(fields | {"csrfmiddlewaretoken": token}).encode(),
        headers={"Origin": base, "Referer": base + path},  # as a browser sends them over https
    )
    return opener.open(request)


def test_https_pages_send_hsts_without_a_redirect_loop(behind_nginx):
    base, _, context = behind_nginx
    response = browser(context, follow=False).open(base + "/")
    assert response.status == 200  # not a redirect to https: the app knows it is https
    hsts = response.headers["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts
    login = browser(context, follow=False).open(base + "/login/")
    assert login.status == 200
    assert "Secure" in login.headers["Set-Cookie"]  # the CSRF cookie is https-only


def test_sign_up_then_log_out_and_in_over_https(behind_nginx):
    base, _, context = behind_nginx
    opener = browser(context)
    fields = {
        "username": "priya",
        "email": "priya@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    response = post_form(opener, base, "/signup/", fields)
    assert response.url == base + "/start/"
    assert "About you" in response.read().decode()
    other = browser(context)  # a second device: log in with the new account
    response = post_form(other, base, "/login/", {"username": "priya", "password": PASSWORD})
    assert response.url == base + "/start/"  # logged in; getting started comes first


def test_the_app_believes_forwarded_headers_from_the_proxy_only(behind_nginx):
    _, app_port, _ = behind_nginx
    # A client that reaches the app directly, from another address, claims https: ignored,
    # so the app still sends it to https (and a forged client address is not believed).
    direct = http.client.HTTPConnection(
        "127.0.0.1", app_port, timeout=10, source_address=("127.0.0.2", 0)
    )
    direct.request(
        "GET",
        "/login/",
        headers={
            "Host": "localhost",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "203.0.113.9",
        },
    )
    answer = direct.getresponse()
    assert answer.status == 301
    assert answer.headers["Location"] == "https://localhost/login/"
    # Plain http from the proxy's own address without the header: redirected to https too.
    local = http.client.HTTPConnection("127.0.0.1", app_port, timeout=10)
    local.request("GET", "/login/", headers={"Host": "localhost"})
    assert local.getresponse().status == 301


def test_a_client_cannot_choose_its_address_through_the_proxy(behind_nginx):
    """The proxy appends the real client address to X-Forwarded-For and the app takes the last
    one, so wrong passwords sent with made-up addresses still count against the sender."""
    base, _, context = behind_nginx
    opener = browser(context)
    statuses = []
    for i in range(5):
        page = opener.open(base + "/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        fields = {"csrfmiddlewaretoken": token, "username": "mallory", "password": "guess"}
        request = urllib.request.Request(
            base + "/login/",
            urllib.parse.urlencode(fields).encode(),
            headers={"Origin": base, "X-Forwarded-For": f"198.51.100.{i}"},
        )
        try:
            statuses.append(opener.open(request).status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
    assert statuses == [200, 200, 200, 200, 429]
