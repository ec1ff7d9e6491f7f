"""{% pose_assets as pose %}: where the guided camera test loads its pose model from, or None
when the model is not installed (`web.pose`); {% camera_words as words %}: its sentences in the
page's language, for `json_script`."""

from __future__ import annotations

from django import template

from hipcoach.web.pose import Assets, available
from hipcoach.web.words import camera_words as words_of_the_camera

register = template.Library()


@register.simple_tag
def pose_assets() -> Assets | None:
    return available()


@register.simple_tag
def camera_words() -> dict[str, str]:
    return words_of_the_camera()
