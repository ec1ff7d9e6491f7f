"""Schemas of the "exercise done" shape, derived from the engine's `ExerciseLog`.

The API (what a player sends) and the scenario file (what a virtual person did) check the same
fields with the same limits, because both are built here from the dataclass: a field added to
`ExerciseLog` appears in both, checked the same way.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, get_type_hints

from pydantic import BaseModel, Field, create_model

from hipcoach.content.schema import SLUG_PATTERN
from hipcoach.engine.types import DONE_LIMITS, ExerciseLog


def exercise_log_schema(
    name: str,
    base: type[BaseModel],
    *,
    doc: str | None = None,
    id_field: str = "exercise",
    defaults: dict[str, Any] | None = None,
    limits: bool = True,
) -> type[BaseModel]:
    """A pydantic model with `ExerciseLog`'s fields.

    `id_field` renames the exercise id (the scenario file calls it `id`); `defaults` makes
    fields optional with those values; `limits` checks the dose fields against `DONE_LIMITS`
    and the id against the slug pattern (off for responses). The model's `to_log()` gives the
    engine's `ExerciseLog`.
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

    def to_log(self: BaseModel) -> ExerciseLog:
        values = self.model_dump()
        values["exercise"] = values.pop(id_field)
        return ExerciseLog(**values)

    model = create_model(name, __base__=base, __doc__=doc, **fields)
    model.to_log = to_log  # type: ignore[attr-defined]
    return model
