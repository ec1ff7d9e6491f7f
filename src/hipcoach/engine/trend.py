"""Measurement by trend: the tests of one set-up read over time (R2, R5).

A *series* is the tests of one set-up (kind, position, method: like for like, R1) in the current
run of the program. Each new test is read against the previous test of the series and the best
one, not only the first:

- a change larger than the method's error plus what range can really change in the time
  between the tests is a measuring slip until shown otherwise: the test is set aside (it changes
  nothing) and a re-test is asked for; a re-test that agrees with it confirms it;
- a drop from the best value by at least the method's error is a real loss (it holds the phase
  until a later test or a clinician says otherwise);
- "no gain" (R5) is judged on the trend of the whole series, and only for a side that is below
  the normal range for its position and never recorded a higher value.

`Assessment.words()` and `latest_words()` are the plain words people see: the plan's reasons
and the progress page's verdict both come from here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from hipcoach.engine.constants import (
    BONY_LIMITED_BELOW_DEG,
    BONY_RESPONSE_WEEKS,
    BONY_STEADY_RISE_MIN_TESTS,
    BONY_STEADY_RISE_Z,
    BONY_TREND_MIN_DAYS,
    NORMAL_IR_MIN_DEG,
    PLAUSIBLE_CHANGE_DEG_PER_WEEK,
)
from hipcoach.engine.measurement import (
    Change,
    Test,
    a_method_said,
    degrees,
    is_asymmetric,
    mdc,
    method_code,
    position_code,
    side_said,
    signed_degrees,
    within_error,
)
from hipcoach.engine.words import Listed, Said, Upper, joined
from hipcoach.engine.words import said as _
from hipcoach.engine.words import said_plural as ngettext
from hipcoach.vocabulary import MEASURED_SIDES

_RETEST = _("that reading looks too different from your last one — please measure again")
_LOSS = _("a real loss since your best")
RETEST_WORDS = _RETEST.text  # in English, as the progress page's key phrases
LOSS_WORDS = _LOSS.text


def plausible_change(method: str, days: int) -> float:
    """The largest change (degrees) between two `method` tests `days` apart that can be real:
    the method's error plus what range can change in that time."""
    return mdc(method) + PLAUSIBLE_CHANGE_DEG_PER_WEEK * days / 7


def normal_floor(position: str) -> float | None:
    """Where normal internal rotation starts at `position` (None: not known)."""
    return NORMAL_IR_MIN_DEG.get(position)


def _when(date: dt.date) -> str:
    return date.isoformat()


@dataclass(frozen=True, slots=True)
class Jump:
    """A side's change too large to be real in the time between two tests."""

    side: str
    before: float
    after: float
    days: int
    method: str

    def words(self) -> Said:
        return ngettext(
            "{side} {before} → {after} in {days} day ({change}; at most "
            "{plausible} can be real in that time with {a_method})",
            "{side} {before} → {after} in {days} days ({change}; at most "
            "{plausible} can be real in that time with {a_method})",
            self.days,
            side=side_said(self.side),
            before=degrees(self.before),
            after=degrees(self.after),
            days=self.days,
            change=signed_degrees(self.after - self.before),
            plausible=degrees(plausible_change(self.method, self.days)),
            a_method=a_method_said(self.method),
        )


@dataclass(frozen=True, slots=True)
class Loss:
    """A side's latest value is below its best by at least the method's error (R2)."""

    side: str
    best: float
    best_date: dt.date
    now: float
    method: str

    def words(self) -> Said:
        return _(
            "your {side} side: {loss} ({best} on {date} → "
            "{now}, {change}; more than the "
            "{error} {a_method} can be out by)",
            side=side_said(self.side),
            loss=_LOSS,
            best=degrees(self.best),
            date=_when(self.best_date),
            now=degrees(self.now),
            change=signed_degrees(self.now - self.best),
            error=degrees(mdc(self.method)),
            a_method=a_method_said(self.method),
        )


@dataclass(frozen=True, slots=True)
class Assessment:
    """What one test says against the series before it."""

    test: Test
    previous: Test | None  # the previous accepted test of the series
    first: Test | None  # the first test of the series in this run (None: this is it)
    jumps: tuple[Jump, ...] = ()  # not empty: set aside, a re-test is asked for
    confirmed: bool = False  # a re-test agreed with a reading set aside before
    losses: tuple[Loss, ...] = ()

    @property
    def accepted(self) -> bool:
        return not self.jumps

    @property
    def says_anything(self) -> bool:
        """Whether there are words for this test (`words`): not for the first of its series."""
        return bool(self.jumps or self.confirmed or self.previous is not None or self.losses)

    def said(self) -> Said:
        """`words`, for a test that `says_anything`."""
        words = self.words()
        if words is None:
            raise ValueError("the first test of a series says nothing against the others")
        return words

    def words(self) -> Said | None:
        """The plain words for this test (R2), or None for the first of its series."""
        test = self.test
        setup = _setup(test)
        if self.jumps:
            return _(
                "The {setup} test of {date}: {retest}. {jumps}. A change that size is more likely "
                "a measuring slip than a real one, so this reading changes nothing in your plan; "
                "measure again the same way, three trials a side.",
                setup=setup,
                date=_when(test.date),
                retest=_RETEST,
                jumps=Upper(Listed(tuple(j.words() for j in self.jumps), "; ", last=False)),
            )
        parts: list[Said] = []
        if self.confirmed:
            parts.append(
                _("Your re-test agrees with the reading that looked too different: it counts.")
            )
        previous, first = self.previous, self.first
        if previous is not None:
            since = (
                _("Since your first {setup} test on {date}: {changes}.")
                if first is None or first.date == previous.date
                else _("Since your last {setup} test on {date}: {changes}.")
            )
            parts.append(
                _fill(
                    since, setup=setup, date=_when(previous.date), changes=_changes(previous, test)
                )
            )
        if first is not None and previous is not None and first.date != previous.date:
            parts.append(
                _(
                    "Since your first, on {date}: {changes}.",
                    date=_when(first.date),
                    changes=_changes(first, test),
                )
            )
        if self.losses:
            parts.append(
                _(
                    "{losses}. The phase stays where it is until a later test shows the range "
                    "back or a clinician says otherwise.",
                    losses=Upper(
                        Listed(tuple(loss.words() for loss in self.losses), "; ", last=False)
                    ),
                )
            )
        return joined(*parts, between=" ") if parts else None

    def reminder(self) -> Said:
        """The daily reminder while a re-test is asked for."""
        test = self.test
        return _(
            "Please measure again: the {setup} test of "
            "{date} looked too different from your last one to be real, and it "
            "changes nothing until a new test, taken the same way, confirms it or not.",
            setup=_setup(test),
            date=_when(test.date),
        )


def _setup(test: Test) -> Said:
    return _(
        "{position}, {method}",
        position=position_code(test.position),
        method=method_code(test.method),
    )


def _fill(text: Said, **values: object) -> Said:
    """`text` (made with `_` for the catalogue) with its values."""
    return Said(text.text, tuple(values.items()))


def _changes(before: Test, after: Test) -> Said:
    parts = []
    for side in MEASURED_SIDES:
        b, a = before.side(side), after.side(side)
        if b is not None and a is not None:
            parts.append(
                _(
                    "{side} {change}",
                    side=side_said(side),
                    change=Change(b, a, after.method).said(),
                )
            )
    if not parts:
        return _("no side measured both times")
    return joined(*parts, between="; ")


class Series:
    """The tests of one set-up: this run's accepted tests, and a reading set aside, if any.

    Of this run's tests it keeps the first, the latest and each side's values by day: all that
    is read of them (R2, R5), as plain numbers, so a checkpoint years into a program stays
    quick to read.
    """

    def __init__(self) -> None:
        self.first: Test | None = None  # this run's first accepted test
        self.latest: Test | None = None  # this run's latest accepted test
        # side → [day (ordinal), value] of this run's accepted tests, oldest first
        self.sides: dict[str, list[list[float]]] = {}
        self.bests: dict[str, tuple[dt.date, float]] = {}  # side → the best (date, value)
        self.last: Test | None = None  # the latest accepted test in any run (plausibility)
        self.pending: Test | None = None  # a reading set aside, waiting for a re-test

    def restart(self) -> None:
        """A new run of the program: a new first test and a new best."""
        self.first = self.latest = None
        self.sides = {}
        self.bests = {}

    def clinician_cleared(self) -> None:
        """A clinician has seen the person: the latest value is the new best to compare with."""
        latest = self.latest
        self.bests = {
            side: (latest.date, value)
            for side in MEASURED_SIDES
            if latest is not None and (value := latest.side(side)) is not None
        }

    def assess(self, test: Test) -> Assessment:
        """Read `test` against the series, and keep it when it is accepted."""
        last, pending = self.last, self.pending
        jumps = _jumps(last, test) if last is not None else ()
        confirmed = False
        if jumps and pending is not None and _agree(pending, test):
            jumps, confirmed = (), True
        if jumps:
            self.pending = test
            return Assessment(test, last, self.first, jumps)
        self.pending = None
        previous, first = self.latest, self.first
        if self.first is None:
            self.first = test
        self.latest = test
        self.last = test
        day = test.date.toordinal()
        for side in MEASURED_SIDES:
            value, best = test.side(side), self.bests.get(side)
            if value is not None:
                self.sides.setdefault(side, []).append([day, value])
            if value is not None and (best is None or value > best[1]):
                self.bests[side] = (test.date, value)
        return Assessment(test, previous, first, (), confirmed, self.losses())

    def values(self, side: str) -> list[tuple[dt.date, float]]:
        """(date, value) of `side` in this run's accepted tests, oldest first."""
        return [(dt.date.fromordinal(int(d)), v) for d, v in self.sides.get(side, ())]

    def best(self, side: str) -> tuple[dt.date, float] | None:
        """(date, value) of the side's highest value since the run began or a clinician's
        say-so (the earliest, on a tie)."""
        return self.bests.get(side)

    def losses(self) -> tuple[Loss, ...]:
        """Real losses of the latest test from the best, per side (empty when none)."""
        latest = self.latest
        if latest is None:
            return ()
        found = []
        for side in MEASURED_SIDES:
            now, best = latest.side(side), self.best(side)
            if now is not None and best is not None and best[1] - now >= mdc(latest.method):
                found.append(Loss(side, best[1], best[0], now, latest.method))
        return tuple(found)

    def no_gain(self, side: str) -> Said | None:
        """R5 "no gain" for `side`, in words, or None.

        Judged on the trend of the series: the least-squares slope, carried over the response
        window, stays below the method's error. Only for a limited side: never for one whose best
        value reached `BONY_LIMITED_BELOW_DEG` or the normal range for the position, nor after a higher value was recorded (a real gain on the
        first test, or a real loss from the best), nor before the tests span enough time, nor
        while the tests rise steadily (`steady_rise`).
        """
        values = self.sides.get(side, ())  # [day (ordinal), value], as kept
        latest = self.latest
        if len(values) < 2 or latest is None:
            return None
        floor = normal_floor(latest.position)
        error = mdc(latest.method)
        first, now = values[0][1], values[-1][1]
        best = max(v for _, v in values)
        span = int(values[-1][0]) - int(values[0][0])
        if floor is None or best >= min(floor, BONY_LIMITED_BELOW_DEG):
            return None
        if span < BONY_TREND_MIN_DAYS:
            return None
        if best - first >= error or best - now >= error:
            return None
        per_week = _slope([int(d) for d, _ in values], [v for _, v in values])
        if round(per_week * BONY_RESPONSE_WEEKS, 1) >= error:
            return None
        if steady_rise([v for _, v in values]):
            return None  # a rise at (nearly) every test is a gain, however small each step
        return _(
            "your {side} side's internal rotation is not on its way up ({first} → "
            "{now} over {weeks} weeks, {setup}: at "
            "{per_week} a week it would not change by the {error} "
            "{a_method} can detect within {response} weeks), and it "
            "has stayed below {floor}",
            side=side_said(side),
            first=degrees(first),
            now=degrees(now),
            weeks=span // 7,
            setup=_setup(latest),
            per_week=signed_degrees(per_week),
            error=degrees(error),
            a_method=a_method_said(latest.method),
            response=BONY_RESPONSE_WEEKS,
            floor=degrees(min(floor, BONY_LIMITED_BELOW_DEG)),
        )


def steady_rise(values: list[float]) -> bool:
    """The values, oldest first, rise steadily: the Mann-Kendall statistic (each later value
    against each earlier one, +1 higher, -1 lower) is significant for a rise at the 5% level,
    one-sided, over at least `BONY_STEADY_RISE_MIN_TESTS` values. Ties count 0 and the variance is
    not corrected for them, which only makes the test stricter."""
    n = len(values)
    if n < BONY_STEADY_RISE_MIN_TESTS:
        return False
    s = sum((b > a) - (b < a) for i, a in enumerate(values) for b in values[i + 1 :])
    if s <= 0:
        return False
    variance = n * (n - 1) * (2 * n + 5) / 18
    z: float = (s - 1) / math.sqrt(variance)
    return z >= BONY_STEADY_RISE_Z


def slope_per_week(values: list[tuple[dt.date, float]]) -> float:
    """The least-squares slope of the values over time, in degrees a week."""
    return _slope([d.toordinal() for d, _ in values], [v for _, v in values])


def _slope(days: list[int], values: list[float]) -> float:
    """`slope_per_week` of the values on those days (ordinals)."""
    mean_day = sum(days) / len(days)
    mean_value = sum(values) / len(values)
    spread = sum((d - mean_day) ** 2 for d in days)
    if not spread:
        return 0.0
    return (
        7
        * sum((d - mean_day) * (v - mean_value) for d, v in zip(days, values, strict=True))
        / spread
    )


def _jumps(last: Test, test: Test) -> tuple[Jump, ...]:
    days = (test.date - last.date).days
    found = []
    for side in MEASURED_SIDES:
        before, after = last.side(side), test.side(side)
        if (
            before is not None
            and after is not None
            and abs(after - before) > plausible_change(test.method, days)
        ):
            found.append(Jump(side, before, after, days, test.method))
    return tuple(found)


def _agree(first: Test, second: Test) -> bool:
    """Two tests say the same within the method's error on every side both measured."""
    pairs = [
        (a, b)
        for side in MEASURED_SIDES
        if (a := first.side(side)) is not None and (b := second.side(side)) is not None
    ]
    return bool(pairs) and all(abs(a - b) < mdc(second.method) for a, b in pairs)


def latest_words(tests: Iterable[Test]) -> Said:
    """What the latest of these like-for-like tests says against the ones before, in words.

    The progress page's verdict on change (the same reading as the plan's R2 reasons). `tests`
    are one set-up's, oldest first.
    """
    series = Series()
    assessment = None
    for test in tests:
        assessment = series.assess(test)
    if assessment is None:
        return _("No measurement yet: test both hips to see how they change.")
    words = assessment.words()
    return words or _(
        "Your first {setup} test: the next one, "
        "taken the same way, will show whether anything has changed.",
        setup=_setup(assessment.test),
    )


def asymmetry_words(test: Test | None, flagged: bool = False) -> Said:
    """How the sides compare at `test` (the latest), in words: the progress page's verdict.
    `flagged`: today's plan carries the `asymmetry` flag (R3 needs two tests to confirm it)."""
    if test is None:
        return _("No measurement yet: test both hips to see how they compare.")
    if test.difference is None:
        return _("Only one side was measured in the latest test: measure both to compare them.")
    error = degrees(mdc(test.method))
    difference = degrees(test.difference)
    method = method_code(test.method)
    if is_asymmetric(test):
        side = side_said(test.limited_side or "")
        return _(
            "Your {side} hip turns in {difference} less than the other: a real "
            "difference, beyond the {error} a {method} can be out by. {next}",
            side=side,
            difference=difference,
            error=error,
            method=method,
            next=_("The plan gives the {side} side extra work.", side=side)
            if flagged
            else _("A second test the same way, at least 48 h later, will confirm it or not."),
        )
    if within_error(test):
        return _(
            "Left and right differ by {difference}, within the {error} a {method} can be out "
            "by: no detectable difference between your hips.",
            difference=difference,
            error=error,
            method=method,
        )
    return _(
        "Left and right differ by {difference}: more than a {method} can be out by, but "
        "small. Keep measuring both sides.",
        difference=difference,
        method=method,
    )
