"""The interactive API docs page: Swagger UI from django-ninja's own copy of its files.

django-ninja serves its self-hosted page only when ninja is an installed app, else one that
loads Swagger UI from a CDN, which the app's security policy blocks. An installed app is
imported by every `django.setup()`, so each terminal command would pay for ninja and pydantic;
instead the settings make ninja's templates and static files findable (`NINJA_FILES` in
`hipcoach.settings`), and this page always renders the self-hosted template.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger

if TYPE_CHECKING:
    from ninja import NinjaAPI


class SelfHostedSwagger(Swagger):
    """Swagger UI in the app's own page (`web/api_docs.html`): the language set, the page in a
    main landmark under a heading, colours that pass contrast (`web/api-docs.css`), and no deep
    links, whose anchors Swagger UI puts inside its buttons (a link in a button is out of reach
    of a keyboard and a screen reader)."""

    template = "web/api_docs.html"
    default_settings = {"layout": "BaseLayout", "deepLinking": False}

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            # "Try it out" with the login cookie sends the CSRF token, as the session auth asks
            "add_csrf": any(getattr(auth, "csrf", False) for auth in _auths(api)),
        }
        return render(request, self.template, context)


def _auths(api: NinjaAPI) -> list[Any]:
    return list(api.auth) if isinstance(api.auth, list | tuple) else []
