"""Today's workout, decided by the rules: a fold over the days from the start to today.

Phase changes, regression levels, earned strength steps and lapses depend on the past, so a
day's plan is the last step of a single pass over every day since the enrollment start
(day 0). `plan_days` returns every step of that pass, so simulating a year is one O(days)
pass; `plan` returns the last one.

What a day's plan may use: red-flag answers, pain reports and tests dated up to and including
that day (a morning report or a test is known when the plan is made; a red "during" report
stops the day's loading); workout logs only of earlier days (the day's own workout has not
been done when it is planned).

Everything here is pure: no clock (dates are arguments), no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from hipcoach.content.schema import Exercise, Measure, Phase, Program
from hipcoach.engine.constants import (
    ADHERENT_WEEK_MIN_DAYS,
    AMBER_MAX,
    CONSECUTIVE_GREEN_WORKOUTS,
    EXTRA_REPS_TO_PROGRESS,
    FLEXION_GREEN_DAYS,
    FLEXION_REINTRODUCED_AFTER_DAYS,
    GREEN_MAX,
    LAPSE_DAYS,
    MAX_REGRESSION_LEVEL,
    NPRS_MIN_IMPROVEMENT,
    NPRS_REVIEW_MIN_START,
    PAIN_AREA_EXCLUSIONS,
    PSFS_MIN_IMPROVEMENT,
    REASSESS_EVERY_DAYS,
    RECOVERY_DAYS,
    REVIEW_AFTER_DAYS,
    WORSENING_STEP,
    WORSENING_WEEKS,
)
from hipcoach.engine.gates import GateContext, evaluate_gate, waiver_day
from hipcoach.engine.pain import Zone
from hipcoach.engine.rules import decide
from hipcoach.engine.safety import red_flag_decisions
from hipcoach.engine.signals import MeasureWatch
from hipcoach.engine.timeline import Timeline
from hipcoach.engine.types import (
    DayPlan,
    Decision,
    Flag,
    GateCheck,
    History,
    Profile,
)
from hipcoach.engine.workout import BuiltWorkout, Modifiers, build_workout

_RANGE_POSITIONS = {
    Measure.ir_prone: "prone",
    Measure.ir_seated: "seated",
    Measure.ir_supine: "supine",
}


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


def _plural(n: float, word: str) -> str:
    return f"{n:g} {word}" if n == 1 else f"{n:g} {word}s"


class _Fold:
    """The state carried from one day to the next, and the rules applied each day."""

    def __init__(
        self,
        program: Program,
        library: Mapping[str, Exercise],
        profile: Profile,
        timeline: Timeline,
        start: dt.date,
        pre_run_days: Iterable[dt.date],
    ) -> None:
        self.program = program
        self.library = library
        self.profile = profile
        self.tl = timeline
        self.start_date = start
        self.start = start.toordinal()
        self.pre_run_days = {d.toordinal() for d in pre_run_days} | timeline.running
        self.watch = MeasureWatch()
        self.cache: dict[tuple, BuiltWorkout] = {}
        self.pain_tags = frozenset(
            tag for area in profile.pain_areas for tag in PAIN_AREA_EXCLUSIONS.get(area, ())
        )
        # per-day records, indexed by day number
        self.zones: list[Zone | None] = []
        self.planned: list[bool] = []
        self.built: list[BuiltWorkout | None] = []
        # carried state
        self.phase_idx = 0
        self.phase_start = self.start
        self.week = 1  # the phase week whose dose changes are in force
        self.level = 0  # R9 regression levels
        self.calm_days = 0  # consecutive days without amber or red (R9 recovery)
        self.episode_start = self.start  # the start, or the return after a lapse
        self.last_active = self.start - 1  # the last day a workout was done (or partly)
        self.adherent_weeks = 0
        self.steps: dict[str, int] = {}  # R10 steps earned
        self.streaks: dict[str, int] = {}  # R10 consecutive qualifying workouts
        self.flexion_back = False  # R11: deep flexion reintroduced
        self.worsening: str | None = None  # R13: the weekly averages when pain keeps rising

    @property
    def phase(self) -> Phase:
        return self.program.phases[self.phase_idx]

    # -- the day ------------------------------------------------------------------------------
    def day(self, n: int) -> DayPlan:
        d = self.start + n
        date = self.start_date + dt.timedelta(days=n)
        red = self.tl.red_flags_through(d)
        if red is not None:
            return self._stopped_for_good(n, date, red)
        decisions: list[Decision] = []
        flags: set[Flag] = set()
        if d in self.tl.cleared_days:
            decisions.append(
                decide(
                    "R12",
                    f"A clinician cleared you to exercise on {date.isoformat()}: the program goes "
                    "on. Answer the red-flag questions again at each weekly check.",
                )
            )

        if n == self.program.weeks * 7:
            decisions.append(
                decide(
                    "end",
                    f"Today the {self.program.weeks} planned weeks of {self.program.name} are done. "
                    "Keep the routine going to hold the range you gained (gains fade within weeks "
                    "of stopping), or choose a fuller program.",
                )
            )
        self._lapse(d, flags, decisions)
        zone, reported = self.tl.pain.zone_of(d)
        self.zones.append(zone)
        red_zone = reported and zone is Zone.red
        self._pain(d, zone, reported, red_zone, flags, decisions)
        held = self.level > 0 or zone in (Zone.amber, Zone.red)

        self._count_adherent_week(d)
        tests = self.tl.tests.get(d)
        if tests:
            decisions += self.watch.on_tests(d, tests, self.adherent_weeks)
        measure_flags, measure_decisions = self.watch.flags()
        flags |= measure_flags
        decisions += measure_decisions
        self._review(d, flags, decisions)
        if n > 0 and n % REASSESS_EVERY_DAYS == 0:
            flags.add(Flag.reassess)
            decisions.append(self._reassess(n))

        checks = self._gate(n, d, zone, held, decisions)
        self._progress_week(d, held, decisions)
        self._strength(n, d, held, decisions)
        excluded, excluded_by = self._exclusions(n, d, decisions)

        phase = self.phase
        template_id = phase.schedule[(d - self.phase_start) % len(phase.schedule)]
        pre_run = d in self.pre_run_days
        if red_zone:
            built = None
        else:
            built = self._build(phase, template_id, excluded, excluded_by, pre_run)
            decisions += built.decisions
        self.built.append(built)
        self.planned.append(built is not None and bool(built.exercises))
        if self.tl.credit(d) > 0:
            self.last_active = d
        return DayPlan(
            day=n,
            date=date,
            program=self.program.id,
            phase=phase.id,
            workout=template_id if built is not None else None,
            stop=built is None,
            flags=tuple(f.value for f in Flag if f in flags),
            minutes=built.minutes if built is not None else 0.0,
            exercises=built.exercises if built is not None else (),
            decisions=tuple(decisions),
            gate=checks,
            pre_run=pre_run,
        )

    def _stopped_for_good(self, n: int, date: dt.date, red: tuple[int, tuple[str, ...]]) -> DayPlan:
        first, keys = red
        self.zones.append(None)
        self.planned.append(False)
        self.built.append(None)
        when = dt.date.fromordinal(first).isoformat()
        return DayPlan(
            day=n,
            date=date,
            program=self.program.id,
            phase=self.phase.id,
            workout=None,
            stop=True,
            flags=(Flag.red_flag.value, Flag.refer.value),
            minutes=0.0,
            exercises=(),
            decisions=tuple(red_flag_decisions(keys, when)),
            pre_run=False,
        )

    # -- R14: lapse ------------------------------------------------------------------------------
    def _lapse(self, d: int, flags: set[Flag], decisions: list[Decision]) -> None:
        gap = d - self.last_active - 1
        if gap < LAPSE_DAYS:
            return
        first = self.program.phases[0]
        self._restart(d)
        flags |= {Flag.lapsed, Flag.reassess}
        decisions.append(
            decide(
                "R14",
                f"No workout has been logged for {gap} days. After {LAPSE_DAYS // 7} weeks off, the "
                "range you gained is likely back where it started: test both sides again, and the "
                f"program starts over with the {first.name.lower()} phase from the day you return.",
            )
        )

    def _restart(self, d: int) -> None:
        self.phase_idx = 0
        self.phase_start = d
        self.week = 1
        # The pain regression level and calm days carry over: a lapse restarts the program's
        # progress, not what today's pain allows (R9 still holds after a red day).
        self.episode_start = d
        self.adherent_weeks = 0
        self.steps.clear()
        self.streaks.clear()
        self.flexion_back = False
        self.worsening = None
        self.watch.restart()

    # -- R9: pain ---------------------------------------------------------------------------------
    def _pain(
        self,
        d: int,
        zone: Zone | None,
        reported: bool,
        red_zone: bool,
        flags: set[Flag],
        decisions: list[Decision],
    ) -> None:
        pain = self.tl.pain
        flare = pain.flare(d)
        if red_zone or flare:
            before = self.level
            self.level = min(MAX_REGRESSION_LEVEL, self.level + 1)
            self.calm_days = 0
            flags.add(Flag.pain_flare)
            if self.level > before:
                step = f"the plan steps down one level ({self.level} below the programmed doses)"
            else:
                step = f"the plan stays at its easiest ({self.level} levels below the programmed doses)"
            if red_zone:
                decisions.append(
                    decide(
                        "R9",
                        f"Pain of {pain.worst[d]}/10 today is in the red zone (above {AMBER_MAX}): "
                        f"stop today's workout and rest. From tomorrow {step}, with no progression "
                        "until pain settles.",
                    )
                )
            if flare:
                score, base = flare
                decisions.append(
                    decide(
                        "R9",
                        f"This morning's pain of {score}/10 is {score - base} above your usual "
                        f"{base}/10, a sign the last workout was too much: {step}.",
                    )
                )
            return
        if zone is Zone.amber:
            self.calm_days = 0
            last = pain.last_report(d)
            score = last[1] if last else 0
            if reported:
                said = (
                    f"Pain of {score}/10 today is in the amber zone ({GREEN_MAX + 1}–{AMBER_MAX})"
                )
            else:
                ago = d - last[0] if last else 0
                said = (
                    f"Your last pain report ({score}/10, {_plural(ago, 'day')} ago) has not yet "
                    "been followed by one of 3 or less"
                )
            decisions.append(
                decide(
                    "R9",
                    f"{said}: keep going at the current doses, but no dose increase and no move to "
                    f"the next phase until pain is back to {GREEN_MAX} or less.",
                )
            )
            return
        self.calm_days += 1
        if self.level == 0:
            return
        if self.calm_days >= RECOVERY_DAYS:
            self.level -= 1
            self.calm_days = 0
            to = "the programmed doses" if self.level == 0 else f"{self.level} below programmed"
            decisions.append(
                decide(
                    "R9",
                    f"{RECOVERY_DAYS} days without amber or red pain: the plan steps back up one "
                    f"level, to {to}.",
                )
            )
        else:
            decisions.append(
                decide(
                    "R9",
                    f"Still {_plural(self.level, 'level')} easier after the flare, with no "
                    f"progression; it steps back up after {RECOVERY_DAYS} days without amber or "
                    f"red pain ({self.calm_days} so far).",
                )
            )

    # -- R5: adherent weeks -------------------------------------------------------------------
    def _count_adherent_week(self, d: int) -> None:
        since = d - self.episode_start
        if since <= 0 or since % 7:
            return
        done = sum(self.tl.credit(d - k) for k in range(1, 8))
        if done >= ADHERENT_WEEK_MIN_DAYS:
            self.adherent_weeks += 1

    # -- R13: no improvement, or worsening ---------------------------------------------------------
    def _review(self, d: int, flags: set[Flag], decisions: list[Decision]) -> None:
        pain = self.tl.pain
        since = d - self.episode_start
        if since >= 7 * (WORSENING_WEEKS + 1) and since % 7 == 0:
            # judged at each weekly check over the last complete weeks, so the answer holds
            # for the week that follows instead of flickering with a rolling window
            weeks = [
                pain.mean_between(d - 7 * k, d - 7 * k + 6)
                for k in range(WORSENING_WEEKS + 1, 0, -1)
            ]
            rising = all(w is not None for w in weeks) and all(
                b - a >= WORSENING_STEP
                for a, b in zip(weeks, weeks[1:], strict=False)  # type: ignore[operator]
            )
            self.worsening = " → ".join(f"{w:.1f}" for w in weeks) if rising else None  # type: ignore[str-format]
        if self.worsening:
            flags.add(Flag.refer)
            decisions.append(
                decide(
                    "R13",
                    f"Your pain has risen {WORSENING_WEEKS} weeks running (weekly average "
                    f"{self.worsening}). Please see a physiotherapist or doctor to find out why; "
                    "ease off anything that makes it worse.",
                )
            )
            return
        if since < REVIEW_AFTER_DAYS:
            return
        first = pain.mean_between(self.episode_start, self.episode_start + 6)
        now = pain.mean_between(d - 6, d)
        psfs = self.tl.psfs_between(self.episode_start, d)
        psfs_gain = psfs[-1] - psfs[0] if len(psfs) >= 2 else None
        nprs_known = first is not None and now is not None and first >= NPRS_REVIEW_MIN_START
        if not nprs_known and psfs_gain is None:
            return
        nprs_better = nprs_known and first - now >= NPRS_MIN_IMPROVEMENT  # type: ignore[operator]
        psfs_better = psfs_gain is not None and psfs_gain >= PSFS_MIN_IMPROVEMENT
        if nprs_better or psfs_better:
            return
        parts = []
        if nprs_known:
            parts.append(f"pain has gone from an average of {first:.1f} to {now:.1f}")
        if psfs_gain is not None:
            parts.append(f"your activity scores have moved {psfs_gain:+.1f}")
        flags.add(Flag.refer)
        decisions.append(
            decide(
                "R13",
                f"After {since // 7} weeks, {' and '.join(parts)}: less than the "
                f"{NPRS_MIN_IMPROVEMENT:g} points that shows a real improvement. Please see a "
                "physiotherapist or sports doctor to look at why; you can carry on meanwhile.",
            )
        )

    # -- R7: weekly reassessment ---------------------------------------------------------------------
    def _reassess(self, n: int) -> Decision:
        setups = sorted({f"{k[1]}, {k[2]}" for k in self.watch.asym_tests if k[0] == "ir"})
        how = f" ({'; '.join(setups)}, as before)" if setups else ""
        return decide(
            "R7",
            f"Week {n // REASSESS_EVERY_DAYS} check: test internal rotation on both sides again"
            f"{how}, three trials a side, and answer the red-flag questions.",
        )

    # -- gates -----------------------------------------------------------------------------------------
    def _context(self, n: int, d: int, zone: Zone | None, days_in_phase: int) -> GateContext:
        zones, planned, tl, start = self.zones, self.planned, self.tl, self.start

        def green_days(window: int) -> int:
            return sum(1 for z in zones[max(0, n - window + 1) : n + 1] if z is Zone.green)

        def adherence(window: int) -> float | None:
            days = [i for i in range(max(0, n - window), n) if planned[i]]
            if not days:
                return None
            return sum(tl.credit(start + i) for i in days) / len(days)

        return GateContext(
            days_in_phase=days_in_phase,
            range_ir={m: self.watch.range_ir(p) for m, p in _RANGE_POSITIONS.items()},
            asymmetry=self.watch.asymmetry_now(),
            green_days=green_days,
            adherence=adherence,
            pain_green=zone is Zone.green,
        )

    def _gate(
        self, n: int, d: int, zone: Zone | None, held: bool, decisions: list[Decision]
    ) -> tuple[GateCheck, ...]:
        phase = self.phase
        if phase.gate is None or self.phase_idx == len(self.program.phases) - 1:
            return ()
        result = evaluate_gate(phase.gate, self._context(n, d, zone, d - self.phase_start))
        if not result.open:
            return result.checks
        if held:
            why = (
                f"pain is {zone.value}"
                if zone in (Zone.amber, Zone.red)
                else "a regression is in force"
            )
            decisions.append(
                decide(
                    "R9",
                    f"The checklist to leave the {phase.name.lower()} phase is met, but {why}: the "
                    "move waits until pain is green and the full doses are back.",
                )
            )
            return result.checks
        nxt = self.program.phases[self.phase_idx + 1]
        met = "; ".join(result.shown)
        decisions.append(
            decide(
                "gate",
                f"The {phase.name.lower()} phase is complete, on to {nxt.name.lower()}: {met}.",
            )
        )
        if result.waived:
            decisions.append(
                decide(
                    "R7",
                    f"The range target was not needed: from day {waiver_day(phase.gate)} of a phase "
                    "the next one opens on green pain even if the range is short, so a slow range "
                    "never holds you back for ever. Keep up the stretches: they stay in the plan.",
                )
            )
        self.phase_idx += 1
        self.phase_start = d
        self.week = 1
        if nxt.gate is None or self.phase_idx == len(self.program.phases) - 1:
            return ()
        return evaluate_gate(nxt.gate, self._context(n, d, zone, 0)).checks

    # -- weekly progression (program data) ----------------------------------------------------------
    def _progress_week(self, d: int, held: bool, decisions: list[Decision]) -> None:
        phase = self.phase
        target = (d - self.phase_start) // 7 + 1
        if target <= self.week:
            return
        change = next((c for c in phase.weeks if c.week == self.week + 1), None)
        if change is None:
            self.week += 1
            return
        if held:
            decisions.append(
                decide(
                    "R9",
                    f"Week {change.week}'s dose increase in the {phase.name.lower()} phase is held "
                    "back while pain is not green or a regression is in force.",
                )
            )
            return
        self.week += 1
        names = ", ".join(self.library[e].name.lower() for e in change.doses if e in self.library)
        note = f" {change.note}" if change.note else ""
        decisions.append(
            decide(
                "week", f"Week {change.week} of the {phase.name.lower()} phase:{note} ({names})."
            )
        )

    # -- R10: strength steps ------------------------------------------------------------------------
    def _strength(self, n: int, d: int, held: bool, decisions: list[Decision]) -> None:
        if n == 0:
            return
        log = self.tl.workouts.get(d - 1)
        built = self.built[n - 1]
        if log is None or built is None or log.status == "skipped":
            return
        green = self.zones[n - 1] is Zone.green
        for exercise_id, target in built.strength_reps.items():
            reps = [
                e.reps
                for e in log.exercises
                if e.exercise == exercise_id and e.reps is not None and e.status != "skipped"
            ]
            if not reps:
                continue
            if green and min(reps) >= target + EXTRA_REPS_TO_PROGRESS:
                self.streaks[exercise_id] = self.streaks.get(exercise_id, 0) + 1
            else:
                self.streaks[exercise_id] = 0
            step = built.next_steps.get(exercise_id)
            if self.streaks[exercise_id] < CONSECUTIVE_GREEN_WORKOUTS or step is None:
                continue
            name = self.library[exercise_id].name
            if held:
                decisions.append(
                    decide(
                        "R10",
                        f"{name} is ready to step up, but that waits while pain is not green.",
                    )
                )
                continue
            self.steps[exercise_id] = self.steps.get(exercise_id, 0) + 1
            self.streaks[exercise_id] = 0
            decisions.append(
                decide(
                    "R10",
                    f"{name}: you did {min(reps)} reps against a target of {target} on "
                    f"{CONSECUTIVE_GREEN_WORKOUTS} workouts running with green pain, so it steps up: "
                    f"{step}.",
                )
            )

    # -- R11 and R5: exclusions ------------------------------------------------------------------------
    def _exclusions(
        self, n: int, d: int, decisions: list[Decision]
    ) -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
        tags = set(self.pain_tags)
        if "deep_hip_flexion" in tags:
            late = d - self.episode_start >= FLEXION_REINTRODUCED_AFTER_DAYS
            recent = self.zones[max(0, n - FLEXION_GREEN_DAYS + 1) : n + 1]
            green = len(recent) == FLEXION_GREEN_DAYS and all(z is Zone.green for z in recent)
            back = late and green
            if back != self.flexion_back:
                self.flexion_back = back
                decisions.append(
                    decide(
                        "R11",
                        f"After {FLEXION_REINTRODUCED_AFTER_DAYS // 7} weeks and {FLEXION_GREEN_DAYS} "
                        "days of green pain, exercises that bend the hip deeply come back. Keep "
                        "checking: if sit-bone pain goes above 3, they will be left out again."
                        if back
                        else "Pain is no longer green every day, so exercises that bend the hip "
                        "deeply are left out again.",
                    )
                )
            if back:
                tags.discard("deep_hip_flexion")
        by = [(tag, "R11") for tag in sorted(tags)]
        if self.watch.bony() is not None:
            tags.add("end_range_rotation")
            by.append(("end_range_rotation", "R5"))
        return frozenset(tags), tuple(by)

    # -- building the workout -----------------------------------------------------------------------
    def _build(
        self,
        phase: Phase,
        template_id: str,
        excluded: frozenset[str],
        excluded_by: tuple[tuple[str, str], ...],
        pre_run: bool,
    ) -> BuiltWorkout:
        change_weeks = [c.week for c in phase.weeks if c.week <= self.week]
        asymmetry = self.watch.asymmetry
        mods = Modifiers(
            week=max(change_weeks, default=1),
            level=self.level,
            excluded=excluded,
            excluded_by=excluded_by,
            limited_side=asymmetry.side if asymmetry else None,
            pre_run=pre_run,
            strength_steps=tuple(sorted((k, v) for k, v in self.steps.items() if v)),
        )
        key = (self.phase_idx, template_id, mods)
        built = self.cache.get(key)
        if built is None:
            template = next(w for w in phase.workouts if w.id == template_id)
            budget = phase.time_budget or self.program.time_budget
            built = build_workout(phase, template, self.library, mods, budget.max_minutes)
            self.cache[key] = built
        return built


def plan_days(
    program: Program,
    exercises: Mapping[str, Exercise],
    profile: Profile,
    history: History,
    start: dt.date,
    end: dt.date,
    *,
    pre_run_days: Iterable[dt.date] = frozenset(),
) -> list[DayPlan]:
    """Every day's plan from `start` (day 0) to `end` inclusive, in one pass.

    `pre_run_days` are days on which a run follows the workout (R8), besides the history's
    `running_days`. Raises ValueError when `end` is before `start` or the program names an
    exercise that is not in `exercises`.
    """
    if end < start:
        raise ValueError(f"the end ({end}) is before the start ({start})")
    check_program(program, exercises)
    fold = _Fold(program, exercises, profile, Timeline(history), start, pre_run_days)
    return [fold.day(n) for n in range((end - start).days + 1)]


def plan(
    program: Program,
    exercises: Mapping[str, Exercise],
    profile: Profile,
    history: History,
    start: dt.date,
    today: dt.date,
    *,
    pre_run: bool = False,
) -> DayPlan:
    """Today's plan for a person who started `program` on `start` (day 0).

    With `pre_run`, a run follows today's workout (R8). Raises ValueError when `today` is
    before `start` or the program names an exercise that is not in `exercises`.
    """
    if today < start:
        raise ValueError(f"today ({today}) is before the start ({start})")
    days = frozenset({today}) if pre_run else frozenset()
    return plan_days(program, exercises, profile, history, start, today, pre_run_days=days)[-1]
