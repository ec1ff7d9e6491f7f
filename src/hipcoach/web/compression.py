"""Text sent compressed: pages, styles, scripts, JSON and SVG charts, for a browser that
accepts gzip (about a third of the bytes over a phone's network).

Django's GZipMiddleware, first in the chain so it also compresses the static files WhiteNoise
serves (they come from the apps' folders, with no collectstatic step to compress them ahead);
its answers vary in length at random, which keeps the compressed length from giving away a
secret on the page (the BREACH attack). Images that are compressed already (the figures' PNGs)
and partial answers are sent as they are.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "image/svg+xml",
)


class CompressTextMiddleware(GZipMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if response.status_code != 200 or not response.get("Content-Type", "").startswith(
            TEXT_TYPES
        ):
            return response
        return super().process_response(request, response)
