"""The 422 answer in the caller's language: pydantic's own messages said again by error type.

A request that does not fit its schema gets pydantic's errors, each with a machine-readable
`type` and `loc` and an English `msg`. Clients key on `type` and `loc`, so those stay as they
are in every language; `msg` is said again from `MESSAGES` (the English template pydantic uses
for that type, through the catalogue) with the error's `ctx` values filled in. A type not in
the table, or a language with no words for it, keeps pydantic's English `msg`. The API's own
types (`strict_kind`, `date_format`: `api.strictness`) are already made in the caller's
language and are not in the table.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_noop

# pydantic's error type → its English message (pydantic's template), for every type a request
# of this API can meet: its schemas' kinds (numbers, text, dates, lists, mappings, the
# contract's enums), their limits (ranges, lengths, the exercise id's pattern), unknown or
# missing fields.
MESSAGES: dict[str, str] = {
    "missing": gettext_noop("Field required"),
    "extra_forbidden": gettext_noop("Extra inputs are not permitted"),
    "int_type": gettext_noop("Input should be a valid integer"),
    "int_parsing": gettext_noop(
        "Input should be a valid integer, unable to parse string as an integer"
    ),
    "int_from_float": gettext_noop(
        "Input should be a valid integer, got a number with a fractional part"
    ),
    "float_type": gettext_noop("Input should be a valid number"),
    "float_parsing": gettext_noop(
        "Input should be a valid number, unable to parse string as a number"
    ),
    "finite_number": gettext_noop("Input should be a finite number"),
    "bool_type": gettext_noop("Input should be a valid boolean"),
    "bool_parsing": gettext_noop("Input should be a valid boolean, unable to interpret input"),
    "string_type": gettext_noop("Input should be a valid string"),
    "string_too_short": gettext_noop("String should have at least {min_length} characters"),
    "string_too_long": gettext_noop("String should have at most {max_length} characters"),
    "string_pattern_mismatch": gettext_noop("String should match pattern '{pattern}'"),
    "too_short": gettext_noop(
        "{field_type} should have at least {min_length} items after validation, not {actual_length}"
    ),
    "too_long": gettext_noop(
        "{field_type} should have at most {max_length} items after validation, not {actual_length}"
    ),
    "greater_than": gettext_noop("Input should be greater than {gt}"),
    "greater_than_equal": gettext_noop("Input should be greater than or equal to {ge}"),
    "less_than": gettext_noop("Input should be less than {lt}"),
    "less_than_equal": gettext_noop("Input should be less than or equal to {le}"),
    "enum": gettext_noop("Input should be {expected}"),
    "literal_error": gettext_noop("Input should be {expected}"),
    "date_type": gettext_noop("Input should be a valid date"),
    "date_parsing": gettext_noop("Input should be a valid date in the format YYYY-MM-DD, {error}"),
    "date_from_datetime_parsing": gettext_noop("Input should be a valid date or datetime, {error}"),
    "date_from_datetime_inexact": gettext_noop(
        "Datetimes provided to dates should have zero time - e.g. be exact dates"
    ),
    "list_type": gettext_noop("Input should be a valid list"),
    "dict_type": gettext_noop("Input should be a valid dictionary"),
    "model_type": gettext_noop("Input should be a valid dictionary or instance of {class_name}"),
    "model_attributes_type": gettext_noop(
        "Input should be a valid dictionary or object to extract fields from"
    ),
}

# Words pydantic puts into a message's values (`ctx`): the kind of a collection that is too
# long, and why a well-formed date does not exist (the API takes only YYYY-MM-DD, so these are
# the reasons left). A value not here is filled in as it is.
CONTEXT_WORDS: dict[str, str] = {
    "List": gettext_noop("List"),
    "Dictionary": gettext_noop("Dictionary"),
    "month value is outside expected range of 1-12": gettext_noop(
        "month value is outside expected range of 1-12"
    ),
    "day value is outside expected range": gettext_noop("day value is outside expected range"),
    "year 0 is out of range": gettext_noop("year 0 is out of range"),
}

# What django-ninja itself answers before a schema is reached (a body that is not JSON).
REFUSALS: dict[str, str] = {
    "Cannot parse request body": gettext_noop("Cannot parse request body"),
}

# How pydantic lists the values allowed ("'left', 'right' or 'both'"): its last " or ".
_OR = " or "


def in_language(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`errors` (a 422's list, as django-ninja gives it) with each `msg` in the active
    language; every other key as it was."""
    return [_said(error) for error in errors]


def _said(error: dict[str, Any]) -> dict[str, Any]:
    english = MESSAGES.get(str(error.get("type", "")))
    if english is None:
        return error
    template = gettext(english)
    if template == english:  # no words for it in this language (English itself): pydantic's
        return error
    context = error.get("ctx") or {}
    if any(value is None for value in context.values()):  # pydantic words these itself
        return error
    values = {key: _value(key, value) for key, value in context.items()}
    try:
        message = template.format(**values)
    except (KeyError, IndexError, ValueError):  # a pydantic whose values differ: its own msg
        return error
    return error | {"msg": message}


def _value(key: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if value in CONTEXT_WORDS:
        return gettext(CONTEXT_WORDS[value])
    if key == "expected" and _OR in value:  # the values allowed, joined by the language's "or"
        choices, last = value.rsplit(_OR, 1)
        return gettext("{choices} or {last}").format(choices=choices, last=last)
    return value


def refusal_in_language(message: str) -> str:
    """A 4xx `detail` in the active language: django-ninja's own (`REFUSALS`) translated;
    hipcoach's, made in the caller's language already, as they are."""
    english = REFUSALS.get(message)
    return gettext(english) if english else message
