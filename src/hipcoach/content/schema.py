"""The content schema: exercises and programs as data a physical therapist can read and write.

These pydantic models are the single definition of what an exercise or program file may
contain. `hipcoach schema` exports them as JSON Schema so an editor can check a YAML file while
it is typed; the loader (`hipcoach.content.loader`) validates files against them and the
cross-file checks (`hipcoach.content.validate`) add what one file alone cannot show.

The models are pure data: no I/O, no clock. The engine reads them as they are.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hipcoach.content.poses import Poses
from hipcoach.vocabulary import Goal

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[
    str, Field(pattern=SLUG_PATTERN, description="A lower-case id: words joined by hyphens.")
]
_SLUG_RE = re.compile(SLUG_PATTERN)


class Strict(BaseModel):
    """Base for every content model: unknown keys are mistakes, not extensions."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Category(str, Enum):
    soft_tissue = "soft_tissue"
    stretch = "stretch"
    dynamic = "dynamic"
    activation = "activation"
    strength = "strength"
    functional = "functional"
    foot = "foot"


class BodyPosition(str, Enum):
    """Where the body is when an exercise starts; a change between blocks costs time. (Not
    `vocabulary.Position`, the hip test's position.)"""

    standing = "standing"
    seated = "seated"
    supine = "supine"
    prone = "prone"
    side_lying = "side_lying"
    quadruped = "quadruped"
    kneeling = "kneeling"
    half_kneeling = "half_kneeling"


class Contraindication(str, Enum):
    """Load tags, from a closed list: what an exercise asks of the body.

    A tag is a fact about the exercise as written, not a verdict on who may do it. The engine
    leaves an exercise out for a person or a day by tag (sit-bone pain R11, a suspected bony
    limit R5; the exclusions for age bands, osteoarthritis-like hips and stress-fracture signs
    work the same way), and stands in the first regression without the excluded tags.
    `TAG_MEANINGS` says where each tag starts; `docs/content.md` shows the table.
    """

    deep_hip_flexion = "deep_hip_flexion"
    ischial_compression = "ischial_compression"
    straight_leg_hamstring_stretch = "straight_leg_hamstring_stretch"
    hip_flexion_under_load = "hip_flexion_under_load"
    long_static_hold = "long_static_hold"
    end_range_rotation = "end_range_rotation"
    kneeling = "kneeling"
    weight_bearing = "weight_bearing"
    single_leg_load = "single_leg_load"
    impact = "impact"
    running = "running"


TAG_MEANINGS: dict[Contraindication, str] = {
    Contraindication.deep_hip_flexion: (
        "the hip bends past about 90° (knee toward the chest, a deep squat, the pigeon's front leg)"
    ),
    Contraindication.ischial_compression: (
        "weight or a roller presses on the sit bone (sitting upright on the floor or a chair, "
        "rolling near it)"
    ),
    Contraindication.straight_leg_hamstring_stretch: (
        "the hip bends with the knee (nearly) straight, so the top of the hamstring is on "
        "stretch, even when that is not the aim (long sitting, leg swings, hamstring sweeps)"
    ),
    Contraindication.hip_flexion_under_load: (
        "the hamstring and glute work with the hip bent past about 45° under body weight or a "
        "load (hinges, split squats, step-ups): the load a sore hamstring tendon meets last"
    ),
    Contraindication.long_static_hold: (
        "a static stretch that can reach 60 s on one muscle in a workout (R8 before a run)"
    ),
    Contraindication.end_range_rotation: (
        "the hip is held or pushed at the end of its inward or outward turn (a key pose at 40° "
        "or more); left out by R5 and R16, never given extra sets for a painful hip (R3)"
    ),
    Contraindication.kneeling: "weight on a knee (kneeling, half kneeling, all fours, a knee side plank)",
    Contraindication.weight_bearing: "standing: the body's weight goes through the legs",
    Contraindication.single_leg_load: (
        "most of the body's weight on one leg (single-leg stance, split stance, step work)"
    ),
    Contraindication.impact: "the feet leave the ground and land: hopping, skipping, running",
    Contraindication.running: "running itself (walk-run intervals): the running load of a program",
}
"""Where each load tag starts, in words; every tag has one (a test keeps them complete)."""


LOAD_LADDER: tuple[tuple[str, ...], ...] = (
    ("light band", "medium band", "heavy band", "extra-heavy band"),
    ("light mini-band", "medium mini-band", "heavy mini-band", "extra-heavy mini-band"),
    ("body weight", "light dumbbell", "medium dumbbell", "heavy dumbbell"),
)
"""The progression ladders of load words: R10 steps a load one word up its ladder, and the
validator refuses a load that is not on one (an unknown word could never be stepped)."""


class Dose(Strict):
    """How much of an exercise: sets of reps (each with an optional hold), a hold, or a time.

    A dose needs at least one of `reps`, `hold_s` or `time_s`. `reps` with `hold_s` means each
    rep holds for that long (e.g. 10 × 3 s); `hold_s` alone is one static hold per set.
    For an exercise done per side, the dose is for each side.
    """

    sets: int = Field(1, ge=1, le=10, description="Number of sets (each side, if per side).")
    reps: int | None = Field(None, ge=1, le=100, description="Repetitions per set.")
    hold_s: int | None = Field(None, ge=1, le=300, description="Seconds held (per rep if reps).")
    time_s: int | None = Field(
        None, ge=5, le=900, description="Seconds of continuous work per set."
    )
    rest_s: int = Field(0, ge=0, le=300, description="Seconds of rest between sets.")
    tempo_s: int | None = Field(
        None, ge=1, le=10, description="Seconds one rep takes to move through (default 3)."
    )
    load: str | None = Field(None, max_length=80, description="Load in words, e.g. 'light band'.")

    @model_validator(mode="after")
    def _has_work(self) -> Dose:
        if self.reps is None and self.hold_s is None and self.time_s is None:
            raise ValueError("a dose needs reps, hold_s or time_s: say how much to do")
        if self.time_s is not None and (self.reps is not None or self.hold_s is not None):
            raise ValueError("a dose with time_s is timed work: leave out reps and hold_s")
        return self


class DoseChange(Strict):
    """A partial dose: only the fields given replace the dose in force."""

    sets: int | None = Field(None, ge=1, le=10)
    reps: int | None = Field(None, ge=1, le=100)
    hold_s: int | None = Field(None, ge=1, le=300)
    time_s: int | None = Field(None, ge=5, le=900)
    rest_s: int | None = Field(None, ge=0, le=300)
    tempo_s: int | None = Field(None, ge=1, le=10)
    load: str | None = Field(None, max_length=80)

    @model_validator(mode="after")
    def _not_empty(self) -> DoseChange:
        if not self.model_fields_set:
            raise ValueError("a dose change must change at least one field")
        return self


def apply_change(dose: Dose, change: DoseChange | None) -> Dose:
    """The dose `dose` with the fields set in `change` replaced (validated again)."""
    if change is None:
        return dose
    merged = dose.model_dump() | {k: getattr(change, k) for k in change.model_fields_set}
    return Dose.model_validate(merged)


class Fault(Strict):
    fault: str = Field(min_length=3, description="What goes wrong, as the person would notice it.")
    fix: str = Field(min_length=3, description="How to put it right.")


class Exercise(Strict):
    """One exercise of the library, written for someone doing it alone."""

    id: Slug
    name: str = Field(min_length=3, max_length=80)
    category: Category
    targets: list[str] = Field(
        min_length=1,
        description="Muscles, joints or qualities trained, e.g. hip_internal_rotation.",
    )
    position: BodyPosition = Field(description="Body position at the start (for timing and setup).")
    starting_position: str = Field(min_length=10, description="How to set up, in words.")
    equipment: list[str] = Field(default_factory=list, description="Empty for none.")
    per_side: bool = Field(description="True when each side is done in turn.")
    dose: Dose = Field(description="The default dose (for each side when per side).")
    steps: list[str] = Field(min_length=2, description="Numbered steps, in order.")
    cues: list[str] = Field(min_length=1, description="What to feel and where to move from.")
    faults: list[Fault] = Field(min_length=1, description="Common faults, each with its fix.")
    regressions: list[Slug] = Field(default_factory=list, description="Easier exercise ids.")
    progressions: list[Slug] = Field(default_factory=list, description="Harder exercise ids.")
    dynamic_alternative: Slug | None = Field(
        None, description="A dynamic exercise to use instead of this static one before a run (R8)."
    )
    contraindications: list[Contraindication] = Field(
        default_factory=list,
        description="Load tags from the closed list (see TAG_MEANINGS); every load the exercise has.",
    )
    library_only: str | None = Field(
        None,
        min_length=20,
        description=(
            "Why the exercise is in no program and no program's stand-in chain, e.g. a swap a "
            "clinician may choose; leave out when a program uses it."
        ),
    )
    check: bool = Field(
        False,
        description=(
            "A readiness check, not training: every program block that uses it gives its pass "
            "mark and what it gates (`check:` on the block)."
        ),
    )
    why: str = Field(min_length=20, description="Why it is in the method, citing the evidence.")
    evidence: list[str] = Field(
        default_factory=list, description="References from the evidence sheet, e.g. 'Bandy 1994'."
    )
    poses: Poses | None = Field(
        None, description="Key poses for the figure (left side working); see docs/content.md."
    )

    @field_validator("targets", "equipment")
    @classmethod
    def _snake_words(cls, values: list[str]) -> list[str]:
        for value in values:
            if not re.fullmatch(r"[a-z0-9_]+", value):
                raise ValueError(f"'{value}' should be lower-case words joined by underscores")
        return values

    @property
    def is_static_stretch(self) -> bool:
        """A hold-only stretch: the kind R8 limits before a run."""
        return (
            self.category is Category.stretch
            and self.dose.reps is None
            and self.dose.hold_s is not None
        )


class CheckRule(Strict):
    """What a check block's result means: its pass mark, what it gates and when to retry.

    The result is the pain reported during the workout of the day the check was done (the
    check's own instructions ask for it): at or below `pass_max_pain` passes. A fail leaves out
    the exercises with the `holds` tags until a pass, and, with `holds_gate`, the phase's gate
    waits for a pass. The check comes back in the plan `retry_days` after a fail.
    """

    pass_max_pain: int = Field(ge=0, le=10, description="Pain (0-10) at or below which it passes.")
    holds: list[Contraindication] = Field(
        default_factory=list, description="Load tags left out from a fail until a pass."
    )
    holds_gate: bool = Field(False, description="The phase's gate waits for a pass.")
    retry_days: int = Field(
        7, ge=1, le=28, description="Days after a fail before it is tried again."
    )

    @model_validator(mode="after")
    def _gates_something(self) -> CheckRule:
        if not self.holds and not self.holds_gate:
            raise ValueError(
                "a check must gate something: give `holds` (load tags left out until a pass) "
                "or `holds_gate: true`"
            )
        return self


class Block(Strict):
    """An exercise with its dose inside a workout; without a dose, the exercise's default."""

    exercise: Slug
    dose: Dose | None = None
    check: CheckRule | None = Field(
        None, description="For a check exercise: its pass mark and what it gates."
    )
    couplet: Slug | None = Field(
        None,
        description="Blocks sharing this label are a couplet: done together, set for set in turn.",
    )
    note: str | None = Field(None, max_length=200)


class WorkoutTemplate(Strict):
    id: Slug
    name: str = Field(min_length=3, max_length=80)
    blocks: list[Block] = Field(min_length=1)


class Measure(str, Enum):
    """What a gate criterion may look at. The engine computes each from the history."""

    ir_prone = "ir_prone"  # degrees, the lower side's latest mean, prone
    ir_seated = "ir_seated"
    ir_supine = "ir_supine"
    ir_asymmetry = "ir_asymmetry"  # degrees, |left - right| at the latest like-for-like test
    green_days = "green_days"  # days in the window whose worst pain was in the green zone
    adherence = "adherence"  # fraction of the window's planned workouts done (partial = half)


RANGE_MEASURES = frozenset({Measure.ir_prone, Measure.ir_seated, Measure.ir_supine})


class Criterion(Strict):
    """One line of a gate checklist: `measure` at least / at most a value."""

    measure: Measure
    at_least: float | None = None
    at_most: float | None = None
    window_days: int | None = Field(
        None, ge=1, le=56, description="Days looked back, for green_days and adherence."
    )
    label: str | None = Field(None, max_length=120, description="The checklist line in words.")

    @model_validator(mode="after")
    def _bounded(self) -> Criterion:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("a criterion needs exactly one of at_least or at_most")
        return self


class Gate(Strict):
    """What must be true to leave a phase.

    The phase is left on the first day at or after `min_days` when every criterion is met.
    From `max_days` on, range criteria are waived (R7): the phase is left once the others
    (pain, adherence) are met, so a slow range never blocks the next phase for ever.
    """

    min_days: int = Field(ge=1, le=180)
    max_days: int | None = Field(None, ge=1, le=365)
    criteria: list[Criterion] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ordered(self) -> Gate:
        if self.max_days is not None and self.max_days < self.min_days:
            raise ValueError("max_days must not be less than min_days")
        return self


class WeekChange(Strict):
    """Dose changes that start in a given week of a phase and stay until changed again."""

    week: int = Field(ge=1, le=52, description="Week of the phase, 1 = the first.")
    note: str | None = Field(None, max_length=200)
    doses: dict[Slug, DoseChange] = Field(min_length=1, description="Exercise id → the change.")


class TimeBudget(Strict):
    min_minutes: float = Field(ge=1, le=120)
    max_minutes: float = Field(ge=1, le=120)

    @model_validator(mode="after")
    def _ordered(self) -> TimeBudget:
        if self.max_minutes < self.min_minutes:
            raise ValueError("max_minutes must not be less than min_minutes")
        return self


class Phase(Strict):
    id: Slug
    name: str = Field(min_length=3, max_length=80)
    goal: str = Field(min_length=10, description="What this phase is for, in words.")
    time_budget: TimeBudget | None = Field(None, description="Overrides the program's budget.")
    workouts: list[WorkoutTemplate] = Field(min_length=1)
    schedule: list[Slug] = Field(
        min_length=7,
        max_length=7,
        description="The workout id for each day of a phase week (day 1 to day 7).",
    )
    weeks: list[WeekChange] = Field(default_factory=list, description="Weekly progressions.")
    gate: Gate | None = Field(None, description="To leave this phase; none on the last phase.")
    learn: list[Slug] = Field(
        default_factory=list,
        description="Ids of lessons (education/*.yaml) that matter in this phase, most useful first.",
    )


class Suits(Strict):
    """Whom a program suits, for the suggestion at set-up: the best-ranked that fits is offered."""

    goals: list[Goal] = Field(
        description="The goals it serves (a person whose goals are all here may be offered it)."
    )
    pain: bool = Field(description="Whether it looks after pain (else: only for no pain areas).")
    rank: int = Field(ge=1, description="Lower first, among the programs that fit.")
    why: str = Field(min_length=10, description="Why it is suggested, in the person's words.")
    why_pain: str | None = Field(None, description="Why, when the person has pain areas.")


class Retest(str, Enum):
    """What the re-test at a program's end asks for: the program's outcome measures."""

    ir = "ir"  # internal rotation, both sides, like for like with the first test (R1)
    pain = "pain"  # NPRS at rest and on the person's own task (R9, R13)
    psfs = "psfs"  # the person's own activities, 0-10 each (R13)


class ProgramEnd(Strict):
    """What comes next when the program's planned weeks are done (program data, not a rule)."""

    text: str = Field(
        min_length=20, max_length=400, description="What to do next, in the person's words."
    )
    next_program: Slug | None = Field(
        None, description="The program to go on to, if there is one (a program id)."
    )
    keep_phase: Slug | None = Field(
        None, description="The phase that goes on as the routine after the end (a phase id)."
    )
    retest: list[Retest] = Field(
        default_factory=list, description="The outcome re-test to do at the end."
    )


class Program(Strict):
    id: Slug
    version: int = Field(ge=1)
    name: str = Field(min_length=3, max_length=80)
    summary: str = Field(min_length=20)
    weeks: int = Field(ge=1, le=52, description="The planned length in weeks.")
    time_budget: TimeBudget
    suits: Suits | None = Field(None, description="Whom it suits; none: never suggested.")
    week_workouts: int = Field(
        5,
        ge=1,
        le=7,
        description=(
            "Workouts done or partly done that make a week of training: a phase's next week of "
            "dose changes waits for them (and for 7 days), so doses follow training done, not "
            "the calendar. Five matches stretching's 5 days a week (Thomas 2018)."
        ),
    )
    end: ProgramEnd | None = Field(None, description="What comes next at the planned end.")
    phases: list[Phase] = Field(min_length=1)
    evidence: list[str] = Field(default_factory=list)


class Lesson(Strict):
    """A short piece of education: one question a person asks, answered in a few sentences."""

    id: Slug
    title: str = Field(min_length=5, max_length=80, description="The question, as a heading.")
    summary: str = Field(
        min_length=20, max_length=160, description="One line: what today's view shows."
    )
    text: str = Field(
        min_length=80, max_length=900, description="The answer in plain words, citing evidence."
    )
    evidence: list[str] = Field(
        min_length=1, description="References from the evidence sheet cited in the text."
    )


def is_slug(value: str) -> bool:
    return bool(_SLUG_RE.fullmatch(value))


ContentKind = Literal["exercise", "program", "lesson"]
