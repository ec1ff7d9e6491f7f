"""The whole person, not only the hip (R15, R16, R18): age, pain areas, range and severe pain.

The data (age bands, the pain areas of each picture, the tags left out, the thresholds) lives in
`hipcoach.engine.constants`; this module reads it day by day:

    R15  under 18, with hip, groin, buttock, thigh or knee pain, and a limited or one-sided loss
         of internal rotation on a test: stop, same-day referral, worded for a parent
         (Peck 2017). A clinician's recorded clearance ends the stop. With no test yet
         ("measure later"), no workout until both hips are measured or a clearance is recorded.
    R16  an older adult with groin or front-of-hip pain and IR under the limited threshold:
         exercise goes on (it is a core treatment), without kneeling, deep hip bending, impact
         or running until a clinician's review is recorded (Altman 1991; NICE NG226).
    R18  pain of 8/10 or more during a workout or on waking: no loading until the safety
         questions have been answered again (R9 then holds and regresses as for any red day).
    R19  such severe pain on two or more days within two weeks: refer, whatever the screen
         answers, and hold progression until a clinician's clearance is recorded.

R17 (a stressed femoral neck in a runner) is read from the safety screen: `engine.safety`.
The app never diagnoses: the words say what the signs can mean, whom to see and how soon.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable

from hipcoach.engine.constants import (
    AGE_BANDS,
    GROWTH_PLATE_AREAS,
    LIMITED_IR_DEG,
    OSTEOARTHRITIS_AREAS,
    OSTEOARTHRITIS_EXCLUDED,
    SEVERE_PAIN,
    SEVERE_PAIN_TIMINGS,
    SEVERE_REPEAT_DAYS,
    SEVERE_REPEAT_WINDOW_DAYS,
    YOUNG_IR_GAP_DEG,
    AgeBand,
)
from hipcoach.engine.measurement import Test, degrees, sides_said
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision, History, Profile
from hipcoach.engine.words import Listed, Said, TermWords
from hipcoach.engine.words import said as _
from hipcoach.vocabulary import PainArea, PainTiming, Position, values


def _area(area: str) -> TermWords | str:
    return TermWords(PainArea(area)) if area in values(PainArea) else area


def _position(position: str) -> Position | str:
    return Position(position) if position in values(Position) else position


def age_band(age: int | None) -> AgeBand | None:
    """The band `age` falls in, or None when the age is not known."""
    if age is None:
        return None
    for band in AGE_BANDS:
        if age >= band.min_age and (band.max_age is None or age <= band.max_age):
            return band
    return None


def _areas_words(areas: Iterable[str]) -> Listed:
    return Listed(tuple(_area(a) for a in sorted(areas)))


def _test_words(test: Test) -> Said:
    sides = sides_said(test)
    return _(
        "{sides}, {position}, on {date}",
        sides=sides,
        position=_position(test.position),
        date=test.date.isoformat(),
    )


class PersonWatch:
    """What the person-level rules need from day to day: the latest IR test at each position,
    the R15 stop, and the severe-pain reports still waiting for the safety questions."""

    def __init__(self, profile: Profile, history: History) -> None:
        self.age = profile.age
        self.band = age_band(profile.age)
        areas = set(profile.pain_areas)
        self.young_areas = areas & GROWTH_PLATE_AREAS
        self.oa_areas = areas & OSTEOARTHRITIS_AREAS
        self.latest: dict[str, Test] = {}  # position → latest IR test there
        self.young_since: int | None = None  # the day the R15 stop began
        self.young_reason: Said | str = ""
        self.young_cleared = False
        self.oa_since: int | None = None  # the day the R16 picture began
        self.oa_test: Said | str = ""
        self.cleared_days = sorted(s.date.toordinal() for s in history.screens if s.cleared)
        self.screen_days = sorted({s.date.toordinal() for s in history.screens})
        severe: dict[int, tuple[int, str]] = {}
        # by date, whatever the history's order: of two equally severe reports acted on the
        # same day, the morning's (the later) is named
        candidates = [r for r in history.pain if r.score >= SEVERE_PAIN]  # few: sort only them
        for report in sorted(candidates, key=lambda r: r.date):
            if report.when in SEVERE_PAIN_TIMINGS and report.score >= SEVERE_PAIN:
                # a morning report is known when the day is planned; a report during the
                # workout is acted on by the next day's plan
                day = report.date.toordinal() + (report.when == PainTiming.during)
                if report.score >= severe.get(day, (-1, ""))[0]:
                    severe[day] = (report.score, report.when)
        self.severe_days = sorted(severe)
        self.severe = severe
        # R19: the report day of each severe report, by the day the plan acts on it
        self.severe_reports = [
            (day, day - (when == PainTiming.during)) for day, (_, when) in sorted(severe.items())
        ]
        self.repeat_since: int | None = None  # the day the R19 referral began
        self.repeat_after = -1  # severe reports acted on after this day count (a clearance)
        self.repeat_seen: list[int] = []  # the report days R19 names

    # -- tests ---------------------------------------------------------------------------------
    def on_tests(self, tests: list[Test]) -> None:
        for test in tests:
            if test.kind == "ir":
                self.latest[test.position] = test

    def _limited(self) -> Test | None:
        """The latest test at a position with a side under the limited-IR threshold."""
        for _position_key, test in sorted(self.latest.items()):
            if test.lower is not None and test.lower < LIMITED_IR_DEG:
                return test
        return None

    def _uneven(self) -> Test | None:
        """The latest test at a position with one side far below the other."""
        for _position_key, test in sorted(self.latest.items()):
            if test.difference is not None and test.difference >= YOUNG_IR_GAP_DEG:
                return test
        return None

    # -- R15 -----------------------------------------------------------------------------------
    def young_stop(self, d: int) -> list[Decision]:
        """R15's stop decisions on day `d` while the stop is in force, else []."""
        if self.band is None or self.band.rule != "R15" or not self.young_areas:
            return []
        if self.young_cleared:
            return []
        if self.young_since is None:
            limited, uneven = self._limited(), self._uneven()
            found = limited or uneven
            if found is None:
                return []
            self.young_since = d
            self.young_reason = (
                _(
                    "a hip turning inward less than {threshold} ({test})",
                    threshold=degrees(LIMITED_IR_DEG),
                    test=_test_words(found),
                )
                if limited is not None
                else _(
                    "a hip turning inward at least {threshold} less on one side ({test})",
                    threshold=degrees(YOUNG_IR_GAP_DEG),
                    test=_test_words(found),
                )
            )
        if self._cleared_since(self.young_since, d):
            self.young_cleared = True  # a clinician has seen them: the stop ends for good
            return []
        return [
            decide(
                "R15",
                _(
                    "Stop the program and have a doctor see this young person today. At {age}, "
                    "pain in {areas} with {reason} can be a sign "
                    "that the growth plate at the top of the thigh bone has slipped (a slipped capital "
                    "femoral epiphysis). It is often missed, and being seen early matters. If you are "
                    "the parent or carer: take them to a doctor or an urgent-care service today and "
                    "tell them the hip turns in less. Until then: no sport, running, jumping or "
                    "exercise standing on that leg; if walking hurts or they limp, keep weight off it. "
                    "The workouts stay stopped until a clinician has seen them and you record that "
                    "they cleared them to exercise.",
                    age=self.age,
                    areas=_areas_words(self.young_areas),
                    reason=self.young_reason,
                ),
            )
        ]

    def young_untested(self, d: int) -> Decision | None:
        """R15 before any test: a young person with pain where a slipped growth plate is felt
        and no internal-rotation test yet ("measure later") gets no workout until both hips are
        measured or a clinician's clearance is recorded; a test then decides as above."""
        if self.band is None or self.band.rule != "R15" or not self.young_areas:
            return None
        if self.latest or (self.cleared_days and self.cleared_days[0] <= d):
            return None
        return decide(
            "R15",
            _(
                "Before the first workout, measure both hips. At {age}, pain in "
                "{areas} with a hip that turns inward less than the other "
                "can be a sign that the growth plate at the top of the thigh bone has slipped, which "
                "needs a doctor the same day; measuring how far each hip turns in is the check that "
                "can be done at home. The workouts wait for that test. If measuring hurts, they limp, "
                "or the foot turns out when they walk, do not wait for the test: see a doctor today. "
                "If a doctor has already checked the hip, record their clearance instead.",
                age=self.age,
                areas=_areas_words(self.young_areas),
            ),
        )

    # -- R16 -----------------------------------------------------------------------------------
    def adaptations(self, d: int) -> tuple[tuple[tuple[str, str], ...], list[Decision]]:
        """R16 on day `d`: ((tag, rule) left out, the decision) until a clinician's review.

        The picture begins with a test showing the limit; it ends only with a clinician's
        recorded review on or after that day ("until reviewed", NICE NG226), not with a later
        test: a few degrees more can be measurement error (R2), and groin pain past 50 with
        pain on turning in is the same picture at 15° or more (Altman 1991).
        """
        if self.band is None or self.band.rule != "R16" or not self.oa_areas:
            return (), []
        if self.oa_since is None:
            limited = self._limited()
            if limited is None:
                return (), []
            self.oa_since, self.oa_test = d, _test_words(limited)
        if self.oa_reviewed(d):
            return (), []
        reason = _(
            "At {age}, pain in {areas} with a hip turning inward "
            "less than {threshold} ({test}) is the picture clinicians check "
            "for wear of the hip joint (osteoarthritis). Exercise is one of the best treatments "
            "for that, so keep going: the program goes on, without kneeling, deep hip bending, "
            "hopping or running, which load the joint at its limits, until a physiotherapist or "
            "doctor has looked at the hip. It is not urgent: book a routine appointment, show them "
            "this plan, and record their review to bring those exercises back.",
            age=self.age,
            areas=_areas_words(self.oa_areas),
            threshold=degrees(LIMITED_IR_DEG),
            test=self.oa_test,
        )
        return tuple((tag, "R16") for tag in OSTEOARTHRITIS_EXCLUDED), [decide("R16", reason)]

    def oa_reviewed(self, d: int) -> bool:
        """A clinician's review is recorded on or after the R16 picture began, by day `d`."""
        return self.oa_since is not None and self._cleared_since(self.oa_since, d)

    def _cleared_since(self, first: int, d: int) -> bool:
        """A clinician's clearance is recorded on a day in first..d."""
        i = bisect_left(self.cleared_days, first)
        return i < len(self.cleared_days) and self.cleared_days[i] <= d

    # -- R18 -----------------------------------------------------------------------------------
    def severe_unscreened(self, d: int) -> Decision | None:
        """R18 on day `d`: the latest severe report not yet followed by the safety questions."""
        i = bisect_left(self.severe_days, d + 1)
        if i == 0:
            return None
        due = self.severe_days[i - 1]  # the first day the plan must ask
        j = bisect_left(self.screen_days, due)
        if j < len(self.screen_days) and self.screen_days[j] <= d:
            return None
        score, when = self.severe[due]
        on = dt.date.fromordinal(due - (when == PainTiming.during)).isoformat()
        moment = (
            _("You reported pain of {score}/10 during a workout on {on}.", score=score, on=on)
            if when == PainTiming.during
            else _("You reported pain of {score}/10 on waking on {on}.", score=score, on=on)
        )
        return decide(
            "R18",
            _(
                "{reported} Pain that strong is beyond what "
                "exercise should cause, so before any more loading answer the safety questions again "
                "(night pain, a fall, fever, numbness and the others). If none applies, the program "
                "goes on at an easier level and holds there; if the pain stays this strong, see a "
                "doctor or physiotherapist.",
                reported=moment,
            ),
        )

    # -- R19 -----------------------------------------------------------------------------------
    def repeated_severe(self, d: int) -> Decision | None:
        """R19 on day `d`: severe pain on `SEVERE_REPEAT_DAYS` days within the window refers and
        holds progression, whatever the screen answers, until a clinician's clearance on or
        after the day it began. Severe reports before a clearance do not count again."""
        if self.repeat_since is not None and self._cleared_since(self.repeat_since, d):
            i = bisect_left(self.cleared_days, self.repeat_since)
            self.repeat_after = self.cleared_days[i]
            self.repeat_since, self.repeat_seen = None, []
        reports = [
            report
            for acting, report in self.severe_reports
            if acting <= d and report > self.repeat_after
        ]
        if self.repeat_since is None:
            if not reports or d not in self.severe:
                return None
            latest = reports[-1]
            recent = [r for r in reports if r > latest - SEVERE_REPEAT_WINDOW_DAYS]
            if len(recent) < SEVERE_REPEAT_DAYS:
                return None
            if self._cleared_since(d, d):  # seen by a clinician the very day it began
                self.repeat_after = d
                return None
            self.repeat_since = d
            self.repeat_seen = recent
        elif d in self.severe and reports and reports[-1] not in self.repeat_seen:
            self.repeat_seen.append(reports[-1])
        seen = self.repeat_seen
        dates = Listed(tuple(dt.date.fromordinal(r).isoformat() for r in seen), last=False)
        return decide(
            "R19",
            _(
                "Pain of {severe}/10 or more has come back: on {count} days ({dates}), "
                "within {span} days. Strong pain that keeps returning is beyond "
                "what exercise should cause, even when every safety question is answered no, and "
                "needs a clinician to look at it: see a physiotherapist or doctor in the next few "
                "days and show them these reports. Until a clinician has seen you and you record "
                "that they cleared you, nothing moves on (no dose increase, no next phase); keep to "
                "the easier days the plan gives and stop any exercise that brings the pain on. If the "
                "pain is there at night or all the time, or you cannot put weight on the leg, see a "
                "doctor today.",
                severe=SEVERE_PAIN,
                count=len(seen),
                dates=dates,
                span=seen[-1] - seen[0] + 1,
            ),
        )


def test_comes_first(profile: Profile) -> bool:
    """Whether this person's first workout waits for a test of both hips (R15, Peck 2017):
    under 18 with pain where a slipped growth plate is felt. For them "measure later" means
    no workout until the test (or a clinician's clearance), and set-up must say so."""
    band = age_band(profile.age)
    return (
        band is not None
        and band.rule == "R15"
        and bool(set(profile.pain_areas) & GROWTH_PLATE_AREAS)
    )
