"""The shipped library and programs keep the method's clinical shape."""

from __future__ import annotations

from hipcoach.content.doses import block_dose, changes_through, phase_weeks
from hipcoach.content.loader import load_library
from hipcoach.content.schema import TAG_MEANINGS, Category, Contraindication

LIBRARY = load_library()
SIT_BONE_TAGS = {
    Contraindication.deep_hip_flexion,
    Contraindication.ischial_compression,
    Contraindication.straight_leg_hamstring_stretch,
}


def test_the_library_has_at_least_thirty_exercises_in_every_category() -> None:
    assert len(LIBRARY.exercises) >= 30
    assert {e.category for e in LIBRARY.exercises.values()} == set(Category)


def test_the_ir_primer_exercises_are_there() -> None:
    for exercise_id in ("seated-ir-activation", "prone-ir-activation", "brettzel-2"):
        assert exercise_id in LIBRARY.exercises


def test_every_static_stretch_has_a_dynamic_alternative_for_run_days() -> None:
    static = [e for e in LIBRARY.exercises.values() if e.is_static_stretch]
    assert static
    assert all(e.dynamic_alternative for e in static), [
        e.id for e in static if not e.dynamic_alternative
    ]


def test_every_sit_bone_loading_exercise_has_a_regression_that_spares_it() -> None:
    for exercise in LIBRARY.exercises.values():
        if SIT_BONE_TAGS & set(exercise.contraindications):
            spared = [
                r
                for r in exercise.regressions
                if not SIT_BONE_TAGS & set(LIBRARY.exercises[r].contraindications)
            ]
            assert spared, exercise.id


def test_foundations_runs_mobility_then_activation_strength_and_function() -> None:
    program = LIBRARY.programs["hip-foundations"]
    assert [p.id for p in program.phases] == [
        "mobility",
        "activation",
        "strength",
        "function",
        "maintenance",
    ]
    assert program.weeks >= 8


def test_strength_cannot_start_before_two_weeks_of_mobility() -> None:
    program = LIBRARY.programs["hip-foundations"]
    before_strength = program.phases[: [p.id for p in program.phases].index("strength")]
    assert before_strength[0].gate.min_days >= 14
    assert sum(p.gate.min_days for p in before_strength) >= 14


def test_static_holds_stay_between_fifteen_and_sixty_seconds_every_week() -> None:
    """R6: holds of about 30 s, allowed 15–60 s."""
    for program in LIBRARY.programs.values():
        for phase in program.phases:
            for week in range(1, phase_weeks(phase, program.weeks) + 1):
                changes = changes_through(phase, week)
                for workout in phase.workouts:
                    for block in workout.blocks:
                        exercise = LIBRARY.exercises[block.exercise]
                        if exercise.is_static_stretch:
                            hold = block_dose(block, exercise, changes).hold_s
                            assert 15 <= hold <= 60, (program.id, workout.id, block.exercise, hold)


def test_each_mobility_stretch_gets_at_least_a_minute_a_workout() -> None:
    """R6: each target at least 60 s a workout (per side)."""
    for program in LIBRARY.programs.values():
        phase = program.phases[0]
        for workout in phase.workouts:
            for block in workout.blocks:
                exercise = LIBRARY.exercises[block.exercise]
                if exercise.is_static_stretch:
                    dose = block_dose(block, exercise, {})
                    assert dose.sets * dose.hold_s >= 60, (program.id, workout.id, block.exercise)


def test_impact_waits_for_the_function_phase_and_its_hop_readiness_check() -> None:
    program = LIBRARY.programs["hip-foundations"]
    ids = [p.id for p in program.phases]
    for phase in program.phases[: ids.index("function") + 1]:
        for workout in phase.workouts:
            for block in workout.blocks:
                tags = set(LIBRARY.exercises[block.exercise].contraindications)
                if Contraindication.impact in tags:
                    assert block.exercise == "hop-readiness-check", (phase.id, block.exercise)
    function = program.phases[ids.index("function")]
    assert any(b.exercise == "hop-readiness-check" for w in function.workouts for b in w.blocks)
    assert function.gate.criteria[0].measure.value == "green_days"


def test_strength_days_are_split_not_lengthened() -> None:
    """Each strength workout has few exercises and a 12-minute budget (checked every week by
    the validator); the strength work is spread over three different days."""
    strength = next(p for p in LIBRARY.programs["hip-foundations"].phases if p.id == "strength")
    assert strength.time_budget.max_minutes <= 12
    days = [w for w in strength.schedule if w != "strength-maintenance"]
    assert len(set(days)) == 3
    for workout in strength.workouts:
        assert len(workout.blocks) <= 5, workout.id


def test_every_tag_has_its_meaning_written_down() -> None:
    assert set(TAG_MEANINGS) == set(Contraindication)
    assert all(len(words) > 20 for words in TAG_MEANINGS.values())


def test_return_to_run_steps_up_by_level_and_keeps_hip_work_alongside() -> None:
    program = LIBRARY.programs["return-to-run"]
    runs = []
    for phase in program.phases:
        blocks = [b for w in phase.workouts for b in w.blocks]
        run = next(b for b in blocks if b.exercise == "walk-run-intervals")
        runs.append(run.dose.sets * run.dose.time_s)
        assert {"seated-ir-activation", "prone-ir-activation", "brettzel-2"} <= {
            b.exercise for b in blocks
        }
        if phase is not program.phases[-1]:
            assert any(
                c.measure.value == "green_days" and c.at_least == 7 for c in phase.gate.criteria
            )
    assert runs == sorted(runs) and all(b <= a * 1.1 for a, b in zip(runs, runs[1:], strict=False))


METHOD_PRIMER = ("seated-ir-activation", "prone-ir-activation", "brettzel-2")


def test_the_floor_drill_is_the_methods_with_the_chair_version_as_a_regression() -> None:
    floor = LIBRARY.exercises["seated-ir-activation"]
    assert "legs straight" in floor.starting_position
    assert "chair" not in floor.equipment
    assert "chair-ir-activation" in floor.regressions
    assert any("ankle" in f.fault for f in floor.faults)  # the classic fault, with its fix


def test_the_brettzel_two_turns_the_back_hip_in_and_leans_back_onto_the_elbow() -> None:
    brettzel = LIBRARY.exercises["brettzel-2"]
    text = " ".join([brettzel.starting_position, *brettzel.steps])
    for words in (
        "hip turned out",
        "hip turned in",
        "heel toward your buttock",
        "extension",
        "forearm",
    ):
        assert words in text, words
    assert "hip_internal_rotation" in brettzel.targets


def test_every_primer_and_mobility_workout_has_the_methods_three_drills_and_foot_work() -> None:
    phases = [
        LIBRARY.programs["hip-ir-primer"].phases[0],
        LIBRARY.programs["hip-foundations"].phases[0],
    ]
    for phase in phases:
        foot = set()
        for workout in phase.workouts:
            ids = {b.exercise for b in workout.blocks}
            assert set(METHOD_PRIMER) <= ids, workout.id
            foot |= {i for i in ids if LIBRARY.exercises[i].category is Category.foot}
        assert foot, phase.id


def test_sit_bone_pain_adapts_the_methods_drills_instead_of_dropping_them() -> None:
    """R11 swaps an exercise for its first regression without the sit-bone tags; for the
    method's drills that stand-in keeps the drill's purpose (it trains the same targets)."""
    for exercise_id in METHOD_PRIMER:
        exercise = LIBRARY.exercises[exercise_id]
        if not SIT_BONE_TAGS & set(exercise.contraindications):
            continue
        stand_in = next(
            LIBRARY.exercises[r]
            for r in exercise.regressions
            if not SIT_BONE_TAGS & set(LIBRARY.exercises[r].contraindications)
        )
        assert set(exercise.targets) <= set(stand_in.targets), (exercise_id, stand_in.id)
        assert "UNSOURCED" in stand_in.why or stand_in.evidence, stand_in.id


def test_the_five_lessons_are_there_and_every_program_phase_teaches_something() -> None:
    assert {
        "range-before-strength",
        "normal-soreness",
        "left-and-right",
        "no-detectable-change",
        "holds-before-running",
    } <= set(LIBRARY.lessons)
    taught = set()
    for program in LIBRARY.programs.values():
        for phase in program.phases:
            assert phase.learn, (program.id, phase.id)
            taught |= set(phase.learn)
    assert taught == set(LIBRARY.lessons)
    for lesson in LIBRARY.lessons.values():
        assert len(lesson.text) <= 900 and lesson.evidence, lesson.id
