"""The kinds of value a record of the backup format holds, each with its check (`record_format`).

Every field of a record is one of these annotated types. Reading a backup (`Record.model_validate`
with a `Window` as context) runs the check, which takes the value as JSON gives it and returns
the value to store, or raises an `InputError` saying what is wrong in words; nothing is coerced
(a "3" is not 3, `true` is not 1). Writing one (`model_dump(mode="json")`) gives each value as
JSON: dates and times in ISO 8601, client keys as text.

The checks are those of every other door (`inputs`, the vocabulary, the shipped library), so a
backup holds nothing the web, the API or the terminal would refuse.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, ValidationInfo

from hipcoach.tracking import inputs
from hipcoach.tracking.inputs import InputError

CLOCK_SLACK = dt.timedelta(days=1)  # a backup from a machine whose clock runs a little ahead


@dataclass(frozen=True)
class Window:
    """When a backup is read: the person's today bounds its dates, and `now` its times."""

    today: dt.date
    now: dt.datetime


def shown(value: Any) -> str:
    """A value from the file as JSON, cut to 40 characters, for a message."""
    text = json.dumps(value, ensure_ascii=False) if value is not None else "nothing"
    return text if len(text) <= 40 else text[:37] + "..."


def _window(info: ValidationInfo) -> Window:
    if not isinstance(info.context, Window):
        raise TypeError("a backup is checked with a Window as the validation context")
    return info.context


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise InputError(f"must be text, not {shown(value)}")
    if "\0" in value:
        raise InputError("holds a NUL character (\\u0000), which no text here may hold")
    return value


def _day(value: Any, info: ValidationInfo) -> dt.date:
    if not isinstance(value, str):
        raise InputError(f"{shown(value)} is not a date written YYYY-MM-DD")
    return inputs.not_future(inputs.parse_date(value), _window(info).today)


def _moment(value: Any, info: ValidationInfo) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        when = None
    if when is None:
        raise InputError(f"{shown(value)} is not a time written YYYY-MM-DDTHH:MM:SS")
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = _window(info).now
    if when > now + CLOCK_SLACK:
        raise InputError(f"{value} is in the future (now is {now:%Y-%m-%d %H:%M} UTC)")
    inputs.not_too_early(when.date(), "time")
    return when


def _client_key(value: Any) -> uuid.UUID:
    if not isinstance(value, str):
        raise InputError(f"{shown(value)} is not a client key (a UUID)")
    try:
        return uuid.UUID(value)
    except ValueError:
        raise InputError(f"client key '{value}' is not a UUID") from None


def whole_number(value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(f"must be a whole number from {low} to {high}, not {shown(value)}")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"must be a number, not {shown(value)}")
    return value


# Each type with a check that makes a date, a time or a key says how it is written back as JSON
# (pydantic's own serialiser for a `PlainValidator` warns about the text it makes of them).
AS_TEXT = PlainSerializer(lambda value: value.isoformat(), return_type=str, when_used="json")
AS_TEXT_OR_NULL = PlainSerializer(lambda value: value and value.isoformat(), when_used="json")

Day = Annotated[dt.date, PlainValidator(_day), AS_TEXT]
"""A day something happened: YYYY-MM-DD, from `inputs.EARLIEST_DATE` to today."""

Moment = Annotated[
    dt.datetime,
    PlainValidator(_moment),
    AS_TEXT,
]
"""When a record was written: ISO 8601 (UTC if no offset), not after now (a day's slack for a
clock running ahead), not before `inputs.EARLIEST_DATE`."""

OptionalDay = Annotated[
    dt.date | None,
    PlainValidator(lambda value, info: None if value is None else _day(value, info)),
    AS_TEXT_OR_NULL,
]
"""A day, or null (none)."""

OptionalMoment = Annotated[
    dt.datetime | None,
    PlainValidator(_moment),  # null only when left out
    AS_TEXT_OR_NULL,
]
"""A time that may be left out (a record without one is taken as written now)."""

ClientKey = Annotated[
    uuid.UUID, PlainValidator(_client_key), PlainSerializer(str, return_type=str, when_used="json")
]
"""The key a phone gave a record, so that sending it twice stores it once."""

Number = Annotated[float, PlainValidator(_number)]
Text = Annotated[str, PlainValidator(_text)]
IGNORED = PlainValidator(lambda value: value)
"""For a value the file may hold but that decides nothing (it is worked out again, or left)."""


def whole(low: int, high: int) -> PlainValidator:
    """For `Annotated[int, whole(low, high)]`: a whole number from `low` to `high` (not a
    boolean, not 2.0)."""
    return PlainValidator(lambda value: whole_number(value, low, high))


def one_of(terms: Iterable[str], what: str) -> PlainValidator:
    """For `Annotated[str, one_of(terms, what)]`: one of the vocabulary's `terms`; a misspelling
    gets "did you mean"."""
    allowed = tuple(terms)
    return PlainValidator(lambda value: inputs.choice(_text(value), allowed, what))


def names(terms: Iterable[str], what: str) -> PlainValidator:
    """For `Annotated[list[str], names(terms, what)]`: a list of the vocabulary's `terms`, each
    once, in the order given."""
    allowed = tuple(terms)

    def check(value: Any) -> list[str]:
        if not isinstance(value, list):
            raise InputError(f"must be a list of {what}s, not {shown(value)}")
        return list(inputs.choices([_text(v) for v in value], allowed, what))

    return PlainValidator(check)


def text(check: Callable[[str], str]) -> PlainValidator:
    """For `Annotated[str, text(check)]`: text (without NUL), then `check`ed and tidied by it."""
    return PlainValidator(lambda value: check(_text(value)))
