"""Web push (RFC 8030, messages encrypted by RFC 8291's aes128gcm, signed by VAPID RFC 8292):
this server's VAPID key, the checks a browser's subscription must pass, and sending one
message to one subscription (`pywebpush`).

The VAPID key pair is made on first use and kept in the data home
(`settings.REMINDER_VAPID_KEY_FILE`, readable by its owner only), never in the repository: the
web app gives the public half to the browser as it subscribes, and the worker signs with the
private half. Two processes making it at once keep one key: the file is created by a link,
which fails if another made it first.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import ipaddress
import json
import logging
import os
import socket
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from hipcoach.tracking.inputs import InputError

if TYPE_CHECKING:
    from py_vapid import Vapid01

    from hipcoach.tracking.models import PushSubscription

ENDPOINT_MAX_CHARS = 2048  # the model's column; push services use a few hundred
P256DH_BYTES = 65  # an uncompressed P-256 point (RFC 8291 section 3.1)
AUTH_BYTES = 16  # the authentication secret (RFC 8291 section 3.2)
SUBSCRIPTION_MAX_BYTES = 4096  # a subscription's JSON, as the browser sends it
PUSH_TIMEOUT_S = 10.0  # seconds to wait for a push service
PUSH_TTL_S = 4 * 3600  # a reminder kept by the push service at most this long (device off)
PUSH_TOPIC = "daily-reminder"  # a newer reminder replaces one still waiting (RFC 8030 5.4)
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})

_log = logging.getLogger("hipcoach.push")
Delivery = Literal["sent", "gone", "failed"]


@dataclass(frozen=True)
class Subscription:
    """A browser's subscription, checked: where to send, and the keys to encrypt for it."""

    endpoint: str
    p256dh: str
    auth: str


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64url(text: str, size: int, what: str) -> str:
    """`text` if it is base64url of exactly `size` bytes, else an InputError."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != size or (what == "p256dh" and raw[0] != 4):
        raise InputError(
            _("push subscription: its {what} key is not a browser's key").format(what=what)
        )
    return text.rstrip("=")


def check_endpoint(endpoint: object) -> str:
    """`endpoint` if a push service's address: https (http on loopback only when
    `PUSH_ALLOW_LOOPBACK`), no user or password in it, a host that is not a private,
    loopback or link-local address, at most `ENDPOINT_MAX_CHARS`. Else an InputError."""
    if not isinstance(endpoint, str) or not 0 < len(endpoint) <= ENDPOINT_MAX_CHARS:
        raise InputError(
            _(
                "push subscription: the endpoint must be an address of at most {most} characters"
            ).format(most=ENDPOINT_MAX_CHARS)
        )
    try:
        parts = urlsplit(endpoint)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        raise InputError(_("push subscription: the endpoint is not an address")) from None
    loopback_test = settings.PUSH_ALLOW_LOOPBACK and host in LOOPBACK_NAMES
    if parts.scheme != "https" and not (loopback_test and parts.scheme == "http"):
        raise InputError(_("push subscription: the endpoint must be an https address"))
    if not host or parts.username or parts.password:
        raise InputError(_("push subscription: the endpoint must name a host, and no user"))
    if loopback_test:
        return endpoint
    if host in LOOPBACK_NAMES or host.endswith((".localhost", ".local", ".internal")):
        raise InputError(_("push subscription: the endpoint must be a public push service"))
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return endpoint  # a name: the push services are named hosts
    if not address.is_global:
        raise InputError(_("push subscription: the endpoint must be a public push service"))
    return endpoint


def check_subscription(data: object) -> Subscription:
    """A browser's `PushSubscription.toJSON()` (`{"endpoint", "keys": {"p256dh", "auth"}}`),
    checked; an InputError naming what is wrong."""
    if not isinstance(data, dict):
        raise InputError(_("push subscription: send the browser's subscription as a JSON object"))
    keys = data.get("keys")
    if not isinstance(keys, dict):
        raise InputError(_("push subscription: keys p256dh and auth are missing"))
    p256dh, auth = keys.get("p256dh"), keys.get("auth")
    if not isinstance(p256dh, str) or not isinstance(auth, str) or len(p256dh) > 100:
        raise InputError(_("push subscription: keys p256dh and auth must be text"))
    return Subscription(
        endpoint=check_endpoint(data.get("endpoint")),
        p256dh=_unb64url(p256dh, P256DH_BYTES, "p256dh"),
        auth=_unb64url(auth, AUTH_BYTES, "auth"),
    )


def vapid_key() -> Vapid01:
    """This server's VAPID key pair, made and stored on first use (see the module's note)."""
    return _key_at(Path(settings.REMINDER_VAPID_KEY_FILE))


@cache
def _key_at(path: Path) -> Vapid01:
    from cryptography.hazmat.primitives import serialization
    from py_vapid import Vapid

    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        made = Vapid()
        made.generate_keys()
        pem = made.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".vapid-")
        try:
            os.fchmod(handle, 0o600)
            os.write(handle, pem)
            os.close(handle)
            with contextlib.suppress(FileExistsError):  # another process made it first: theirs
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    return Vapid.from_pem(path.read_bytes())


def public_key() -> str:
    """The VAPID public key as a browser's `applicationServerKey` (base64url, 65 bytes)."""
    from cryptography.hazmat.primitives import serialization

    raw = vapid_key().public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return _b64url(raw)


def _public(host: str) -> bool:
    """Whether every address `host` has now is a public one (a name checked at subscribing
    may since point inside the network). Loopback passes only when `PUSH_ALLOW_LOOPBACK`."""
    if settings.PUSH_ALLOW_LOOPBACK and host in LOOPBACK_NAMES:
        return True
    try:
        found = socket.getaddrinfo(host, 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    return bool(found) and all(
        ipaddress.ip_address(str(address[4][0]).split("%")[0]).is_global for address in found
    )


def send(subscription: PushSubscription, message: dict[str, str]) -> Delivery:
    """Send `message` (JSON, encrypted for the browser) to one subscription: "sent", "gone"
    (the push service answered 404 or 410: the browser unsubscribed, delete it) or "failed"
    (logged; the next day tries again). Redirects are not followed: a push service answers
    itself, and a name that now points inside the network is not sent to."""
    import requests
    from pywebpush import WebPushException, webpush

    host = urlsplit(subscription.endpoint).hostname or ""
    if not _public(host):
        _log.warning("a push to %s was not sent: the name is not of a public address", host)
        return "failed"
    session = requests.Session()
    session.max_redirects = 0
    try:
        webpush(
            {
                "endpoint": subscription.endpoint,
                "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
            },
            data=json.dumps(message),
            vapid_private_key=vapid_key(),
            vapid_claims={"sub": settings.VAPID_CONTACT},
            timeout=PUSH_TIMEOUT_S,
            ttl=PUSH_TTL_S,
            headers={"Urgency": "normal", "Topic": PUSH_TOPIC},
            requests_session=session,
        )
    except WebPushException as exc:
        status = exc.response.status_code if exc.response is not None else None
        if status in (404, 410):
            return "gone"
        _log.warning("a push to %s failed: %s", urlsplit(subscription.endpoint).hostname, exc)
        return "failed"
    except requests.RequestException as exc:
        _log.warning("a push to %s failed: %s", urlsplit(subscription.endpoint).hostname, exc)
        return "failed"
    finally:
        session.close()
    return "sent"
