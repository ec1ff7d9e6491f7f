"""Reading YAML files so that every problem can name its file and line.

PyYAML's composer gives a node tree with positions; we build plain Python data from it and
keep, for every path into the data (`("phases", 0, "gate", "min_days")`), the line it came
from. Pydantic's error locations are such paths, so each error finds its line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

try:  # the C loader is several times faster; fall back when PyYAML was built without it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Loc = tuple[str | int | float, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a content file, said in plain English."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """Raised with every problem found; nothing was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class LineMap:
    """The line (1-based) each path into a parsed document came from."""

    def __init__(self) -> None:
        self._lines: dict[Loc, int] = {}

    def record(self, loc: Loc, line: int) -> None:
        self._lines[loc] = line

    def line_for(self, loc: Loc) -> int:
        """The line of `loc`, or of its nearest recorded parent (1 when nothing matches)."""
        for end in range(len(loc), -1, -1):
            line = self._lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.Node) -> Any:
    """A scalar's value as YAML's safe rules resolve it (int, float, bool, date, null, str)."""
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    return _CONSTRUCTOR.construct_object(node, deep=True)


def _build(node: yaml.Node, loc: Loc, lines: LineMap, problems: list[Problem], path: str) -> Any:
    lines.record(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _build(key_node, (*loc, "<key>"), lines, problems, path)
            if not isinstance(key, str | int | float | bool) or key is None:
                problems.append(
                    Problem(path, key_node.start_mark.line + 1, "a key must be a plain word")
                )
                continue
            if key in result:
                problems.append(
                    Problem(
                        path,
                        key_node.start_mark.line + 1,
                        f"'{key}' is given twice in the same block",
                    )
                )
                continue
            result[key] = _build(value_node, (*loc, key), lines, problems, path)
            lines.record((*loc, key), key_node.start_mark.line + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*loc, i), lines, problems, path) for i, item in enumerate(node.value)]
    try:
        return _scalar(node)
    except (ValueError, yaml.YAMLError):  # e.g. 2026-13-05 looks like a date but is not one
        problems.append(
            Problem(path, node.start_mark.line + 1, f"'{node.value}' is not a valid date or value")
        )
        return node.value


def parse(text: str, path: str) -> tuple[Any, LineMap]:
    """Parse one YAML document into plain data and its line map.

    Raises `ContentError` on a syntax error, an alias cycle, or a key given twice.
    """
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "this is not valid YAML"
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            what += f" ({exc.context.removeprefix('while ')} that starts on line {exc.context_mark.line + 1})"
        raise ContentError([Problem(path, line, f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(path, 1, f"YAML syntax error: {exc}")]) from None
    lines = LineMap()
    if root is None:
        raise ContentError([Problem(path, 1, "the file is empty")])
    problems: list[Problem] = []
    data = _build(root, (), lines, problems, path)
    if problems:
        raise ContentError(problems)
    return data, lines


def read(file: Path) -> tuple[Any, LineMap]:
    """Read and parse a YAML file; an unreadable file is a `ContentError` too."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError([Problem(str(file), 1, f"cannot read the file: {exc}")]) from None
    return parse(text, str(file))


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like `word`, if one is close enough to suggest."""
    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a choice is close to `word`, else ''."""
    near = closest(word, choices)
    return f" (did you mean '{near}'?)" if near else ""


def _where(loc: Loc) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]" if parts else f"item {part + 1}")
        elif part in {"function-after", "function-before", "function-plain"}:
            continue
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts)


def _message(error: ErrorDetails) -> str:
    """One pydantic error as a plain-English sentence."""
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
    where = _where(loc)
    kind = error["type"]
    given = error.get("input")
    if kind == "missing":
        return f"'{where}' is missing"
    if kind == "extra_forbidden":
        return f"'{where}' is not a field here (a typo, or a field in the wrong place?)"
    if kind == "enum":
        choices = re.findall(r"'([^']+)'", error.get("ctx", {}).get("expected", ""))
        hint = did_you_mean(str(given), choices)
        return f"'{where}': '{given}' is not one of {', '.join(choices)}{hint}"
    if kind == "string_pattern_mismatch":
        return f"'{where}': '{given}' is not a valid id (use lower-case words joined by hyphens)"
    if kind == "value_error":
        return (
            f"'{where}': {error['msg'].removeprefix('Value error, ')}"
            if where
            else error["msg"].removeprefix("Value error, ")
        )
    shown = f" (got {given!r})" if not isinstance(given, dict | list) else ""
    prefix = f"'{where}': " if where else ""
    return f"{prefix}{error['msg'][0].lower()}{error['msg'][1:]}{shown}"


def validate(
    model: type[BaseModel], data: Any, lines: LineMap, path: str
) -> tuple[Any, list[Problem]]:
    """Validate `data` as `model`; return (the model or None, the problems with their lines)."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
            problems.append(Problem(path, lines.line_for(loc), _message(error)))
        return None, problems
