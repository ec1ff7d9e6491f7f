"""Schemas of the "exercise done" shape, derived from the engine's `ExerciseLog`.

The API (what a player sends) and the scenario file (what a virtual person did) check the same
fields with the same limits, because both are built here from the dataclass: a field added to
`ExerciseLog` appears in both, checked the same way. It sits beside the doors that take the
shape in, not in the engine: the engine's rules have no business with a request's schema.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, ClassVar, cast, get_type_hints

from pydantic import BaseModel, Field, create_model

from hipcoach.content.schema import SLUG_PATTERN
from hipcoach.engine.types import DONE_LIMITS, ExerciseLog


class LogSchema(BaseModel):
    """What every derived schema adds: `to_log()`, the engine's `ExerciseLog` of the data."""

    id_field: ClassVar[str] = "exercise"

    def to_log(self) -> ExerciseLog:
        values = self.model_dump()
        values["exercise"] = values.pop(self.id_field)
        return ExerciseLog(**values)


def exercise_log_schema(
    name: str,
    base: type[BaseModel],
    *,
    doc: str | None = None,
    id_field: str = "exercise",
    defaults: dict[str, Any] | None = None,
    limits: bool = True,
) -> type[LogSchema]:
    """A pydantic model with `ExerciseLog`'s fields, on `base`.

    `id_field` renames the exercise id (the scenario file calls it `id`); `defaults` makes
    fields optional with those values; `limits` checks the dose fields against `DONE_LIMITS`
    and the id against the slug pattern (off for responses).
    """
    defaults = defaults or {}
    hints = get_type_hints(ExerciseLog)
    fields: dict[str, Any] = {}
    for field in dataclasses.fields(ExerciseLog):
        hint = hints[field.name]
        key = id_field if field.name == "exercise" else field.name
        if limits and field.name == "exercise":
            hint = Annotated[str, Field(min_length=1, max_length=80, pattern=SLUG_PATTERN)]
        elif limits and field.name in DONE_LIMITS:
            hint = Annotated[hint, Field(ge=0, le=DONE_LIMITS[field.name])]
        if field.name in defaults:
            fields[key] = (hint, defaults[field.name])
        elif field.default is not dataclasses.MISSING:
            fields[key] = (hint, field.default)
        else:
            fields[key] = (hint, ...)
    bases = (base, LogSchema) if not issubclass(base, LogSchema) else (base,)
    model = cast(type[LogSchema], create_model(name, __base__=bases, __doc__=doc, **fields))
    model.id_field = id_field
    return model
