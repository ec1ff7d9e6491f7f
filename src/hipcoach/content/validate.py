"""Checks across files: what one file's schema alone cannot show.

Unknown exercise ids (with a "did you mean"), regression/progression cycles, schedules naming
unknown workouts, week changes that break a dose, couplets of one, missing gates, gate windows,
and workouts longer than their budget in any week.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pydantic import ValidationError

from hipcoach.content.clinical_checks import check_meaning
from hipcoach.content.doses import changes_through, phase_weeks, template_seconds
from hipcoach.content.library import Library
from hipcoach.content.schema import RANGE_MEASURES, Block, Exercise, Phase, Program
from hipcoach.content.timing import minutes
from hipcoach.content.yamlfile import Problem, did_you_mean

WINDOW_MEASURES = frozenset({"green_days", "adherence"})


# A check of the whole library that lives outside the content layer (the figures' placing of
# every key pose in space): the caller that wants it passes it in.
LibraryCheck = Callable[[Library], list[Problem]]


def check_library(
    library: Library, *, reachability: bool = True, extra: Sequence[LibraryCheck] = ()
) -> list[Problem]:
    """Every cross-file problem in `library`, and those the `extra` checks find.

    With `reachability`, an exercise that no program uses or reaches must say why it is in the
    library (off when a program alone is checked against the shipped exercises).
    """
    problems: list[Problem] = []
    for exercise in library.exercises.values():
        problems += _check_exercise(library, exercise)
    problems += _check_cycles(library)
    for program in library.programs.values():
        problems += _check_program(library, program)
    problems += check_meaning(library, reachability=reachability)
    for check in extra:
        problems += check(library)
    return problems


def _unknown(library: Library, word: str, path: str, line: int, what: str) -> list[Problem]:
    """An unknown-id problem, unless the id is that of a file that failed to load."""
    if word in library.broken:
        return []
    hint = did_you_mean(word, library.exercises.keys())
    return [Problem(path, line, f"{what} '{word}' is not an exercise in the library{hint}")]


def _check_exercise(library: Library, exercise: Exercise) -> list[Problem]:
    source = library.source("exercise", exercise.id)
    problems = []
    for field in ("regressions", "progressions"):
        for i, other in enumerate(getattr(exercise, field)):
            line = source.lines.line_for((field, i))
            if other == exercise.id:
                problems.append(
                    Problem(source.path, line, f"'{exercise.id}' lists itself in {field}")
                )
            elif other not in library.exercises:
                problems.extend(_unknown(library, other, source.path, line, field[:-1]))
    alternative = exercise.dynamic_alternative
    if alternative is not None:
        line = source.lines.line_for(("dynamic_alternative",))
        if alternative not in library.exercises:
            problems.extend(
                _unknown(library, alternative, source.path, line, "dynamic_alternative")
            )
        elif library.exercises[alternative].is_static_stretch:
            problems.append(
                Problem(
                    source.path,
                    line,
                    f"dynamic_alternative '{alternative}' is itself a static stretch",
                )
            )
    return problems


def _harder_edges(library: Library) -> dict[str, set[str]]:
    """easier id → harder ids, from progressions and (reversed) regressions."""
    edges: dict[str, set[str]] = {k: set() for k in library.exercises}
    for exercise in library.exercises.values():
        for harder in exercise.progressions:
            if harder in edges and harder != exercise.id:
                edges[exercise.id].add(harder)
        for easier in exercise.regressions:
            if easier in edges and easier != exercise.id:
                edges[easier].add(exercise.id)
    return edges


def _check_cycles(library: Library) -> list[Problem]:
    """A regression/progression chain that comes back to where it started."""
    edges = _harder_edges(library)
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    problems: list[Problem] = []
    reported: set[frozenset[str]] = set()

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                loop = path[path.index(nxt) :] + [nxt]
                if frozenset(loop) not in reported:
                    reported.add(frozenset(loop))
                    source = library.source("exercise", loop[0])
                    line = (
                        source.lines.line_for(("progressions",))
                        if library.exercises[loop[0]].progressions
                        else source.lines.line_for(("regressions",))
                    )
                    problems.append(
                        Problem(
                            source.path,
                            line,
                            "regressions and progressions go round in a circle: "
                            + " → ".join(loop)
                            + " (each step should be harder than the one before)",
                        )
                    )
            elif nxt not in state:
                visit(nxt, path)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    return problems


def _check_program(library: Library, program: Program) -> list[Problem]:
    source = library.source("program", program.id)
    problems: list[Problem] = []

    def at(*loc: str | int) -> int:
        return source.lines.line_for(loc)

    seen_phases: set[str] = set()
    seen_workouts: dict[str, int] = {}
    for p, phase in enumerate(program.phases):
        if phase.id in seen_phases:
            problems.append(
                Problem(source.path, at("phases", p, "id"), f"phase id '{phase.id}' is used twice")
            )
        seen_phases.add(phase.id)
        for w, workout in enumerate(phase.workouts):
            if workout.id in seen_workouts:
                problems.append(
                    Problem(
                        source.path,
                        at("phases", p, "workouts", w, "id"),
                        f"workout id '{workout.id}' is used twice",
                    )
                )
            seen_workouts[workout.id] = p
        problems += _check_phase(library, program, p, phase, at, source.path)
        last = p == len(program.phases) - 1
        if phase.gate is None and not last:
            problems.append(
                Problem(
                    source.path,
                    at("phases", p, "id"),
                    f"phase '{phase.id}' has no gate: say when to move on",
                )
            )
    return problems


def _check_phase(
    library: Library, program: Program, p: int, phase: Phase, at: Callable[..., int], path: str
) -> list[Problem]:
    problems: list[Problem] = []
    workout_ids = {w.id for w in phase.workouts}
    used_exercises: set[str] = set()
    for w, workout in enumerate(phase.workouts):
        couplets: dict[str, int] = {}
        for b, block in enumerate(workout.blocks):
            used_exercises.add(block.exercise)
            if block.exercise not in library.exercises:
                line = at("phases", p, "workouts", w, "blocks", b, "exercise")
                problems.extend(_unknown(library, block.exercise, path, line, "exercise"))
            else:
                problems += _check_block_check(library, block, (p, w, b), at, path)
            if block.couplet:
                couplets[block.couplet] = couplets.get(block.couplet, 0) + 1
        for label, count in couplets.items():
            if count < 2:
                line = at("phases", p, "workouts", w, "id")
                problems.append(
                    Problem(
                        path,
                        line,
                        f"couplet '{label}' in workout '{workout.id}' has one block: a couplet pairs two",
                    )
                )
    for d, workout_id in enumerate(phase.schedule):
        if workout_id not in workout_ids:
            hint = did_you_mean(workout_id, workout_ids)
            line = at("phases", p, "schedule", d)
            problems.append(
                Problem(
                    path,
                    line,
                    f"schedule day {d + 1}: '{workout_id}' is not a workout of phase '{phase.id}'{hint}",
                )
            )
    weeks_seen: set[int] = set()
    for c, change in enumerate(phase.weeks):
        if change.week in weeks_seen:
            problems.append(
                Problem(
                    path,
                    at("phases", p, "weeks", c, "week"),
                    f"week {change.week} is given twice in phase '{phase.id}'",
                )
            )
        weeks_seen.add(change.week)
        for exercise_id in change.doses:
            line = at("phases", p, "weeks", c, "doses", exercise_id)
            if exercise_id not in library.exercises:
                problems.extend(_unknown(library, exercise_id, path, line, "exercise"))
            elif exercise_id not in used_exercises and exercise_id not in library.broken:
                problems.append(
                    Problem(
                        path, line, f"'{exercise_id}' is not in any workout of phase '{phase.id}'"
                    )
                )
    problems += _check_gate(phase, p, at, path)
    if not problems:
        problems += _check_budget(library, program, p, phase, at, path)
    return problems


def _check_block_check(
    library: Library,
    block: Block,
    where: tuple[int, int, int],
    at: Callable[..., int],
    path: str,
) -> list[Problem]:
    """A check exercise's block gives its pass mark and what it gates; no other block does."""
    p, w, b = where
    is_check = library.exercises[block.exercise].check
    if is_check and block.check is None:
        line = at("phases", p, "workouts", w, "blocks", b, "exercise")
        return [
            Problem(
                path,
                line,
                f"'{block.exercise}' is a check: give the block `check:` with its pass mark "
                "(pass_max_pain) and what it gates (holds, or holds_gate: true)",
            )
        ]
    if not is_check and block.check is not None:
        line = at("phases", p, "workouts", w, "blocks", b, "check")
        return [
            Problem(
                path,
                line,
                f"'{block.exercise}' is not a check (the exercise has no `check: true`): "
                "a pass mark means nothing here",
            )
        ]
    return []


def _check_gate(phase: Phase, p: int, at: Callable[..., int], path: str) -> list[Problem]:
    problems: list[Problem] = []
    if phase.gate is None:
        return problems
    for c, criterion in enumerate(phase.gate.criteria):
        line = at("phases", p, "gate", "criteria", c)
        measure = criterion.measure.value
        if measure in WINDOW_MEASURES and criterion.window_days is None:
            problems.append(
                Problem(
                    path,
                    line,
                    f"criterion '{measure}' needs window_days: how many recent days to look at",
                )
            )
        if measure not in WINDOW_MEASURES and criterion.window_days is not None:
            problems.append(
                Problem(
                    path,
                    line,
                    f"criterion '{measure}' takes no window_days: it uses the latest test",
                )
            )
        if measure == "adherence" and not 0 <= (criterion.at_least or criterion.at_most or 0) <= 1:
            problems.append(
                Problem(path, line, "adherence is a fraction between 0 and 1 (0.7 means 70%)")
            )
        if criterion.measure in RANGE_MEASURES and criterion.at_least is None:
            problems.append(
                Problem(path, line, f"a range target ('{measure}') is a minimum: use at_least")
            )
    return problems


def _check_budget(
    library: Library, program: Program, p: int, phase: Phase, at: Callable[..., int], path: str
) -> list[Problem]:
    problems: list[Problem] = []
    budget = phase.time_budget or program.time_budget
    over: set[str] = set()  # report each workout once, at the first week it runs over
    for week in range(1, phase_weeks(phase, program.weeks) + 1):
        try:
            changes = changes_through(phase, week)
        except ValidationError as exc:
            line = at("phases", p, "weeks")
            problems.append(
                Problem(
                    path,
                    line,
                    f"the week {week} dose changes do not fit together: {exc.errors()[0]['msg']}",
                )
            )
            return problems
        for w, workout in enumerate(phase.workouts):
            try:
                seconds = template_seconds(workout, library.exercises, changes)
            except ValidationError as exc:
                line = at("phases", p, "weeks")
                message = exc.errors()[0]["msg"].removeprefix("Value error, ")
                problems.append(
                    Problem(
                        path,
                        line,
                        f"in week {week}, a dose change makes an invalid dose in workout '{workout.id}': {message}",
                    )
                )
                return problems
            if minutes(seconds) > budget.max_minutes and workout.id not in over:
                over.add(workout.id)
                line = at("phases", p, "workouts", w, "id")
                problems.append(
                    Problem(
                        path,
                        line,
                        f"workout '{workout.id}' takes about {minutes(seconds)} minutes in week {week} of phase "
                        f"'{phase.id}', over its budget of {budget.max_minutes:g} minutes",
                    )
                )
    return sorted(set(problems))
