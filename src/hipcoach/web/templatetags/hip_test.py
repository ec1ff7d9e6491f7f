"""{% hip_test "prone" as test %}: the hip test in one position, step by step, for the
measure pages (`web.figures.hip_test_set`)."""

from __future__ import annotations

from django import template

from hipcoach.web.figures import hip_test_set

register = template.Library()


@register.simple_tag
def hip_test(position: str) -> dict:
    return hip_test_set(position)
