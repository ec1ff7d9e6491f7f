"""Today's workout, decided by the rules: one pass over the days from the start to today.

Phase changes, regression levels, earned strength steps and lapses depend on the past, so a
day's plan is the last step of a single pass over every day since the enrollment start
(day 0). `plan_days` returns every step of that pass, so simulating a year is one O(days)
pass; `plan` returns the last one.

What a day's plan may use: red-flag answers, pain reports and tests dated up to and including
that day (a morning report or a test is known when the plan is made; a red "during" report
stops the day's loading); workout logs only of earlier days (the day's own workout has not
been done when it is planned).

This module is the day's loop: the order in which the rule families act, and the workout
built from what they decide. Each family keeps its own state in its own module:

    safety            R12  red flags stop the program until a clinician clears it; R17 the
                           same screen read with the person (a runner's stressed hip)
    person            R15  a young person's hip stops; R16 an older stiff hip adapts;
                      R18  severe pain asks the safety questions again before loading
    lapse             R14  a week off steps doses back; a long gap restarts the program
    pain_regression   R9   red days and flares step the plan down, calm days back up
    pain_sides        R9   pain on one side holds that side's load, not the other side's
    measure_watch     R1–R5 what the tests say over time
    review            R5 adherent weeks, R13 worsening or no improvement, R7 weekly check
    phases            gates and phases, and the program's end
    weekly_doses      the program's weekly dose changes, after a week of training done
    strength          R10  strength steps earned
    exclusions        R11 pain-area exclusions, R5 end-range work left out
    workout           the day's exercises, with doses, sides, swaps and the time budget

Everything here is pure: no clock (dates are arguments), no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from hipcoach.content.schema import Exercise, Lesson, Phase, Program
from hipcoach.engine.checkpoint import (
    Checkpoint,
    CheckpointError,
    dumps,
    loads,
    restore,
    state_of,
)
from hipcoach.engine.checks import CheckWatch, phase_checks
from hipcoach.engine.choices import PHASE_KINDS, Choice
from hipcoach.engine.collector import held_off
from hipcoach.engine.constants import END_NOTICE_DAYS, END_RANGE_SIDE_DAYS, PAINFUL_HIP_AREAS
from hipcoach.engine.exclusions import Exclusions
from hipcoach.engine.history_by_day import HistoryByDay
from hipcoach.engine.lapse import LapseWatch, gap_decision
from hipcoach.engine.measure_watch import MeasureWatch
from hipcoach.engine.measurement import Test, mdc, side_said
from hipcoach.engine.pain import Zone
from hipcoach.engine.pain_regression import PainRegression
from hipcoach.engine.pain_sides import SideDoses, side_pain_decision
from hipcoach.engine.person import PersonWatch
from hipcoach.engine.phases import (
    ClinicianPhase,
    Hold,
    PhasePosition,
    gate_context,
    outcome_retest_refused,
    program_end,
    program_end_flags,
)
from hipcoach.engine.resume import carried, merged, reads_from
from hipcoach.engine.review import Review, first_test_due, is_reassessment_day, reassessment
from hipcoach.engine.safety import clearance_decision, red_flag_decisions
from hipcoach.engine.strength import StrengthSteps
from hipcoach.engine.tagged import encode
from hipcoach.engine.types import (
    DayPlan,
    Decision,
    Flag,
    GateCheck,
    History,
    LessonLine,
    Profile,
)
from hipcoach.engine.weekly_doses import changed_today, dose_week, progress_week, step_back_week
from hipcoach.engine.words import Listed, Said
from hipcoach.engine.words import said as _
from hipcoach.engine.workout import BuiltWorkout, DoseTable, Modifiers, build_workout
from hipcoach.vocabulary import Method, Side

TESTS_LOOKBACK_DAYS = END_NOTICE_DAYS
"""How far before a checkpoint's day a resumed pass looks at tests (the program's end notice
asks whether an outcome re-test was recorded since the end day); older ones are in its state."""


def check_program(program: Program, exercises: Mapping[str, Exercise]) -> None:
    """Raise ValueError when the program names an exercise the library does not have."""
    missing = sorted(
        {
            block.exercise
            for phase in program.phases
            for workout in phase.workouts
            for block in workout.blocks
            if block.exercise not in exercises
        }
    )
    if missing:
        raise ValueError(
            f"program '{program.id}' uses exercises not in the library: {', '.join(missing)}"
        )


_FLAGS = tuple((flag, flag.value) for flag in Flag)  # a plan lists its flags in this order
_NO_CHOICE = ClinicianPhase()
_ZONE_CODES = {None: "-", Zone.green: "g", Zone.amber: "a", Zone.red: "r"}
_CODE_ZONES = {code: zone for zone, code in _ZONE_CODES.items()}

# Each rule family's attributes that are built from the inputs (the profile, the records, the
# content), not carried from day to day: a checkpoint leaves them out and resume rebuilds them.
# Every other attribute of a family is state and goes into the checkpoint.
_DERIVED: dict[str, frozenset[str]] = {
    "lapse": frozenset(),
    "regression": frozenset(),
    "watch": frozenset({"said", "setups_said"}),
    "review": frozenset({"said"}),
    "position": frozenset({"program", "dose_weeks"}),
    "strength": frozenset({"earned_key", "latest_change"}),
    "exclusions": frozenset({"pain_rules", "pain_tags", "pain_pairs"}),
    "checks": frozenset({"rules"}),
    "sides": frozenset(),
    "person": frozenset(
        {
            "age",
            "band",
            "young_areas",
            "oa_areas",
            "cleared_days",
            "screen_days",
            "severe_days",
            "severe",
            "severe_reports",
        }
    ),
}
# The planner's own attributes carried from day to day (the families are in `_DERIVED`); the
# rest are its inputs and a cache of built workouts.
_CARRIED = ("episode_start", "zones", "planned", "yesterday")
INPUTS = frozenset(
    {
        "program",
        "lessons",
        "profile",
        "history",
        "library",
        "days",
        "start_date",
        "start",
        "pre_run_days",
        "cache",
        "doses",
        "hip_areas",
        "phase_lessons",
        "names",
        "choices",
    }
)


class _Planner:
    """The pass over the days: the rule families' state, and what each day's plan records."""

    def __init__(
        self,
        program: Program,
        library: Mapping[str, Exercise],
        profile: Profile,
        days: HistoryByDay,
        start: dt.date,
        pre_run_days: Iterable[dt.date],
        person: PersonWatch,
        lessons: Mapping[str, Lesson],
        history: History | None = None,
        choices: tuple[Choice, ...] = (),
    ) -> None:
        self.program = program
        self.history = history  # what a checkpoint carries of the older records comes from it
        self.choices = choices  # a clinician's holds and advances (`engine.choices`)
        self.lessons = lessons
        self.profile = profile
        self.person = person
        self.library = library
        self.days = days
        self.start_date = start
        self.start = start.toordinal()
        self.pre_run_days = {d.toordinal() for d in pre_run_days} | days.running
        self.cache: dict[tuple[Any, ...], BuiltWorkout] = {}
        self.doses = DoseTable()  # the content's doses, looked up once for this pass
        # whether the pain areas named at the start include the hip's own (R3's end range)
        self.hip_areas = bool(set(profile.pain_areas) & PAINFUL_HIP_AREAS)
        self.phase_lessons: dict[str, list[LessonLine]] = {}  # each phase's lessons, by its id
        # what each day's plan recorded, indexed by day number
        self.zones: list[Zone | None] = []
        self.planned: list[bool] = []
        self.yesterday: BuiltWorkout | None = None  # the last day's workout, for the next
        # the rule families, each with its own state
        self.episode_start = self.start  # the start, or the return after a lapse
        self.lapse = LapseWatch(self.start)
        self.regression = PainRegression()
        self.watch = MeasureWatch()
        self.review = Review()
        self.position = PhasePosition(program, self.start)
        self.strength = StrengthSteps()
        self.exclusions = Exclusions(profile.pain_areas)
        self.checks = CheckWatch()
        self.sides = SideDoses()
        self.names = {e.id: e.name for e in library.values()}

    def _phase_choices(self, date: dt.date) -> ClinicianPhase:
        """The clinician's hold and advance in force on `date` for the phase the person is in
        (an advance made in another phase is spent: the person has moved on)."""
        if not self.choices:
            return _NO_CHOICE
        phase = self.position.phase.id
        hold = next((c for c in self.choices if c.kind == "hold" and c.applies(date)), None)
        advance = next(
            (
                c
                for c in self.choices
                if c.kind == "advance" and c.applies(date) and c.exercise == phase
            ),
            None,
        )
        return ClinicianPhase(hold, advance)

    def checkpoint(self) -> Checkpoint:
        """The state at the end of the last day planned, as a value to resume from."""
        n = len(self.zones) - 1
        if n < 0:
            raise CheckpointError("no day has been planned yet")
        state = {name: state_of(getattr(self, name), derived) for name, derived in _DERIVED.items()}
        state["planner"] = {
            "episode_start": self.episode_start,
            "zones": "".join(_ZONE_CODES[z] for z in self.zones),
            "planned": "".join("1" if p else "0" for p in self.planned),
            "yesterday": encode(self.yesterday),
        }
        first: int | None = None
        if self.history is not None:  # else the resumed pass reads every record
            position = self.position
            credit = position.credit_upto if position.credit_from == position.start else None
            day = self.start + n
            first = reads_from(day, position.start if credit is None else credit, self.program)
            older = carried(self.history, day, first, self.episode_start)
            state["carried"] = {"pain": encode(older.pain), "outcomes": encode(older.outcomes)}
        return Checkpoint(
            self.program.id,
            self.start_date,
            n,
            dumps(state),
            reads_from=dt.date.fromordinal(first) if first is not None else None,
        )

    def resume(self, checkpoint: Checkpoint, state: dict[str, Any] | None = None) -> None:
        """Take up the state of `checkpoint`, made by a planner of the same program and start
        (`state`: its state already read, else it is read here)."""
        if checkpoint.program != self.program.id or checkpoint.start != self.start_date:
            raise CheckpointError(
                f"the checkpoint is of {checkpoint.program} from {checkpoint.start}, not of "
                f"{self.program.id} from {self.start_date}"
            )
        state = dict(loads(checkpoint.state) if state is None else state)
        state.pop("carried", None)  # read by `plan_days_from`
        own = state.pop("planner")
        self.episode_start = int(own["episode_start"])
        self.zones = [_CODE_ZONES[c] for c in own["zones"]]
        self.planned = [c == "1" for c in own["planned"]]
        self.yesterday = own["yesterday"]
        if len(self.zones) != checkpoint.day + 1 or len(self.planned) != checkpoint.day + 1:
            raise CheckpointError("the checkpoint's days do not match its day number")
        for name in _DERIVED:
            restore(getattr(self, name), state[name])
        if self.checks.phase_index >= 0:
            self.checks.rules = phase_checks(self.program.phases[self.checks.phase_index])

    def day(self, n: int) -> DayPlan:
        d = self.start + n
        date = dt.date.fromordinal(d)
        tests = self.days.tests.get(d)
        if tests:
            self.person.on_tests(tests)
        red = self.days.red_flags_through(d)
        if red is not None:
            first, keys = red
            when = dt.date.fromordinal(first).isoformat()
            return self._stopped(n, d, date, red_flag_decisions(keys, when, self.profile))
        young = self.person.young_stop(d)
        if young:
            return self._stopped(n, d, date, young)
        untested = self.person.young_untested(d)
        if untested is not None:  # the stop is for a test, so the flags ask for one
            return self._stopped(n, d, date, [untested], flags=(Flag.reassess, Flag.refer))
        decisions: list[Decision] = []
        flags: set[Flag] = set()
        if d in self.days.cleared_days:
            decisions.append(clearance_decision(date))
            self.watch.clinician_cleared()
        since_end = n - self.program.weeks * 7
        if 0 <= since_end < END_NOTICE_DAYS:
            decisions.append(program_end(self.program, self.position.phase, since_end))
            since = [t for k in range(since_end + 1) for t in self.days.tests.get(d - k, ())]
            retested = any(self._outcome_test(t) for t in since)
            if not retested:  # the outcome re-test is asked for until one is recorded
                flags |= program_end_flags(self.program)
                guessed = [t for t in since if t.kind == "ir" and not self._outcome_test(t)]
                if guessed and program_end_flags(self.program):
                    decisions.append(outcome_retest_refused(guessed[-1], self.watch))
        if self.lapse.lapsed(d, self.program, flags, decisions):
            self._restart(d)
        else:
            self._gap(d, decisions)

        zone, reported = self.days.pain.zone_of(d)
        self.zones.append(zone)
        red_zone = reported and zone is Zone.red
        # R18, R19 and the morning rise are read first: any of them holds the whole person,
        # which R9 by side must know before it words the day (their words come after R9's)
        severe = self.person.severe_unscreened(d)
        repeat = self.person.repeated_severe(d)
        # (rule, why, until) when a rule besides R9's zones and levels holds progress
        hold: Hold | None = None
        if repeat is not None:
            hold = (
                "R19",
                _("severe pain has come back and no clinician has cleared you yet"),
                _("a clinician's clearance is recorded"),
            )
        elif severe is not None:
            hold = (
                "R18",
                _("the safety questions have not been answered since the severe pain"),
                _("they are answered again"),
            )
        else:
            hold = self.regression.morning_rise(d, self.days.pain)
        # R9 by side: pain that is not green on one side only holds that side, not the other
        # (while no regression, red day or other hold is in force: those are the whole person's)
        painful = self.days.pain.painful_sides(d)
        alone = len(painful) == 1 and not red_zone and self.regression.level == 0
        one_side = next(iter(painful)) if alone and hold is None else None
        self.regression.on_day(
            d, self.days.pain, zone, reported, flags, decisions, whole=one_side is None
        )
        if self.regression.level > 0:  # a flare today: the whole person steps down
            one_side = None
        if severe is not None:
            flags.add(Flag.reassess)
            decisions.append(severe)
        if repeat is not None:
            flags.add(Flag.refer)
            decisions.append(repeat)
        if one_side is not None:
            decisions.append(side_pain_decision(d, one_side, self.days.pain))
        # `held`: the whole person's progress waits; `side_held`: one side's load waits too
        held = (self.regression.holds(zone) and one_side is None) or hold is not None
        side_held = held or one_side is not None

        self.review.count_adherent_week(d, self.episode_start, self.days)
        if tests:
            decisions += self.watch.on_tests(d, tests, self.review.adherent_weeks)
        measure_flags, measure_decisions = self.watch.flags(d)
        flags |= measure_flags
        decisions += measure_decisions
        self.review.review(d, self.episode_start, self.days, flags, decisions)
        if is_reassessment_day(n):
            flags.add(Flag.reassess)
            decisions.append(reassessment(n, self.watch))
        elif (first_test := first_test_due(n, self.watch)) is not None:
            decisions.append(first_test)  # no test yet ("measure later"): ask for one this week

        phase_credit = self.position.credit_before(d, self.days)  # a running count: every day
        yesterday = self.yesterday
        check_tags, checks_waiting = self.checks.on_day(
            d,
            self.position.index,
            self.position.phase,
            yesterday.exercises if yesterday is not None else (),
            self.days,
            self.names,
            flags,
            decisions,
        )
        gate_hold = hold
        if one_side is not None:
            gate_hold = (
                "R9",
                _("pain on the {side} side is not green", side=side_said(one_side)),
                _("it is green again"),
            )
        checks: tuple[GateCheck, ...] = ()
        if self.position.gated:  # else no checklist to read: the context is not made
            context = gate_context(
                n,
                zone,
                d - self.position.start,
                zones=self.zones,
                planned=self.planned,
                days=self.days,
                start=self.start,
                watch=self.watch,
                phase_credit=phase_credit,
                checks=self.checks.gate_lines(d),
            )
            clinician = self._phase_choices(date)
            if red_zone or severe is not None or repeat is not None or Flag.refer in flags:
                clinician = ClinicianPhase(clinician.hold, clinician.advance, stopped=True)
            checks = self.position.gate(
                d, zone, side_held, context, decisions, hold=gate_hold, clinician=clinician
            )
        stepping = self.strength.stepping(d)
        due = self.strength.due
        week_before = dose_week(self.position)
        week_now = week_before
        if progress_week(
            self.position, self.library, d, held, decisions, stepping=stepping, due=due, hold=hold
        ):
            self.strength.changed(changed_today(self.position), d)
            week_now = dose_week(self.position)  # a week with dose changes began today
        side_weeks = self.sides.on_day(
            d,
            one_side,
            week_before,
            week_now,
            self.position.index,
            self.position.phase,
            decisions,
        )
        if n > 0:
            self.strength.on_day(
                d,
                self.days.workouts.get(d - 1),
                yesterday,
                self.zones[n - 1],
                side_held,
                self.library,
                decisions,
            )
        adapted, adapt_decisions = self.person.adaptations(d)
        decisions += adapt_decisions
        excluded, excluded_by = self.exclusions.today(
            n,
            d - self.episode_start,
            self.zones,
            self.watch,
            decisions,
            also=adapted + tuple(check_tags) + self._knee(d),
        )
        if self.lapse.impact_waits and "impact" not in excluded:
            excluded |= {"impact"}
            excluded_by += (("impact", "R14"),)

        phase = self.position.phase
        template_id = phase.schedule[(d - self.position.start) % len(phase.schedule)]
        pre_run = d in self.pre_run_days
        if red_zone or severe is not None:
            built = None
        else:
            built = self._build(
                phase,
                template_id,
                excluded,
                excluded_by,
                pre_run,
                held,
                checks_waiting,
                painful_side=one_side,
                side_weeks=side_weeks,
                pain_elsewhere=self._pain_elsewhere(d),
            )
            decisions += built.decisions
        self.yesterday = built
        self.planned.append(built is not None and bool(built.exercises))
        credit = self.days.credit(d)
        self.lapse.on_credit(d, credit)
        self.position.on_credit(credit)
        # by position, in the fields' order: a dataclass takes keywords at twice the cost, and
        # a year makes 365 of these
        return DayPlan(
            n,  # day
            date,
            self.program.id,
            phase.id,
            template_id if built is not None else None,  # workout
            built is None,  # stop
            tuple([value for flag, value in _FLAGS if flag in flags]) if flags else (),
            built.minutes if built is not None else 0.0,
            built.exercises if built is not None else (),
            tuple(decisions),
            checks,  # gate
            pre_run,
            self._lesson(n, phase) if built is not None and built.exercises else None,
        )

    def _outcome_test(self, test: Test) -> bool:
        """An IR test counts as the program's outcome re-test when it is measured, not guessed
        (`estimate`), and as precise as the first test at its position (R1, R2)."""
        if test.kind != "ir" or test.method == Method.estimate:
            return False
        first = self.watch.range_method(test.position)
        return first is None or mdc(test.method) <= mdc(first)

    def _lesson(self, n: int, phase: Phase) -> LessonLine | None:
        """Day `n`'s lesson: the phase's lessons (`learn`) take turns, one a day."""
        known = self.phase_lessons.get(phase.id)
        if known is None:
            known = [
                LessonLine(lesson.id, lesson.title, lesson.summary)
                for lesson in (self.lessons[i] for i in phase.learn if i in self.lessons)
            ]
            self.phase_lessons[phase.id] = known
        if not known:
            return None
        return known[n % len(known)]

    def _stopped(
        self,
        n: int,
        d: int,
        date: dt.date,
        decisions: list[Decision],
        flags: tuple[Flag, ...] = (Flag.red_flag, Flag.refer),
    ) -> DayPlan:
        """R12, R15, R17: a stop stands until a clinician clears it, so the day has no workout,
        only the advice. A test taken meanwhile still counts once the program goes on."""
        tests = self.days.tests.get(d)
        if tests:
            self.watch.on_tests(d, tests, self.review.adherent_weeks)
        self.zones.append(None)
        self.planned.append(False)
        self.yesterday = None
        return DayPlan(
            day=n,
            date=date,
            program=self.program.id,
            phase=self.position.phase.id,
            workout=None,
            stop=True,
            flags=tuple(f.value for f in flags),
            minutes=0.0,
            exercises=(),
            decisions=tuple(decisions),
            pre_run=False,
        )

    def _gap(self, d: int, decisions: list[Decision]) -> None:
        """R14 short of a lapse: each full week without training steps the doses back."""
        gap = self.lapse.gap_week(d)
        if gap is None:
            return
        stepped: list[Said] = []
        week = step_back_week(self.position, d)
        if week:
            stepped.append(week)
        loads = self.strength.step_back(self.library)
        if loads:
            stepped.append(
                _("one load step back for the {loads}", loads=Listed(tuple(loads), last=False))
            )
        decisions.append(gap_decision(gap, stepped))

    def _restart(self, d: int) -> None:
        """R14: the program's progress starts over on day `d`. The regression level and calm
        days carry over: a lapse restarts progress, not what today's pain allows."""
        self.episode_start = d
        self.position.restart(d)
        self.review.restart()
        self.strength.restart()
        self.exclusions.restart()
        self.watch.restart()
        self.lapse.restart()
        self.sides.restart()

    def _pain_elsewhere(self, d: int) -> bool:
        """R3: whether the hip pain of the last days is all on the side that is not the limited
        one, so the pain areas named at the start (which have no side) are that side's."""
        asymmetry = self.watch.asymmetry
        if not asymmetry:
            return False
        other = Side.right if asymmetry.side == Side.left else Side.left
        return self.days.pain.hip_pain_only_on(d, other, END_RANGE_SIDE_DAYS)

    def _knee(self, d: int) -> tuple[tuple[str, str], ...]:
        """R9 at the knee: while knee pain is not green, nothing kneels (on either knee: the
        kneeling exercises put weight on both, or on the one that may be the painful one)."""
        return (("kneeling", "R9"),) if self.days.pain.knee_painful(d) else ()

    def _build(
        self,
        phase: Phase,
        template_id: str,
        excluded: frozenset[str],
        excluded_by: tuple[tuple[str, str], ...],
        pre_run: bool,
        held: bool,
        checks_waiting: set[str] | None = None,
        *,
        painful_side: str | None = None,
        side_weeks: tuple[tuple[str, int], ...] = (),
        pain_elsewhere: bool = False,
    ) -> BuiltWorkout:
        asymmetry = self.watch.asymmetry
        # why the limited side gets no extra sets today (R5, R9), and whether end-range work
        # gets none (R3): in the key as short codes, put in words only when a workout is built
        withheld: tuple[str, ...] | None = None
        if asymmetry and self.watch.bony() is not None:
            withheld = ("bony",)
        elif asymmetry and held:
            withheld = ("held",)
        elif asymmetry and painful_side == asymmetry.side:
            withheld = ("painful", painful_side)
        end_range = bool(asymmetry and self.hip_areas and not pain_elsewhere)
        # the cache's key is the template and the `Modifiers`' fields in their order: the
        # `Modifiers` themselves are made only when a workout is built
        key = (
            self.position.index,
            template_id,
            dose_week(self.position),
            self.regression.level,
            excluded,
            excluded_by,
            asymmetry.side if asymmetry else None,
            withheld,
            end_range,
            pre_run,
            self.strength.earned(),
            frozenset(checks_waiting) if checks_waiting else frozenset(),
            side_weeks,
        )
        built = self.cache.get(key)
        if built is None:
            mods = Modifiers(
                *key[2:7], _withheld(withheld), _END_RANGE if end_range else None, *key[9:]
            )
            template = next(w for w in phase.workouts if w.id == template_id)
            budget = phase.time_budget or self.program.time_budget
            built = build_workout(
                phase, template, self.library, mods, budget.max_minutes, self.doses
            )
            self.cache[key] = built
        return built


_END_RANGE = _(
    "with pain at the hip named at the start (which has no side) that is not pushed "
    "further (R3, NICE NG226)"
)


def _withheld(code: tuple[str, ...] | None) -> Said | None:
    """R3: why the limited side gets no extra sets today, from `_Planner._build`'s code."""
    if code is None:
        return None
    if code[0] == "bony":
        return _("a bony limit is suspected, and more sets cannot change bone (R5)")
    if code[0] == "held":
        return _("pain is not green or a regression is in force, so no side gets more (R9)")
    return _(
        "the {side} side has pain that is not green, and a painful side gets no extra load (R9)",
        side=side_said(code[1]),
    )


@held_off()  # the cyclic collector waits for the whole pass (`engine.collector`)
def plan_days_from(
    checkpoint: Checkpoint | None,
    program: Program,
    exercises: Mapping[str, Exercise],
    profile: Profile,
    history: History,
    start: dt.date,
    end: dt.date,
    *,
    keep: Collection[int] = frozenset(),
    pre_run_days: Iterable[dt.date] = frozenset(),
    lessons: Mapping[str, Lesson] | None = None,
    choices: tuple[Choice, ...] = (),
) -> tuple[list[DayPlan], list[Checkpoint]]:
    """The plans of the days after `checkpoint` (from the start, day 0, without one) to `end`
    inclusive, and a checkpoint at the end of each day number in `keep` planned on the way.

    State in, state out: the plans equal those of `plan_days` over the same inputs, as long as
    `history` holds the same records dated up to the checkpoint's day as the history it was
    made from (a day's state depends on no record dated after it). Of the workouts before the
    checkpoint's day, only the status is read: their exercise logs may be left out; and of the
    measurements, only those from `TESTS_LOOKBACK_DAYS` before that day. `choices`: a
    clinician's choices; the planner acts on those that move a phase (`engine.choices`
    `PHASE_KINDS`: hold, advance) and leaves the rest to `choices.apply`. Raises ValueError as
    `plan_days` does, and `CheckpointError` for a checkpoint of another program, start or
    format.
    """
    if end < start:
        raise ValueError(f"the end ({end}) is before the start ({start})")
    check_program(program, exercises)
    state = loads(checkpoint.state) if checkpoint is not None else None
    if checkpoint is not None and checkpoint.reads_from is not None:
        # the records from the checkpoint's first day on, and the older ones it carries
        assert state is not None
        older = state.get("carried")
        if older is None:
            raise CheckpointError("the checkpoint carries none of the older records")
        history = merged(
            history,
            checkpoint.reads_from.toordinal(),
            History(pain=older["pain"], outcomes=older["outcomes"]),
        )
    planner = _Planner(
        program,
        exercises,
        profile,
        HistoryByDay(history, profile),
        start,
        pre_run_days,
        PersonWatch(profile, history),
        lessons or {},
        history,
        tuple(c for c in choices if c.kind in PHASE_KINDS),
    )
    first = 0
    if checkpoint is not None:
        planner.resume(checkpoint, state)
        first = checkpoint.day + 1
    plans: list[DayPlan] = []
    kept: list[Checkpoint] = []
    for n in range(first, (end - start).days + 1):
        plans.append(planner.day(n))
        if n in keep:
            kept.append(planner.checkpoint())
    return plans, kept


def plan_days(
    program: Program,
    exercises: Mapping[str, Exercise],
    profile: Profile,
    history: History,
    start: dt.date,
    end: dt.date,
    *,
    pre_run_days: Iterable[dt.date] = frozenset(),
    lessons: Mapping[str, Lesson] | None = None,
    choices: tuple[Choice, ...] = (),
) -> list[DayPlan]:
    """Every day's plan from `start` (day 0) to `end` inclusive, in one pass.

    `pre_run_days` are days on which a run follows the workout (R8), besides the history's
    `running_days`; `lessons` (the library's, by id) give each workout day its lesson. Raises
    ValueError when `end` is before `start` or the program names an exercise that is not in
    `exercises`. `choices`: a clinician's, of which the planner acts on a hold or an advance
    (`plan_days_from`).
    """
    return plan_days_from(
        None,
        program,
        exercises,
        profile,
        history,
        start,
        end,
        pre_run_days=pre_run_days,
        lessons=lessons,
        choices=choices,
    )[0]


def plan(
    program: Program,
    exercises: Mapping[str, Exercise],
    profile: Profile,
    history: History,
    start: dt.date,
    today: dt.date,
    *,
    pre_run: bool = False,
    lessons: Mapping[str, Lesson] | None = None,
) -> DayPlan:
    """Today's plan for a person who started `program` on `start` (day 0).

    With `pre_run`, a run follows today's workout (R8); `lessons` as for `plan_days`. Raises
    ValueError when `today` is before `start` or the program names an exercise that is not in
    `exercises`.
    """
    if today < start:
        raise ValueError(f"today ({today}) is before the start ({start})")
    days = frozenset({today}) if pre_run else frozenset()
    return plan_days(
        program, exercises, profile, history, start, today, pre_run_days=days, lessons=lessons
    )[-1]
