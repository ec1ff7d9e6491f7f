"""The engine's inputs and outputs: plain, immutable data with no Django and no clock.

`plan(...)` (in `hipcoach.engine.planner`) takes these and returns a `DayPlan`. The persistence
layer and the scenario runner both build them; the JSON shape of `DayPlan` is a contract
(`../shared/design/product.md`): `hipcoach today --json`, `hipcoach simulate --json` and the
API's today endpoint all print it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from hipcoach.engine.words import ENGLISH, Said, Words, rendered
from hipcoach.engine.words import said as _
from hipcoach.vocabulary import (
    PICTURE_SIGNS,
    Flag,
    Goal,
    Kind,
    Method,
    PainArea,
    PainPlace,
    PainTiming,
    Position,
    Side,
    StopEnd,
    WorkoutStatus,
)

# The contract values and their words live in `hipcoach.vocabulary`; `Flag` is re-exported here
# because every plan carries flags.
__all__ = [
    "DONE_LIMITS",
    "DayPlan",
    "Decision",
    "ExerciseLog",
    "Flag",
    "GateCheck",
    "History",
    "Measurement",
    "PainReport",
    "PlannedExercise",
    "Profile",
    "RedFlagScreen",
    "WorkoutLog",
]


@dataclass(frozen=True, slots=True)
class Profile:
    goals: tuple[Goal, ...] = ()
    pain_areas: tuple[PainArea, ...] = ()
    age: int | None = None


@dataclass(frozen=True, slots=True)
class Measurement:
    """One test of one side: the trials and their mean (R1: the mean of three trials)."""

    date: dt.date
    side: Side  # left or right (`vocabulary.MEASURED_SIDES`)
    position: Position
    method: Method
    trials: tuple[float, ...]
    kind: Kind = Kind.ir

    @property
    def mean(self) -> float:
        return fmean(self.trials)


@dataclass(frozen=True, slots=True)
class PainReport:
    """NPRS 0–10 at one moment of a day: during the workout, the next morning, or at rest;
    on one side or both (the default: the whole person), and where (`unspecified` when the
    report does not say, read as the hip)."""

    date: dt.date
    when: PainTiming
    score: int
    side: Side = Side.both
    place: PainPlace = PainPlace.unspecified


DONE_LIMITS: dict[str, int] = {"sets": 20, "reps": 200, "hold_s": 600, "time_s": 3600}
"""The most of each dose field an `ExerciseLog` may report: beyond these it is a typo."""


@dataclass(frozen=True, slots=True)
class ExerciseLog:
    """One exercise and side of a workout, with the dose actually done.

    The one "exercise done" shape: the services store it, the web and the terminal players send
    it, and the API's and the scenario file's schemas are derived from it
    (`hipcoach.exercise_done`). A dose field is None when it was not counted.
    """

    exercise: str  # an exercise id (slug)
    side: Side
    status: WorkoutStatus
    sets: int | None = None
    reps: int | None = None
    hold_s: int | None = None
    time_s: int | None = None


@dataclass(frozen=True, slots=True)
class WorkoutLog:
    """A day's workout as done: its overall status and, when known, each exercise and side."""

    date: dt.date
    status: WorkoutStatus
    exercises: tuple[ExerciseLog, ...] = ()


@dataclass(frozen=True, slots=True)
class RedFlagScreen:
    """Red-flag answers on a day, or (`cleared`) a clinician's clearance after a red flag.

    `History.screens` is in the order things happened: a clearance ends the stop of every "yes"
    before it (R12); a "yes" after it, even the same day, stops again.
    """

    date: dt.date
    answers: tuple[tuple[str, bool], ...]  # (key, yes?) pairs; keys: `vocabulary.RedFlag` values
    cleared: bool = False

    @property
    def yes(self) -> tuple[str, ...]:
        """Every key answered yes."""
        return tuple(key for key, yes in self.answers if yes)

    @property
    def positives(self) -> tuple[str, ...]:
        """The red flags answered yes: each stops the program on its own (R12). The signs of
        `vocabulary.PICTURE_SIGNS` count only in a picture (`engine.safety.stopping_keys`)."""
        return tuple(key for key in self.yes if key not in PICTURE_SIGNS)


@dataclass(frozen=True, slots=True)
class History:
    """Everything recorded about one person, in any order (the engine sorts what it needs)."""

    measurements: tuple[Measurement, ...] = ()
    pain: tuple[PainReport, ...] = ()
    workouts: tuple[WorkoutLog, ...] = ()
    screens: tuple[RedFlagScreen, ...] = ()
    running_days: frozenset[dt.date] = field(default_factory=frozenset)
    outcomes: tuple[tuple[dt.date, str, float], ...] = ()  # (date, "psfs", score) etc.


class Decision:
    """One decision of the day: which rule, why in plain English, and the evidence behind it.

    `said` keeps the reason as made (`engine.words.Said`), so each reader sees it in their own
    language (`in_words`); `reason` is its English, the contract's. The planner decides
    thousands of times a year and most reasons are never shown, so a reason kept as made is put
    into words only when `reason` is first read (then kept), and one made `later` is not even
    made before `said` or `reason` is read. Two decisions are equal when their rule, reason and
    evidence are. Read-only.
    """

    __slots__ = ("_english", "_make", "_reason", "_said", "evidence", "rule")

    def __init__(
        self, rule: str, reason: str | None, evidence: str, said: Said | None = None
    ) -> None:
        """`reason`: the English, or None to put `said` into English words when read."""
        if reason is None and said is None:
            raise ValueError(f"a decision under {rule} needs a reason")
        self.rule = rule  # an engine rule's id (R1, R2, ...) or a program rule such as "gate"
        self.evidence = evidence
        self._said = said  # the words as made: `in_words`
        self._make: Callable[[], Said] | None = None  # what makes `said`, until it is read
        self._reason = reason
        # whether `reason` is `said` in English, made when first read (else it was given)
        self._english = reason is None

    @classmethod
    def of(cls, rule: str, said: Said | str, evidence: str) -> Decision:
        """A decision whose reason is `said` (its English is the `reason`, made when read)."""
        if isinstance(said, Said):
            return cls(rule, None, evidence, said)
        return cls(rule, said, evidence)

    @classmethod
    def later(cls, rule: str, make: Callable[[], Said], evidence: str) -> Decision:
        """A decision whose reason `make` makes when it is first read (`make` reads only values
        that do not change: a test, the day's numbers)."""
        made = cls(rule, "", evidence)
        made._reason = None
        made._make = make
        made._english = True
        return made

    @property
    def said(self) -> Said | None:
        """The reason as made (None: a plain string, the same in every language)."""
        said = self._said
        if said is None and self._make is not None:
            said = self._said = self._make()
            self._make = None
        return said

    @property
    def reason(self) -> str:
        reason = self._reason
        if reason is None:
            said = self.said
            assert said is not None  # (as made: `__init__`, `later`)
            reason = self._reason = said.render(ENGLISH)
        return reason

    def in_words(self, words: Words) -> Decision:
        """This decision with its reason in `words` (as it is when it was not kept as `Said`),
        put into them now: a reader's words may read the language active when called."""
        said = self.said
        if said is None or words is ENGLISH and self._english:
            return self
        return Decision(self.rule, said.render(words), self.evidence, said)

    def tagged(self) -> tuple[str, str | None, str, Said | None]:
        """The constructor's arguments that make this decision again (`engine.tagged`): the
        reason only when it is not `said` in English."""
        return (
            self.rule,
            None if self._english else self.reason,
            self.evidence,
            self.said,
        )

    def _key(self) -> tuple[str, str, str]:
        return (self.rule, self.reason, self.evidence)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Decision):
            return NotImplemented
        if self.rule != other.rule or self.evidence != other.evidence:
            return False
        if self._english and other._english and self._said is other._said is not None:
            return True  # the same words as made, both in English
        return self.reason == other.reason

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Decision(rule={self.rule!r}, reason={self.reason!r}, "
            f"evidence={self.evidence!r}, said={self.said!r})"
        )

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "reason": self.reason, "evidence": self.evidence}


@dataclass(frozen=True, slots=True)
class PlannedExercise:
    """An exercise of today's workout with its dose for one side (or `both`)."""

    id: str
    name: str
    side: Side
    sets: int
    reps: int | None = None
    hold_s: int | None = None
    time_s: int | None = None
    rest_s: int = 0
    load: str | None = None
    replaces: str | None = None  # the programmed exercise this one stands in for, if swapped
    tempo_s: int | None = None  # seconds one rep takes to move through (None: the default)
    after_run: bool = False  # on a run day: done after the run, not before it (R8)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "side": self.side,
            "sets": self.sets,
            "reps": self.reps,
            "hold_s": self.hold_s,
            "time_s": self.time_s,
            "rest_s": self.rest_s,
            "load": self.load,
            "replaces": self.replaces,
            "tempo_s": self.tempo_s,
            "after_run": self.after_run,
        }


class GateCheck:
    """One line of the checklist to leave the current phase: its name, whether it is met, the
    value, the target and the reading (the value against the target, in words: "23° of 30°").

    The words are kept as made (plain strings, or `engine.words.Said` and its kin) and put into
    words only when read: English by default (`name`, `target`, `reading`, the contract's), the
    reader's through `in_words`. The planner makes every day's checklist and most are never
    shown, so none is put into words before it is read. Read-only."""

    __slots__ = ("_made", "_shown", "_words", "met", "value")

    def __init__(
        self,
        name: object,
        met: bool,
        value: float | None = None,
        target: object = None,
        reading: object = None,
        words: Words = ENGLISH,
    ) -> None:
        self._made = (name, target, reading)
        self.met = met
        self.value = value
        self._words = words
        self._shown: tuple[str, str | None, str | None] | None = None

    @classmethod
    def of(
        cls,
        name: object,
        met: bool,
        value: float | None = None,
        target: object = None,
        reading: object = None,
    ) -> GateCheck:
        """A line made of words kept as made (the same as the constructor)."""
        return cls(name, met, value, target, reading)

    def _texts(self) -> tuple[str, str | None, str | None]:
        if self._shown is None:
            name, target, reading = self._made
            words = self._words
            self._shown = (
                rendered(name, words),
                rendered(target, words) if target is not None else None,
                rendered(reading, words) if reading is not None else None,
            )
        return self._shown

    @property
    def name(self) -> str:
        return self._texts()[0]

    @property
    def target(self) -> str | None:
        return self._texts()[1]

    @property
    def reading(self) -> str | None:
        return self._texts()[2]

    @property
    def said(self) -> tuple[object, object, object] | None:
        """The name, target and reading as made, when any is more than a plain string (None:
        all plain, shown as they are in every language)."""
        made = self._made
        return None if all(p is None or isinstance(p, str) for p in made) else made

    def in_words(self, words: Words) -> GateCheck:
        """This line with its name, target and reading in `words`."""
        return GateCheck(*self._made[:1], self.met, self.value, *self._made[1:], words=words)

    def _key(self) -> tuple[object, ...]:
        return (self.name, self.met, self.value, self.target, self.reading)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GateCheck) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        name, met, value, target, reading = self._key()
        return f"GateCheck({name!r}, {met!r}, {value!r}, {target!r}, {reading!r})"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "met": self.met,
            "value": self.value,
            "target": self.target,
            "reading": self.reading,
        }


@dataclass(frozen=True, slots=True)
class LessonLine:
    """The day's short lesson, as a plan names it: the lessons of the phase take turns."""

    id: str
    title: str
    summary: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "summary": self.summary}


# Why a plan asks for a check (its `reassess` flag), by the rule that asked, most urgent first:
# the words the web's today page and `hipcoach today` show.
CHECK_REASONS: tuple[tuple[str, Said], ...] = (
    ("R15", _("before the first workout")),
    ("R18", _("after strong pain")),
    ("R14", _("back after a break")),
    ("end", _("the end of the program")),
    ("R7", _("the weekly check")),
    ("R2", _("a reading to confirm")),
)


# What may end a hold that a rule puts on the day, by the rule's id: an older adult's adapted
# program (R16) and severe pain that keeps coming back (R19) end with a clinician's review,
# recorded as a clearance; severe pain (R18) with the safety questions answered again. A stop for a red flag (R12, R17) or a young person's
# stop (R15) ends with a clinician's clearance; R15 before any test also with a test of both
# hips. A referral for pain that stays high or keeps rising (R13) ends when the pain comes
# down: nothing recorded ends it.
# The rules a pain report sets off: the pain zones and levels (R9), a referral for pain that
# stays high or keeps rising (R13), the safety questions after severe pain (R18), and severe
# pain that comes back (R19).
PAIN_RULES = frozenset({"R9", "R13", "R18", "R19"})

HOLDS_ENDED_BY: dict[str, tuple[StopEnd, ...]] = {
    "R16": (StopEnd.clearance,),
    "R18": (StopEnd.screen,),
    "R19": (StopEnd.clearance,),
}


@dataclass(frozen=True, slots=True)
class DayPlan:
    """What to do on one day, and why. Its `to_json()` is the contract in product.md."""

    day: int  # days since the enrollment start (day 0)
    date: dt.date
    program: str
    phase: str
    workout: str | None  # the workout template id, None when stopped
    stop: bool
    flags: tuple[str, ...]
    minutes: float
    exercises: tuple[PlannedExercise, ...]
    decisions: tuple[Decision, ...]
    gate: tuple[GateCheck, ...] = ()
    pre_run: bool = False
    lesson: LessonLine | None = None  # none on a day without a workout
    # the clinic that records the person's clearance (they share with it, with the "adjust"
    # scope); None: the person records a clinician's clearance themselves
    clearance_by: str | None = None

    def in_words(self, words: Words) -> DayPlan:
        """This plan with its reasons and gate checks in `words` (the reader's language): the
        plan is made once, in English, and each reader sees it in their own."""
        return dataclasses.replace(
            self,
            decisions=tuple(d.in_words(words) for d in self.decisions),
            gate=tuple(g.in_words(words) for g in self.gate),
        )

    @property
    def day_number(self) -> int:
        """The day as the person counts it: the program's first day is day 1 (`day`, the
        contract's, counts from 0)."""
        return self.day + 1

    @property
    def check_reason(self) -> str | None:
        """Why the plan asks for a check (measure both hips, answer the safety questions), in
        words for the person; None when it does not (no `reassess` flag)."""
        return self.check_reason_in(ENGLISH)

    def check_reason_in(self, words: Words) -> str | None:
        """`check_reason` in `words` (the reader's language)."""
        if Flag.reassess not in self.flags:
            return None
        rules = {decision.rule for decision in self.decisions}
        found = next(
            (said for rule, said in CHECK_REASONS if rule in rules), _("the plan asks for it")
        )
        return found.render(words)

    @property
    def pain_decisions(self) -> tuple[Decision, ...]:
        """The day's decisions that pain reports make (R9's zones and levels, R13's referral,
        R18's safety questions, R19's repeated severe pain): what a pain score answers, in the
        same words as the day's plan."""
        return tuple(d for d in self.decisions if d.rule in PAIN_RULES)

    @property
    def test_due(self) -> bool:
        """Whether the plan asks for a test of both hips today: a check (`reassess`), or the
        first test after "measure later" (R7), so every page can link to the test."""
        return Flag.reassess in self.flags or any(d.rule == "R7" for d in self.decisions)

    @property
    def ended_by(self) -> tuple[StopEnd, ...]:
        """What may end the day's stop or hold (a clearance, a test, the safety questions), in
        `StopEnd` order; empty when nothing recorded can (no stop, or a referral for pain that
        has to come down). Every front end offers exactly these."""
        found: set[StopEnd] = set()
        if self.stop and Flag.red_flag in self.flags:  # R12, R15, R17: a clinician first
            found.add(StopEnd.clearance)
        rules = {decision.rule for decision in self.decisions}
        if self.stop and Flag.reassess in self.flags and "R15" in rules:
            found |= {StopEnd.test, StopEnd.clearance}  # R15 before any test
        for rule in rules:
            found.update(HOLDS_ENDED_BY.get(rule, ()))
        if self.clearance_by and StopEnd.clearance in found:  # their clinician records it
            found = (found - {StopEnd.clearance}) | {StopEnd.clinician}
        return tuple(end for end in StopEnd if end in found)

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day,
            "date": self.date.isoformat(),
            "program": self.program,
            "phase": self.phase,
            "workout": self.workout,
            "stop": self.stop,
            "flags": list(self.flags),
            "minutes": self.minutes,
            "pre_run": self.pre_run,
            "exercises": [e.to_json() for e in self.exercises],
            "decisions": [d.to_json() for d in self.decisions],
            "gate": [g.to_json() for g in self.gate],
            "lesson": self.lesson.to_json() if self.lesson is not None else None,
            "ended_by": [end.value for end in self.ended_by],
            "clearance_by": self.clearance_by,
        }
