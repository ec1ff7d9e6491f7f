"""Which way imports point: the layers of CONTRIBUTING's picture, checked over the source.

Every `import` in `src/hipcoach` counts, at module level or inside a function (a deferred
import is still a dependency). The rules:

- no import circles between hipcoach modules;
- the content layer does not import the engine (both use the dose and time arithmetic in
  `hipcoach.content`);
- the engine imports neither Django nor the layers built on it (tracking, web, api, cli,
  accounts, settings, scenarios), nor a module for files, processes, the network or the clock:
  it is pure;
- the settings import nothing from the web app;
- the front ends (the terminal, the web pages, the API) never import one another: each finds
  the services in `tracking`, one function per use case, and only parses, calls and renders;
- the figures read no settings (their cache folder is `hipcoach.home`'s), and the content's
  validator does not reach up into the figures.

And since a clock is I/O too, the engine never asks for today's date or the time.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# Import edges known to close a circle while someone removes them, (importer, imported) → who.
# It only shrinks: when an edge is gone, a test asks for its entry to be deleted.
KNOWN_CIRCLE_EDGES: dict[tuple[str, str], str] = {}  # none left

ENGINE_MUST_NOT_IMPORT = (
    "django",
    "hipcoach.tracking",
    "hipcoach.web",
    "hipcoach.api",
    "hipcoach.cli",
    "hipcoach.accounts",
    "hipcoach.settings",
    "hipcoach.envsettings",
    "hipcoach.scenarios",
    "hipcoach.exercise_done",
    "pydantic",  # a request's or a file's schema belongs to the door that reads it
    # files, processes, the network and the clock
    "os",
    "io",
    "pathlib",
    "shutil",
    "subprocess",
    "socket",
    "sqlite3",
    "pickle",
    "time",
    "yaml",
    "urllib",
    "http",
)


@cache
def modules() -> dict[str, Path]:
    """Every hipcoach module by dotted name (a package by its own name)."""
    found = {}
    for file in (SRC / "hipcoach").rglob("*.py"):
        parts = file.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = file
    return found


def _imported(name: str) -> Iterator[str]:
    """The dotted names `name` imports, anywhere in the file; `from p import m` yields the
    module `p.m` when m is a hipcoach module, else `p`."""
    file = modules()[name]
    package = name if file.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"), str(file))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield sub if sub in modules() else target


@cache
def graph() -> dict[str, frozenset[str]]:
    """hipcoach module → the hipcoach modules it imports."""
    return {
        name: frozenset(t for t in _imported(name) if t in modules() and t != name)
        for name in modules()
    }


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _circles(edges: dict[str, frozenset[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return groups


def test_the_source_is_found() -> None:
    assert {"hipcoach.engine.planner", "hipcoach.content.validate", "hipcoach.settings"} <= set(
        modules()
    )
    assert "hipcoach.content.schema" in graph()["hipcoach.engine.planner"]


def test_no_import_circles() -> None:
    edges = {
        a: frozenset(b for b in targets if (a, b) not in KNOWN_CIRCLE_EDGES)
        for a, targets in graph().items()
    }
    circles = _circles(edges)
    described = [
        " ↔ ".join(group)
        + ": "
        + ", ".join(f"{a} → {b}" for a in group for b in sorted(edges[a]) if b in group)
        for group in circles
    ]
    assert described == []


def test_the_known_circle_edges_still_exist() -> None:
    gone = [
        f"{a} → {b} (removed by {who})"
        for (a, b), who in KNOWN_CIRCLE_EDGES.items()
        if b not in graph().get(a, frozenset())
    ]
    assert gone == [], "delete these from KNOWN_CIRCLE_EDGES: the circle is gone"


def test_the_circle_finder_finds_a_circle() -> None:
    edges = {
        "a": frozenset({"b"}),
        "b": frozenset({"c"}),
        "c": frozenset({"a"}),
        "d": frozenset({"a"}),
    }
    assert _circles(edges) == [["a", "b", "c"]]
    assert _circles({"a": frozenset({"b"}), "b": frozenset()}) == []


def test_content_does_not_import_the_engine() -> None:
    wrong = sorted(
        f"{name} → {target}"
        for name in modules()
        if _within(name, "hipcoach.content")
        for target in _imported(name)
        if _within(target, "hipcoach.engine")
    )
    assert wrong == []


def test_the_engine_imports_no_django_no_outer_layer_and_no_io() -> None:
    wrong = sorted(
        f"{name} → {target}"
        for name in modules()
        if _within(name, "hipcoach.engine")
        for target in _imported(name)
        if any(_within(target, banned) for banned in ENGINE_MUST_NOT_IMPORT)
    )
    assert wrong == []


def test_the_settings_import_nothing_from_the_web_app() -> None:
    wrong = sorted(
        target for target in _imported("hipcoach.settings") if _within(target, "hipcoach.web")
    )
    assert wrong == []


FRONT_ENDS = ("hipcoach.cli", "hipcoach.web", "hipcoach.api")


def test_no_front_end_imports_another() -> None:
    wrong = sorted(
        f"{name} → {target}"
        for name in modules()
        for front in FRONT_ENDS
        if _within(name, front)
        for target in graph()[name]
        if any(_within(target, other) for other in FRONT_ENDS if other != front)
    )
    assert wrong == []


def test_the_front_ends_have_one_door_into_the_services() -> None:
    """No facade or re-export list stands between the front ends and `tracking`."""
    assert "hipcoach.web.coach" not in modules()
    assert "hipcoach.tracking.services" not in modules()


def test_the_content_does_not_reach_up_into_the_figures() -> None:
    """The body checks are the figures' own, passed to the content's validator by the caller."""
    wrong = sorted(
        f"{name} → {target}"
        for name in modules()
        if _within(name, "hipcoach.content")
        for target in _imported(name)
        if _within(target, "hipcoach.figures")
    )
    assert wrong == []


def test_the_figures_read_no_settings() -> None:
    wrong = sorted(
        f"{name} → {target}"
        for name in modules()
        if _within(name, "hipcoach.figures")
        for target in _imported(name)
        if _within(target, "hipcoach.settings") or _within(target, "django")
    )
    assert wrong == []


def _last_name(node: ast.expr) -> str | None:
    """`date` for `date`, `dt.date` or `datetime.date`; None for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def test_the_engine_never_reads_the_clock() -> None:
    wrong = sorted(
        f"{file.relative_to(SRC)}:{node.lineno}: .{node.func.attr}()"
        for name, file in modules().items()
        if _within(name, "hipcoach.engine")
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"today", "now", "utcnow"}
        and _last_name(node.func.value) in {"date", "datetime"}
    )
    assert wrong == []


def test_the_clinic_sits_beside_tracking_below_the_front_ends() -> None:
    """The clinic's use cases read the person's records through tracking; tracking, the
    engine and the content know nothing of the clinic, and the clinic no front end."""
    wrong = sorted(
        f"{name} → {target}"
        for name in modules()
        for target in graph()[name]
        if (
            _within(target, "hipcoach.clinic")
            and any(_within(name, low) for low in ("hipcoach.tracking", "hipcoach.engine"))
        )
        or (_within(name, "hipcoach.clinic") and any(_within(target, f) for f in FRONT_ENDS))
    )
    assert wrong == []
