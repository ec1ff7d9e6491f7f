"""Today's exercises: a workout template with the day's rules applied, in a fixed order.

1. the week's doses (program data) and earned strength steps (R10);
2. exclusions (R11 sit-bone pain, R5 suspected bony limit, R14 impact after a week off): the
   first easier exercise in the regression chain without the excluded tags stands in, or the
   exercise is left out;
3. regression levels (R9): each level swaps an exercise for its first suitable regression, or,
   when it has none, goes one progression step back (the previous week's dose change, no field
   rising), or takes off a set;
4. before a run (R8, `run_day`): static stretches with a moving alternative: the alternative
   now, the stretch after the run;
5. sides (R3, R9 by side): a per-side exercise is listed left and right, the limited side
   first and with an extra set while asymmetry is flagged, never past the set cap (strength:
   3 sets), and none while a bony limit is suspected or pain holds progress, or the limited
   side is the painful one (`extra_withheld`); a side whose pain holds it keeps an earlier dose
   week (`side_weeks`), and so does work with both legs;
6. before a run (R8, `run_day`): static stretching left before the run stays under the limit
   per muscle (each target, each side); what would reach it moves to after the run;
7. stretching dose (R6): holds within range, and a note when a target gets too little or
   too much stretching (run days included: their stretches are after the run, not dropped);
8. time budget: the workout without the asymmetry sets must fit the phase's budget (sets come
   off the part before a run first); the asymmetry sets are traded within it, never added on
   top (the other side gives a set where it has one to spare, then extra sets come off from
   the end).

A stand-in (steps 2 and 3) takes its own default dose (an easier exercise is dosed for
itself: a side plank is held seconds, not the reps of what it replaces), never with more sets
than the exercise it replaces, and never one already in the workout: no exercise is listed
twice.

The result depends only on the template and the `Modifiers`, so the planner caches it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from hipcoach.content.doses import block_dose, changes_through
from hipcoach.content.schema import Dose, DoseChange, Exercise, Phase, WorkoutTemplate
from hipcoach.content.timing import minutes, sequence_seconds
from hipcoach.engine.constants import (
    ASYMMETRY_EXTRA_SETS,
    HOLD_MAX_S,
    HOLD_MIN_S,
    STRENGTH_SETS_MAX,
    TARGET_MAX_S_PER_WORKOUT,
    TARGET_MIN_S_PER_WORKOUT,
)
from hipcoach.engine.exclusions import CAUSES, reason_rule
from hipcoach.engine.measurement import side_said
from hipcoach.engine.rules import decide, decide_later
from hipcoach.engine.run_day import limit_before_run, swap_before_run
from hipcoach.engine.types import Decision, PlannedExercise
from hipcoach.engine.words import Listed, Named, Said
from hipcoach.engine.words import said as _
from hipcoach.engine.words import said_plural as ngettext
from hipcoach.engine.workout_items import (
    MAX_SETS,
    Item,
    allowed,
    is_static,
    is_strength,
    listing,
    name_of,
    next_load,
    smaller,
    stand_in_dose,
    strength_step,
    substitute,
)
from hipcoach.vocabulary import Side

__all__ = [
    "MAX_SETS",
    "BuiltWorkout",
    "Modifiers",
    "build_workout",
    "is_static",
    "is_strength",
    "name_of",
    "next_load",
    "strength_step",
    "substitute",
]

_SIDES = {side.value: side for side in Side}

TAG_WORDS: dict[str, Said] = {
    "deep_hip_flexion": _("bends the hip deeply"),
    "ischial_compression": _("presses on the sit bone"),
    "straight_leg_hamstring_stretch": _("stretches the hamstring with the knee straight"),
    "end_range_rotation": _("pushes rotation to the end of its range"),
    "long_static_hold": _("is a long static hold"),
    "kneeling": _("puts weight on the knee"),
    "impact": _("involves hopping or running"),
    "running": _("is a run"),
}

# What a stretch works, as R6 names it (an exercise's `targets`, with spaces for underscores).
TARGET_WORDS: dict[str, Said] = {
    "ankle_dorsiflexion": _("ankle dorsiflexion"),
    "arch_control": _("arch control"),
    "calf": _("calf"),
    "calves": _("calves"),
    "foot_intrinsics": _("foot intrinsics"),
    "gait": _("gait"),
    "glute_max": _("glute max"),
    "glute_med": _("glute med"),
    "glute_min": _("glute min"),
    "hamstrings": _("hamstrings"),
    "hip_adductors": _("hip adductors"),
    "hip_external_rotation": _("hip external rotation"),
    "hip_external_rotators": _("hip external rotators"),
    "hip_flexors": _("hip flexors"),
    "hip_internal_rotation": _("hip internal rotation"),
    "landing_control": _("landing control"),
    "quadriceps": _("quadriceps"),
    "running": _("running"),
    "running_mechanics": _("running mechanics"),
    "single_leg_control": _("single leg control"),
    "soleus": _("soleus"),
    "thoracic_rotation": _("thoracic rotation"),
    "trunk_control": _("trunk control"),
}


def _targets(targets: list[str]) -> Listed:
    return Listed(tuple(TARGET_WORDS.get(t, t.replace("_", " ")) for t in targets), last=False)


@dataclass(frozen=True, slots=True)
class Modifiers:
    """Everything besides the template that shapes a day's exercises."""

    week: int = 1  # the phase week whose dose changes are in force
    level: int = 0  # regression levels (R9)
    excluded: frozenset[str] = frozenset()  # contraindication tags left out (R11, R5, R14)
    excluded_by: tuple[tuple[str, str], ...] = ()  # (tag, rule id) for the wording
    limited_side: str | None = None  # R3
    extra_withheld: Said | None = None  # R3: why the limited side gets no extra sets today
    end_range_withheld: Said | None = None  # R3: why end-range work gets no extra sets today
    pre_run: bool = False  # R8
    strength_steps: tuple[tuple[str, int], ...] = ()  # R10 steps earned, per exercise id
    checks_waiting: frozenset[str] = frozenset()  # check ids left out until their retry day
    # R9 by side: (side, dose week) for a side whose work stays below `week` (its pain holds,
    # or it is catching up); work with both legs stays at the lowest of them
    side_weeks: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class BuiltWorkout:
    exercises: tuple[PlannedExercise, ...]
    minutes: float
    decisions: tuple[Decision, ...]
    strength_reps: Mapping[str, int] = field(default_factory=dict)  # R10 targets, per exercise
    next_steps: Mapping[str, Said] = field(default_factory=dict)  # R10: what the next step is


class DoseTable:
    """The doses of a program's weeks, looked up once for every workout built while one plan
    is made: each (phase, week)'s dose changes, and each template's doses in a week with the
    strength steps earned. Only for content that does not change meanwhile: one table per
    pass over the days (the planner's), never shared across plans."""

    def __init__(self) -> None:
        self._changes: dict[tuple[int, int], dict[str, DoseChange]] = {}
        self._tags: dict[str, frozenset[str]] = {}
        self._planned: dict[tuple[Any, ...], PlannedExercise] = {}
        # (template, week, strength steps) → the doses of its blocks, in order
        self.bases: dict[tuple[int, int, tuple[tuple[str, int], ...]], list[Dose]] = {}

    def planned(self, item: Item) -> PlannedExercise:
        """The item as a plan lists it; equal ones made for other workouts are shared."""
        dose = item.dose
        exercise = item.exercise
        key = (
            exercise.id,
            exercise.name,
            item.side,
            dose.sets,
            dose.reps,
            dose.hold_s,
            dose.time_s,
            dose.rest_s,
            dose.load,
            item.replaces,
            dose.tempo_s,
            item.after_run,
        )
        found = self._planned.get(key)
        if found is None:
            found = self._planned[key] = PlannedExercise(
                id=exercise.id,
                name=exercise.name,
                side=_SIDES[item.side],
                sets=dose.sets,
                reps=dose.reps,
                hold_s=dose.hold_s,
                time_s=dose.time_s,
                rest_s=dose.rest_s,
                load=dose.load,
                replaces=item.replaces,
                tempo_s=dose.tempo_s,
                after_run=item.after_run,
            )
        return found

    def tags(self, exercise: Exercise) -> frozenset[str]:
        """The values of the exercise's contraindication tags."""
        found = self._tags.get(exercise.id)
        if found is None:
            found = self._tags[exercise.id] = frozenset(t.value for t in exercise.contraindications)
        return found

    def changes(self, phase: Phase, week: int) -> dict[str, DoseChange]:
        """`changes_through(phase, week)`."""
        key = (id(phase), week)
        found = self._changes.get(key)
        if found is None:
            found = self._changes[key] = changes_through(phase, week)
        return found


class _Builder:
    def __init__(
        self,
        phase: Phase,
        template: WorkoutTemplate,
        library: Mapping[str, Exercise],
        mods: Modifiers,
        max_minutes: float,
        table: DoseTable,
    ) -> None:
        self.table = table
        self.phase = phase
        self.template = template
        self.library = library
        self.mods = mods
        self.max_minutes = max_minutes
        self.decisions: list[Decision] = []
        self.strength_reps: dict[str, int] = {}
        self.next_steps: dict[str, Said] = {}

    def build(self) -> BuiltWorkout:
        items = self._base()
        items = self._exclude(items)
        items = self._regress(items)
        if self.mods.pre_run:
            items = swap_before_run(items, self.library, self.mods.excluded, self.decisions)
        items = self._sides(items)
        if self.mods.pre_run:
            items = limit_before_run(items, self.decisions)
        items = self._stretch_dose(items)
        items = self._budget(items)
        for item in items:
            if is_strength(item.exercise, item.dose):
                reps = self.strength_reps.get(item.exercise.id, 0)
                self.strength_reps[item.exercise.id] = max(reps, item.dose.reps or 0)
                step = strength_step(item.dose)
                if step is not None:
                    self.next_steps[item.exercise.id] = step[1]
        planned = tuple(self.table.planned(item) for item in items)
        return BuiltWorkout(
            planned,
            minutes(_seconds(items)),
            tuple(self.decisions),
            self.strength_reps,
            self.next_steps,
        )

    # 1. the week's doses and strength steps
    def _base(self) -> list[Item]:
        key = (id(self.template), self.mods.week, self.mods.strength_steps)
        doses = self.table.bases.get(key)
        if doses is None:
            changes = self.table.changes(self.phase, self.mods.week)
            doses = []
            for block in self.template.blocks:
                exercise = self.library[block.exercise]
                doses.append(self._stepped(exercise, block_dose(block, exercise, changes)))
            self.table.bases[key] = doses
        return [
            Item(self.library[block.exercise], dose, i, block.exercise, self.mods.week)
            for i, (block, dose) in enumerate(zip(self.template.blocks, doses, strict=True))
        ]

    def _stepped(self, exercise: Exercise, dose: Dose) -> Dose:
        """`dose` with the strength steps `exercise` has earned (R10)."""
        for _step in range(dict(self.mods.strength_steps).get(exercise.id, 0)):
            stepped = strength_step(dose) if is_strength(exercise, dose) else None
            if stepped is None:
                break
            dose = stepped[0]
        return dose

    # 2. exclusions (R11, R5)
    def _exclude(self, items: list[Item]) -> list[Item]:
        excluded = self.mods.excluded
        waiting = self.mods.checks_waiting
        if not excluded and not waiting:
            return items
        rule_of = dict(self.mods.excluded_by)
        taken = {item.exercise.id for item in items}
        kept = []
        for item in items:
            if item.exercise.id in waiting:
                self.decisions.append(
                    decide(
                        "check",
                        _(
                            "Left out: {name}, until the day it may be tried again.",
                            name=name_of(item.exercise),
                        ),
                    )
                )
                continue
            hits = sorted(excluded & self.table.tags(item.exercise))
            if item.exercise.check:  # a check is how a check's hold ends: never held by one
                hits = [tag for tag in hits if rule_of.get(tag) != "check"]
            if not hits:
                kept.append(item)
                continue
            taken.discard(item.exercise.id)
            rule = reason_rule(hits, rule_of)
            stand_in = substitute(item.exercise, excluded, self.library, taken)
            # the words are made when read: a built workout is kept for many days of a pass
            self.decisions.append(
                decide_later(rule, partial(_excluded_words, rule, item.exercise, stand_in, hits))
            )
            if stand_in is None:
                continue
            taken.add(stand_in.id)
            kept.append(
                Item(
                    stand_in,
                    stand_in_dose(stand_in.dose, item.dose),
                    item.block,
                    item.programmed,
                    None,
                )
            )
        return kept

    # 3. regression levels (R9)
    def _regress(self, items: list[Item]) -> list[Item]:
        level = self.mods.level
        if level == 0:
            return items
        notes: list[Said] = []
        result = []
        taken = {item.exercise.id for item in items}
        for item in items:
            before = item
            for _level in range(level):
                taken.discard(item.exercise.id)
                item = self._step_down(item, taken)
                taken.add(item.exercise.id)
            if item.exercise.id != before.exercise.id:
                notes.append(
                    _(
                        "{before} → {after}",
                        before=name_of(before.exercise),
                        after=name_of(item.exercise),
                    )
                )
            elif item.dose != before.dose:
                notes.append(_("{name} at an easier dose", name=name_of(item.exercise)))
            result.append(item)
        what = listing(notes) if notes else _("every exercise is already at its easiest")
        self.decisions.append(
            decide(
                "R9",
                ngettext(
                    "After the pain flare, today is {level} level easier: {what}.",
                    "After the pain flare, today is {level} levels easier: {what}.",
                    level,
                    level=level,
                    what=what,
                ),
            )
        )
        return result

    def _step_down(self, item: Item, taken: set[str]) -> Item:
        excluded = self.mods.excluded
        for regression_id in item.exercise.regressions:
            regression = self.library.get(regression_id)
            if (
                regression is not None
                and regression_id not in taken
                and allowed(regression, excluded)
            ):
                dose = stand_in_dose(regression.dose, item.dose)
                return Item(regression, dose, item.block, item.programmed, None)
        if item.week is not None and item.week > 1:
            block = self.template.blocks[item.block]
            earlier = block_dose(
                block, item.exercise, self.table.changes(self.phase, item.week - 1)
            )
            # a week's change may trade one field for another (8 reps held 3 s after 10 held 2 s):
            # the step down takes the smaller of each, so no field rises
            earlier = smaller(earlier, item.dose)
            if earlier != item.dose:
                return Item(item.exercise, earlier, item.block, item.programmed, item.week - 1)
        if item.dose.sets > 1:
            fewer = item.dose.model_copy(update={"sets": item.dose.sets - 1})
            return Item(item.exercise, fewer, item.block, item.programmed, None)
        return item

    # 1. (per side) the dose week a side's work stays at (R9 by side)
    def _at_week(self, item: Item, week: int | None) -> Dose:
        """`item`'s dose at dose week `week` when that is below the item's own week (that week's
        dose, with no field larger than today's while a regression is in force), else its dose."""
        if week is None or item.week is None or item.week <= week:
            return item.dose
        block = self.template.blocks[item.block]
        earlier = self._stepped(
            item.exercise, block_dose(block, item.exercise, self.table.changes(self.phase, week))
        )
        if self.mods.level == 0:
            return earlier
        # a regression in force (R9) has eased today's dose: no field of the earlier week's
        # may undo that
        held = smaller(earlier, item.dose)
        return held.model_copy(update={"load": earlier.load}) if held.load != earlier.load else held

    # 5. sides (R3)
    def _sides(self, items: list[Item]) -> list[Item]:
        weeks = dict(self.mods.side_weeks)
        both_legs = min(weeks.values(), default=None)
        held_back: list[Said | Named] = []
        for item in items:
            if not item.exercise.per_side:
                dose = self._at_week(item, both_legs)
                if dose is not item.dose and dose != item.dose:
                    item.dose = dose
                    held_back.append(name_of(item.exercise))
        result = self._per_side(items, weeks, held_back)
        if held_back:
            sides = Listed(
                tuple(
                    _("the {side} side: week {week}'s", side=side_said(s), week=w)
                    for s, w in sorted(weeks.items())
                ),
                _(" and "),
                last=False,
            )
            self.decisions.append(
                decide(
                    "R9",
                    _(
                        "At an earlier week's doses for the side that had pain ({sides}; work "
                        "with both legs at the lowest): {held}.",
                        sides=sides,
                        held=Listed(tuple(dict.fromkeys(held_back)), last=False),
                    ),
                )
            )
        return result

    def _per_side(
        self, items: list[Item], weeks: dict[str, int], held_back: list[Said | Named]
    ) -> list[Item]:
        limited = self.mods.limited_side
        order = ("left", "right") if limited != "right" else ("right", "left")
        withheld = self.mods.extra_withheld
        if limited and withheld:
            self.decisions.append(
                decide(
                    "R3",
                    _(
                        "The {side} side is listed first but gets no extra sets today: {why}.",
                        side=side_said(limited),
                        why=withheld,
                    ),
                )
            )
        result = []
        kept_level: list[Named] = []
        for item in items:
            if not item.exercise.per_side:
                result.append(item)
                continue
            cap = STRENGTH_SETS_MAX if is_strength(item.exercise, item.dose) else MAX_SETS
            end_range = "end_range_rotation" in self.table.tags(item.exercise)
            no_extra = bool(withheld) or (end_range and self.mods.end_range_withheld is not None)
            if limited and not withheld and no_extra:
                name = name_of(item.exercise)
                if name not in kept_level:
                    kept_level.append(name)
            for side in order:
                extra = ASYMMETRY_EXTRA_SETS if side == limited and not no_extra else 0
                base = self._at_week(item, weeks.get(side))
                if base is not item.dose and base != item.dose:
                    held_back.append(
                        _("{name} ({side})", name=name_of(item.exercise), side=side_said(side))
                    )
                extra = max(0, min(extra, cap - base.sets))
                dose = base.model_copy(update={"sets": base.sets + extra}) if extra else base
                result.append(
                    Item(
                        item.exercise,
                        dose,
                        item.block,
                        item.programmed,
                        item.week,
                        side,
                        extra,
                        item.after_run,
                    )
                )
        if kept_level:
            self.decisions.append(
                decide(
                    "R3",
                    _(
                        "No extra set of the {names} for the {side} side: it takes "
                        "the hip to the end of its range, and {why}.",
                        names=listing(kept_level),
                        side=side_said(limited or ""),
                        why=self.mods.end_range_withheld or "",
                    ),
                )
            )
        return result

    # 7. stretching dose (R6)
    def _stretch_dose(self, items: list[Item]) -> list[Item]:
        notes: list[Said] = []
        per_target: dict[tuple[str, str], int] = {}
        for item in items:
            hold = item.dose.hold_s
            if not is_static(item.exercise, item.dose) or hold is None:
                continue
            fixed = min(max(hold, HOLD_MIN_S), HOLD_MAX_S)
            if fixed != hold:
                item.dose = item.dose.model_copy(update={"hold_s": fixed})
                note = _(
                    "{name} {hold} s → {fixed} s",
                    name=name_of(item.exercise),
                    hold=hold,
                    fixed=fixed,
                )
                if note not in notes:
                    notes.append(note)
            for target in item.exercise.targets:
                key = (item.side, target)
                per_target[key] = per_target.get(key, 0) + item.dose.sets * fixed
        if notes:
            self.decisions.append(
                decide(
                    "R6",
                    _(
                        "Stretch holds work best between {low} and {high} s: {notes}.",
                        low=HOLD_MIN_S,
                        high=HOLD_MAX_S,
                        notes=listing(notes),
                    ),
                )
            )
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
                    _(
                        "Today's stretching gives {targets} less "
                        "than {seconds} s a side, the least that builds range; fine "
                        "for a day or two of easing off.",
                        targets=_targets(short),
                        seconds=TARGET_MIN_S_PER_WORKOUT,
                    ),
                )
            )
        if long:
            self.decisions.append(
                decide(
                    "R6",
                    _(
                        "Today's stretching gives {targets} more "
                        "than about {minutes} minutes a side, past the point "
                        "where more time adds range.",
                        targets=_targets(long),
                        minutes=TARGET_MAX_S_PER_WORKOUT // 60,
                    ),
                )
            )
        return items

    # 8. time budget
    def _budget(self, items: list[Item]) -> list[Item]:
        trimmed: list[Said] = []
        while len(items) > 1 and minutes(_seconds(items, base=True)) > self.max_minutes:
            cut = _budget_cut(items)
            kind, key = cut
            chosen = [i for i in items if (i.block, i.after_run) == key]
            name = name_of(chosen[0].exercise)
            if kind == "set":
                for item in chosen:
                    item.dose = item.dose.model_copy(update={"sets": item.dose.sets - 1})
                trimmed.append(_("one set fewer of the {name}", name=name))
            else:
                trimmed.append(_("the {name} left out", name=name))
                items = [i for i in items if (i.block, i.after_run) != key]
        if trimmed:
            self.decisions.append(
                decide(
                    "budget",
                    _(
                        "Today's changes made the workout longer than its {minutes:g} "
                        "minutes, so: {trimmed}.",
                        minutes=float(self.max_minutes),
                        trimmed=listing(trimmed),
                    ),
                )
            )
        self._trade(items)
        return items

    def _trade(self, items: list[Item]) -> None:
        """R3 within the budget: the limited side's extra sets are traded, not added. While the
        workout runs over, the other side gives a set of the same exercise where it has one to
        spare (a stretch keeps its minute, R6), from the end; then the extra sets that still do
        not fit come off, from the end, those of exercises for internal rotation last."""
        limit = self.max_minutes
        if not any(item.extra for item in items):
            return  # nothing to trade (and the budget has seen to the rest)
        if minutes(_seconds(items)) <= limit:
            return
        given: list[Named] = []
        dropped: list[Named] = []
        for item in reversed(items):
            if minutes(_seconds(items)) <= limit:
                break
            if not item.extra:
                continue
            partner = next(
                (
                    other
                    for other in items
                    if other.block == item.block
                    and other.after_run == item.after_run
                    and other.side != item.side
                    and not other.extra
                ),
                None,
            )
            if partner is None or partner.dose.sets < 2:
                continue
            hold = partner.dose.hold_s or 0
            if is_static(partner.exercise, partner.dose) and (
                (partner.dose.sets - 1) * hold < TARGET_MIN_S_PER_WORKOUT
            ):
                continue
            partner.dose = partner.dose.model_copy(update={"sets": partner.dose.sets - 1})
            given.append(name_of(partner.exercise))
        # the extra sets that work internal rotation itself are the last to go
        turns_in = ["hip_internal_rotation" in i.exercise.targets for i in items]
        order = [i for i, ir in zip(items, turns_in, strict=True) if not ir][::-1]
        order += [i for i, ir in zip(items, turns_in, strict=True) if ir][::-1]
        for item in order:
            if minutes(_seconds(items)) <= limit:
                break
            while item.extra and minutes(_seconds(items)) > limit:
                item.dose = item.dose.model_copy(update={"sets": item.dose.sets - 1})
                item.extra -= 1
                name = name_of(item.exercise)
                if name not in dropped:
                    dropped.append(name)
        if not given and not dropped:
            return
        side = self.mods.limited_side
        parts: list[Said] = []
        if given:
            parts.append(
                _("the other side does one set fewer of the {names}", names=listing(given))
            )
        if dropped:
            parts.append(_("no extra set of the {names} today", names=listing(dropped)))
        self.decisions.append(
            decide(
                "R3",
                _(
                    "The {side} side's extra work is traded within the {minutes:g} "
                    "minutes, not added to them: {parts}.",
                    side=side_said(side or ""),
                    minutes=float(self.max_minutes),
                    parts=listing(parts),
                ),
            )
        )


def _budget_cut(items: list[Item]) -> tuple[str, tuple[int, bool]]:
    """What comes off next to fit the budget: ("set" or "out", (block, after_run)).

    In order: a set off the last exercise before the run with more than one; the last moving
    drill standing in for a stretch moved after the run, else the last exercise before the run,
    left out (while another one stays); a set off the last stretch after the run with more than
    one; the last exercise left out. On a day without a run that is the last
    exercise with more than one set, then the last exercise.
    """
    keys = list(dict.fromkeys((i.block, i.after_run) for i in items))
    multi = {(i.block, i.after_run) for i in items if i.dose.sets - i.extra > 1}
    before = [k for k in keys if not k[1]]
    after = [k for k in keys if k[1]]
    for key in reversed(before):
        if key in multi:
            return "set", key
    if len(before) > 1 and after:
        # a moving drill standing in for a stretch that moved after the run goes first
        moved = {i.programmed for i in items if i.after_run}
        drills = [
            k for k in before if any((i.block, False) == k and i.replaces in moved for i in items)
        ]
        return "out", (drills or before)[-1]
    for key in reversed(after):
        if key in multi:
            return "set", key
    return "out", keys[-1]


def _seconds(items: list[Item], *, base: bool = False) -> float:
    """Seconds for the items in order; with `base`, without the asymmetry sets.

    Each side is its own block: the 5 s to move to the next block equals the side switch, so
    this matches the per-side estimate of `timing.dose_seconds`.
    """
    blocks = []
    for item in items:
        dose = item.dose
        if base and item.extra:
            dose = dose.model_copy(update={"sets": dose.sets - item.extra})
        blocks.append((dose, False, item.exercise.position))
    return sequence_seconds(blocks)


def build_workout(
    phase: Phase,
    template: WorkoutTemplate,
    library: Mapping[str, Exercise],
    mods: Modifiers,
    max_minutes: float,
    table: DoseTable | None = None,
) -> BuiltWorkout:
    """Today's exercises from `template` with the `mods` applied (see the module docstring);
    `table`: the doses already looked up for other workouts of the same plan."""
    return _Builder(phase, template, library, mods, max_minutes, table or DoseTable()).build()


def _excluded_words(
    rule: str, exercise: Exercise, stand_in: Exercise | None, hits: Sequence[str]
) -> Said:
    """R11, R5: why `exercise` is swapped for `stand_in` (None: left out with nothing in its
    place), for the excluded tags `hits` under `rule`."""
    why = Listed(tuple(TAG_WORDS.get(tag, tag) for tag in hits), _(" and "), last=False)
    cause = CAUSES[rule]
    if stand_in is None:
        return _(
            "Left out: {name}, because {cause} and that exercise "
            "{why}. The library has no easier version without that which is not "
            "already in today's workout, so nothing replaces it.",
            name=name_of(exercise),
            cause=cause,
            why=why,
        )
    return _(
        "Swapped: {name} → {stand_in}, because {cause} and that exercise {why}.",
        name=name_of(exercise),
        stand_in=name_of(stand_in),
        cause=cause,
        why=why,
    )
