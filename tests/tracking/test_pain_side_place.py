"""A pain report's side and place: checked at the service, kept with its client key, and read
by the engine as it was given (old rows: both sides, place not said)."""

from __future__ import annotations

import datetime as dt

import pytest

from cast import START
from hipcoach.tracking.history import history_of
from hipcoach.tracking.inputs import InputError, KeyReused
from hipcoach.tracking.models import PainReport
from hipcoach.tracking.workouts import report_pain

DAY1 = START + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("where", "words"),
    [({"side": "middle"}, "unknown pain side 'middle'"), ({"place": "hips"}, "unknown pain place")],
)
def test_an_unknown_side_or_place_is_refused_and_nothing_is_written(alice, where, words) -> None:
    before = PainReport.objects.count()
    with pytest.raises(InputError, match=words):
        report_pain(alice, on=DAY1, when="rest", score=2, today=DAY1, **where)
    assert PainReport.objects.count() == before


def test_a_key_sent_again_with_another_side_is_refused(alice) -> None:
    report_pain(alice, on=DAY1, when="during", score=3, today=DAY1, key="k-side", side="left")
    with pytest.raises(KeyReused):
        report_pain(alice, on=DAY1, when="during", score=3, today=DAY1, key="k-side")


def test_the_engine_reads_the_side_and_place_given(alice) -> None:
    report_pain(alice, on=DAY1, when="during", score=4, today=DAY1, side="right", place="knee")
    mine = [p for p in history_of(alice).pain if p.date == DAY1]
    assert [(p.score, p.side, p.place) for p in mine] == [(4, "right", "knee")]
    assert all((p.side, p.place) == ("both", "unspecified") for p in history_of(alice).pain[:-1])
