"""The rule registry: every rule the engine applies, with its threshold and evidence.

One registry (rule id → `Rule`) is the single source for the decisions' evidence references, for
the rule table in `docs/rules.md` (and `docs/rules.de.md`) and for the web's rules page. Print
the table with `python -m hipcoach.engine` (`--language de` for German).
The thresholds are built from `hipcoach.engine.constants`, so the table cannot drift from code.

A rule's words (its name, condition, action, threshold and confidence) are kept as made
(`Said`: an English format string and its values, written through `_` so the catalogue finds
them) and put into a reader's `Words` when shown (`Rule.in_words`); the evidence, `Author Year`
as on the evidence sheet, is the same in every language.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from hipcoach.engine import constants as c
from hipcoach.engine.types import Decision
from hipcoach.engine.words import ENGLISH, Listed, Said, Words
from hipcoach.engine.words import said as _
from hipcoach.vocabulary import Method


@dataclass(frozen=True, slots=True)
class RuleText:
    """A rule as a reader sees it: every cell in their words."""

    id: str
    title: str
    condition: str
    action: str
    threshold: str
    evidence: str
    confidence: str


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: Said
    condition: Said
    action: Said
    threshold: Said
    evidence: str  # `Author Year; ...` as on the evidence sheet: the same in every language
    confidence: Said

    def in_words(self, words: Words = ENGLISH) -> RuleText:
        """The rule in `words` (English by default)."""
        return RuleText(
            self.id,
            self.title.render(words),
            self.condition.render(words),
            self.action.render(words),
            self.threshold.render(words),
            self.evidence,
            self.confidence.render(words),
        )


def _n(value: float) -> float | int:
    """A number as the table writes it: a whole number without its ".0" (the reader's decimal
    mark for the others, when shown)."""
    return int(value) if float(value).is_integer() else value


def _per_degrees(values: Mapping[str, float], *, between: str) -> Listed:
    """Degrees by code ("6° inclinometer/goniometer; 10° phone"): numbers and codes only,
    the same in every language but for the decimal mark."""
    by_value: dict[float, list[str]] = {}
    for code, value in values.items():
        by_value.setdefault(value, []).append(f"`{code}`")
    return Listed(
        tuple(
            Said("{degrees}° {codes}", (("degrees", _n(v)), ("codes", "/".join(codes))))
            for v, codes in sorted(by_value.items())
        ),
        between=between,
        last=False,
    )


def _mdc_text() -> Listed:
    return _per_degrees(c.MDC_BY_METHOD, between="; ")


def _normal_ranges() -> Listed:
    return Listed(
        tuple(
            Said("{degrees}° {codes}", (("degrees", _n(v)), ("codes", f"`{k}`")))
            for k, v in c.NORMAL_IR_MIN_DEG.items()
        ),
        between=", ",
        last=False,
    )


def _set_text(values: frozenset[str]) -> str:
    """Codes (areas, goals) in their order, each as code: "`groin`/`hip_front`"."""
    return "/".join(f"`{v}`" for v in sorted(f"{v}" for v in values))


def _codes(values: Sequence[str]) -> str:
    """Codes (load tags, answers) as listed, each as code: "`kneeling`, `impact`"."""
    return ", ".join(f"`{v}`" for v in values)


def _area_text() -> Listed:
    """What each pain area leaves out on its own (R11), from `PAIN_AREA_EXCLUSIONS`."""
    parts: list[object] = [
        _("{area}: no {tags}", area=f"`{area}`", tags=_codes(entry.excluded))
        for area, entry in c.PAIN_AREA_EXCLUSIONS.items()
        if entry.excluded
    ]
    rest = [f"`{area}`" for area, entry in c.PAIN_AREA_EXCLUSIONS.items() if not entry.excluded]
    parts.append(_("{areas}: nothing left out (pain guides, R9)", areas=", ".join(rest)))
    return Listed(tuple(parts), between="; ", last=False)


_RULES: tuple[Rule, ...] = (
    Rule(
        "R1",
        _("Like-for-like measurement"),
        _("An IR or ER test is recorded (position, method, trials per side)."),
        _(
            "Use the mean of the trials; compare a test only with earlier tests of the same "
            "position, method and kind; say so when a test has no like-for-like partner."
        ),
        _("{trials} trials per side (UNSOURCED)", trials=c.TRIALS_PER_TEST),
        "Kouyoumdjian 2012; Roach 2013",
        _("High"),
    ),
    Rule(
        "R2",
        _("Real change or no detectable change, by trend"),
        _(
            "A test is compared with the previous like-for-like test, the first one and the "
            "best one of the current run of the program."
        ),
        _(
            "Call a change real only when it reaches the method's minimal detectable change; "
            "otherwise say 'no detectable change'. A value below the best by the MDC is 'a real "
            "loss since your best': it holds the phase (an unmet gate line no waiver lifts) "
            "until a later test is back within the MDC of the best or a clinician clears it. A "
            "change beyond the MDC plus what range can change in the days between is set aside: "
            "flag `reassess`, ask for a re-test, change nothing; a re-test that agrees with it "
            "confirms it."
        ),
        _(
            "MDC {mdc} ({camera} UNSOURCED: no more precise than the phone clinometer until "
            "validated); plausible change ≤ MDC + {per_week}° a week between tests (UNSOURCED "
            "inference); re-test asked for {retest} days (UNSOURCED)",
            mdc=_mdc_text(),
            camera=f"`{Method.camera_guided.value}`",
            per_week=_n(c.PLAUSIBLE_CHANGE_DEG_PER_WEEK),
            retest=c.RETEST_ASK_DAYS,
        ),
        "Krause; Gradoz 2018; Spork 2021; Moreside & McGill 2012",
        _("Moderate"),
    ),
    Rule(
        "R3",
        _("Asymmetry"),
        _(
            "abs(left − right) IR is at least the threshold and above the method's MDC on two "
            "tests of the same position and method at least 48 h apart, the same side lower "
            "both times."
        ),
        _(
            "Flag `asymmetry`; the limited side's per-side exercises get extra sets, listed "
            "first, never past the set cap (strength: the R10 maximum) and none while a bony "
            "limit is suspected (R5), pain holds the whole person's progress (R9), or the "
            "limited side is the painful one (R9 by side: pain on the other side only does not "
            "hold them); an exercise tagged `end_range_rotation` gets none while the person has "
            "pain at the hip (painful end range is not forced; R16 and R5 leave such work out "
            "altogether), unless the pain reports say that pain is on the other side. The flag "
            "ends when a test in the same position, by the same method or one at least as "
            "precise (an MDC no larger), shows a difference within that method's MDC."
        ),
        _(
            "≥{degrees}° and > MDC; tests ≥{hours} h apart; +{sets} set, traded within the time "
            "budget (never over it); no extra end-range set with pain in {areas} (UNSOURCED "
            "beyond the osteoarthritic hip), unless every hip pain report of the last {days} "
            "days names the other side (UNSOURCED)",
            degrees=_n(c.ASYMMETRY_MIN_DEG),
            hours=c.ASYMMETRY_MIN_GAP_DAYS * 24,
            sets=c.ASYMMETRY_EXTRA_SETS,
            areas=_set_text(c.PAINFUL_HIP_AREAS),
            days=c.END_RANGE_SIDE_DAYS,
        ),
        "Ellison 1990; Kouyoumdjian 2012; NICE NG226",
        _("Low–mod"),
    ),
    Rule(
        "R4",
        _("Markedly limited internal rotation"),
        _("The latest IR test at a position shows a side below the threshold."),
        _("Flag `limited_ir` and advise a check with a clinician; the program goes on."),
        _(
            "IR <{degrees}° in any position, or <{prone}° prone",
            degrees=_n(c.LIMITED_IR_DEG),
            prone=_n(c.LIMITED_IR_PRONE_DEG),
        ),
        "Altman 1991",
        _("Moderate"),
    ),
    Rule(
        "R5",
        _("Suspected bony limit"),
        _(
            "For a side below the normal range for its position: ER − IR reaches the threshold "
            "at a like-for-like test; or, after the adherent weeks, the stiffer side has stayed "
            "limited, never recorded a real gain or a higher value it has lost, and the trend "
            "of its like-for-like tests (least-squares slope over the run) would not reach the "
            "method's MDC within the response window, and the tests do not rise steadily (a "
            "trend of several tests has far less error than one pair: a rise at nearly every "
            "test is a gain, not a block)."
        ),
        _(
            "Flag `bony_block_suspected` and `refer`; leave out exercises tagged "
            "`end_range_rotation` (a safe regression stands in when the library has one)."
        ),
        _(
            "ER − IR ≥{degrees}°; or slope × {weeks} weeks < MDC after {adherent} weeks with "
            "≥{workouts} workouts done, tests spanning ≥{days} days, best value <{below}° "
            "(UNSOURCED); no steady rise (Mann-Kendall one-sided z ≥{z} over ≥{tests} tests, "
            "UNSOURCED); normal range from {normal}",
            degrees=_n(c.BONY_ER_MINUS_IR_DEG),
            weeks=c.BONY_RESPONSE_WEEKS,
            adherent=c.BONY_ADHERENT_WEEKS,
            workouts=c.ADHERENT_WEEK_MIN_DAYS,
            days=c.BONY_TREND_MIN_DAYS,
            below=_n(c.BONY_LIMITED_BELOW_DEG),
            z=_n(c.BONY_STEADY_RISE_Z),
            tests=c.BONY_STEADY_RISE_MIN_TESTS,
            normal=_normal_ranges(),
        ),
        "Uding 2019; Gribble 1999; Kouyoumdjian 2012",
        _("Low–mod"),
    ),
    Rule(
        "R6",
        _("Stretching dose"),
        _(
            "A static stretch in today's workout holds for less or more than the allowed range; "
            "or a target (per side) gets less or more static stretching than the per-workout "
            "range."
        ),
        _(
            "Bring the hold into the range (no shorter than the minimum, no longer than the "
            "maximum); say when a target gets too little (e.g. on an eased-off day) or too much. "
            "Run days are held to the same dose: their long holds move to after the run (R8), "
            "never dropped."
        ),
        _(
            "holds {low}–{high} s (aim {aim} s); ≥{target} s per target per workout, about "
            "{most} min at most",
            low=c.HOLD_MIN_S,
            high=c.HOLD_MAX_S,
            aim=c.HOLD_TARGET_S,
            target=c.TARGET_MIN_S_PER_WORKOUT,
            most=c.TARGET_MAX_S_PER_WORKOUT // 60,
        ),
        "Bandy 1994; Ayala 2010; Thomas 2018; Ingram 2024",
        _("High / Mod"),
    ),
    Rule(
        "R7",
        _("Weekly reassessment; strength after week 3"),
        _(
            "Every 7th day from the start (and each day of the first week while no test is on "
            "record); and a gate whose maximum days have passed (or, without a maximum, after "
            "week 3)."
        ),
        _(
            "Flag `reassess` (re-test both sides, answer the red-flag questions). Past the "
            "gate's maximum, range criteria are waived and the phase opens on green pain."
        ),
        _(
            "every {days} days; range waived from the gate's `max_days` (default day {waiver}) "
            "when today's pain is green",
            days=c.REASSESS_EVERY_DAYS,
            waiver=c.RANGE_WAIVER_DAYS,
        ),
        "JSR 2015; Gribble 1999",
        _("Moderate"),
    ),
    Rule(
        "R8",
        _("No long static holds before a run"),
        _("A run follows today's workout."),
        _(
            "Put each static stretch's moving alternative before the run and move the stretch, "
            "at its full dose, to after the run (or later in the day), and say when; a static "
            "stretch without an alternative that would bring a muscle (target, per side) to the "
            "limit before the run moves there whole. The day keeps its stretching dose (R6)."
        ),
        _(
            "static stretching <{seconds} s per muscle before the run",
            seconds=c.PRE_RUN_STATIC_LIMIT_S,
        ),
        "Behm 2016",
        _("High"),
    ),
    Rule(
        "R9",
        _("Pain zones"),
        _(
            "Pain (NPRS) reported today, or carried from the last report; next-morning pain "
            "compared with the person's usual level and with the week before."
        ),
        _(
            "Green may progress. Amber holds: no dose increase, no phase advance. Red stops the "
            "day's loading, regresses one level and holds. Next-morning pain at or above the "
            "usual level + 2 regresses one level. A level is won back after days free of amber "
            "and red, counted only once pain at rest or on waking is back within the margin of "
            "the usual level. The usual level is the lowest settled one of the last weeks, not a "
            "moving average: the 24-hour rule expects next-morning pain to settle back, so a "
            "rise that goes on must not become the new usual. Next-morning pain that rises week "
            "on week holds the weekly step and the phase move. By side: a report names left, "
            "right or both (the default: the whole person), and each side's zone is that of the "
            "latest report covering it. When the pain that is not green is on one side only, "
            "with no regression, red day or other hold in force, that side gets no extra load "
            "(no asymmetry set, no weekly dose increase for its work or for work with both legs, "
            "which loads it too) while the other side's work progresses on time; the phase move "
            "and strength steps, which apply to both sides, still wait. The side then catches up "
            "one dose week at a time, a week apart. Pain on both sides, red days, flares and "
            "every safety rule stay whole-person. (UNSOURCED as a rule by side: the "
            "pain-monitoring model read on the side that is loaded, as pain is checked on the "
            "loaded task, Goom 2016.) By place: every place counts as pain (knee pain too: the "
            "program turns, squats and lunges through the knee, and knee pain can come from the "
            "hip, Peck 2017; an unsaid place is read as the hip); while knee pain is not green, "
            "exercises that put weight on a knee are left out."
        ),
        _(
            "green 0–{green}, amber {amber_low}–{amber}, red >{amber}; flare ≥ usual + {flare} "
            "(usual: the lowest weekly median of rest and next-morning reports in the last "
            "{anchor} days, weeks with ≥{week_reports} reports, else their median, else the "
            "latest earlier one; UNSOURCED); settled within {margin} of usual (UNSOURCED); "
            "weekly next-morning mean up ≥{rise} on the week before, ≥{rise_reports} reports a "
            "week (UNSOURCED); a report carries {carry} days (red carries as amber); at most "
            "{levels} levels; {recovery} days to win one back; a side catches up one dose week "
            "each {week_days} days (UNSOURCED: the weekly step's own pace); knee pain leaves out "
            "kneeling (UNSOURCED: the painful structure is not loaded directly, as in the "
            "pain-monitoring model)",
            green=c.GREEN_MAX,
            amber_low=c.GREEN_MAX + 1,
            amber=c.AMBER_MAX,
            flare=c.FLARE_RISE,
            anchor=c.BASELINE_ANCHOR_DAYS,
            week_reports=c.BASELINE_WEEK_MIN_REPORTS,
            margin=c.SETTLED_MARGIN,
            rise=_n(c.MORNING_RISE_STEP),
            rise_reports=c.MORNING_RISE_MIN_REPORTS,
            carry=c.PAIN_CARRY_DAYS,
            levels=c.MAX_REGRESSION_LEVEL,
            recovery=c.RECOVERY_DAYS,
            week_days=c.WEEK_MIN_DAYS,
        ),
        "Silbernagel 2007; Goom 2016; Childs 2005; Peck 2017",
        _("Moderate"),
    ),
    Rule(
        "R10",
        _("Strength progression"),
        _(
            "A strength exercise was logged at its target + 1 or more reps on consecutive "
            "workouts whose pain was green, and its dose has not changed (a load step or a "
            "weekly change) for the minimum interval."
        ),
        _(
            "Step up once, one rung: the next load word of its ladder (e.g. light band → medium "
            "band), else more reps up to the top of the range, else one more set. A weekly "
            "change to the same exercise waits out the same interval, so the two never stack."
        ),
        _(
            "{low}–{high} reps, up to {sets} sets; target +{extra} on {workouts} consecutive "
            "green workouts (UNSOURCED count); +{step} reps a step; at most one step per "
            "exercise in {days} days (UNSOURCED interval)",
            low=c.STRENGTH_REPS_MIN,
            high=c.STRENGTH_REPS_MAX,
            sets=c.STRENGTH_SETS_MAX,
            extra=c.EXTRA_REPS_TO_PROGRESS,
            workouts=c.CONSECUTIVE_GREEN_WORKOUTS,
            step=c.STRENGTH_REPS_STEP,
            days=c.LOAD_STEP_MIN_DAYS,
        ),
        "ACSM 2009",
        _("Moderate"),
    ),
    Rule(
        "R11",
        _("Pain areas (sit-bone pain)"),
        _(
            "The profile lists a pain area with excluded load tags (every area has an entry in "
            "the data; only sit-bone pain leaves tags out on its own)."
        ),
        _(
            "Leave out exercises with those tags and put in the first easier exercise of their "
            "regression chain without them; when there is none, leave the exercise out and say "
            "so. Deep flexion comes back only late and while pain stays green."
        ),
        _(
            "{areas}; deep flexion back after day {day} if the last {days} days were green",
            areas=_area_text(),
            day=c.FLEXION_REINTRODUCED_AFTER_DAYS,
            days=c.FLEXION_GREEN_DAYS,
        ),
        "Goom 2016; Beatty 2017",
        _("Mod / Low"),
    ),
    Rule(
        "R12",
        _("Red flags"),
        _(
            "Any 'yes' to a red flag in the safety screen (at the start, at a weekly check, or "
            "whenever the person answers it). A painful hop or a jump in training is not a red "
            "flag on its own: it counts in R17's picture."
        ),
        _(
            "Stop the program from that day on and refer, with wording that matches the "
            "urgency: emergency for cauda-equina signs; same-day for fracture, infection or "
            "tendon-avulsion signs; soon for the others. Only a recorded clinician clearance "
            "ends the stop; a later 'yes' stops again."
        ),
        _("any yes"),
        "NHS Gloucestershire; NHS Lothian; NICE; Robertson 2017; Subbu 2015",
        _("High"),
    ),
    Rule(
        "R13",
        _("No meaningful improvement, or worsening"),
        _(
            "After the review period, pain has not fallen by the threshold (nor PSFS risen by "
            "it, when recorded); or, at a weekly check, the mean pain of each of the last "
            "complete weeks has risen over the week before, two weeks running; or, at a weekly "
            "check, pain was in the red zone on most of the days it was reported in the last two "
            "weeks (days without a report are unknown, not counted), with enough reports to say "
            "so."
        ),
        _(
            "Flag `refer`: recommend seeing a clinician; the program goes on. A referral for "
            "rising pain stays while the pain stays up: until a weekly check finds the last "
            "week's mean back below the week before the rise plus the step."
        ),
        _(
            "from day {day}: NPRS improvement <{nprs} (judged when the first week averaged "
            "≥{start}, UNSOURCED) and PSFS improvement <{psfs}; or weekly mean pain up ≥{step} "
            "for {weeks} weeks; or red on ≥{share} of the reported days of the last {days}, "
            "with ≥{reports} reports (UNSOURCED)",
            day=c.REVIEW_AFTER_DAYS,
            nprs=_n(c.NPRS_MIN_IMPROVEMENT),
            start=c.NPRS_REVIEW_MIN_START,
            psfs=_n(c.PSFS_MIN_IMPROVEMENT),
            step=_n(c.WORSENING_STEP),
            weeks=c.WORSENING_WEEKS,
            share=f"{c.RED_REFER_SHARE:.0%}",  # a number and its unit, "70%"
            days=c.RED_REVIEW_DAYS,
            reports=c.RED_MIN_REPORTS,
        ),
        "Childs 2005; Stratford 1995; Silbernagel 2007",
        _("Moderate"),
    ),
    Rule(
        "R14",
        _("Gaps and lapse"),
        _("No workout done (or partly done) for a full week, or for the lapse period."),
        _(
            "Each full week without a workout: the phase's doses step back one week of changes "
            "and each earned load step back one rung, and impact (hops, skips, runs) waits until "
            "a few workouts are done after the return. After the lapse period: flag `lapsed` "
            "and `reassess`; assume the range is back to baseline and restart the first phase "
            "from the day the person returns."
        ),
        _(
            "a step back every {days} days without a workout (UNSOURCED proportion); impact "
            "after {workouts} workouts (UNSOURCED); lapse ≥{lapse} days without a workout",
            days=c.GAP_STEP_DAYS,
            workouts=c.IMPACT_RETURN_WORKOUTS,
            lapse=c.LAPSE_DAYS,
        ),
        "Willy 2001; Mujika 2000; Robertson 2017",
        _("Moderate"),
    ),
    Rule(
        "R15",
        _("A young person's painful hip"),
        _(
            "Age under the adult age, pain in an area where a slipped growth plate is felt, and "
            "a test with a side under the limited-IR threshold or one side far below the other; "
            "or no IR test yet."
        ),
        _(
            "Stop the program and refer the same day, worded for a parent or carer: no sport, "
            "running, jumping or standing exercise until seen. Only a recorded clinician "
            "clearance ends the stop. With no test yet, no workout until both hips are measured "
            "(then the test decides) or a clearance is recorded."
        ),
        _(
            "age <{age}; areas {areas}; IR <{degrees}° or one side ≥{gap}° lower (gap UNSOURCED)",
            age=c.ADULT_AGE,
            areas=_set_text(c.GROWTH_PLATE_AREAS),
            degrees=_n(c.LIMITED_IR_DEG),
            gap=_n(c.YOUNG_IR_GAP_DEG),
        ),
        "Peck 2017",
        _("Moderate"),
    ),
    Rule(
        "R16",
        _("An older adult's stiff, painful hip"),
        _(
            "Age in the older band, groin or front-of-hip pain, and the latest test at a "
            "position with a side under the limited-IR threshold (the clinical picture of hip "
            "osteoarthritis)."
        ),
        _(
            "Keep exercising (a core treatment), without the tags listed (end-range rotation "
            "among them: painful end range is not forced), and say why and whom to see (a "
            "routine review). In force until a clinician's review is recorded (a later test "
            "does not end it: a few degrees can be measurement error, R2)."
        ),
        _(
            "age ≥{age}; areas {areas}; IR <{degrees}°; leaves out {tags}",
            age=c.OLDER_ADULT_AGE,
            areas=_set_text(c.OSTEOARTHRITIS_AREAS),
            degrees=_n(c.LIMITED_IR_DEG),
            tags=_codes(c.OSTEOARTHRITIS_EXCLUDED),
        ),
        "Altman 1991; NICE NG226",
        _("Moderate"),
    ),
    Rule(
        "R17",
        _("Signs of a stressed femoral neck"),
        _(
            "Groin or front-of-hip pain in someone whose goals include running or sport, and a "
            "'yes' to night pain, a painful hop or a recent jump in training."
        ),
        _(
            "Stop the program (no impact) and refer the same day. Only a recorded clinician "
            "clearance ends the stop."
        ),
        _(
            "areas {areas}; goals {goals}; any of {signs}",
            areas=_set_text(c.STRESS_FRACTURE_AREAS),
            goals=_set_text(c.STRESS_FRACTURE_GOALS),
            signs=_codes(c.STRESS_FRACTURE_SIGNS),
        ),
        "Robertson 2017",
        _("Moderate"),
    ),
    Rule(
        "R18",
        _("Severe pain"),
        _(
            "Pain at or above the threshold during a workout (acted on from the next day) or on "
            "waking."
        ),
        _(
            "No workout and no progression until the safety questions are answered again (a "
            "screen dated on or after that day); then R9's regression and hold carry on."
        ),
        _(
            "pain ≥{pain}/10 ({timings}) (UNSOURCED)",
            pain=c.SEVERE_PAIN,
            timings=_codes(c.SEVERE_PAIN_TIMINGS),
        ),
        "Silbernagel 2007",
        _("Low"),
    ),
    Rule(
        "R19",
        _("Severe pain that comes back"),
        _(
            "Pain at or above the severe threshold (during a workout or on waking) on the given "
            "number of different days within the window, counted since the last clinician's "
            "clearance, whatever the safety questions answered."
        ),
        _(
            "Flag `refer`: see a physiotherapist or doctor in the next few days, with the dates. "
            "Hold all progression (no dose increase, no strength step, no next phase) until a "
            "clinician's clearance is recorded on or after the day the referral began; workouts "
            "go on at the level pain allows (R9, and R18 for each severe report). The threshold "
            "is UNSOURCED: severe pain more than once within days lies outside the "
            "pain-monitoring model and at the edge of the red-flag list's constant or night pain."
        ),
        _(
            "pain ≥{pain}/10 on ≥{days} days within {window} days (UNSOURCED)",
            pain=c.SEVERE_PAIN,
            days=c.SEVERE_REPEAT_DAYS,
            window=c.SEVERE_REPEAT_WINDOW_DAYS,
        ),
        "Silbernagel 2007; NHS Gloucestershire",
        _("Low"),
    ),
    Rule(
        "R20",
        _("Partial adherence: the work done counts"),
        _(
            "A phase gate's adherence line (a share of the planned workouts over a window) is "
            "not met."
        ),
        _(
            "The line is also met once the phase's worth of training is done (the share times "
            "the gate's minimum days, in workouts done in the phase since its last full week "
            "without one (R14), a partial one counting half) while the window's share stays at "
            "the weekly floor or more: someone who does about half the workouts moves on later, "
            "not never. From the gate's minimum days, while the line is unmet, the plan says "
            "what would move the person on and how many workouts are left; below the floor it "
            "says that range then fades about as fast as it builds, and suggests three fixed "
            "days a week."
        ),
        _(
            "the phase's worth: gate share × `min_days`; floor {floor} workouts a week (UNSOURCED "
            "as a floor: the three-a-week arm of Cipriani 2012)",
            floor=c.ADHERENCE_MIN_PER_WEEK,
        ),
        "Cipriani 2012; Willy 2001; Mujika 2000",
        _("Low–mod"),
    ),
    Rule(
        "gate",
        _("Phase gate (program data)"),
        _(
            "The phase's gate: minimum days reached and every criterion met (range, pain, "
            "adherence), with no amber or red pain, no regression and no real loss of range (R2) "
            "in force. A range criterion reads only tests by the method of the first test at "
            "that position or a more precise one."
        ),
        _("Move to the next phase; the weekly progressions start again at week 1."),
        _("program data: `min_days`, `max_days`, `criteria`"),
        "Tijssen 2016; MLTJ 2016",
        _("Moderate"),
    ),
    Rule(
        "week",
        _("Weekly progression (program data)"),
        _(
            "A week of training is done since the last dose week began (the program's "
            "`week_workouts` workouts done or partly done, and at least 7 days), and the phase "
            "lists dose changes for the next week."
        ),
        _(
            "Apply the week's changes on top of the earlier weeks' (one week at a time); held "
            "back while pain is amber or red or a regression is in force (for the painful side's "
            "work and work with both legs only, when the pain is on one side: R9), and while one "
            "of its exercises had a load step (R10) within the minimum interval."
        ),
        _(
            "program data: `weeks`, `week_workouts`; at least {days} days between weeks; "
            "{step} days after a load step",
            days=c.WEEK_MIN_DAYS,
            step=c.LOAD_STEP_MIN_DAYS,
        ),
        "Tijssen 2016; Cipriani 2012",
        _("Moderate"),
    ),
    Rule(
        "end",
        _("Planned length reached (program data)"),
        _("The program's planned weeks are over (the end day and the days after it)."),
        _(
            "Say so for a week from the end day, with what comes next for this program (program "
            "data: the program to go on to, the phase that stays as the routine) and its outcome "
            "re-test (flag `reassess`, until an IR test is recorded that is measured, not an "
            "estimate by eye, and at least as precise as the first test at its position, R1; a "
            "test that is not is named and the re-test asked for again). The routine goes on, "
            "since range gained fades within weeks of stopping. Nothing progresses by this rule."
        ),
        _(
            "program data: `weeks`, `end`; notice for {days} days (UNSOURCED)",
            days=c.END_NOTICE_DAYS,
        ),
        "Willy 2001; Roach 2013; Spork 2021",
        _("Moderate"),
    ),
    Rule(
        "check",
        _("Readiness check (program data)"),
        _(
            "A check exercise (hop readiness) was in yesterday's workout, the workout was logged "
            "done or partly done, and pain was reported during it."
        ),
        _(
            "Pain at or below the block's pass mark passes: what it gates goes ahead. Above it "
            "fails: the load tags it holds (e.g. running, impact) are left out and, when the "
            "block says so, the phase's gate waits for a pass; the plan says so, and when to try "
            "again (the check is left out until then). A check that fails repeatedly in a phase "
            "suggests a physiotherapist look (flag `refer`); the rest of the plan goes on."
        ),
        _(
            "program data: `pass_max_pain` (≤2/10 in the shipped programs, UNSOURCED), `holds`, "
            "`holds_gate`, `retry_days`; refer after {fails} fails (UNSOURCED)",
            fails=c.CHECK_FAILS_REFER,
        ),
        "Robertson 2017",
        _("Low"),
    ),
    Rule(
        "budget",
        _("Time budget (program data)"),
        _(
            "Today's workout, before the asymmetry sets, runs over the phase's maximum minutes "
            "(after swaps and regressions)."
        ),
        _(
            "Take sets off the last exercises with more than one, then leave out the last "
            "exercises, until it fits."
        ),
        _("program data: `time_budget.max_minutes`"),
        "UNSOURCED",
        _("Low"),
    ),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}


def decide(rule_id: str, reason: Said | str) -> Decision:
    """A decision under `rule_id`, carrying the rule's evidence; its reason kept as made
    (`Said`: in each reader's words when shown)."""
    return Decision.of(rule_id, reason, RULES[rule_id].evidence)


def decide_later(rule_id: str, make: Callable[[], Said]) -> Decision:
    """`decide`, the reason made by `make` only when it is read (`Decision.later`): for the
    long reasons of a test day, which most passes over the days never show."""
    return Decision.later(rule_id, make, RULES[rule_id].evidence)


def rule_texts(words: Words = ENGLISH) -> tuple[RuleText, ...]:
    """Every rule, in the registry's order, in `words`."""
    return tuple(rule.in_words(words) for rule in _RULES)


ENGLISH_COMMAND = "python -m hipcoach.engine > docs/rules.md"  # what writes docs/rules.md
_INTRO = _(
    "Every rule the engine applies, its threshold and the evidence behind it. Each decision in "
    "a day's plan names its rule id. Thresholds come from `hipcoach/engine/constants.py` or "
    "from the program's data; UNSOURCED marks a conservative default a clinician may override. "
    "References are those of the evidence sheet."
)
# The table's column headings, by the `RuleText` field under each.
RULE_HEADINGS: dict[str, Said] = {
    "id": _("id"),
    "title": _("rule"),
    "condition": _("condition"),
    "action": _("action"),
    "threshold": _("threshold"),
    "evidence": _("evidence"),
    "confidence": _("confidence"),
}


def intro(words: Words = ENGLISH) -> str:
    """What the rules are and where their numbers come from, in `words`."""
    return _INTRO.render(words)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_markdown(words: Words = ENGLISH, *, command: str = ENGLISH_COMMAND) -> str:
    """The rule table as Markdown in `words`: the text of `docs/rules.md` (English) or of
    `docs/rules.de.md` (German words, and the `command` that writes it in its header)."""
    headings = [heading.render(words) for heading in RULE_HEADINGS.values()]
    lines = [
        "# " + _("Rules").render(words),
        "",
        "<!-- "
        + _("Generated by `{command}`; do not edit.", command=command).render(words)
        + " -->",
        "",
        textwrap.fill(intro(words), width=88),
        "",
        "| " + " | ".join(headings) + " |",
        "|" + "---|" * len(headings),
    ]
    for rule in rule_texts(words):
        cells = [getattr(rule, field) for field in RULE_HEADINGS]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"
