"""{% pose_assets as pose %}: where the guided camera test loads its pose model from, or None
when the model is not installed (`web.pose`)."""

from __future__ import annotations

from django import template

from hipcoach.web.pose import Assets, available

register = template.Library()


@register.simple_tag
def pose_assets() -> Assets | None:
    return available()
