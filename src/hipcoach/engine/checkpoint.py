"""The planner's state at the end of a day, as a value: kept, stored and resumed from.

The planner is a fold over the days since the start. Everything it carries from one day to the
next (its own lists and each rule family's state) is captured here as plain JSON: a
`Checkpoint` holds the JSON text, so it is immutable, costs nothing to copy, and goes into a
database as it is. What is built from the records (`HistoryByDay`, the person's severe-pain
index) or from the content (the program, the checks of a phase) is not state: it is rebuilt
on resume from the same inputs.

The JSON is tagged (`encode`, `decode`), not pickled: decoding only ever makes the plain
values below and the classes named in `_CLASSES`, so a stored checkpoint cannot run code.
`FORMAT` goes up whenever the form changes; a checkpoint of another format is refused (the
caller plans from the start instead). A stored checkpoint must also be dropped when the
engine's code or the content change (the tracking layer keys its rows by that version).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from hipcoach.engine.checks import _State
from hipcoach.engine.measure_watch import Asymmetry
from hipcoach.engine.measurement import Test
from hipcoach.engine.pain import Zone
from hipcoach.engine.trend import Jump, Loss, Series
from hipcoach.engine.types import Decision, PainReport, PlannedExercise
from hipcoach.engine.words import Coded, Content, Listed, Named, Said, TermWords, Upper
from hipcoach.engine.workout import BuiltWorkout
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

FORMAT = 4
"""The version of the checkpoint's JSON form: raise it with any change to what is kept."""

_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        _State,
        Asymmetry,
        BuiltWorkout,
        Coded,
        Content,
        Decision,
        Jump,
        Listed,
        Loss,
        Named,
        PainReport,
        PlannedExercise,
        Said,
        Series,
        Test,
        TermWords,
        Upper,
    )
}
"""The only classes a checkpoint may hold (besides plain values, dates and `_ENUMS`)."""

_ENUMS: dict[str, type[Enum]] = {
    e.__name__: e
    for e in (
        Zone,
        Side,
        Position,
        Method,
        Kind,
        WorkoutStatus,
        PainTiming,
        PainPlace,
        Flag,
        RedFlag,
        PainArea,
    )
}


class CheckpointError(ValueError):
    """A checkpoint that cannot be resumed from (another format, program or start)."""


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The planner's state at the end of day `day` (0: the start) of `program` begun on `start`."""

    program: str
    start: dt.date
    day: int
    state: str  # the JSON text of the state (see `encode`)
    format: int = FORMAT
    # the first day whose records a pass resumed from here reads (`engine.resume`); the few
    # older ones it looks at are in `state`. None: every record.
    reads_from: dt.date | None = None

    @property
    def date(self) -> dt.date:
        """The date of the last day the state includes."""
        return self.start + dt.timedelta(days=self.day)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "program": self.program,
            "start": self.start.isoformat(),
            "day": self.day,
            "state": self.state,
            "reads_from": self.reads_from.isoformat() if self.reads_from else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Checkpoint:
        if data.get("format") != FORMAT:
            raise CheckpointError(f"checkpoint format {data.get('format')} is not {FORMAT}")
        return cls(
            program=str(data["program"]),
            start=dt.date.fromisoformat(data["start"]),
            day=int(data["day"]),
            state=str(data["state"]),
            reads_from=dt.date.fromisoformat(data["reads_from"])
            if data.get("reads_from")
            else None,
        )


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
    if dataclasses.is_dataclass(value):  # by position: the code version fixes the fields
        names = _FIELDS.get(type(value))
        if names is None:
            names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
        return {"c": name, "v": [encode(getattr(value, n)) for n in names]}
    _attributes(vars(value))
    return {"o": name, "v": {k: encode(v) for k, v in vars(value).items()}}


_MEMBERS: dict[tuple[str, Any], Enum] = {
    (name, member.value): member for name, e in _ENUMS.items() for member in e
}


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


def state_of(family: object, derived: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A rule family's state: every attribute but the `derived` ones (rebuilt from the
    inputs), encoded. A new attribute is state unless it is named as derived."""
    state = {k: encode(v) for k, v in vars(family).items() if k not in derived}
    _attributes(state)
    return state


def restore(family: object, values: dict[str, Any]) -> None:
    """Set a rule family's attributes back from `state_of`, as `loads` read it."""
    for k, v in values.items():
        setattr(family, k, v)


def dumps(state: dict[str, Any]) -> str:
    return json.dumps(state, separators=(",", ":"), allow_nan=False)


def loads(text: str) -> dict[str, Any]:
    """The state `dumps` wrote, its values read (`decode`) as the JSON is parsed."""
    data = json.loads(text, object_hook=_read)
    if not isinstance(data, dict):
        raise CheckpointError("a checkpoint's state is not an object")
    return data
