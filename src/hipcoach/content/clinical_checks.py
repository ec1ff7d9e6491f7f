"""Checks that the content means what it says, clinically: beyond what one file's schema shows.

- load tags agree with the exercise as written (a kneeling start is tagged `kneeling`, a
  standing one `weight_bearing`, a long static stretch `long_static_hold`, a key pose that turns
  a hip to the end of its rotation `end_range_rotation`, and so on);
- an impact drill has an easier version without impact (a person who may not land yet still
  gets the drill's purpose);
- load words are on the progression ladder (R10 can only step a load it knows);
- strength sets rest long enough to be strength work;
- every exercise is reachable: in a program, a stand-in a program's exercise can reach (its
  regressions, or its dynamic alternative before a run), or library-only with its reason;
- running load rises by at most about 10% a week;
- a block's note does not open by placing the body otherwise than the exercise does ("Seated
  for now." on a standing drill);
- the lessons a phase names exist, and every lesson cites in its text the evidence it lists;
- a program's end names a program to go on to that exists (not itself), and a phase it has.

Each problem is reported at its file and line, like every other content problem.
"""

from __future__ import annotations

from collections.abc import Iterator

from hipcoach.content.doses import changes_through, phase_weeks
from hipcoach.content.library import Library
from hipcoach.content.schema import (
    LOAD_LADDER,
    BodyPosition,
    Category,
    Contraindication,
    Dose,
    DoseChange,
    Exercise,
    Lesson,
    Program,
    apply_change,
)
from hipcoach.content.yamlfile import Loc, Problem, did_you_mean

T = Contraindication
STRENGTH_REST_MIN_S = 60  # rest between strength sets: a minute at least (UNSOURCED: common
# practice for 8-12 RM work; shorter rests train endurance, not strength)
RUNNING_WEEKLY_RISE_MAX = 0.10  # running time rises at most ~10% a week (UNSOURCED rule of
# thumb; a recent jump in running load goes with stress fractures, Robertson 2017)

END_RANGE_ROTATION_DEG = 40.0  # a key pose turning a hip in or out this far is at the end of its
# rotation: within 5° of the typical 45° (poses.AVERAGE_RANGES, Merck Manual); the margin is
# UNSOURCED, chosen so that active drills at about 35° are not end range and the method's
# end-range stretches (the face-down stretch at 42°, the Brettzel's back hip at 70°) are

KNEELING_POSITIONS = frozenset(
    {BodyPosition.kneeling, BodyPosition.half_kneeling, BodyPosition.quadruped}
)

# (the exercise shows this, so it must carry this tag, because ...)
IMPLIED_TAGS: tuple[tuple[T, T, str], ...] = (
    (T.single_leg_load, T.weight_bearing, "most of the weight on one leg is weight-bearing"),
    (T.impact, T.weight_bearing, "landing is weight-bearing"),
    (T.running, T.impact, "running is impact"),
)


def check_meaning(library: Library, *, reachability: bool = True) -> list[Problem]:
    """Every clinical-meaning problem in `library`; reachability only when asked."""
    problems: list[Problem] = []
    for exercise in library.exercises.values():
        problems += _check_tags(library, exercise)
        problems += _check_load(library, exercise)
    for lesson in library.lessons.values():
        problems += _check_lesson(library, lesson)
    for program in library.programs.values():
        problems += _check_learn(library, program)
        problems += _check_program_loads(library, program)
        problems += _check_strength_rest(library, program)
        problems += _check_running(library, program)
        problems += _check_end(library, program)
        problems += _check_note_positions(library, program)
    if reachability and library.programs:
        problems += _check_reachable(library)
    return problems


def _check_learn(library: Library, program: Program) -> list[Problem]:
    source = library.source("program", program.id)
    problems = []
    for p, phase in enumerate(program.phases):
        for i, lesson_id in enumerate(phase.learn):
            if lesson_id not in library.lessons and lesson_id not in library.broken:
                hint = did_you_mean(lesson_id, library.lessons.keys())
                line = source.lines.line_for(("phases", p, "learn", i))
                problems.append(
                    Problem(
                        source.path, line, f"'{lesson_id}' is not a lesson in the library{hint}"
                    )
                )
    return problems


def _check_end(library: Library, program: Program) -> list[Problem]:
    end = program.end
    if end is None:
        return []
    source = library.source("program", program.id)
    problems = []
    nxt = end.next_program
    known = nxt is None or (nxt != program.id and nxt in library.programs)
    if nxt is not None and not known and nxt not in library.broken:
        hint = did_you_mean(nxt, [p for p in library.programs if p != program.id])
        why = "is this program itself" if nxt == program.id else "is not a program in the library"
        line = source.lines.line_for(("end", "next_program"))
        problems.append(Problem(source.path, line, f"end.next_program '{nxt}' {why}{hint}"))
    phases = [phase.id for phase in program.phases]
    if end.keep_phase is not None and end.keep_phase not in phases:
        hint = did_you_mean(end.keep_phase, phases)
        line = source.lines.line_for(("end", "keep_phase"))
        problems.append(
            Problem(
                source.path,
                line,
                f"end.keep_phase '{end.keep_phase}' is not a phase of this program{hint}",
            )
        )
    return problems


_NOTE_OPENINGS: dict[str, frozenset[BodyPosition]] = {
    "seated": frozenset({BodyPosition.seated}),
    "sitting": frozenset({BodyPosition.seated}),
    "standing": frozenset({BodyPosition.standing}),
}


def _check_note_positions(library: Library, program: Program) -> list[Problem]:
    """A note that opens with a body position ("Seated for now.") must be the exercise's."""
    source = library.source("program", program.id)
    problems = []
    for p, phase in enumerate(program.phases):
        for w, workout in enumerate(phase.workouts):
            for b, block in enumerate(workout.blocks):
                exercise = library.exercises.get(block.exercise)
                if exercise is None or not block.note:
                    continue
                first = block.note.split()[0].strip(".,;:").lower()
                positions = _NOTE_OPENINGS.get(first)
                if positions is not None and exercise.position not in positions:
                    problems.append(
                        Problem(
                            source.path,
                            source.lines.line_for(
                                ("phases", p, "workouts", w, "blocks", b, "note")
                            ),
                            f"the note says '{block.note.split('.')[0]}' but '{exercise.id}' is done "
                            f"in position '{exercise.position.value}': make them agree",
                        )
                    )
    return problems


def _check_lesson(library: Library, lesson: Lesson) -> list[Problem]:
    source = library.source("lesson", lesson.id)
    return [
        Problem(
            source.path,
            source.lines.line_for(("evidence", i)),
            f"evidence '{reference}' is not cited in the lesson's text",
        )
        for i, reference in enumerate(lesson.evidence)
        if reference not in lesson.text
    ]


def _tag_line(library: Library, exercise: Exercise) -> tuple[str, int]:
    source = library.source("exercise", exercise.id)
    return source.path, source.lines.line_for(("contraindications",))


def _check_tags(library: Library, exercise: Exercise) -> list[Problem]:
    path, line = _tag_line(library, exercise)
    tags = set(exercise.contraindications)
    missing: list[tuple[T, str]] = []
    if exercise.position in KNEELING_POSITIONS and T.kneeling not in tags:
        missing.append((T.kneeling, f"it starts in position '{exercise.position.value}'"))
    if exercise.position is BodyPosition.standing and T.weight_bearing not in tags:
        missing.append((T.weight_bearing, "it is done standing"))
    if (
        exercise.is_static_stretch
        and exercise.dose.sets * (exercise.dose.hold_s or 0) >= 60
        and T.long_static_hold not in tags
    ):
        missing.append((T.long_static_hold, "its default dose holds a stretch 60 s or more"))
    for shown, implied, why in IMPLIED_TAGS:
        if shown in tags and implied not in tags:
            missing.append((implied, f"it is tagged '{shown.value}' and {why}"))
    problems = [
        Problem(path, line, f"tag '{tag.value}' is missing: {reason}") for tag, reason in missing
    ]
    if T.end_range_rotation not in tags:
        problems += _end_range_poses(library, exercise)
    if T.impact in tags:
        problems += _impact_regression(library, exercise)
    return problems


def _end_range_poses(library: Library, exercise: Exercise) -> list[Problem]:
    """The first key pose that turns a hip to the end of its rotation, when the exercise is
    not tagged `end_range_rotation`: R5 and R16 leave out end-range work by that tag, so a pose
    that reaches it must carry it."""
    if exercise.poses is None:
        return []
    source = library.source("exercise", exercise.id)
    for i, key in enumerate(exercise.poses.keys):
        for name, value in sorted(key.angles.degrees().items()):
            if name.endswith("hip_internal_rotation") and abs(value) >= END_RANGE_ROTATION_DEG:
                turn = "inward" if value > 0 else "outward"
                return [
                    Problem(
                        source.path,
                        source.lines.line_for(("poses", "keys", i, "angles", name)),
                        f"tag 'end_range_rotation' is missing: the key pose '{key.name}' turns "
                        f"the {name.split('_')[0]} hip {abs(value):g}° {turn} (the end of its "
                        f"rotation from {END_RANGE_ROTATION_DEG:g}°); rules that must not push "
                        "end range (R5, R16) find it by the tag",
                    )
                ]
    return []


def _impact_regression(library: Library, exercise: Exercise) -> list[Problem]:
    """An impact drill needs an easier version without impact: when landing must wait (R14,
    R16, a failed readiness check), its first regression without impact stands in."""
    easier = [library.exercises.get(r) for r in exercise.regressions]
    if any(e is not None and T.impact not in e.contraindications for e in easier):
        return []
    if any(r not in library.exercises for r in exercise.regressions):
        return []  # an unknown regression is reported on its own
    source = library.source("exercise", exercise.id)
    return [
        Problem(
            source.path,
            source.lines.line_for(("regressions",)),
            "an impact drill needs an easier version without impact among its regressions: "
            "when landing must wait, that version stands in",
        )
    ]


def _off_ladder(load: str | None) -> str | None:
    """A message when `load` is not a step of a ladder: every load word must be one, since R10
    steps a load one rung up its ladder and could never step an unknown word."""
    if load is None:
        return None
    steps = [word.lower() for ladder in LOAD_LADDER for word in ladder]
    if load.lower() in steps:
        return None
    choices = "; ".join(", ".join(f"'{w}'" for w in ladder) for ladder in LOAD_LADDER)
    return (
        f"load '{load}' is not a step of the progression ladder, so it could never be stepped "
        f"up (R10): use one of {choices}; say where the load goes in a note or a step"
    )


def _check_load(library: Library, exercise: Exercise) -> list[Problem]:
    message = _off_ladder(exercise.dose.load)
    if message is None:
        return []
    source = library.source("exercise", exercise.id)
    return [Problem(source.path, source.lines.line_for(("dose", "load")), message)]


def _check_program_loads(library: Library, program: Program) -> list[Problem]:
    source = library.source("program", program.id)
    problems = []
    for p, phase in enumerate(program.phases):
        for w, workout in enumerate(phase.workouts):
            for b, block in enumerate(workout.blocks):
                message = _off_ladder(block.dose.load if block.dose else None)
                if message:
                    loc: Loc = ("phases", p, "workouts", w, "blocks", b, "dose", "load")
                    problems.append(Problem(source.path, source.lines.line_for(loc), message))
        for c, change in enumerate(phase.weeks):
            for exercise_id, dose in change.doses.items():
                message = _off_ladder(dose.load)
                if message:
                    loc = ("phases", p, "weeks", c, "doses", exercise_id, "load")
                    problems.append(Problem(source.path, source.lines.line_for(loc), message))
    return problems


def _block_doses(library: Library, program: Program) -> Iterator[tuple[Loc, Exercise, Dose]]:
    """Each block's dose in each week it changes: (location, exercise, dose)."""
    for p, phase in enumerate(program.phases):
        for w, workout in enumerate(phase.workouts):
            for b, block in enumerate(workout.blocks):
                exercise = library.exercises.get(block.exercise)
                if exercise is None:
                    continue
                dose = block.dose or exercise.dose
                yield ("phases", p, "workouts", w, "blocks", b), exercise, dose
                for change in phase.weeks:
                    delta: DoseChange | None = change.doses.get(block.exercise)
                    if delta is not None:
                        try:
                            dose = apply_change(dose, delta)
                        except ValueError:  # reported by the week checks
                            break
                        yield ("phases", p, "weeks", change.week), exercise, dose


def _check_strength_rest(library: Library, program: Program) -> list[Problem]:
    source = library.source("program", program.id)
    problems: dict[int, Problem] = {}
    for loc, exercise, dose in _block_doses(library, program):
        if (
            exercise.category is Category.strength
            and dose.reps is not None
            and dose.sets > 1
            and dose.rest_s < STRENGTH_REST_MIN_S
        ):
            line = source.lines.line_for(loc)
            problems.setdefault(
                line,
                Problem(
                    source.path,
                    line,
                    f"'{exercise.id}' is strength work but rests {dose.rest_s} s between sets: "
                    f"give it at least {STRENGTH_REST_MIN_S} s (rest_s), or it trains endurance",
                ),
            )
    return list(problems.values())


def _is_running(exercise: Exercise) -> bool:
    return T.running in exercise.contraindications


def _check_running(library: Library, program: Program) -> list[Problem]:
    """Weekly running time, phase week by phase week, rises at most RUNNING_WEEKLY_RISE_MAX."""
    source = library.source("program", program.id)
    previous: float | None = None
    for p, phase in enumerate(program.phases):
        for week in range(1, phase_weeks(phase, program.weeks) + 1):
            try:
                changes = changes_through(phase, week)
            except ValueError:
                return []
            seconds = 0.0
            for day_workout in phase.schedule:
                workout = next((w for w in phase.workouts if w.id == day_workout), None)
                if workout is None:
                    continue
                for block in workout.blocks:
                    exercise = library.exercises.get(block.exercise)
                    if exercise is None or not _is_running(exercise):
                        continue
                    dose = apply_change(block.dose or exercise.dose, changes.get(exercise.id))
                    seconds += dose.sets * (dose.time_s or 0)
            if previous and seconds > previous * (1 + RUNNING_WEEKLY_RISE_MAX) + 0.5:
                rise = round(100 * (seconds / previous - 1))
                line = source.lines.line_for(("phases", p, "id"))
                return [
                    Problem(
                        source.path,
                        line,
                        f"running rises {rise}% in week {week} of phase '{phase.id}' "
                        f"({previous / 60:g} → {seconds / 60:g} minutes a week): at most "
                        f"{round(100 * RUNNING_WEEKLY_RISE_MAX)}% a week",
                    )
                ]
            if seconds:
                previous = seconds
    return []


def _check_reachable(library: Library) -> list[Problem]:
    """An exercise no program uses or can reach as a stand-in must say why it is there."""
    used = {
        block.exercise
        for program in library.programs.values()
        for phase in program.phases
        for workout in phase.workouts
        for block in workout.blocks
    }
    reachable = set(used)
    queue = [e for e in used if e in library.exercises]
    while queue:
        exercise = library.exercises[queue.pop()]
        for other in [*exercise.regressions, exercise.dynamic_alternative]:
            if other and other in library.exercises and other not in reachable:
                reachable.add(other)
                queue.append(other)
    problems = []
    for exercise in library.exercises.values():
        source = library.source("exercise", exercise.id)
        if exercise.id not in reachable and exercise.library_only is None:
            problems.append(
                Problem(
                    source.path,
                    source.lines.line_for(("id",)),
                    f"'{exercise.id}' is in no program and no program exercise reaches it as a "
                    "regression or run-day alternative: add it to a program, or say why it is "
                    "in the library (library_only)",
                )
            )
        elif exercise.id in used and exercise.library_only is not None:
            problems.append(
                Problem(
                    source.path,
                    source.lines.line_for(("library_only",)),
                    f"'{exercise.id}' is used by a program, so it is not library-only",
                )
            )
    return problems
