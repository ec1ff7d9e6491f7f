"""Offline support: the web app manifest, the service worker and the offline page."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache

import hipcoach
from hipcoach.web.icons import MASKABLE_SIZES

STATIC_DIR = Path(__file__).resolve().parent / "static" / "web"
MANIFEST_SIZES = (192, 512)  # what Chromium's install check and the stores ask for
OFFLINE_STATIC = [
    "web/app.css",
    "web/app.js",
    "web/theme.js",
    "web/player.js",
    "web/figures.js",
    "web/icon.svg",
]


@cache
def version() -> str:
    """Changes whenever a static file or the worker itself changes, so caches are renewed."""
    digest = hashlib.sha256(hipcoach.__name__.encode())
    for path in sorted(STATIC_DIR.rglob("*")) + [
        Path(__file__).parent / "templates" / "web" / "sw.js"
    ]:
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@login_not_required
def manifest(request: HttpRequest) -> JsonResponse:
    data = {
        "name": "hipcoach",
        "short_name": "hipcoach",
        "description": "A hip-mobility coach: today's workout, a hands-free player, progress.",
        "start_url": reverse("today"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1f5f5b",
        "icons": [
            {"src": static("web/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            *(
                {"src": reverse("icon", args=[n]), "sizes": f"{n}x{n}", "type": "image/png"}
                for n in MANIFEST_SIZES
            ),
            *(
                {
                    "src": reverse("icon_kind", args=["maskable", n]),
                    "sizes": f"{n}x{n}",
                    "type": "image/png",
                    "purpose": "maskable",
                }
                for n in MASKABLE_SIZES
            ),
        ],
    }
    response = JsonResponse(data)
    response["Content-Type"] = "application/manifest+json"
    return response


@login_not_required
@never_cache
def service_worker(request: HttpRequest) -> HttpResponse:
    context = {
        "version": version(),
        "pages": json.dumps([reverse("today"), reverse("player")]),
        "static_files": json.dumps([static(name) for name in OFFLINE_STATIC]),
        "static_url": settings.STATIC_URL,
        "figures_url": reverse("figure", args=["x", "left", 0]).split("x/")[0],
        "pose_url": reverse("pose_file", args=["v", "f"]).split("v/")[0],
        "offline_url": reverse("offline"),
        "today_url": reverse("today"),
        "icon_url": reverse("icon", args=[192]),
    }
    response = render(request, "web/sw.js", context, content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    return response


@login_not_required
def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "web/offline.html")
