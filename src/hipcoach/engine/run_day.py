"""A run day (R8): long static holds move to after the run; moving drills warm up before it.

Long static stretching in the half hour before a run costs performance, while moving drills
help it and short holds cost little (Behm 2016). The stretching dose still matters (R6): a
daily runner who dropped the holds on every run day would never stretch. So on a run day:

1. a static stretch with a moving alternative: the alternative warms up before the run (once:
   an alternative already in the workout is not listed again), and the stretch itself moves to
   after the run, at its full dose;
2. what static stretching is left before the run stays under the limit per muscle (each
   target, each side): a stretch that would reach it moves to after the run, whole.

Items after the run keep their place at the end of the workout (`after_run`), so the person is
told when to do them; nothing is dropped, so the day's stretching dose is that of any other day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from hipcoach.content.schema import Exercise
from hipcoach.engine.constants import PRE_RUN_STATIC_LIMIT_S
from hipcoach.engine.measurement import side_said
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision
from hipcoach.engine.words import Said
from hipcoach.engine.words import said as _
from hipcoach.engine.workout_items import Item, allowed, is_static, listing, name_of

AFTER_RUN_WHEN = _(
    "after the run, once you have walked for a few minutes, or later in the day (within the "
    "hour after the run the muscles are warm)"
)


def swap_before_run(
    items: list[Item],
    library: Mapping[str, Exercise],
    excluded: frozenset[str],
    decisions: list[Decision],
) -> list[Item]:
    """Step 1: each static stretch with a moving alternative → the alternative now, the
    stretch after the run."""
    swaps: list[Said] = []
    before: list[Item] = []
    after: list[Item] = []
    taken = {item.exercise.id for item in items}
    for item in items:
        alternative = library.get(item.exercise.dynamic_alternative or "")
        if (
            not is_static(item.exercise, item.dose)
            or alternative is None
            or not allowed(alternative, excluded)
        ):
            before.append(item)
            continue
        after.append(replace(item, after_run=True))
        if alternative.id in taken:
            swaps.append(
                _(
                    "{name} after the run ({alternative}, its moving "
                    "alternative, is already in the workout)",
                    name=name_of(item.exercise),
                    alternative=name_of(alternative),
                )
            )
            continue
        taken.add(alternative.id)
        swaps.append(
            _(
                "{alternative} now, {name} after the run",
                alternative=name_of(alternative),
                name=name_of(item.exercise),
            )
        )
        before.append(Item(alternative, alternative.dose, item.block, item.programmed, None))
    if swaps:
        decisions.append(
            decide(
                "R8",
                _(
                    "A run follows today's workout: moving drills warm you up before it, and the "
                    "long stretches keep their full dose {when}: {swaps}.",
                    when=AFTER_RUN_WHEN,
                    swaps=listing(swaps),
                ),
            )
        )
    return before + after


def limit_before_run(items: list[Item], decisions: list[Decision]) -> list[Item]:
    """Step 2 (after sides): static stretching before the run stays under the limit per
    muscle and side; a stretch that would reach it moves, whole and both sides, to after the
    run."""
    used: dict[tuple[str, str], int] = {}
    moved: list[Said] = []
    before: list[Item] = []
    after: list[Item] = []
    for item in items:
        if item.after_run:
            after.append(item)
            continue
        if not is_static(item.exercise, item.dose):
            before.append(item)
            continue
        seconds = item.dose.sets * (item.dose.hold_s or 0)
        keys = [(item.side, target) for target in item.exercise.targets]
        if any(used.get(key, 0) + seconds >= PRE_RUN_STATIC_LIMIT_S for key in keys):
            after.append(replace(item, after_run=True))
            words = _("{name} ({side})", name=name_of(item.exercise), side=side_said(item.side))
            if words not in moved:
                moved.append(words)
            continue
        for key in keys:
            used[key] = used.get(key, 0) + seconds
        before.append(item)
    moving = {item.exercise.id for item in after if item.after_run}
    after = [replace(i, after_run=True) for i in before if i.exercise.id in moving] + after
    before = [i for i in before if i.exercise.id not in moving]
    if moved:
        decisions.append(
            decide(
                "R8",
                _(
                    "A run follows, so static stretching before it stays under "
                    "{limit} s per muscle; these holds move, at their full dose, "
                    "to {when}: {moved}.",
                    limit=PRE_RUN_STATIC_LIMIT_S,
                    when=AFTER_RUN_WHEN,
                    moved=listing(moved),
                ),
            )
        )
    return before + after
