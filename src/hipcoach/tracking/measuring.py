"""Measuring hip rotation: a test's trials stored, pooled with the same day's, and compared
like for like with the last one (R1–R3, by the engine's measurement code)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from hipcoach.tracking import inputs
from hipcoach.tracking.inputs import InputError
from hipcoach.tracking.models import Measurement, engine_measurement
from hipcoach.tracking.records import profile_row
from hipcoach.vocabulary import MEASURED_SIDES, Kind, Method, Position, Side

if TYPE_CHECKING:  # the engine's measurement code is imported when first used
    from hipcoach.engine.measurement import Change, Test
    from hipcoach.engine.words import Said


def check_test(position, method, kind, left, right) -> tuple[tuple[float, ...], tuple[float, ...]]:
    inputs.choice(position, Position, "position")
    inputs.choice(method, Method, "method")
    inputs.choice(kind, Kind, "kind")
    left, right = inputs.trials(left, "left"), inputs.trials(right, "right")
    if not left and not right:
        raise InputError(_("give at least one trial: --left DEG and --right DEG, three of each"))
    return left, right


@dataclass(frozen=True)
class MeasureResult:
    """A test just stored, with the last like-for-like test before it (R1) to compare with."""

    test: Test
    previous: Test | None  # the latest earlier Test of the same kind, position and method
    trials: dict[Side, tuple[float, ...]] = field(default_factory=dict)  # side -> degrees
    changes: dict[Side, Change] = field(default_factory=dict)  # side -> the change (R2)
    asymmetric: bool = False  # R3 on this test alone (the engine flags it after two tests)
    within_error: bool = False  # the sides differ by no more than the method's error
    pooled: bool = False  # the same day already had trials of this test: all are averaged
    # the engine's words (`engine.trend`) when the test is too different from the last one to be
    # real: it is set aside and `changes` is empty ("please measure again")
    retest: Said | str = ""  # kept as made: in the reader's words when shown

    @property
    def short_of_trials(self) -> bool:
        from hipcoach.engine.constants import TRIALS_PER_TEST

        return self.test.trials < TRIALS_PER_TEST


def measure(
    person: User,
    *,
    on: dt.date,
    today: dt.date,
    position: str,
    method: str,
    left: Sequence[float],
    right: Sequence[float],
    kind: str = "ir",
) -> MeasureResult:
    """Store a rotation test (each side's trials and mean) and compare it like for like."""
    from hipcoach.engine import measurement as maths

    left, right = check_test(position, method, kind, left, right)
    inputs.not_future(on, today)
    profile_row(person)
    earlier = Measurement.objects.filter(
        person=person, kind=kind, position=position, method=method, date__lt=on
    ).order_by("-date")
    latest_day = earlier.values_list("date", flat=True).first()
    previous = None
    if latest_day is not None:
        rows = earlier.filter(date=latest_day).values_list("side", "trials")
        previous = maths.group_tests(
            engine_measurement(latest_day, s, position, method, t, kind) for s, t in rows
        )[0]
    new = [
        engine_measurement(on, s, position, method, t, kind)
        for s, t in (("left", left), ("right", right))
        if t
    ]
    # Trials given earlier the same day belong to the same test: the engine pools them (R1),
    # so the result shown here is the pooled test too.
    same_day = [
        engine_measurement(on, s, position, method, t, kind)
        for s, t in Measurement.objects.filter(
            person=person, kind=kind, position=position, method=method, date=on
        ).values_list("side", "trials")
    ]
    with transaction.atomic():
        for m in new:
            Measurement.objects.create(
                person=person,
                date=on,
                side=m.side,
                position=position,
                method=method,
                kind=kind,
                trials=list(m.trials),
                mean=m.mean,
            )
    test = maths.group_tests(same_day + new)[0]
    retest = _retest_words(person, test) if kind == "ir" else ""
    changes: dict[Side, Change] = {}
    for side in MEASURED_SIDES:
        before = previous.side(side) if previous else None
        after = test.side(side)
        if before is not None and after is not None and not retest:
            changes[side] = maths.Change(before, after, method)
    trials: dict[Side, tuple[float, ...]] = {}
    for m in same_day + new:
        trials[m.side] = trials.get(m.side, ()) + m.trials
    return MeasureResult(
        test,
        previous,
        trials,
        changes,
        maths.is_asymmetric(test),
        maths.within_error(test),
        pooled=bool(same_day),
        retest=retest,
    )


def _retest_words(person: User, test: Test) -> Said | str:
    """The engine's re-test request when `test` is too different from the like-for-like tests
    before it to be real (R2), else ""."""
    from hipcoach.engine import measurement as maths
    from hipcoach.engine.trend import Series

    rows = Measurement.objects.filter(
        person=person,
        kind=test.kind,
        position=test.position,
        method=test.method,
        date__lt=test.date,
    ).values_list("date", "side", "trials")
    series = Series()
    for earlier in maths.group_tests(
        engine_measurement(d, s, test.position, test.method, t, test.kind) for d, s, t in rows
    ):
        series.assess(earlier)
    assessment = series.assess(test)
    return "" if assessment.accepted else assessment.words() or ""
