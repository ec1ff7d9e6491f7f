"""Where a person is in the program: the phase, the day it began, the dose week in force; the
move through a phase's gate to the next, and the program's planned end.

The gate's checklist is evaluated by `hipcoach.engine.gates`; this module decides what an open
gate means on the day: the move, or a wait while pain or a regression holds progress (R9).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from hipcoach.content.schema import Measure, Phase, Program, Retest
from hipcoach.engine.choices import ADVANCE_DAYS, Choice
from hipcoach.engine.choices import RULE as CLINICIAN
from hipcoach.engine.constants import GAP_STEP_DAYS
from hipcoach.engine.gates import GateContext, evaluate_gate, waiver_day
from hipcoach.engine.history_by_day import HistoryByDay
from hipcoach.engine.measure_watch import MeasureWatch
from hipcoach.engine.measurement import Test, a_method_said, method_code, position_code
from hipcoach.engine.pain import Zone
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision, Flag, GateCheck
from hipcoach.engine.words import Content, Listed, Said
from hipcoach.engine.words import said as _
from hipcoach.vocabulary import Method

_RANGE_POSITIONS = {
    Measure.ir_prone: "prone",
    Measure.ir_seated: "seated",
    Measure.ir_supine: "supine",
}


_RETEST_WORDS = {
    Retest.ir: _("internal rotation on both sides, set up as at your first test"),
    Retest.pain: _("your pain (0–10)"),
    Retest.psfs: _("your own activities (0–10 each)"),
}


Hold = tuple[str, Said | str, Said | str]
"""What holds progress besides R9's zones and levels: (rule, why, until), in words."""


def program_name(program: Program) -> Content:
    """The program's name, in the reader's words when shown."""
    return Content(("programs", program.id, "name"), program.name)


def phase_name(program: Program, phase: Phase) -> Content:
    """A phase's name as a sentence names it ("the mobility phase"), in the reader's words."""
    return Content(("programs", program.id, "phases", phase.id, "name"), phase.name, lower=True)


def phase_place(program: Program, phase: Phase) -> tuple[str, ...]:
    """Where the phase's words are in a content translation file."""
    return ("programs", program.id, "phases", phase.id)


def program_end(program: Program, phase: Phase, days_ago: int = 0) -> Decision:
    """The notice of the program's planned end, shown from the end day for `END_NOTICE_DAYS`:
    what comes next, from the program's `end` data (the program to go on to, the routine that
    stays, the re-test). `phase` is the phase in force that day; `days_ago` how long since the
    end day."""
    name = program_name(program)
    if days_ago == 0:
        said = _(
            "Today the {weeks} planned weeks of {program} are done.",
            weeks=program.weeks,
            program=name,
        )
    elif days_ago == 1:
        said = _(
            "The {weeks} planned weeks of {program} were done yesterday.",
            weeks=program.weeks,
            program=name,
        )
    else:
        said = _(
            "The {weeks} planned weeks of {program} were done {days} days ago.",
            weeks=program.weeks,
            program=name,
            days=days_ago,
        )
    end = program.end
    if end is None:
        return decide(
            "end",
            _(
                "{said} Keep the routine going to hold the range you gained (gains fade within "
                "weeks of stopping).",
                said=said,
            ),
        )
    retest: Said | str = ""
    if end.retest:
        retest = _(
            " Re-test today to see what the program did: {listed}.",
            listed=Listed(tuple(_RETEST_WORDS[r] for r in end.retest)),
        )
    keep = next((p for p in program.phases if p.id == end.keep_phase), None)
    going: Said | str = ""
    if keep is not None and keep.id != phase.id:
        going = _(
            " You are in the {phase} phase: the program goes on at your pace "
            "until its {keep} phase, which then stays as your routine.",
            phase=phase_name(program, phase),
            keep=phase_name(program, keep),
        )
    text = Content(("programs", program.id, "end"), end.text)
    return decide(
        "end", _("{said}{retest}{going} {text}", said=said, retest=retest, going=going, text=text)
    )


def outcome_retest_refused(test: Test, watch: MeasureWatch) -> Decision:
    """Why `test` does not close the program's outcome re-test (rule "end")."""
    first = watch.range_method(test.position) or "inclinometer"
    how = (
        _("a guess by eye can be out by 10° or more")
        if test.method == Method.estimate
        else _(
            "{a_method} is less precise than the {first} of your first test",
            a_method=a_method_said(test.method),
            first=method_code(first),
        )
    )
    return decide(
        "end",
        _(
            "The {position}, {method} test of {date} does not count as the "
            "re-test of the program: {how}, so it cannot show what the program did. Re-test set "
            "up as at your first test ({position}, with {a_first} or one at least as "
            "precise), three trials a side.",
            position=position_code(test.position),
            method=method_code(test.method),
            date=test.date.isoformat(),
            how=how,
            a_first=a_method_said(first),
        ),
    )


def program_end_flags(program: Program) -> set[Flag]:
    """The flags of the end day: a re-test when the program's end asks for one."""
    return {Flag.reassess} if program.end is not None and program.end.retest else set()


def gate_context(
    n: int,
    zone: Zone | None,
    days_in_phase: int,
    *,
    zones: Sequence[Zone | None],
    planned: Sequence[bool],
    days: HistoryByDay,
    start: int,
    watch: MeasureWatch,
    phase_credit: float,
    checks: tuple[GateCheck, ...] = (),
) -> GateContext:
    """What the gate criteria look at on day `n`: `zones` of days 0..n, `planned` of 0..n-1;
    `phase_credit` from `PhasePosition.credit_before`; `checks` the readiness checks' lines."""

    def green_days(window: int) -> int:
        return sum(1 for z in zones[max(0, n - window + 1) : n + 1] if z is Zone.green)

    def adherence(window: int) -> float | None:
        done = [i for i in range(max(0, n - window), n) if planned[i]]
        if not done:
            return None
        return sum(days.credit(start + i) for i in done) / len(done)

    return GateContext(
        days_in_phase=days_in_phase,
        range_ir={m: watch.range_ir(p) for m, p in _RANGE_POSITIONS.items()},
        asymmetry=watch.asymmetry_now(),
        range_methods={m: watch.range_method(p) for m, p in _RANGE_POSITIONS.items()},
        loss=watch.loss_reason(),
        green_days=green_days,
        adherence=adherence,
        pain_green=zone is Zone.green,
        phase_credit=phase_credit,
        checks=checks,
    )


@dataclass(frozen=True)
class ClinicianPhase:
    """A clinician's choices about the phase on one day (`engine.choices`): a hold in force,
    an advance in force for the phase the person is in, and whether the day is stopped or
    referred (R12/R13/R18/R19, a red pain day), which no advance overrides."""

    hold: Choice | None = None
    advance: Choice | None = None
    stopped: bool = False


def _advance_waits(
    clinician: ClinicianPhase,
    held: bool,
    zone: Zone | None,
    hold: Hold | None,
    checks: tuple[GateCheck, ...],
) -> Said | None:
    """Why a clinician's advance cannot act today, or None. A physical therapist moves a
    person on by judging the range, the days and the adherence the checklist counts; they
    do not move them over what the method stops or holds for safety: a stop or referral
    (they did not see today's answers), pain that is not green or a regression (the load
    rule, R9), or a readiness check not passed (the next phase's load is what it tests)."""
    if clinician.stopped:
        return _("today's stop or referral stands over their choice")
    if held:
        why: Said | str
        if hold is not None:
            why = hold[1]
        elif zone in (Zone.amber, Zone.red):
            why = _pain_is(zone)
        else:
            why = _("the plan is still easier after a pain flare")
        return _("{why}, and that holds any move (R9)", why=why)
    waiting = [c for c in checks if not c.met]
    if waiting:
        name, _target, reading = waiting[0].said or (waiting[0].name, None, waiting[0].reading)
        return _(
            "the readiness check is not passed ({name}: {reading})", name=name, reading=reading
        )
    return None


def _pain_is(zone: Zone | None) -> Said:
    """ "pain is amber", "pain is red"."""
    return _("pain is red") if zone is Zone.red else _("pain is amber")


class PhasePosition:
    """The phase in force, the day it began, its dose week (the week whose changes apply), and
    the training done since that dose week began (the next week waits for a week of it)."""

    def __init__(self, program: Program, start: int) -> None:
        self.program = program
        # (phase index, week) → its dose week (`weekly_doses.dose_week`): of the program only
        self.dose_weeks: dict[tuple[int, int], int] = {}
        self.index = 0
        self.start = start
        self._new_week(1, start)
        # the running count behind `credit_before`: of the phase begun on `credit_from`, the
        # days before `credit_upto` counted, `credit_idle` of them the latest without a workout
        self.credit_from = start
        self.credit_upto = start
        self.credit_sum = 0.0
        self.credit_idle = 0

    def credit_before(self, d: int, days: HistoryByDay) -> float:
        """R20: the workouts done in this phase before day `d` (partial = half), counted back
        to the last full week without one (a gap, R14): after a break the work before it no
        longer moves the person on.

        Kept as a running count carried from day to day, so a day costs the days since the
        last call, not every day of the phase. The credits are whole and half workouts, so the
        sum is exact in any order.
        """
        if self.credit_from != self.start or self.credit_upto > d:
            self.credit_from = self.credit_upto = self.start
            self.credit_sum, self.credit_idle = 0.0, 0
        for day in range(self.credit_upto, d):
            credit = days.credit(day)
            if credit > 0:
                self.credit_idle = 0
                self.credit_sum += credit
            else:
                self.credit_idle += 1
                if self.credit_idle >= GAP_STEP_DAYS:
                    self.credit_sum = 0.0
        self.credit_upto = max(self.credit_upto, d)
        return self.credit_sum

    @property
    def phase(self) -> Phase:
        return self.program.phases[self.index]

    def _new_week(self, week: int, d: int) -> None:
        self.week = week
        self.week_start = d  # the day this dose week began
        self.week_workouts = 0  # workouts done or partly done since

    def on_credit(self, credit: float) -> None:
        """Count a day's workout towards the week of training (done or partly done)."""
        if credit > 0:
            self.week_workouts += 1

    def next_week(self, d: int) -> None:
        """The next dose week begins on day `d`."""
        self._new_week(self.week + 1, d)

    def step_back(self, d: int, dose_week: int) -> None:
        """One week of dose changes back (after a gap), from day `d`: `dose_week` is the week
        whose changes were in force, so its changes are undone."""
        self._new_week(max(1, dose_week - 1), d)

    def restart(self, d: int) -> None:
        """Back to the first phase from day `d` (after a lapse)."""
        self.index = 0
        self.start = d
        self._new_week(1, d)

    def _is_last(self) -> bool:
        return self.index == len(self.program.phases) - 1

    @property
    def gated(self) -> bool:
        """Whether the phase in force has a gate to leave it by (`gate` has a checklist)."""
        return self.program.phases[self.index].gate is not None and not self._is_last()

    def gate(
        self,
        d: int,
        zone: Zone | None,
        held: bool,
        context: GateContext,
        decisions: list[Decision],
        *,
        hold: Hold | None = None,
        clinician: ClinicianPhase = ClinicianPhase(),
    ) -> tuple[GateCheck, ...]:
        """Move to the next phase when the gate opens and nothing holds progress.

        `context` is the day's gate context with `days_in_phase` counted in the current phase.
        `clinician`: a clinician's hold keeps the person in the phase (the checklist met or
        not); their advance moves them on without the checklist, unless `_advance_waits`.
        Returns the checklist to show: the current phase's, or the new phase's after a move.
        """
        phase = self.phase
        if phase.gate is None or self._is_last():
            return ()
        result = evaluate_gate(phase.gate, context, phase_place(self.program, phase))
        advance = clinician.advance
        if clinician.hold is not None and (result.open or advance is not None):
            said = (
                _(
                    "The checklist to leave the {phase} phase is met, but your "
                    "clinician holds you in it: the move waits until they end the hold.",
                    phase=phase_name(self.program, phase),
                )
                if result.open
                else _(
                    "The checklist to leave the {phase} phase is not all met, and your clinician "
                    "moved you on, but your clinician holds you in it: the move waits until they "
                    "end the hold.",
                    phase=phase_name(self.program, phase),
                )
            )
            decisions.append(Decision.of(CLINICIAN, said, clinician.hold.by))
            return result.checks
        if not result.open and advance is not None:
            nxt = self.program.phases[self.index + 1]
            waits = _advance_waits(clinician, held, zone, hold, context.checks)
            if waits is not None:
                last = advance.date + dt.timedelta(days=ADVANCE_DAYS - 1)
                decisions.append(
                    Decision.of(
                        CLINICIAN,
                        _(
                            "Your clinician moved you on to the {phase} phase, but "
                            "{waits}: the move waits (their choice stands until {last}).",
                            phase=phase_name(self.program, nxt),
                            waits=waits,
                            last=last.isoformat(),
                        ),
                        advance.by,
                    )
                )
                return result.checks
            unmet = Listed(
                tuple((c.said[0] if c.said else c.name) for c in result.checks if not c.met),
                "; ",
                last=False,
            )
            note = f" ({advance.text})" if advance.text else ""
            decisions.append(
                Decision.of(
                    CLINICIAN,
                    _(
                        "Your clinician's choice: the {phase} phase is done, on to "
                        "{next}{why}. Not yet met, and judged by them: {unmet}.",
                        phase=phase_name(self.program, phase),
                        next=phase_name(self.program, nxt),
                        why=note,
                        unmet=unmet,
                    ),
                    advance.by,
                )
            )
            return self._move(d, nxt, context)
        if not result.open:
            if result.adherence_short is not None:
                decisions.append(decide("R20", result.adherence_short))
            return result.checks
        if held:
            rule: str = "R9"
            until: Said | str = _("pain is green and the full doses are back")
            why: Said | str
            if hold is not None:
                rule, why, until = hold
            elif zone in (Zone.amber, Zone.red):
                why = _pain_is(zone)
            else:
                why = _("a regression is in force")
            decisions.append(
                decide(
                    rule,
                    _(
                        "The checklist to leave the {phase} phase is met, but {why}: the "
                        "move waits until {until}.",
                        phase=phase_name(self.program, phase),
                        why=why,
                        until=until,
                    ),
                )
            )
            return result.checks
        nxt = self.program.phases[self.index + 1]
        decisions.append(
            decide(
                "gate",
                _(
                    "The {phase} phase is complete, on to {next}: {met}.",
                    phase=phase_name(self.program, phase),
                    next=phase_name(self.program, nxt),
                    met=Listed(result.shown, "; ", last=False),
                ),
            )
        )
        if result.adherence_by_total is not None:
            decisions.append(decide("R20", result.adherence_by_total))
        if result.waived:
            decisions.append(
                decide(
                    "R7",
                    _(
                        "The range target was not needed: from day {day} of a phase "
                        "the next one opens on green pain even if the range is short, so a slow "
                        "range never holds you back for ever. Keep up the stretches: they stay in "
                        "the plan.",
                        day=waiver_day(phase.gate),
                    ),
                )
            )
        return self._move(d, nxt, context)

    def _move(self, d: int, nxt: Phase, context: GateContext) -> tuple[GateCheck, ...]:
        """On to `nxt` from day `d`: its checklist, as it stands on its first day."""
        self.index += 1
        self.start = d
        self._new_week(1, d)
        if nxt.gate is None or self._is_last():
            return ()
        return evaluate_gate(
            nxt.gate, replace(context, days_in_phase=0), phase_place(self.program, nxt)
        ).checks
