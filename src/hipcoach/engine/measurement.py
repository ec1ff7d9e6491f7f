"""Measurement maths: tests, like-for-like comparison (R1), real change (R2), asymmetry (R3).

A *test* is what a person does in one sitting: one kind of rotation (IR or ER), at one
position, by one method, on one date, usually both sides, each side the mean of its trials.
Tests are only ever compared like for like: same kind, position and method (R1), because
position changes the value (Kouyoumdjian 2012) and devices disagree (Roach 2013).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from hipcoach.engine.constants import ASYMMETRY_MIN_DEG, MDC_BY_METHOD, MDC_SELF_DEG
from hipcoach.engine.types import Measurement
from hipcoach.engine.words import Coded, Listed, Said
from hipcoach.engine.words import said as _
from hipcoach.vocabulary import Kind, Method, Position, Term


@dataclass(frozen=True, slots=True)
class Test:
    """One sitting's result: each side's mean (None when that side was not measured)."""

    date: dt.date
    kind: str  # ir | er
    position: str
    method: str
    left: float | None
    right: float | None
    trials: int  # the fewest trials given for a side

    @property
    def setup(self) -> tuple[str, str, str]:
        """What must match for two tests to be compared (R1)."""
        return (self.kind, self.position, self.method)

    def side(self, side: str) -> float | None:
        return self.left if side == "left" else self.right

    @property
    def lower(self) -> float | None:
        values = [v for v in (self.left, self.right) if v is not None]
        return min(values) if values else None

    @property
    def difference(self) -> float | None:
        """abs(left − right), when both sides were measured."""
        if self.left is None or self.right is None:
            return None
        return abs(self.left - self.right)

    @property
    def limited_side(self) -> str | None:
        """The side with less rotation, or None when equal or one side is missing."""
        if self.left is None or self.right is None or self.left == self.right:
            return None
        return "left" if self.left < self.right else "right"


def mdc(method: str) -> float:
    """The minimal detectable change for `method`, in degrees (R2)."""
    return MDC_BY_METHOD.get(method, MDC_SELF_DEG)


def group_tests(measurements: Iterable[Measurement]) -> list[Test]:
    """The measurements grouped into tests, oldest first.

    Several measurements of the same side in one test are pooled (all their trials averaged).
    """
    trials: dict[tuple[dt.date, str, str, str], dict[str, list[float]]] = {}
    for m in measurements:
        key = (m.date, m.kind, m.position, m.method)
        trials.setdefault(key, {}).setdefault(m.side, []).extend(m.trials)
    tests = []
    for (date, kind, position, method), sides in trials.items():
        means = {side: sum(values) / len(values) for side, values in sides.items() if values}
        tests.append(
            Test(
                date=date,
                kind=kind,
                position=position,
                method=method,
                left=means.get("left"),
                right=means.get("right"),
                trials=min(len(v) for v in sides.values()),
            )
        )
    return sorted(tests, key=lambda t: (t.date, t.kind, t.position, t.method))


@dataclass(frozen=True, slots=True)
class Change:
    """A side's change between two like-for-like tests, and whether it is real (R2)."""

    before: float
    after: float
    method: str

    @property
    def delta(self) -> float:
        return self.after - self.before

    @property
    def real(self) -> bool:
        return abs(self.delta) >= mdc(self.method)

    def describe(self) -> str:
        return self.said().render()

    def said(self) -> Said:
        """The change in words (R2), kept as made (`engine.words`)."""
        limit = degrees(mdc(self.method))
        if not self.real:
            return _(
                "{before} → {after}: no detectable change ({a_method} can be out by {limit})",
                before=degrees(self.before),
                after=degrees(self.after),
                a_method=a_method_said(self.method),
                limit=limit,
            )
        if self.delta > 0:
            return _(
                "{before} → {after} ({change}): a real gain, beyond the {limit} {a_method} can "
                "be out by",
                before=degrees(self.before),
                after=degrees(self.after),
                change=signed_degrees(self.delta),
                limit=limit,
                a_method=a_method_said(self.method),
            )
        return _(
            "{before} → {after} ({change}): a real loss, beyond the {limit} {a_method} can be "
            "out by",
            before=degrees(self.before),
            after=degrees(self.after),
            change=signed_degrees(self.delta),
            limit=limit,
            a_method=a_method_said(self.method),
        )


def is_asymmetric(test: Test) -> bool:
    """R3, one test: the sides differ by at least the threshold and by more than the MDC."""
    diff = test.difference
    return diff is not None and diff >= ASYMMETRY_MIN_DEG and diff > mdc(test.method)


def within_error(test: Test) -> bool:
    """The sides differ by no more than the method's MDC: no detectable asymmetry."""
    diff = test.difference
    return diff is not None and diff <= mdc(test.method)


def a_method(method: str) -> str:
    """'an inclinometer', 'a phone': the method with its article."""
    return ("an " if method[:1] in "aeiou" else "a ") + method


def deg(value: float) -> str:
    """Degrees as people read them: 20°, 22.3°."""
    said = _DEGREES.get(value)
    if said is None:
        rounded = round(value, 1)
        said = f"{rounded:g}°"
        if value and len(_DEGREES) < _DEGREES_KEPT:  # not 0: 0.0 and -0.0 read apart
            _DEGREES[value] = said
    return said


# the words of the values `deg` has seen: the same few values come back on every plan
_DEGREES: dict[float, str] = {}
_DEGREES_KEPT = 4096


def signed(value: float) -> str:
    rounded = round(value, 1)
    return f"{rounded:+g}°"


def degrees(value: float) -> Said:
    """Degrees as people read them, kept as made: 20°, 22.3° (22,3° in German)."""
    return _("{degrees:g}°", degrees=float(round(value, 1)))


def signed_degrees(value: float) -> Said:
    """A change in degrees with its sign: +2°, −1.5°."""
    return _("{degrees:+g}°", degrees=float(round(value, 1)))


# A method with its article, as the reasons name it (`a_method`), in words when shown.
_A_METHOD: dict[str, Said] = {
    Method.goniometer: _("a goniometer"),
    Method.inclinometer: _("an inclinometer"),
    Method.phone: _("a phone"),
    Method.sensor: _("a sensor"),
    Method.camera_guided: _("a camera_guided"),
    Method.camera: _("a camera"),
    Method.estimate: _("an estimate"),
}


def a_method_said(method: str) -> Said | str:
    """`a_method`, kept as made (an unknown method as `a_method` says it)."""
    return _A_METHOD.get(method) or a_method(method)


def coded(value: str, terms: type[Term]) -> Coded | str:
    """A test's position, method or kind as the English texts name it (its code), in its
    label in another language; an unknown code as it is."""
    member = terms._value2member_map_.get(value)  # (the enum's own table: no list to build)
    return Coded(member) if isinstance(member, Term) else value


def position_code(position: str) -> Coded | str:
    return coded(position, Position)


def method_code(method: str) -> Coded | str:
    return coded(method, Method)


def kind_code(kind: str) -> Coded | str:
    return coded(kind, Kind)


def side_said(side: str) -> Said | str:
    """A measured side ("left", "right"), in words when shown."""
    return _SIDES.get(side, side)


_SIDES: dict[str, Said] = {"left": _("left"), "right": _("right"), "both": _("both")}


def sides_said(test: Test) -> Listed:
    """A test's measured sides and their values: "left 22°, right 30°"."""
    return Listed(
        tuple(
            _("{side} {degrees}", side=side_said(side), degrees=degrees(value))
            for side, value in (("left", test.left), ("right", test.right))
            if value is not None
        ),
        last=False,
    )
