"""Rich renderings of programs for the terminal."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hipcoach.content.doses import block_dose, changes_through, workout_minutes
from hipcoach.content.schema import Criterion, Exercise, Lesson, Phase, Program
from hipcoach.engine.dosing import dose_text

WEEKDAYS = ("day 1", "day 2", "day 3", "day 4", "day 5", "day 6", "day 7")


def criterion_text(criterion: Criterion) -> str:
    """A gate criterion in words (its label when the author gave one)."""
    if criterion.label:
        return criterion.label
    bound = (
        f"≥ {criterion.at_least:g}"
        if criterion.at_least is not None
        else f"≤ {criterion.at_most:g}"
    )
    window = f" over the last {criterion.window_days} days" if criterion.window_days else ""
    return f"{criterion.measure.value} {bound}{window}"


def _gate(phase: Phase) -> Text:
    if phase.gate is None:
        return Text("Last phase: no gate.", style="dim")
    gate = phase.gate
    days = f"at least {gate.min_days} days" + (
        f", at most {gate.max_days}" if gate.max_days else ""
    )
    lines = [f"Move on after {days}, when:"]
    lines += [f"  • {criterion_text(c)}" for c in gate.criteria]
    if gate.max_days and any(c.measure.value.startswith("ir_") for c in gate.criteria):
        lines.append(
            f"  (from day {gate.max_days} the range target is waived when the rest is met)"
        )
    return Text("\n".join(lines))


def _workouts(phase: Phase, exercises: Mapping[str, Exercise], week: int) -> Group:
    changes = changes_through(phase, week)
    tables = []
    for workout in phase.workouts:
        mins = workout_minutes(phase, workout, exercises, week)
        days = [WEEKDAYS[i] for i, w in enumerate(phase.schedule) if w == workout.id]
        table = Table(
            title=f"{workout.name} [dim]({workout.id})[/dim] — about {mins:g} min — {', '.join(days) or 'not scheduled'}",
            title_justify="left",
            expand=False,
        )
        table.add_column("#", justify="right")
        table.add_column("exercise")
        table.add_column("category")
        table.add_column(f"dose, week {week}")
        for i, block in enumerate(workout.blocks, start=1):
            exercise = exercises[block.exercise]
            dose = dose_text(block_dose(block, exercise, changes), per_side=exercise.per_side)
            name = exercise.name + (
                f" [cyan](couplet {block.couplet})[/cyan]" if block.couplet else ""
            )
            table.add_row(str(i), name, exercise.category.value, dose)
        tables.append(table)
    return Group(*tables)


def _progressions(phase: Phase, exercises: Mapping[str, Exercise]) -> Text:
    if not phase.weeks:
        return Text("No weekly dose changes.", style="dim")
    lines = []
    for change in sorted(phase.weeks, key=lambda c: c.week):
        parts = []
        for exercise_id, dose_change in change.doses.items():
            fields = ", ".join(
                f"{k} {getattr(dose_change, k)}" for k in sorted(dose_change.model_fields_set)
            )
            name = exercises[exercise_id].name if exercise_id in exercises else exercise_id
            parts.append(f"{name}: {fields}")
        lines.append(f"Week {change.week}: " + "; ".join(parts))
        if change.note:
            lines.append(f"  {change.note}")
    return Text("\n".join(lines))


def _lessons(phase: Phase, lessons: Mapping[str, Lesson], shown: set[str]) -> Text:
    """The phase's lessons: in full the first time, then by title only (not a wall of text)."""
    text = Text()
    for lesson_id in phase.learn:
        lesson = lessons.get(lesson_id)
        if lesson is None:
            continue
        if text:
            text.append("\n")
        text.append(lesson.title, style="bold")
        if lesson_id in shown:
            text.append(" (above)")
        else:
            text.append(f"\n{lesson.text} ({'; '.join(lesson.evidence)})")
            shown.add(lesson_id)
    return text


def render_program(
    program: Program,
    exercises: Mapping[str, Exercise],
    *,
    week: int = 1,
    lessons: Mapping[str, Lesson] | None = None,
) -> Group:
    """A program laid out for reading: summary, then each phase with workouts and gate."""
    budget = program.time_budget
    head = Text.assemble(
        (program.name, "bold"),
        f"  ({program.id}, version {program.version})\n",
        program.summary + "\n",
        f"{program.weeks} weeks; workouts of {budget.min_minutes:g}–{budget.max_minutes:g} minutes a day",
    )
    parts: list = [head]
    shown: set[str] = set()  # lessons already given in full
    for number, phase in enumerate(program.phases, start=1):
        own = phase.time_budget
        budget_text = f" — {own.min_minutes:g}–{own.max_minutes:g} min workouts" if own else ""
        learn = _lessons(phase, lessons or {}, shown)
        body = Group(
            Text(phase.goal),
            *([Text("Learn", style="bold"), learn] if learn else []),
            _workouts(phase, exercises, week),
            Text("Weekly progression", style="bold"),
            _progressions(phase, exercises),
            Text("Gate", style="bold"),
            _gate(phase),
        )
        parts.append(
            Panel(
                body,
                title=f"Phase {number}: {phase.name} ({phase.id}){budget_text}",
                title_align="left",
            )
        )
    return Group(*parts)
