"""The tagged JSON that keeps engine values whole: tuples, sets, dicts with any keys, dates,
enums and the registered classes, each given back as it was (`encode`, `decode`). Not pickle:
decoding only ever makes plain values and registered classes, so stored data cannot run code.

This module knows the classes of the words the engine says (`engine.words`, `Decision`) and the
contract's enums, and imports nothing heavier: a stored plan's reasons are read back on every
warm `hipcoach today` (`tracking.plan_cache`). The planner's own state classes are registered
by `engine.checkpoint`: data naming one of them decodes once that module is imported (a
`KeyError` before; `tracking.plan_cache.read_tagged`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable
from enum import Enum
from typing import Any

from hipcoach.engine.types import Decision, PainReport, PlannedExercise
from hipcoach.engine.words import Coded, Content, Listed, Named, Said, TermWords, Upper
from hipcoach.vocabulary import (
    Flag,
    Kind,
    Method,
    PainArea,
    PainPlace,
    PainTiming,
    Position,
    RedFlag,
    Side,
    WorkoutStatus,
)

_CLASSES: dict[str, type] = {}
"""The only classes tagged data may hold (besides plain values, dates and `_ENUMS`)."""
_ENUMS: dict[str, type[Enum]] = {}
_MEMBERS: dict[tuple[str, Any], Enum] = {}


def register(*classes: type) -> None:
    """Let tagged data hold `classes`: dataclasses (by their fields, in order), classes whose
    `tagged()` gives the arguments that make the value again, or plain objects (by their
    attributes)."""
    _CLASSES.update((cls.__name__, cls) for cls in classes)


def register_enums(*enums: type[Enum]) -> None:
    """Let tagged data hold the members of `enums`."""
    for e in enums:
        _ENUMS[e.__name__] = e
        _MEMBERS.update(((e.__name__, member.value), member) for member in e)


register(Coded, Content, Decision, Listed, Named, PainReport, PlannedExercise, Said, TermWords)
register(Upper)
register_enums(Side, Position, Method, Kind, WorkoutStatus, PainTiming, PainPlace, Flag, RedFlag)
register_enums(PainArea)


def encode(value: Any) -> Any:
    """`value` as JSON-able data, tagged so that `decode` gives back an equal value of the
    same types (tuples, sets, dicts with any keys, dates, enums, the classes in `_CLASSES`)."""
    # the common kinds first, by their exact type (a state holds thousands of values); any
    # other, a subclass such as an enum member among them, takes the general way below
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list:
        return [encode(v) for v in value]
    if kind is tuple:
        return {"t": [encode(v) for v in value]}
    if kind is dict:
        return {"d": [[encode(k), encode(v)] for k, v in value.items()]}
    return _encode(value)


_PLAIN = frozenset({str, int, float, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...]] = {}  # a dataclass's field names, in order


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)) and not isinstance(value, Enum):
        return value
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {"t": [encode(v) for v in value]}
    if isinstance(value, dict):
        return {"d": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, frozenset):
        return {"f": [encode(v) for v in value]}
    if isinstance(value, set):
        return {"s": [encode(v) for v in value]}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, Enum):
        name = type(value).__name__
        if _ENUMS.get(name) is not type(value):
            raise TypeError(f"a checkpoint cannot hold a {name}")
        return {"e": name, "v": value.value}
    name = type(value).__name__
    if _CLASSES.get(name) is not type(value):
        raise TypeError(f"a checkpoint cannot hold a {name}")
    made_again = getattr(type(value), "tagged", None)
    if made_again is not None:  # a class that names its constructor's arguments (`Decision`)
        return {"c": name, "v": [encode(v) for v in made_again(value)]}
    if dataclasses.is_dataclass(value):  # by position: the code version fixes the fields
        names = _FIELDS.get(type(value))
        if names is None:
            names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
        return {"c": name, "v": [encode(getattr(value, n)) for n in names]}
    _attributes(vars(value))
    return {"o": name, "v": {k: encode(v) for k, v in vars(value).items()}}


def decode(data: Any) -> Any:
    """The value `encode` made `data` from."""
    return json.loads(json.dumps(data), object_hook=_read)


def _read(data: dict[str, Any]) -> Any:
    """`loads`' hook: a tagged value (`encode`) as its value, whose parts are read already; any
    other object (a family's attributes) as it is. One function, tests in the order of how
    often each tag comes: a state holds thousands of them."""
    size = len(data)
    if size == 2 and "v" in data:
        if (name := data.get("c")) is not None:
            return _CLASSES[name](*data["v"])
        if (name := data.get("e")) is not None:
            return _MEMBERS[name, data["v"]]
        if (name := data.get("o")) is not None:
            return _made(name, data["v"])
    elif size == 1:
        if (text := data.get("date")) is not None:
            return dt.date.fromisoformat(text)
        if (items := data.get("t")) is not None:
            return tuple(items)
        if (items := data.get("d")) is not None:
            return dict(items)
        if (items := data.get("s")) is not None:
            return set(items)
        if (items := data.get("f")) is not None:
            return frozenset(items)
    return data


_ONE_KEY = frozenset({"t", "d", "f", "s", "date"})


def _made(name: str, attributes: dict[str, Any]) -> Any:
    made: Any = object.__new__(_CLASSES[name])
    for k, v in attributes.items():
        setattr(made, k, v)
    return made


def _attributes(names: Iterable[str]) -> None:
    """Refuse attribute names that would read as a tag (`_read`)."""
    names = set(names)
    if len(names) == 1 and names <= _ONE_KEY or len(names) == 2 and "v" in names:
        raise TypeError(f"a checkpoint cannot hold attributes named {sorted(names)}")
