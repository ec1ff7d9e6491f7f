"""The pose model and runtime of the guided camera test, served by the app itself.

The files come from the npm package `@mediapipe/pose` (Apache-2.0) that ./dev installs into
node_modules; they are never committed. Their URLs carry the package's version, so they are
cached for a year and kept by the service worker for a re-test offline. With the package
missing, `available()` is false and the measure page says why the camera way is not offered.
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse

from hipcoach.web.middleware import CONTENT_SECURITY_POLICY

PACKAGE = "@mediapipe/pose"
CACHE_SECONDS = 365 * 24 * 3600  # the version is in the URL: a new one is a new address
# What the page loads: the loader, both runtimes (SIMD or not, the browser's choice), the graph
# and its packed assets, and the lite and full landmark models. The heavy model is not served.
FILES = (
    "pose.js",
    "pose_solution_packed_assets_loader.js",
    "pose_solution_packed_assets.data",
    "pose_solution_simd_wasm_bin.js",
    "pose_solution_simd_wasm_bin.wasm",
    "pose_solution_wasm_bin.js",
    "pose_solution_wasm_bin.wasm",
    "pose_web.binarypb",
    "pose_landmark_lite.tflite",
    "pose_landmark_full.tflite",
)
LICENCE_NAME = "LICENSE.txt"  # the package ships none of its own: its licence, with its notice
APACHE_TEXT = Path("/usr/share/common-licenses/Apache-2.0")
TYPES = {".wasm": "application/wasm", ".data": "application/octet-stream"}


@dataclass(frozen=True, slots=True)
class Assets:
    directory: Path
    version: str

    def url(self, name: str) -> str:
        return reverse("pose_file", args=[self.version, name])

    @property
    def base(self) -> str:
        return self.url(FILES[0]).rsplit("/", 1)[0] + "/"

    @property
    def licence_url(self) -> str:
        return self.url(LICENCE_NAME)

    def size_bytes(self) -> int:
        return sum((self.directory / name).stat().st_size for name in FILES)


@cache
def _found(directory: Path) -> Assets | None:
    try:
        meta = json.loads((directory / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("name") != PACKAGE or not all((directory / n).is_file() for n in FILES):
        return None
    return Assets(directory, str(meta["version"]))


def available() -> Assets | None:
    """The installed assets, or None when the package is missing or incomplete."""
    return _found(Path(settings.POSE_ASSETS_DIR))


MISSING = (
    "The camera way needs the pose model, which is not installed on this server (./dev "
    "installs it from npm). The tilt-sensor way works without it."
)


def licence_text(assets: Assets) -> str:
    notice = (
        f"{PACKAGE} {assets.version}: the pose model and WebAssembly runtime of hipcoach's "
        "guided camera test.\nCopyright Google LLC and the MediaPipe authors. Licensed under "
        "the Apache License, Version 2.0 (the package's own licence field, Apache-2.0).\n"
        "It is served unmodified from the npm package.\n\n"
    )
    body = (
        APACHE_TEXT.read_text(encoding="utf-8")
        if APACHE_TEXT.is_file()
        else "https://www.apache.org/licenses/LICENSE-2.0\n"
    )
    return notice + body


# The pages that run the model: the app's policy, plus compiling WebAssembly (no eval of script).
POLICY = CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"
)


def runs_pose(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page with the guided test: its policy lets the pose runtime compile WebAssembly."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if available() is not None:
            response["Content-Security-Policy"] = POLICY
        return response

    return wrapped


@login_not_required
def pose_file(request: HttpRequest, version: str, name: str) -> HttpResponseBase:
    assets = available()
    if assets is None or version != assets.version:
        raise Http404("no such pose asset")
    if name == LICENCE_NAME:
        response: HttpResponseBase = HttpResponse(
            licence_text(assets), content_type="text/plain; charset=utf-8"
        )
    elif name in FILES:
        kind = TYPES.get(Path(name).suffix) or mimetypes.guess_type(name)[0]
        response = FileResponse(
            (assets.directory / name).open("rb"),
            content_type=kind or "application/octet-stream",
        )
    else:
        raise Http404("no such pose asset")
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}, immutable"
    return response
