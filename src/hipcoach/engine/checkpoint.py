"""The planner's state at the end of a day, as a value: kept, stored and resumed from.

The planner is a fold over the days since the start. Everything it carries from one day to the
next (its own lists and each rule family's state) is captured here as plain JSON: a
`Checkpoint` holds the JSON text, so it is immutable, costs nothing to copy, and goes into a
database as it is. What is built from the records (`HistoryByDay`, the person's severe-pain
index) or from the content (the program, the checks of a phase) is not state: it is rebuilt
on resume from the same inputs.

The JSON is tagged (`engine.tagged`: `encode`, `decode`), not pickled: decoding only ever makes
plain values and the registered classes, so a stored checkpoint cannot run code.
`FORMAT` goes up whenever the form changes; a checkpoint of another format is refused (the
caller plans from the start instead). A stored checkpoint must also be dropped when the
engine's code or the content change (the tracking layer keys its rows by that version).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from hipcoach.engine.checks import _State
from hipcoach.engine.measure_watch import Asymmetry
from hipcoach.engine.measurement import Test
from hipcoach.engine.pain import Zone
from hipcoach.engine.tagged import _attributes, _read, encode, register, register_enums
from hipcoach.engine.trend import Jump, Loss, Series
from hipcoach.engine.workout import BuiltWorkout

FORMAT = 5
"""The version of the checkpoint's JSON form: raise it with any change to what is kept."""

# Besides the reasons' classes `engine.tagged` knows, the only classes a checkpoint may hold.
register(_State, Asymmetry, BuiltWorkout, Jump, Loss, Series, Test)
register_enums(Zone)


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
