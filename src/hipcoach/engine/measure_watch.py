"""What the tests say over time: R1 and R2 on each test, and the states behind the flags
`asymmetry` (R3), `limited_ir` (R4) and `bony_block_suspected` (R5).

`MeasureWatch` is fed each day's tests in date order by the planner, one day at a time. It keeps only
what later days need: the latest value per position and side, each set-up's series of tests in
the current run (`trend.Series`: previous, best and first test, the trend, a reading set aside
for a re-test), the asymmetric tests that may confirm each other, the values the gate's range
target may use, and the state of each flag. A reading set aside as implausible changes nothing
here: only the re-test request (`reassess`) it raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hipcoach.engine.constants import (
    ASYMMETRY_EXTRA_SETS,
    ASYMMETRY_MIN_DEG,
    ASYMMETRY_MIN_GAP_DAYS,
    BONY_ADHERENT_WEEKS,
    BONY_ER_MINUS_IR_DEG,
    LIMITED_IR_DEG,
    LIMITED_IR_PRONE_DEG,
    RETEST_ASK_DAYS,
    TRIALS_PER_TEST,
)
from hipcoach.engine.measurement import (
    Test,
    a_method_said,
    degrees,
    is_asymmetric,
    mdc,
    method_code,
    position_code,
    side_said,
    sides_said,
    within_error,
)
from hipcoach.engine.rules import decide, decide_later
from hipcoach.engine.trend import Loss, Series, normal_floor
from hipcoach.engine.types import Decision, Flag
from hipcoach.engine.words import Listed, Said, Upper, joined
from hipcoach.engine.words import said as _
from hipcoach.engine.words import said_plural as ngettext
from hipcoach.vocabulary import MEASURED_SIDES, Position, values


def setup_words(test: Test) -> Said:
    """A test's set-up as the reasons name it: "prone, phone"."""
    return _(
        "{position}, {method}",
        position=position_code(test.position),
        method=method_code(test.method),
    )


def _position_words(position: str) -> Position | str:
    """A position in plain words ("lying face down"), as a term shown in the reader's words."""
    return Position(position) if position in values(Position) else position


@dataclass(frozen=True, slots=True)
class Asymmetry:
    side: str  # the limited side
    setup: tuple[str, str, str]
    first_day: int
    test: Test  # the latest like-for-like test

    def reason(self) -> Said:
        t = self.test
        other = "right" if self.side == "left" else "left"
        low, high = t.side(self.side), t.side(other)
        assert low is not None and high is not None
        return _(
            "Your {side} hip turns in {difference} less than your {other} "
            "({low} vs {high}, {setup}; at least {threshold} and "
            "beyond the {error} {a_method} can be out by, on tests at least 48 h "
            "apart). The {side} side goes first and gets {extra} extra set "
            "in each one-side exercise until the sides are level within measurement error.",
            side=side_said(self.side),
            difference=degrees(high - low),
            other=side_said(other),
            low=degrees(low),
            high=degrees(high),
            setup=setup_words(t),
            threshold=degrees(ASYMMETRY_MIN_DEG),
            error=degrees(mdc(t.method)),
            a_method=a_method_said(t.method),
            extra=ASYMMETRY_EXTRA_SETS,
        )


class MeasureWatch:
    def __init__(self) -> None:
        self.latest: dict[str, dict[str, tuple[float, Test]]] = {}  # position → side → value
        self.latest_pair: Test | None = None  # the latest accepted IR test with both sides
        self.series: dict[tuple[str, str, str], Series] = {}  # per setup: the trend (R2, R5)
        self.run_setups: set[tuple[str, str, str]] = set()  # setups tested in this run
        # per setup tested: the limited side (None: neither) → the first day a test showed it;
        # all R3 asks of the earlier tests, so a checkpoint does not grow with every test
        self.asym_tests: dict[tuple[str, str, str], dict[str | None, int]] = {}
        self.asymmetry: Asymmetry | None = None
        self.er_gaps: dict[tuple[str, str], Said | None] = {}  # (position, method) → reason
        self.no_gain: dict[tuple[str, str, str], Said] = {}  # R5: setup → no-gain reason
        self.losses: dict[tuple[str, str, str], tuple[Loss, ...]] = {}  # R2: real losses
        self.retests: dict[tuple[str, str, str], tuple[int, Said]] = {}  # asked on day, why
        self.range_methods: dict[str, str] = {}  # position → the method of its first test
        self.range_values: dict[str, dict[str, float]] = {}  # position → side → gate value
        # what the states say (`flags`, `bony`, `loss_reason`), asked every day and changed
        # only by a test, a restart or a clearance: worked out once in between (not state)
        self.said: dict[str, Any] = {}

    def restart(self) -> None:
        """A new run of the program (after a lapse): new first tests and bests, a fresh R5."""
        self.said.clear()
        for series in self.series.values():
            series.restart()
        self.run_setups.clear()
        self.no_gain.clear()
        self.losses.clear()

    def clinician_cleared(self) -> None:
        """A clinician saw the person: a real loss no longer holds the phase (R2)."""
        self.said.clear()
        for series in self.series.values():
            series.clinician_cleared()
        self.losses.clear()

    # -- feeding tests -------------------------------------------------------------------
    def on_tests(self, day: int, tests: list[Test], adherent_weeks: int) -> list[Decision]:
        self.said.clear()
        decisions: list[Decision] = []
        by_setup = {(t.kind, t.position, t.method): t for t in tests}
        for test in tests:
            decisions += self._describe(test)
            if test.kind != "ir":
                continue
            series = self.series.get(test.setup)
            if series is None:
                series = self.series[test.setup] = Series()
            assessment = series.assess(test)
            if not assessment.accepted:
                self.retests[test.setup] = (day, assessment.reminder())
                decisions.append(decide_later("R2", assessment.said))
                continue
            self.retests.pop(test.setup, None)
            if assessment.says_anything:
                decisions.append(decide_later("R2", assessment.said))
            self.losses[test.setup] = assessment.losses
            decisions += self._asymmetry(day, test)
            self._remember(test)
            er = by_setup.get(("er", test.position, test.method))
            if er is not None:
                decisions += self._er_gap(test, er)
            self._gain_after_adherent_weeks(test, adherent_weeks)
            self.run_setups.add(test.setup)
        for test in tests:
            if test.kind != "ir":
                self.run_setups.add(test.setup)
        return decisions

    def _describe(self, test: Test) -> list[Decision]:
        """R1: the test in words, and the earlier set-ups it is not compared with."""
        others = (
            []  # a set-up tested before in this run: compared with its own earlier tests
            if test.setup in self.run_setups
            else sorted(
                {(k[1], k[2]) for k in self.run_setups if k[0] == test.kind and k != test.setup},
                key=lambda k: f"{k[0]}, {k[1]}",
            )
        )
        return [decide_later("R1", lambda: _described(test, others))]

    def _asymmetry(self, day: int, test: Test) -> list[Decision]:
        firsts = self.asym_tests.setdefault(test.setup, {})
        side = test.limited_side if is_asymmetric(test) else None
        earlier = firsts.get(side)  # the first earlier test of this setup with that side behind
        firsts.setdefault(side, day)
        current = self.asymmetry
        if (
            current is not None
            and current.setup != test.setup
            and current.setup[:2] == test.setup[:2]
            and mdc(test.method) <= mdc(current.test.method)
            and within_error(test)
        ):
            self.asymmetry = None
            return [
                decide(
                    "R3",
                    _(
                        "The sides are now level within measurement error ({difference} "
                        "apart, {setup}), on a test in the same position with "
                        "{a_method}, at least as precise as the {before} that "
                        "found the difference: the asymmetry flag ends and both sides get the same "
                        "sets again.",
                        difference=degrees(test.difference or 0),
                        setup=setup_words(test),
                        a_method=a_method_said(test.method),
                        before=method_code(current.test.method),
                    ),
                )
            ]
        if current is not None and current.setup == test.setup:
            if within_error(test):
                self.asymmetry = None
                return [
                    decide(
                        "R3",
                        _(
                            "The sides are now level within measurement error ({difference} "
                            "apart, {setup}; {a_method} can be out by "
                            "{error}): the asymmetry flag ends and both sides get the "
                            "same sets again.",
                            difference=degrees(test.difference or 0),
                            setup=setup_words(test),
                            a_method=a_method_said(test.method),
                            error=degrees(mdc(test.method)),
                        ),
                    )
                ]
            if test.difference is None:  # one side tested: says nothing of the difference
                return []
            if side == current.side or side is None:
                self.asymmetry = Asymmetry(current.side, current.setup, current.first_day, test)
                return []
        if side is None:
            return []
        confirmed = earlier is not None and earlier <= day - ASYMMETRY_MIN_GAP_DAYS
        if confirmed:
            self.asymmetry = Asymmetry(side, test.setup, day, test)
            return [
                decide(
                    "R3",
                    _(
                        "The {side} side was behind on two tests at least 48 h apart: asymmetry "
                        "confirmed (see the asymmetry flag).",
                        side=side_said(side),
                    ),
                )
            ]
        if current is None:
            return [
                decide(
                    "R3",
                    _(
                        "This test shows the {side} side {difference} behind. One test "
                        "is not enough: a second test in the same position with the same method, "
                        "at least 48 h later, will confirm it or not.",
                        side=side_said(side),
                        difference=degrees(test.difference or 0),
                    ),
                )
            ]
        return []

    def _remember(self, test: Test) -> None:
        sides = self.latest.setdefault(test.position, {})
        for side in MEASURED_SIDES:
            value = test.side(side)
            if value is not None:
                sides[side] = (value, test)
        if test.left is not None and test.right is not None:
            self.latest_pair = test
        # the gate's range target: tests by the first test's method or a more precise one
        base = self.range_methods.setdefault(test.position, test.method)
        if test.method == base or mdc(test.method) < mdc(base):
            values = self.range_values.setdefault(test.position, {})
            for side in MEASURED_SIDES:
                value = test.side(side)
                if value is not None:
                    values[side] = value

    def _er_gap(self, ir: Test, er: Test) -> list[Decision]:
        worst = None
        floor = normal_floor(ir.position)
        for side in MEASURED_SIDES:
            ir_value, er_value = ir.side(side), er.side(side)
            if ir_value is None or er_value is None:
                continue
            if floor is not None and ir_value >= floor:
                continue  # a hip turning in within the normal range has no bony block
            gap = er_value - ir_value
            if gap >= BONY_ER_MINUS_IR_DEG and (worst is None or gap > worst[1]):
                worst = (side, gap, er_value, ir_value)
        key = (ir.position, ir.method)
        if worst is None:
            self.er_gaps[key] = None
            return []
        side, gap, er_value, ir_value = worst
        self.er_gaps[key] = _(
            "On the {side}, external rotation is {gap} more than internal rotation "
            "({er} vs {ir}, {setup}): a gap of "
            "{threshold} or more can mean the bone shape itself limits the turn",
            side=side_said(side),
            gap=degrees(gap),
            er=degrees(er_value),
            ir=degrees(ir_value),
            setup=setup_words(ir),
            threshold=degrees(BONY_ER_MINUS_IR_DEG),
        )
        return []

    def _gain_after_adherent_weeks(self, test: Test, weeks: int) -> None:
        """R5 "no gain", judged on the trend of the set-up's tests (see `trend.Series`)."""
        if weeks < BONY_ADHERENT_WEEKS:
            self.no_gain.pop(test.setup, None)
            return
        series = self.series[test.setup]
        # the stiffer side, as the rule says (both when level or one side was measured)
        sides = [test.limited_side] if test.limited_side else MEASURED_SIDES
        reasons = [r for side in sides if (r := series.no_gain(side))]
        if reasons:
            self.no_gain[test.setup] = _(
                "After {weeks} weeks of regular work, {reasons}",
                weeks=weeks,
                reasons=Listed(tuple(reasons), _("; and "), last=False),
            )
        else:
            self.no_gain.pop(test.setup, None)

    # -- what the states say ---------------------------------------------------------------
    def limited(self) -> Said | None:
        """R4's reason when the latest value at a position is markedly limited, else None."""
        for position, sides in sorted(self.latest.items()):
            for side, (value, _test) in sorted(sides.items()):
                if value < LIMITED_IR_PRONE_DEG and position == "prone":
                    return _(
                        "Your {side} hip turns in only {value} lying face down (under "
                        "{threshold} with the hip straight). That is markedly "
                        "limited: ask a physiotherapist or doctor to check the hip. You can carry "
                        "on with the program meanwhile.",
                        side=side_said(side),
                        value=degrees(value),
                        threshold=degrees(LIMITED_IR_PRONE_DEG),
                    )
                if value < LIMITED_IR_DEG:
                    return _(
                        "Your {side} hip turns in only {value} "
                        "{position} (under {threshold}). "
                        "That is markedly limited: ask a physiotherapist or doctor to check the "
                        "hip. You can carry on with the program meanwhile.",
                        side=side_said(side),
                        value=degrees(value),
                        position=_position_words(position),
                        threshold=degrees(LIMITED_IR_DEG),
                    )
        return None

    def bony(self) -> Said | None:
        """R5's reason when a bony limit is suspected, else None."""
        if "bony" not in self.said:
            self.said["bony"] = self._bony()
        return self.said["bony"]  # type: ignore[no-any-return]

    def _bony(self) -> Said | None:
        reasons = [r for r in self.er_gaps.values() if r] + list(self.no_gain.values())
        if not reasons:
            return None
        return _(
            "{reasons}. Stretching cannot change bone, so end-range rotation work is left out. "
            "Have the hip assessed by a physiotherapist or sports doctor.",
            reasons=Listed(tuple(reasons), "; ", last=False),
        )

    def range_ir(self, position: str) -> float | None:
        """The lower side's latest mean at `position` (for gate criteria), from tests by the
        method of the first test there or a more precise one: a reading by a rougher or another
        device never meets a range target."""
        sides = self.range_values.get(position)
        if not sides:
            return None
        return min(sides.values())

    def range_method(self, position: str) -> str | None:
        """The method whose tests (or more precise ones) count for `position`'s range target."""
        return self.range_methods.get(position)

    def loss_reason(self) -> Listed | None:
        """The real losses since the best that hold the phase (R2), in words, or None."""
        if "loss" not in self.said:
            self.said["loss"] = self._loss_reason()
        return self.said["loss"]  # type: ignore[no-any-return]

    def _loss_reason(self) -> Listed | None:
        losses = [loss for found in self.losses.values() for loss in found]
        if not losses:
            return None
        return Listed(tuple(loss.words() for loss in losses), "; ", last=False)

    def asymmetry_now(self) -> float | None:
        pair = self.latest_pair
        return pair.difference if pair else None

    def flags(self, day: int | None = None) -> tuple[set[Flag], list[Decision]]:
        """Today's flags and their reasons from the current states (`day`: today, for the
        re-tests asked for)."""
        flags: set[Flag] = set()
        decisions = []
        for asked, why in self.retests.values():
            if day is not None and asked <= day < asked + RETEST_ASK_DAYS:
                flags.add(Flag.reassess)
                if day > asked:  # on the day itself the test's own decision says it
                    decisions.append(decide("R2", why))
        if "standing" not in self.said:
            self.said["standing"] = self._standing()
        standing_flags, standing_decisions = self.said["standing"]
        return flags | standing_flags, decisions + standing_decisions

    def _standing(self) -> tuple[frozenset[Flag], list[Decision]]:
        """The flags and reasons of the states, whatever the day."""
        flags: set[Flag] = set()
        decisions = []
        loss = self.loss_reason()
        if loss:
            decisions.append(
                decide(
                    "R2",
                    _(
                        "{losses}. The phase stays where it is until a later test "
                        "shows the range back or a clinician says otherwise.",
                        losses=Upper(loss),
                    ),
                )
            )
        if self.asymmetry is not None:
            flags.add(Flag.asymmetry)
            decisions.append(decide("R3", self.asymmetry.reason()))
        limited = self.limited()
        if limited:
            flags.add(Flag.limited_ir)
            decisions.append(decide("R4", limited))
        bony = self.bony()
        if bony:
            flags |= {Flag.bony_block_suspected, Flag.refer}
            decisions.append(decide("R5", bony))
        return frozenset(flags), decisions


def _described(test: Test, others: list[tuple[str, str]]) -> Said:
    """R1's words for `test`; `others`: the earlier set-ups it is not compared with."""
    sides = sides_said(test)
    where = {
        "position": _position_words(test.position),
        "method": method_code(test.method),
        "sides": sides,
    }
    parts: list[Said] = [
        _("Test of internal rotation {position} by {method}: {sides}", **where)
        if test.kind == "ir"
        else _("Test of external rotation {position} by {method}: {sides}", **where)
    ]
    if test.trials >= TRIALS_PER_TEST:
        parts.append(_(" (each the mean of {trials} trials).", trials=test.trials))
    else:
        parts.append(
            ngettext(
                " from {trials} trial a side; next time take {needed}, their mean is steadier.",
                " from {trials} trials a side; next time take {needed}, their mean is steadier.",
                test.trials,
                trials=test.trials,
                needed=TRIALS_PER_TEST,
            )
        )
    if others:
        parts.append(
            _(
                " It is not compared with your earlier tests ({others}): only tests in "
                "the same position with the same method are compared.",
                others=Listed(
                    tuple(
                        _(
                            "{position}, {method}",
                            position=position_code(position),
                            method=method_code(method),
                        )
                        for position, method in others
                    ),
                    "; ",
                    last=False,
                ),
            )
        )
    return joined(*parts)
