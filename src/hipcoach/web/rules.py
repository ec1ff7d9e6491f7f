"""The published rules on the web: every rule the engine applies, in the reader's language, each
at its own anchor (`/rules/#R9`) so a decision's "Why?" can link to it.

Public: the rules are the same for everyone, and whoever is deciding whether to trust
hipcoach (a person before signing up, their clinician) should be able to read them.
"""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hipcoach.engine.rules import RULE_HEADINGS, intro, rule_texts
from hipcoach.web.words import active_words

_CODE = re.compile(r"`([^`]+)`")
# between codes ("`phone`/`sensor`", as HTML "</code>/<code>"): a line may break after the slash
_CODES_JOINED = re.compile(r"(?<=</code>)/(?=<code)")


def with_code(text: str) -> SafeString:
    """`text` escaped, its `code` spans (a flag, a load tag, an area: the names the plan and
    the program files use, in English on every page) marked as code, and a line break allowed
    after each slash between codes (a phone's line is short)."""
    html = _CODES_JOINED.sub("/<wbr>", _CODE.sub(r'<code lang="en">\1</code>', escape(text)))
    return mark_safe(html)  # noqa: S308 (escaped first)


@login_not_required
def page(request: HttpRequest) -> HttpResponse:
    words = active_words()
    headings = {field: heading.render(words) for field, heading in RULE_HEADINGS.items()}
    rules = [
        {
            "id": rule.id,
            "title": rule.title,
            "cells": [
                (headings[field], with_code(getattr(rule, field)))
                for field in ("condition", "action", "threshold", "evidence", "confidence")
            ],
        }
        for rule in rule_texts(words)
    ]
    return render(
        request,
        "web/rules.html",
        {"nav": "rules", "rules": rules, "intro": with_code(intro(words))},
    )
