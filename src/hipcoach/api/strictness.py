"""No silent type changes in API requests: `true` is not 1, `0` is not a date, `"3"` is not a
number.

pydantic's lax mode would turn `score: true` into 1 and `date: 0` into 1970-01-01; its strict
mode cannot be used whole here, because request bodies reach pydantic as Python values, where
strict mode also refuses a date written as text and an enum value given as its string. So
this check runs first, on the raw values, for the kinds that lax mode coerces, and leaves the
rest (ranges, enums, formats) to pydantic.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from typing import Any

from django.utils.translation import gettext as _
from pydantic import BaseModel, BeforeValidator, model_validator
from pydantic_core import PydanticCustomError

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def kind_problem(annotation: Any, value: Any) -> str | None:
    """Why `value` (as parsed from JSON) is not of the kind `annotation` asks for, or None."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return kind_problem(args[0], value)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        problems = [kind_problem(arg, value) for arg in args if arg is not type(None)]
        return None if any(p is None for p in problems) else problems[0]
    if origin is list and isinstance(value, list):
        return next((p for p in (kind_problem(args[0], v) for v in value) if p), None)
    if origin is dict and isinstance(value, dict):
        return next((p for p in (kind_problem(args[1], v) for v in value.values()) if p), None)
    if annotation is bool and not isinstance(value, bool):
        return _("must be true or false")
    if annotation is int and (isinstance(value, bool) or not isinstance(value, int)):
        return _("must be a whole number")
    if annotation is float and (isinstance(value, bool) or not isinstance(value, int | float)):
        return _("must be a number")
    if annotation is dt.date and not (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        return _("must be a date written YYYY-MM-DD")  # lax pydantic reads "0" as 1970-01-01
    return None


class NoCoercion(BaseModel):
    """A request schema whose numbers, true/false answers and dates keep their JSON kinds."""

    @model_validator(mode="before")
    @classmethod
    def _kinds_as_sent(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        for name, field in cls.model_fields.items():
            key = field.alias or name
            if key in data:
                problem = kind_problem(field.annotation, data[key])
                if problem:
                    raise PydanticCustomError(
                        "strict_kind",
                        _("{field} {problem}, not {value}"),
                        {"field": key, "problem": problem, "value": _shown(data[key])},
                    )
        return data


def _shown(value: Any) -> str:
    import json

    try:
        text = json.dumps(value)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _iso_date_text(value: Any) -> Any:
    """A query's date as the person writes it, YYYY-MM-DD; not a number (pydantic would read
    `0` as 1970-01-01, a count of seconds)."""
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise PydanticCustomError("date_format", _("a date is written YYYY-MM-DD"))
    return value


QueryDate = typing.Annotated[dt.date, BeforeValidator(_iso_date_text)]
"""A date in a query string: only YYYY-MM-DD."""
