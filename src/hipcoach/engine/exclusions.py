"""What is left out of today's workout, and by which rule.

R11: the pain areas a person named at the start exclude exercises by tag, as data
(`PAIN_AREA_EXCLUSIONS`: every area, with its rule; sit-bone pain leaves out deep hip flexion);
deep flexion comes back after `FLEXION_REINTRODUCED_AFTER_DAYS` with `FLEXION_GREEN_DAYS` green
days running, and leaves again when pain is no longer green.
R16: the person-level picture of a stiff, painful older hip leaves out kneeling, deep bending
and impact (`engine.person`), passed in as `also`.
R5: a suspected bony limit leaves out end-range rotation work (stretching cannot change bone).

`CAUSES` words each rule's reason for the swaps and omissions the workout reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from hipcoach.engine.constants import (
    FLEXION_GREEN_DAYS,
    FLEXION_REINTRODUCED_AFTER_DAYS,
    PAIN_AREA_EXCLUSIONS,
)
from hipcoach.engine.measure_watch import MeasureWatch
from hipcoach.engine.pain import Zone
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision
from hipcoach.engine.words import Said
from hipcoach.engine.words import said as _

CAUSES: dict[str, Said] = {
    "R5": _("a bony limit is suspected"),
    "R11": _("of your sit-bone (high hamstring) pain"),
    "R16": _("your stiff, painful hip needs a clinician's review first"),
    "R14": _("you are back after a week or more off, and landing needs a few workouts first"),
    "check": _("the readiness check has not passed yet"),
    "R9": _("your knee hurts (its pain is not green)"),
}
"""Why a rule leaves an exercise out, in words ("…, because <cause> and that exercise …")."""

RULE_ORDER = ("R16", "R11", "R9", "R5", "R14", "check")
"""When an exercise is left out by several rules, the first of these names the reason."""


class Exclusions:
    """The tags a person's pain areas exclude, and whether deep flexion is back (R11)."""

    def __init__(self, pain_areas: Iterable[str]) -> None:
        self.pain_rules: dict[str, str] = {}  # tag → the rule of the area that leaves it out
        for area in pain_areas:
            entry = PAIN_AREA_EXCLUSIONS.get(area)
            for tag in entry.excluded if entry else ():
                self.pain_rules.setdefault(tag, entry.rule)  # type: ignore[union-attr]
        self.pain_tags = frozenset(self.pain_rules)
        # (tag, rule) of the pain tags in force, sorted, with deep flexion left out or not
        self.pain_pairs: dict[bool, list[tuple[str, str]]] = {}
        self.flexion_back = False

    def restart(self) -> None:
        """A new run of the program (after a lapse): deep flexion waits again."""
        self.flexion_back = False

    def today(
        self,
        n: int,
        since: int,
        zones: Sequence[Zone | None],
        watch: MeasureWatch,
        decisions: list[Decision],
        also: Iterable[tuple[str, str]] = (),
    ) -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
        """(excluded tags, (tag, rule id) for each) on day `n`, `since` days into the episode.

        `zones` are the zones of days 0..n; `also` are (tag, rule id) pairs left out by the
        person-level rules today.
        """
        tags = set(self.pain_tags)
        if "deep_hip_flexion" in tags:
            late = since >= FLEXION_REINTRODUCED_AFTER_DAYS
            recent = zones[max(0, n - FLEXION_GREEN_DAYS + 1) : n + 1]
            green = len(recent) == FLEXION_GREEN_DAYS and recent.count(Zone.green) == len(recent)
            back = late and green
            if back != self.flexion_back:
                self.flexion_back = back
                decisions.append(
                    decide(
                        "R11",
                        _(
                            "After {weeks} weeks and {days} "
                            "days of green pain, exercises that bend the hip deeply come back. "
                            "Keep checking: if sit-bone pain goes above 3, they will be left out "
                            "again.",
                            weeks=FLEXION_REINTRODUCED_AFTER_DAYS // 7,
                            days=FLEXION_GREEN_DAYS,
                        )
                        if back
                        else _(
                            "Pain is no longer green every day, so exercises that bend the hip "
                            "deeply are left out again."
                        ),
                    )
                )
            if back:
                tags.discard("deep_hip_flexion")
        flexion = "deep_hip_flexion" in tags
        pairs = self.pain_pairs.get(flexion)
        if pairs is None:
            pairs = self.pain_pairs[flexion] = [(tag, self.pain_rules[tag]) for tag in sorted(tags)]
        by = list(pairs)
        for tag, rule in also:
            tags.add(tag)
            by.append((tag, rule))
        if watch.bony() is not None:
            tags.add("end_range_rotation")
            by.append(("end_range_rotation", "R5"))
        return frozenset(tags), tuple(by)


def reason_rule(hits: Iterable[str], rule_of: dict[str, str]) -> str:
    """The rule that names why an exercise with the excluded tags `hits` is left out."""
    rules = {rule_of.get(tag, "R11") for tag in hits}
    return next((rule for rule in RULE_ORDER if rule in rules), "R11")
