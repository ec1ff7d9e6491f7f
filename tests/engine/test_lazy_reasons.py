"""A reason is put into words only when it is read: `Decision.of` keeps its `Said` and renders
the English on the first read of `reason`; `Decision.later` does not even make the `Said`
before then. Neither changes what a decision is: equal by rule, English reason and evidence,
kept whole by a checkpoint, in each reader's words when shown."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from enginekit import Diary, simulate
from test_reason_words import MARKED

from hipcoach.engine import measurement as maths
from hipcoach.engine.checkpoint import FORMAT
from hipcoach.engine.rules import decide, decide_later
from hipcoach.engine.tagged import decode, encode
from hipcoach.engine.trend import Series
from hipcoach.engine.types import Decision
from hipcoach.engine.words import Said, said


class Counted:
    """A value that counts how often it is put into a text."""

    def __init__(self) -> None:
        self.shown = 0

    def __format__(self, spec: str) -> str:
        self.shown += 1
        return "seven"


def test_a_reason_is_rendered_on_its_first_read_and_kept() -> None:
    value = Counted()
    decision = decide("R9", said("pain is {value}", value=value))
    assert value.shown == 0
    assert decision.reason == "pain is seven"
    assert decision.reason == "pain is seven"
    assert value.shown == 1


def test_a_decision_is_equal_by_rule_english_reason_and_evidence() -> None:
    made = Decision.of("R9", said("pain is {n}", n=3), "Smith 2009")
    plain = Decision("R9", "pain is 3", "Smith 2009")
    assert made == plain and hash(made) == hash(plain)
    assert made != Decision("R9", "pain is 4", "Smith 2009")
    assert made != Decision("R13", "pain is 3", "Smith 2009")
    assert made != Decision("R9", "pain is 3", "Silbernagel 2007")
    assert made.said is not None and plain.said is None
    with pytest.raises(ValueError):
        Decision("R9", None, "Smith 2009")


def test_a_later_reason_is_made_only_when_read() -> None:
    made: list[Said] = []

    def make() -> Said:
        made.append(said("{n} trials", n=3))
        return made[-1]

    later = decide_later("R1", make)
    assert made == []
    assert later.rule == "R1" and later.evidence == decide("R1", "x").evidence
    assert later.reason == "3 trials"
    assert later.said is made[0] and len(made) == 1  # made once, then kept
    assert later == decide("R1", said("{n} trials", n=3))


def test_a_later_reason_is_in_the_readers_words_when_shown() -> None:
    later = decide_later("R1", lambda: said("{n} trials", n=3))
    assert later.in_words(MARKED).reason == "<3 trials>"
    assert later.reason == "3 trials"  # the English is untouched by another reader


def test_a_checkpoint_keeps_the_words_as_made_and_not_their_english() -> None:
    later = decide_later("R1", lambda: said("{n} trials", n=3))
    data = encode(later)
    assert data["v"][1] is None  # the English is made again from the Said when read
    back = decode(json.loads(json.dumps(data)))
    assert back == later and back.said == later.said
    shown = later.in_words(MARKED)  # a reason in another reader's words keeps those words
    assert decode(encode(shown)).reason == "<3 trials>"
    plain = Decision("R9", "pain is 3", "Smith 2009")
    assert decode(encode(plain)) == plain and decode(encode(plain)).said is None
    assert FORMAT == 5  # the form of a decision changed with these: stored ones are rebuilt


def test_an_assessment_says_anything_exactly_when_it_has_words() -> None:
    day = dt.date(2026, 1, 5)
    series = Series()
    values = [(20, 30), (21, 30), (45, 30), (44, 31), (30, 30), (29, 29), (20, 30)]
    for n, (left, right) in enumerate(values):
        test = maths.Test(day + dt.timedelta(days=7 * n), "ir", "prone", "phone", left, right, 3)
        assessment = series.assess(test)
        assert assessment.says_anything == (assessment.words() is not None), n
        if assessment.says_anything:
            assert assessment.said() == assessment.words()


def test_a_test_days_reasons_read_the_same_made_later() -> None:
    diary = Diary().works_out_daily(0, 30).hurts_daily(0, 30, 2)
    diary.measure(0, 20, 36).measure(7, 21, 36).measure(13, 40, 40).measure(15, 39, 40)
    plans = simulate(diary, 16)
    reasons = [d.reason for p in plans for d in p.decisions if d.rule in ("R1", "R2")]
    assert any(r.startswith("Test of internal rotation ") for r in reasons)
    assert any("Your re-test agrees" in r for r in reasons)
    for plan in plans:  # each one whole through a checkpoint's codec, in English and marked
        for decision in plan.decisions:
            back = decode(json.loads(json.dumps(encode(decision))))
            assert back == decision
            assert back.in_words(MARKED).reason == decision.in_words(MARKED).reason
