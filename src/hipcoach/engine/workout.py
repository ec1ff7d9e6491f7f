"""Today's exercises: a workout template with the day's rules applied, in a fixed order.

1. the week's doses (program data) and earned strength steps (R10);
2. exclusions (R11 sit-bone pain, R5 suspected bony limit): the first easier exercise in the
   regression chain without the excluded tags stands in, or the exercise is left out;
3. regression levels (R9): each level swaps an exercise for its first suitable regression, or,
   when it has none, goes one progression step back (the previous week's dose change), or
   takes off a set;
4. before a run (R8): static stretches become their dynamic alternative;
5. sides (R3): a per-side exercise is listed left and right, the limited side first and with
   an extra set while asymmetry is flagged, never past the set cap (strength: 3 sets), and
   none while a bony limit is suspected or pain holds progress (`extra_withheld`);
6. before a run (R8): what static stretching is left is cut to stay under the limit per
   muscle (each target, each side);
7. stretching dose (R6): holds within range, and a note when a target gets too little or
   too much stretching;
8. time budget: the workout without the asymmetry sets must fit the phase's budget; the
   asymmetry sets may add up to `ASYMMETRY_ALLOWANCE_MIN` minutes on top.

A stand-in (steps 2 and 3) takes its own default dose (an easier exercise is dosed for
itself: a side plank is held seconds, not the reps of what it replaces), never with more sets
than the exercise it replaces, and never one already in the workout: no exercise is listed
twice.

The result depends only on the template and the `Modifiers`, so the planner caches it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from hipcoach.content.doses import block_dose, changes_through
from hipcoach.content.schema import Category, Dose, Exercise, Phase, WorkoutTemplate
from hipcoach.content.timing import TimedBlock, minutes, workout_seconds
from hipcoach.engine.constants import (
    ASYMMETRY_ALLOWANCE_MIN,
    ASYMMETRY_EXTRA_SETS,
    HOLD_MAX_S,
    HOLD_MIN_S,
    LOAD_LADDER,
    PRE_RUN_STATIC_LIMIT_S,
    STRENGTH_REPS_MAX,
    STRENGTH_REPS_STEP,
    STRENGTH_SETS_MAX,
    TARGET_MAX_S_PER_WORKOUT,
    TARGET_MIN_S_PER_WORKOUT,
)
from hipcoach.engine.exclusions import CAUSES, reason_rule
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision, PlannedExercise
from hipcoach.vocabulary import Side

MAX_SETS = 10  # the schema's limit

TAG_WORDS = {
    "deep_hip_flexion": "bends the hip deeply",
    "ischial_compression": "presses on the sit bone",
    "straight_leg_hamstring_stretch": "stretches the hamstring with the knee straight",
    "end_range_rotation": "pushes rotation to the end of its range",
    "long_static_hold": "is a long static hold",
    "kneeling": "puts weight on the knee",
    "impact": "involves hopping or running",
}


@dataclass(frozen=True, slots=True)
class Modifiers:
    """Everything besides the template that shapes a day's exercises."""

    week: int = 1  # the phase week whose dose changes are in force
    level: int = 0  # regression levels (R9)
    excluded: frozenset[str] = frozenset()  # contraindication tags left out (R11, R5, R14)
    excluded_by: tuple[tuple[str, str], ...] = ()  # (tag, rule id) for the wording
    limited_side: str | None = None  # R3
    extra_withheld: str | None = None  # R3: why the limited side gets no extra sets today
    pre_run: bool = False  # R8
    strength_steps: tuple[tuple[str, int], ...] = ()  # R10 steps earned, per exercise id


@dataclass(frozen=True, slots=True)
class BuiltWorkout:
    exercises: tuple[PlannedExercise, ...]
    minutes: float
    decisions: tuple[Decision, ...]
    strength_reps: Mapping[str, int] = field(default_factory=dict)  # R10 targets, per exercise
    next_steps: Mapping[str, str] = field(default_factory=dict)  # R10: what the next step is


@dataclass(slots=True)
class _Item:
    exercise: Exercise
    dose: Dose
    block: int  # index of the template block it comes from
    programmed: str  # the block's exercise id
    week: int | None  # the progression week of the dose, while it is the programmed one
    side: str = "both"
    extra: int = 0  # sets added for asymmetry

    @property
    def replaces(self) -> str | None:
        return None if self.exercise.id == self.programmed else self.programmed


def name_of(exercise: Exercise) -> str:
    """The name inside a sentence: 'glute bridge', but 'A-skip' and '90/90 ...' as written."""
    name = exercise.name
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def is_static(exercise: Exercise, dose: Dose) -> bool:
    """A hold-only stretch: what R6 doses and R8 limits."""
    holds = dose.reps is None and dose.time_s is None and dose.hold_s is not None
    tagged = "long_static_hold" in exercise.contraindications
    return holds and (exercise.category is Category.stretch or tagged)


def next_load(load: str | None) -> str | None:
    """The next word up a load ladder (light band → medium band), or None."""
    if load is None:
        return None
    for ladder in LOAD_LADDER:
        lowered = [word.lower() for word in ladder]
        if load.lower() in lowered:
            i = lowered.index(load.lower())
            return ladder[i + 1] if i + 1 < len(ladder) else None
    return None


def strength_step(dose: Dose) -> tuple[Dose, str] | None:
    """One R10 step up (a heavier load word, else reps, else a set) and its words, or None."""
    heavier = next_load(dose.load)
    if heavier is not None:
        return dose.model_copy(update={"load": heavier}), f"{dose.load} → {heavier}"
    if dose.reps is not None and dose.reps < STRENGTH_REPS_MAX:
        reps = min(STRENGTH_REPS_MAX, dose.reps + STRENGTH_REPS_STEP)
        return dose.model_copy(update={"reps": reps}), f"{dose.reps} → {reps} reps a set"
    if dose.sets < STRENGTH_SETS_MAX:
        return dose.model_copy(
            update={"sets": dose.sets + 1}
        ), f"{dose.sets} → {dose.sets + 1} sets"
    return None


def is_strength(exercise: Exercise, dose: Dose) -> bool:
    return exercise.category is Category.strength and dose.reps is not None


def substitute(
    exercise: Exercise,
    excluded: frozenset[str],
    library: Mapping[str, Exercise],
    taken: frozenset[str] | set[str] = frozenset(),
) -> Exercise | None:
    """The first exercise down the regression chain (breadth first) without excluded tags.

    Exercises in `taken` (already in today's workout) are passed over, so a workout does not
    end up with the same stand-in twice.
    """
    seen = {exercise.id}
    queue = list(exercise.regressions)
    while queue:
        candidate_id = queue.pop(0)
        if candidate_id in seen or candidate_id not in library:
            continue
        seen.add(candidate_id)
        candidate = library[candidate_id]
        if candidate_id not in taken and not excluded.intersection(
            t.value for t in candidate.contraindications
        ):
            return candidate
        queue.extend(candidate.regressions)
    return None


def stand_in_dose(own: Dose, replaced: Dose) -> Dose:
    """A stand-in's dose: its own (reps, holds and times are written for that exercise, so a
    side plank keeps its 20 s hold instead of a 2 s rep hold), with no more sets than the
    exercise it replaces."""
    if own.sets <= replaced.sets:
        return own
    return own.model_copy(update={"sets": replaced.sets})


def _smaller(dose: Dose, other: Dose) -> Dose:
    """`dose` with each counted field no larger than in `other`."""
    update = {}
    for name in ("sets", "reps", "hold_s", "time_s"):
        value, bound = getattr(dose, name), getattr(other, name)
        if value is not None and bound is not None and value > bound:
            update[name] = bound
    return dose.model_copy(update=update) if update else dose


def _allowed(exercise: Exercise, excluded: frozenset[str]) -> bool:
    return not excluded.intersection(t.value for t in exercise.contraindications)


def _listing(parts: list[str]) -> str:
    return "; ".join(parts)


class _Builder:
    def __init__(
        self,
        phase: Phase,
        template: WorkoutTemplate,
        library: Mapping[str, Exercise],
        mods: Modifiers,
        max_minutes: float,
    ) -> None:
        self.phase = phase
        self.template = template
        self.library = library
        self.mods = mods
        self.max_minutes = max_minutes
        self.decisions: list[Decision] = []
        self.strength_reps: dict[str, int] = {}
        self.next_steps: dict[str, str] = {}

    def build(self) -> BuiltWorkout:
        items = self._base()
        items = self._exclude(items)
        items = self._regress(items)
        items = self._pre_run_swap(items)
        items = self._sides(items)
        items = self._pre_run_cap(items)
        items = self._stretch_dose(items)
        items = self._budget(items)
        for item in items:
            if is_strength(item.exercise, item.dose):
                reps = self.strength_reps.get(item.exercise.id, 0)
                self.strength_reps[item.exercise.id] = max(reps, item.dose.reps or 0)
                step = strength_step(item.dose)
                if step is not None:
                    self.next_steps[item.exercise.id] = step[1]
        planned = tuple(
            PlannedExercise(
                id=item.exercise.id,
                name=item.exercise.name,
                side=Side(item.side),
                sets=item.dose.sets,
                reps=item.dose.reps,
                hold_s=item.dose.hold_s,
                time_s=item.dose.time_s,
                rest_s=item.dose.rest_s,
                load=item.dose.load,
                replaces=item.replaces,
                tempo_s=item.dose.tempo_s,
            )
            for item in items
        )
        return BuiltWorkout(
            planned,
            minutes(_seconds(items)),
            tuple(self.decisions),
            self.strength_reps,
            self.next_steps,
        )

    # 1. the week's doses and strength steps
    def _base(self) -> list[_Item]:
        changes = changes_through(self.phase, self.mods.week)
        steps = dict(self.mods.strength_steps)
        items = []
        for i, block in enumerate(self.template.blocks):
            exercise = self.library[block.exercise]
            dose = block_dose(block, exercise, changes)
            for _ in range(steps.get(exercise.id, 0)):
                stepped = strength_step(dose) if is_strength(exercise, dose) else None
                if stepped is None:
                    break
                dose = stepped[0]
            items.append(_Item(exercise, dose, i, block.exercise, self.mods.week))
        return items

    # 2. exclusions (R11, R5)
    def _exclude(self, items: list[_Item]) -> list[_Item]:
        excluded = self.mods.excluded
        if not excluded:
            return items
        rule_of = dict(self.mods.excluded_by)
        taken = {item.exercise.id for item in items}
        kept = []
        for item in items:
            hits = sorted(excluded.intersection(t.value for t in item.exercise.contraindications))
            if not hits:
                kept.append(item)
                continue
            taken.discard(item.exercise.id)
            rule = reason_rule(hits, rule_of)
            why = " and ".join(TAG_WORDS.get(tag, tag) for tag in hits)
            cause = CAUSES[rule]
            stand_in = substitute(item.exercise, excluded, self.library, taken)
            if stand_in is None:
                self.decisions.append(
                    decide(
                        rule,
                        f"Left out: {name_of(item.exercise)}, because {cause} and that exercise "
                        f"{why}. The library has no easier version without that which is not already "
                        "in today's workout, so nothing replaces it.",
                    )
                )
                continue
            taken.add(stand_in.id)
            self.decisions.append(
                decide(
                    rule,
                    f"Swapped: {name_of(item.exercise)} → {name_of(stand_in)}, because {cause} and "
                    f"that exercise {why}.",
                )
            )
            kept.append(
                _Item(
                    stand_in,
                    stand_in_dose(stand_in.dose, item.dose),
                    item.block,
                    item.programmed,
                    None,
                )
            )
        return kept

    # 3. regression levels (R9)
    def _regress(self, items: list[_Item]) -> list[_Item]:
        level = self.mods.level
        if level == 0:
            return items
        notes = []
        result = []
        taken = {item.exercise.id for item in items}
        for item in items:
            before = item
            for _ in range(level):
                taken.discard(item.exercise.id)
                item = self._step_down(item, taken)
                taken.add(item.exercise.id)
            if item.exercise.id != before.exercise.id:
                notes.append(f"{name_of(before.exercise)} → {name_of(item.exercise)}")
            elif item.dose != before.dose:
                notes.append(f"{name_of(item.exercise)} at an easier dose")
            result.append(item)
        what = _listing(notes) if notes else "every exercise is already at its easiest"
        plural = "levels" if level > 1 else "level"
        self.decisions.append(
            decide("R9", f"After the pain flare, today is {level} {plural} easier: {what}.")
        )
        return result

    def _step_down(self, item: _Item, taken: set[str]) -> _Item:
        excluded = self.mods.excluded
        for regression_id in item.exercise.regressions:
            regression = self.library.get(regression_id)
            if (
                regression is not None
                and regression_id not in taken
                and _allowed(regression, excluded)
            ):
                dose = stand_in_dose(regression.dose, item.dose)
                return _Item(regression, dose, item.block, item.programmed, None)
        if item.week is not None and item.week > 1:
            block = self.template.blocks[item.block]
            earlier = block_dose(block, item.exercise, changes_through(self.phase, item.week - 1))
            # a week's change may trade one field for another (8 reps held 3 s after 10 held 2 s):
            # the step down takes the smaller of each, so no field rises
            earlier = _smaller(earlier, item.dose)
            if earlier != item.dose:
                return _Item(item.exercise, earlier, item.block, item.programmed, item.week - 1)
        if item.dose.sets > 1:
            fewer = item.dose.model_copy(update={"sets": item.dose.sets - 1})
            return _Item(item.exercise, fewer, item.block, item.programmed, None)
        return item

    # 4. dynamic alternatives before a run (R8)
    def _pre_run_swap(self, items: list[_Item]) -> list[_Item]:
        if not self.mods.pre_run:
            return items
        swaps = []
        result = []
        taken = {item.exercise.id for item in items}
        for item in items:
            alternative = self.library.get(item.exercise.dynamic_alternative or "")
            if (
                is_static(item.exercise, item.dose)
                and alternative is not None
                and _allowed(alternative, self.mods.excluded)
            ):
                if alternative.id in taken:
                    swaps.append(
                        f"{name_of(item.exercise)} left out ({name_of(alternative)}, its moving "
                        "alternative, is already in the workout)"
                    )
                    continue
                taken.add(alternative.id)
                swaps.append(f"{name_of(item.exercise)} → {name_of(alternative)}")
                item = _Item(alternative, alternative.dose, item.block, item.programmed, None)
            result.append(item)
        if swaps:
            self.decisions.append(
                decide(
                    "R8",
                    "A run follows today's workout, so long static stretches give way to moving "
                    f"drills that warm you up instead: {_listing(swaps)}.",
                )
            )
        return result

    # 5. sides (R3)
    def _sides(self, items: list[_Item]) -> list[_Item]:
        limited = self.mods.limited_side
        order = ("left", "right") if limited != "right" else ("right", "left")
        withheld = self.mods.extra_withheld
        if limited and withheld:
            self.decisions.append(
                decide(
                    "R3",
                    f"The {limited} side is listed first but gets no extra sets today: {withheld}.",
                )
            )
        result = []
        for item in items:
            if not item.exercise.per_side:
                result.append(item)
                continue
            cap = STRENGTH_SETS_MAX if is_strength(item.exercise, item.dose) else MAX_SETS
            for side in order:
                extra = ASYMMETRY_EXTRA_SETS if side == limited and not withheld else 0
                extra = max(0, min(extra, cap - item.dose.sets))
                dose = (
                    item.dose.model_copy(update={"sets": item.dose.sets + extra})
                    if extra
                    else item.dose
                )
                result.append(
                    _Item(item.exercise, dose, item.block, item.programmed, item.week, side, extra)
                )
        return result

    # 6. static stretching under the limit before a run (R8)
    def _pre_run_cap(self, items: list[_Item]) -> list[_Item]:
        if not self.mods.pre_run:
            return items
        used: dict[tuple[str, str], int] = {}
        cuts = []
        result = []
        for item in items:
            if not is_static(item.exercise, item.dose):
                result.append(item)
                continue
            hold = item.dose.hold_s or 0
            keys = [(item.side, target) for target in item.exercise.targets]
            allowed = min(PRE_RUN_STATIC_LIMIT_S - 1 - used.get(key, 0) for key in keys)
            total = item.dose.sets * hold
            dose = item.dose
            if total > allowed:
                if hold <= allowed:
                    dose = dose.model_copy(update={"sets": allowed // hold})
                elif allowed >= HOLD_MIN_S:
                    dose = dose.model_copy(update={"sets": 1, "hold_s": allowed})
                else:
                    cuts.append(f"{name_of(item.exercise)} ({item.side}) left out")
                    continue
                cuts.append(f"{name_of(item.exercise)} ({item.side}) {dose.sets} × {dose.hold_s} s")
            for key in keys:
                used[key] = used.get(key, 0) + dose.sets * (dose.hold_s or 0)
            extra = max(0, min(item.extra, dose.sets - (item.dose.sets - item.extra)))
            result.append(
                _Item(item.exercise, dose, item.block, item.programmed, item.week, item.side, extra)
            )
        if cuts:
            self.decisions.append(
                decide(
                    "R8",
                    f"A run follows, so static stretching stays under {PRE_RUN_STATIC_LIMIT_S} s "
                    f"per muscle: {_listing(cuts)}.",
                )
            )
        return result

    # 7. stretching dose (R6)
    def _stretch_dose(self, items: list[_Item]) -> list[_Item]:
        notes = []
        per_target: dict[tuple[str, str], int] = {}
        for item in items:
            hold = item.dose.hold_s
            if not is_static(item.exercise, item.dose) or hold is None:
                continue
            fixed = min(max(hold, HOLD_MIN_S), HOLD_MAX_S)
            if fixed != hold:
                item.dose = item.dose.model_copy(update={"hold_s": fixed})
                note = f"{name_of(item.exercise)} {hold} s → {fixed} s"
                if note not in notes:
                    notes.append(note)
            for target in item.exercise.targets:
                key = (item.side, target)
                per_target[key] = per_target.get(key, 0) + item.dose.sets * fixed
        if notes:
            self.decisions.append(
                decide(
                    "R6",
                    f"Stretch holds work best between {HOLD_MIN_S} and {HOLD_MAX_S} s: "
                    f"{_listing(notes)}.",
                )
            )
        if self.mods.pre_run:  # R8 cuts static stretching on purpose
            return items
        short = sorted(
            {t for (_, t), total in per_target.items() if total < TARGET_MIN_S_PER_WORKOUT}
        )
        long = sorted(
            {t for (_, t), total in per_target.items() if total > TARGET_MAX_S_PER_WORKOUT}
        )
        if short:
            self.decisions.append(
                decide(
                    "R6",
                    f"Today's stretching gives {', '.join(w.replace('_', ' ') for w in short)} less "
                    f"than {TARGET_MIN_S_PER_WORKOUT} s a side, the least that builds range; fine "
                    "for a day or two of easing off.",
                )
            )
        if long:
            self.decisions.append(
                decide(
                    "R6",
                    f"Today's stretching gives {', '.join(w.replace('_', ' ') for w in long)} more "
                    f"than about {TARGET_MAX_S_PER_WORKOUT // 60} minutes a side, past the point "
                    "where more time adds range.",
                )
            )
        return items

    # 8. time budget
    def _budget(self, items: list[_Item]) -> list[_Item]:
        trimmed = []
        while len(items) > 1 and minutes(_seconds(items, base=True)) > self.max_minutes:
            blocks = [i.block for i in items if i.dose.sets - i.extra > 1]
            if blocks:
                last = blocks[-1]
                for item in items:
                    if item.block == last:
                        item.dose = item.dose.model_copy(update={"sets": item.dose.sets - 1})
                name = next(name_of(i.exercise) for i in items if i.block == last)
                trimmed.append(f"one set fewer of the {name}")
            else:
                last = items[-1].block
                trimmed.append(f"the {name_of(items[-1].exercise)} left out")
                items = [i for i in items if i.block != last]
        if trimmed:
            self.decisions.append(
                decide(
                    "budget",
                    f"Today's changes made the workout longer than its {self.max_minutes:g} "
                    f"minutes, so: {_listing(trimmed)}.",
                )
            )
        limit = self.max_minutes + ASYMMETRY_ALLOWANCE_MIN
        for item in reversed(items):
            if minutes(_seconds(items)) <= limit:
                break
            while item.extra and minutes(_seconds(items)) > limit:
                item.dose = item.dose.model_copy(update={"sets": item.dose.sets - 1})
                item.extra -= 1
        return items


def _seconds(items: list[_Item], *, base: bool = False) -> float:
    """Seconds for the items in order; with `base`, without the asymmetry sets.

    Each side is its own block: the 5 s to move to the next block equals the side switch, so
    this matches the per-side estimate of `timing.dose_seconds`.
    """
    blocks = []
    for item in items:
        dose = item.dose
        if base and item.extra:
            dose = dose.model_copy(update={"sets": dose.sets - item.extra})
        blocks.append(TimedBlock(dose, False, item.exercise.position))
    return workout_seconds(blocks)


def build_workout(
    phase: Phase,
    template: WorkoutTemplate,
    library: Mapping[str, Exercise],
    mods: Modifiers,
    max_minutes: float,
) -> BuiltWorkout:
    """Today's exercises from `template` with the `mods` applied (see the module docstring)."""
    return _Builder(phase, template, library, mods, max_minutes).build()
