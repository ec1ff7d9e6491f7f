"""Every threshold the engine uses, named once, with where it comes from.

The rule table (`hipcoach.engine.rules`) builds its threshold column from these values, so a
change here shows up in `docs/rules.md` (and the drift test tells you to regenerate it).
Values marked UNSOURCED are conservative defaults a clinician may override.
"""

from __future__ import annotations

from dataclasses import dataclass

from hipcoach.content import schema as content_schema
from hipcoach.vocabulary import Goal, Method, PainArea, PainTiming, Position, RedFlag

# R1: measurement
TRIALS_PER_TEST = 3  # the mean of three trials (UNSOURCED: three is the usual clinical habit)

# R2: minimal detectable change by method, in degrees
MDC_DEVICE_DEG = 6.0  # inclinometer or goniometer (Krause; Gradoz 2018)
MDC_SELF_DEG = 10.0  # phone, camera or estimate (Spork 2021)
# The guided seated test read from the phone's own tilt sensor on the shin (`Method.sensor`).
# Seated smartphone clinometer, IR: intra-rater ICC 0.80-0.81, SEM 1.9-3.6°, MDC95 5-10° (evidence
# sheet section 2, mendeley.com/catalogue/70ca53f2...). The conservative end, because those
# figures come from examiners measuring others, while here a person measures alone (no study
# found: evidence sheet section 10, UNSOURCED, says to treat that as the phone's 10° or wider),
# and because 10° is the MDC95 of the larger SEM (1.96 × √2 × 3.6° ≈ 10°).
MDC_SENSOR_SEATED_DEG = 10.0
# The guided seated test read by the phone's camera (`Method.camera_guided`): the shin's angle
# found by a pose model on the phone. No study has measured its error (UNSOURCED): until it is
# validated it is treated as no more precise than the phone clinometer, whose MDC it takes.
# On rendered frames it is within a few degrees (docs/measurement.md), which says nothing of a
# person sitting in a room.
MDC_CAMERA_SEATED_DEG = MDC_SENSOR_SEATED_DEG
MDC_BY_METHOD: dict[str, float] = {
    Method.inclinometer: MDC_DEVICE_DEG,
    Method.goniometer: MDC_DEVICE_DEG,
    Method.phone: MDC_SELF_DEG,
    Method.sensor: MDC_SENSOR_SEATED_DEG,
    Method.camera_guided: MDC_CAMERA_SEATED_DEG,
    Method.camera: MDC_SELF_DEG,
    Method.estimate: MDC_SELF_DEG,
}

# R2 over time: each test against the previous like-for-like test and the best one
PLAUSIBLE_CHANGE_DEG_PER_WEEK = 3.0  # the most range can really change in a week, beyond the
# method's error: six weeks of stretching raised rotation by up to 56% (Moreside & McGill 2012),
# about 17° from 30°, so about 3° a week (UNSOURCED inference)
RETEST_ASK_DAYS = (
    7  # a re-test asked for is asked for a week; then the weekly check asks (UNSOURCED)
)

# R3: asymmetry
ASYMMETRY_MIN_DEG = 10.0  # Ellison 1990 counted hips within 10° as equal
ASYMMETRY_MIN_GAP_DAYS = 2  # two tests at least 48 hours apart
ASYMMETRY_EXTRA_SETS = 1  # one extra set for the limited side's per-side exercises
# The asymmetry sets are traded within the workout's time budget, never added on top: the
# method's primer promises 5-10 minutes a day (product design); no allowance over it
# ... never on an end-range exercise (tag `end_range_rotation`) of a painful hip: pain in one of
# these areas is not recorded by side, and painful end range is not to be forced (NICE NG226,
# for the osteoarthritic hip; UNSOURCED extension to any painful hip, a conservative default)
PAINFUL_HIP_AREAS: frozenset[str] = frozenset(
    {PainArea.glute, PainArea.groin, PainArea.hip_front, PainArea.high_hamstring}
)
# ... unless the pain is on the other side: when every report of hip pain (above 0, at the hip,
# groin, buttock or high hamstring, or at a place not said) of the last 14 days names the other
# side, and there is at least one, the limited side's end-range set goes ahead (UNSOURCED: two
# weeks of reports, about one week's pain carried twice over, R9)
END_RANGE_SIDE_DAYS = 14

# R4: markedly limited internal rotation
LIMITED_IR_DEG = 15.0  # any position (Altman 1991)
LIMITED_IR_PRONE_DEG = 10.0  # hip extended (hip-exam text)

# R5: suspected bony limit
BONY_ER_MINUS_IR_DEG = 20.0  # Uding 2019
BONY_ADHERENT_WEEKS = 4  # weeks of adherent work before "no gain" means something (Gribble 1999)
BONY_RESPONSE_WEEKS = 6  # "no gain": the trend would not reach a detectable change in 6 weeks
# (non-operative FAI guidance allows 6-8 weeks for a response; evidence sheet section 4)
BONY_TREND_MIN_DAYS = 21  # the like-for-like tests must span 3 weeks to show a trend (UNSOURCED)
BONY_LIMITED_BELOW_DEG = 25.0  # "no gain" is judged only for a side that never reached this
# (UNSOURCED: the middle of the "<20-30°" often called limited, evidence sheet section 1)
# R4/R5: where normal internal rotation starts, by position: the lowest healthy-adult mean
# reported (Kouyoumdjian 2012: 35.2° prone, 29.6° supine at 90/90; 27.9° seated, active
# goniometer, evidence sheet section 1). A hip at or above it is never suspected of a bony limit.
NORMAL_IR_MIN_DEG: dict[str, float] = {
    Position.prone: 35.0,
    Position.seated: 28.0,
    Position.supine: 30.0,
}
# ... and never for a side whose tests rise steadily: a trend of several tests has far less error
# than one pair, so a rise at (nearly) every test is a gain even when its size is still under the
# pair MDC. Judged by the Mann-Kendall trend test (rank order only, so it needs no error model):
# one-sided z at least BONY_STEADY_RISE_Z (5% level) over at least BONY_STEADY_RISE_MIN_TESTS
# tests (four tests rising in a row have a 1 in 24 chance of being noise; UNSOURCED: the usual
# statistical convention, no hip-specific source)
BONY_STEADY_RISE_Z = 1.645
BONY_STEADY_RISE_MIN_TESTS = 4
ADHERENT_WEEK_MIN_DAYS = 5  # a week counts as adherent with 5 workouts done (Thomas 2018)

# R6: stretching dose
HOLD_MIN_S = 15  # Bandy 1994: 15 s did less than 30 s
HOLD_TARGET_S = 30  # Bandy 1994: 30 s equalled 60 s
HOLD_MAX_S = 60
TARGET_MIN_S_PER_WORKOUT = 60  # each target at least 60 s a workout (Ayala 2010)
TARGET_MAX_S_PER_WORKOUT = 240  # about 4 minutes a session is where gains level off (Ingram 2024)

# R7: weekly reassessment and the strength fallback
REASSESS_EVERY_DAYS = 7
RANGE_WAIVER_DAYS = 21  # used when a gate gives no max_days: range stops blocking after week 3

# R8: before a run
PRE_RUN_STATIC_LIMIT_S = 60  # static stretching per muscle must stay below this (Behm 2016)

# R9: pain zones (NPRS 0-10)
GREEN_MAX = 3  # 0-3 may progress
AMBER_MAX = 5  # 4-5 hold; above 5 is red
FLARE_RISE = 2  # next-morning pain this far above baseline regresses one level (Childs 2005)
# The usual (baseline) pain a morning is compared with: the lowest settled level of the last
# BASELINE_ANCHOR_DAYS, i.e. the lowest weekly median of rest / next-morning reports among the
# weeks with at least BASELINE_WEEK_MIN_REPORTS of them; else the median of the reports in that
# window; else the latest earlier report. The 24-hour rule expects next-morning pain to settle
# back to where it was, not to climb (Silbernagel 2007, as summarised), so a sustained rise must
# not become the new normal: anchored to the lowest week, it stays visible for four weeks, by
# when R13 has judged the trend (UNSOURCED: how a baseline is set, evidence sheet §10)
BASELINE_ANCHOR_DAYS = 28
BASELINE_WEEK_MIN_REPORTS = 3
SETTLED_MARGIN = 1  # a morning within this of the usual level has settled (less than the NPRS
# MDC of 2, Childs 2005): a flare's level is won back only on such days (UNSOURCED)
# "No week-to-week worsening" (UNSOURCED, quoted with the model): the mean next-morning pain of
# the last 7 days at least this much above the 7 days before holds the weekly step
MORNING_RISE_STEP = 1.0
MORNING_RISE_MIN_REPORTS = 3  # next-morning reports needed in each of the two weeks
PAIN_CARRY_DAYS = 7  # a day with no report takes the last report's zone for this long (UNSOURCED)
MAX_REGRESSION_LEVEL = 2  # at most two steps easier than programmed (UNSOURCED)
RECOVERY_DAYS = 3  # days with no amber or red before stepping back up one level (UNSOURCED)

# R10: strength progression
STRENGTH_REPS_MIN = 8  # ACSM 2009: 8-12 repetitions
STRENGTH_REPS_MAX = 12
STRENGTH_SETS_MAX = 3  # 2-3 sets
STRENGTH_REPS_STEP = 2  # reps added when there is no heavier load word to move to
EXTRA_REPS_TO_PROGRESS = 1  # target + 1-2 reps ...
CONSECUTIVE_GREEN_WORKOUTS = 2  # ... on 2 consecutive green workouts (UNSOURCED count)
# the load words R10 steps through are content vocabulary: the validator checks them too
LOAD_LADDER = content_schema.LOAD_LADDER
LOAD_STEP_MIN_DAYS = 7  # an exercise's dose steps (a load step or a weekly change) at most once
# a week: one rung at a time, each given a week to settle (ACSM 2009 steps; interval UNSOURCED)


# R11 and the person rules: what each pain area does on its own, as data. Every pain area has
# an entry (a test keeps it complete): the load tags it leaves out, the rule that says so and
# its evidence. Areas that leave nothing out are guided by the pain scale (R9); some of them
# also take part in the pictures of the person rules below (R15-R17).
@dataclass(frozen=True, slots=True)
class AreaRule:
    excluded: tuple[str, ...]  # load tags (content `TAG_MEANINGS`) left out
    rule: str  # the rule id that applies
    evidence: str  # `Author Year`, as in the rule registry


_PAIN_GUIDED = AreaRule((), "R9", "Silbernagel 2007")
PAIN_AREA_EXCLUSIONS: dict[str, AreaRule] = {
    PainArea.high_hamstring: AreaRule(
        ("deep_hip_flexion", "ischial_compression", "straight_leg_hamstring_stretch"),
        "R11",
        "Goom 2016; Beatty 2017",
    ),
    PainArea.glute: _PAIN_GUIDED,
    PainArea.hip_front: _PAIN_GUIDED,
    PainArea.groin: _PAIN_GUIDED,
    PainArea.foot: _PAIN_GUIDED,
    PainArea.calf: _PAIN_GUIDED,
    PainArea.knee: _PAIN_GUIDED,
    PainArea.low_back: _PAIN_GUIDED,
}
FLEXION_REINTRODUCED_AFTER_DAYS = 56  # deep flexion stays out for 8 weeks (tsmt; low confidence)
FLEXION_GREEN_DAYS = 14  # ... and comes back only while every one of the last 14 days is green

# R13: no meaningful improvement, or worsening
REVIEW_AFTER_DAYS = 42  # 6 weeks (allow 6-8 weeks for a response)
NPRS_MIN_IMPROVEMENT = 2.0  # Childs 2005: MDC of the NPRS
NPRS_REVIEW_MIN_START = GREEN_MAX + 1  # pain is judged only when the first week averaged amber or
# more: from green pain a 2-point fall is not expected (UNSOURCED; the MCID scales with baseline)
PSFS_MIN_IMPROVEMENT = 2.0  # Stratford 1995: MDC of the PSFS mean
WORSENING_WEEKS = 2  # pain higher week on week, two weeks running
WORSENING_STEP = 1.0  # by at least one point a week (UNSOURCED)
# ... or pain above the red-zone limit (R9, Silbernagel 2007) on most reported days: at a weekly
# check, on at least RED_REFER_SHARE of the days of the last RED_REVIEW_DAYS with a pain report,
# when there are at least RED_MIN_REPORTS of them (UNSOURCED: "most of two weeks"; no workout is
# given on such days, so waiting for the six-week review helps no one). Days without a report are
# unknown, not pain-free: someone who reports only on workout days is judged on those days.
RED_REVIEW_DAYS = 14
RED_REFER_SHARE = 0.7  # of the reported days (10 of 14 is 71%)
RED_MIN_REPORTS = 5  # fewer reports in the window are too few to say "most days" (UNSOURCED)

# R20: partial adherence. A phase gate's adherence line (program data: a share of the planned
# workouts over a window) is also met by the phase's worth of training done: the share times the
# gate's min_days, in workouts done in the phase (partial = half), while the window's share stays
# at ADHERENCE_MIN_PER_WEEK a week or more. Range still builds at three sessions a week, only
# more slowly (Cipriani 2012: 16.8% vs 24% at six or more), and progression follows the training
# actually done (evidence sheet section 9). The three a week is that study's arm (UNSOURCED as a
# floor); below it gains fade about as fast as they build (Willy 2001)
ADHERENCE_MIN_PER_WEEK = 3

# the week's dose changes (program data `week_workouts`) wait for a week of training done:
WEEK_MIN_DAYS = 7  # ... and never come sooner than a week after the last (Tijssen 2016 weeks)

# R14: gaps and lapse
LAPSE_DAYS = 28  # Willy 2001: gains were lost 4 weeks after stopping
GAP_STEP_DAYS = 7  # each full week without a workout steps the doses back one week and each
# earned load step back one rung: gains fade over about 4 weeks (Willy 2001; Mujika 2000), so a
# week off costs about a week of progress (UNSOURCED proportion)
IMPACT_RETURN_WORKOUTS = 3  # after such a gap, hops and runs wait for this many workouts done
# (UNSOURCED; a recent rise in load goes with stress fractures, Robertson 2017)

# The program's end (rule "end"): the notice of what comes next stays this many days, so a person
# who does not open the plan on the end day still sees it; the re-test is asked for until one is
# recorded (UNSOURCED: a product choice of one week)
END_NOTICE_DAYS = 7

# The person (R15-R18): age bands, and the pictures in which age, pain areas, range and screen
# answers together change what is safe (evidence sheet §9). Ages are whole years.


@dataclass(frozen=True, slots=True)
class AgeBand:
    name: str
    min_age: int  # inclusive
    max_age: int | None  # inclusive; None: no upper end
    rule: str | None  # the rule that reads this band (None: no rule of its own)
    evidence: str


ADULT_AGE = 18  # under 18 the growth plates are open: slipped capital femoral epiphysis (Peck 2017)
OLDER_ADULT_AGE = (
    51  # older than 50: the age of the ACR criteria for hip osteoarthritis (Altman 1991)
)
AGE_BANDS: tuple[AgeBand, ...] = (
    AgeBand("child or teenager", 0, ADULT_AGE - 1, "R15", "Peck 2017"),
    AgeBand("adult", ADULT_AGE, OLDER_ADULT_AGE - 1, None, ""),
    AgeBand("older adult", OLDER_ADULT_AGE, None, "R16", "Altman 1991; NICE NG226"),
)

# R15: a child or teenager with pain where a slipped growth plate is felt (hip, groin, thigh,
# knee: about 15% have knee or thigh pain only), and a limited or one-sided loss of IR
GROWTH_PLATE_AREAS: frozenset[str] = frozenset(
    {PainArea.hip_front, PainArea.groin, PainArea.glute, PainArea.high_hamstring, PainArea.knee}
)
YOUNG_IR_GAP_DEG = ASYMMETRY_MIN_DEG  # one side this much lower on one test (UNSOURCED: R3's gap)

# R16: an older adult with groin or front-of-hip pain and IR under LIMITED_IR_DEG (Altman 1991):
# exercise goes on (NICE NG226), without these until a clinician has reviewed the hip
OSTEOARTHRITIS_AREAS: frozenset[str] = frozenset({PainArea.groin, PainArea.hip_front})
# ... and "avoid forcing painful end range" (NICE NG226): end-range rotation is left out too
OSTEOARTHRITIS_EXCLUDED: tuple[str, ...] = (
    "kneeling",
    "deep_hip_flexion",
    "impact",
    "running",
    "end_range_rotation",
)

# R17: groin or front-of-hip pain on loading in someone who runs or plays sport, with night pain,
# a painful hop or a recent jump in load: a stressed femoral neck until shown otherwise
STRESS_FRACTURE_AREAS: frozenset[str] = frozenset({PainArea.groin, PainArea.hip_front})
STRESS_FRACTURE_GOALS: frozenset[str] = frozenset({Goal.running, Goal.sport})
STRESS_FRACTURE_SIGNS: tuple[str, ...] = (
    RedFlag.constant_or_night_pain,
    RedFlag.painful_hop,
    RedFlag.recent_load_increase,
)

# R18: severe pain, beyond the pain-monitoring model (Silbernagel 2007 allowed up to 5/10)
SEVERE_PAIN = 8  # 8/10 or more (UNSOURCED threshold; conservative default)
SEVERE_PAIN_TIMINGS: tuple[str, ...] = (PainTiming.during, PainTiming.next_morning)

# R19: severe pain that comes back. Severe pain (SEVERE_PAIN, at SEVERE_PAIN_TIMINGS) on this many
# different days within the window is a pattern, not a one-off: refer, whatever the safety
# screen answers, and hold progression until a clinician's clearance (UNSOURCED: "more than once
# within days", evidence sheet §10; outside the pain-monitoring model, Silbernagel 2007, and at
# the edge of the red-flag list's constant or night pain, §7)
SEVERE_REPEAT_DAYS = 2  # different days with severe pain ...
SEVERE_REPEAT_WINDOW_DAYS = 14  # ... within this many days (the report dates, both included)

# Readiness checks (program data: each check block's pass mark, what it gates, when to retry):
# failing the same check this many times in a phase suggests a clinician look at what hurts
# (UNSOURCED; a painful hop is a warning sign in a runner, Robertson 2017)
CHECK_FAILS_REFER = 2
CHECK_WEEK_AFTER_FAIL = 7  # after a fail, the gate also waits this many days from the pass, so
# the work the fail held back (the runs) is done for a week before the next level (UNSOURCED)
