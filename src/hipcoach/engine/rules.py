"""The rule registry: every rule the engine applies, with its threshold and evidence.

One registry (rule id → `Rule`) is the single source for the decisions' evidence references and
for the rule table in `docs/rules.md`. Print the table with `python -m hipcoach.engine`.
The thresholds are built from `hipcoach.engine.constants`, so the table cannot drift from code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hipcoach.engine import constants as c
from hipcoach.engine.types import Decision
from hipcoach.engine.words import Said
from hipcoach.vocabulary import Method


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    condition: str
    action: str
    threshold: str
    evidence: str
    confidence: str


def _g(value: float) -> str:
    return f"{value:g}"


def _mdc_text() -> str:
    by_value: dict[float, list[str]] = {}
    for method, value in c.MDC_BY_METHOD.items():
        by_value.setdefault(value, []).append(method)
    return "; ".join(f"{_g(v)}° {'/'.join(ms)}" for v, ms in sorted(by_value.items()))


def _set_text(values: frozenset[str]) -> str:
    return "/".join(sorted(values))


def _area_text() -> str:
    """What each pain area leaves out on its own (R11), from `PAIN_AREA_EXCLUSIONS`."""
    parts = [
        f"{area}: no {', '.join(entry.excluded)}"
        for area, entry in c.PAIN_AREA_EXCLUSIONS.items()
        if entry.excluded
    ]
    rest = [area for area, entry in c.PAIN_AREA_EXCLUSIONS.items() if not entry.excluded]
    return "; ".join(parts + [f"{', '.join(rest)}: nothing left out (pain guides, R9)"])


_RULES: tuple[Rule, ...] = (
    Rule(
        "R1",
        "Like-for-like measurement",
        "An IR or ER test is recorded (position, method, trials per side).",
        "Use the mean of the trials; compare a test only with earlier tests of the same position, "
        "method and kind; say so when a test has no like-for-like partner.",
        f"{c.TRIALS_PER_TEST} trials per side (UNSOURCED)",
        "Kouyoumdjian 2012; Roach 2013",
        "High",
    ),
    Rule(
        "R2",
        "Real change or no detectable change, by trend",
        "A test is compared with the previous like-for-like test, the first one and the best one "
        "of the current run of the program.",
        "Call a change real only when it reaches the method's minimal detectable change; "
        "otherwise say 'no detectable change'. A value below the best by the MDC is 'a real loss "
        "since your best': it holds the phase (an unmet gate line no waiver lifts) until a later "
        "test is back within the MDC of the best or a clinician clears it. A change beyond the "
        "MDC plus what range can change in the days between is set aside: flag `reassess`, ask "
        "for a re-test, change nothing; a re-test that agrees with it confirms it.",
        f"MDC {_mdc_text()} ({Method.camera_guided} UNSOURCED: no more precise than the phone "
        "clinometer until validated); plausible change ≤ MDC + "
        f"{_g(c.PLAUSIBLE_CHANGE_DEG_PER_WEEK)}° a week between tests (UNSOURCED inference); "
        f"re-test asked for {c.RETEST_ASK_DAYS} days (UNSOURCED)",
        "Krause; Gradoz 2018; Spork 2021; Moreside & McGill 2012",
        "Moderate",
    ),
    Rule(
        "R3",
        "Asymmetry",
        "abs(left − right) IR is at least the threshold and above the method's MDC on two tests "
        "of the same position and method at least 48 h apart, the same side lower both times.",
        "Flag `asymmetry`; the limited side's per-side exercises get extra sets, listed first, "
        "never past the set cap (strength: the R10 maximum) and none while a bony limit is "
        "suspected (R5), pain holds the whole person's progress (R9), or the limited side is "
        "the painful one (R9 by side: pain on the other side only does not hold them); an exercise "
        "tagged `end_range_rotation` gets none while the person has pain at the hip (painful end "
        "range is not forced; R16 and R5 leave such work out altogether), unless the pain "
        "reports say that pain is on the other side. "
        "The flag ends when a test in the same position, by the same method or one at least as "
        "precise (an MDC no larger), shows a difference within that method's MDC.",
        f"≥{_g(c.ASYMMETRY_MIN_DEG)}° and > MDC; tests ≥{c.ASYMMETRY_MIN_GAP_DAYS * 24} h apart; "
        f"+{c.ASYMMETRY_EXTRA_SETS} set, traded within the time budget (never over it); "
        f"no extra end-range set with pain in {_set_text(c.PAINFUL_HIP_AREAS)} (UNSOURCED "
        "beyond the osteoarthritic hip), unless every hip pain report of the last "
        f"{c.END_RANGE_SIDE_DAYS} days names the other side (UNSOURCED)",
        "Ellison 1990; Kouyoumdjian 2012; NICE NG226",
        "Low–mod",
    ),
    Rule(
        "R4",
        "Markedly limited internal rotation",
        "The latest IR test at a position shows a side below the threshold.",
        "Flag `limited_ir` and advise a check with a clinician; the program goes on.",
        f"IR <{_g(c.LIMITED_IR_DEG)}° in any position, or <{_g(c.LIMITED_IR_PRONE_DEG)}° prone",
        "Altman 1991",
        "Moderate",
    ),
    Rule(
        "R5",
        "Suspected bony limit",
        "For a side below the normal range for its position: ER − IR reaches the threshold at a "
        "like-for-like test; or, after the adherent weeks, the stiffer side has stayed limited, "
        "never recorded a real gain or a higher value it has lost, and the trend of its "
        "like-for-like tests (least-squares slope over the run) would not reach the method's MDC "
        "within the response window, and the tests do not rise steadily (a trend of several tests "
        "has far less error than one pair: a rise at nearly every test is a gain, not a block).",
        "Flag `bony_block_suspected` and `refer`; leave out exercises tagged "
        "`end_range_rotation` (a safe regression stands in when the library has one).",
        f"ER − IR ≥{_g(c.BONY_ER_MINUS_IR_DEG)}°; or slope × {c.BONY_RESPONSE_WEEKS} weeks < "
        f"MDC after {c.BONY_ADHERENT_WEEKS} weeks with ≥{c.ADHERENT_WEEK_MIN_DAYS} workouts done, "
        f"tests spanning ≥{c.BONY_TREND_MIN_DAYS} days, best value <"
        f"{_g(c.BONY_LIMITED_BELOW_DEG)}° (UNSOURCED); no steady rise (Mann-Kendall one-sided "
        f"z ≥{_g(c.BONY_STEADY_RISE_Z)} over ≥{c.BONY_STEADY_RISE_MIN_TESTS} tests, UNSOURCED); "
        "normal range from " + ", ".join(f"{_g(v)}° {k}" for k, v in c.NORMAL_IR_MIN_DEG.items()),
        "Uding 2019; Gribble 1999; Kouyoumdjian 2012",
        "Low–mod",
    ),
    Rule(
        "R6",
        "Stretching dose",
        "A static stretch in today's workout holds for less or more than the allowed range; or "
        "a target (per side) gets less or more static stretching than the per-workout range.",
        "Bring the hold into the range (no shorter than the minimum, no longer than the maximum); "
        "say when a target gets too little (e.g. on an eased-off day) or too much. Run days are "
        "held to the same dose: their long holds move to after the run (R8), never dropped.",
        f"holds {c.HOLD_MIN_S}–{c.HOLD_MAX_S} s (aim {c.HOLD_TARGET_S} s); "
        f"≥{c.TARGET_MIN_S_PER_WORKOUT} s per target per workout, "
        f"about {c.TARGET_MAX_S_PER_WORKOUT // 60} min at most",
        "Bandy 1994; Ayala 2010; Thomas 2018; Ingram 2024",
        "High / Mod",
    ),
    Rule(
        "R7",
        "Weekly reassessment; strength after week 3",
        "Every 7th day from the start (and each day of the first week while no test is on "
        "record); and a gate whose maximum days have passed (or, without a maximum, after "
        "week 3).",
        "Flag `reassess` (re-test both sides, answer the red-flag questions). Past the gate's "
        "maximum, range criteria are waived and the phase opens on green pain.",
        f"every {c.REASSESS_EVERY_DAYS} days; range waived from the gate's max_days "
        f"(default day {c.RANGE_WAIVER_DAYS}) when today's pain is green",
        "JSR 2015; Gribble 1999",
        "Moderate",
    ),
    Rule(
        "R8",
        "No long static holds before a run",
        "A run follows today's workout.",
        "Put each static stretch's moving alternative before the run and move the stretch, at "
        "its full dose, to after the run (or later in the day), and say when; a static stretch "
        "without an alternative that would bring a muscle (target, per side) to the limit before "
        "the run moves there whole. The day keeps its stretching dose (R6).",
        f"static stretching <{c.PRE_RUN_STATIC_LIMIT_S} s per muscle before the run",
        "Behm 2016",
        "High",
    ),
    Rule(
        "R9",
        "Pain zones",
        "Pain (NPRS) reported today, or carried from the last report; next-morning pain "
        "compared with the person's usual level and with the week before.",
        "Green may progress. Amber holds: no dose increase, no phase advance. Red stops the "
        "day's loading, regresses one level and holds. Next-morning pain at or above the usual "
        "level + 2 regresses one level. A level is won back after days free of amber and red, "
        "counted only once pain at rest or on waking is back within the margin of the usual "
        "level. The usual level is the lowest settled one of the last weeks, not a moving "
        "average: the 24-hour rule expects next-morning pain to settle back, so a rise that goes "
        "on must not become the new usual. Next-morning pain that rises week on week holds the "
        "weekly step and the phase move. By side: a report names left, right or both (the "
        "default: the whole person), and each side's zone is that of the latest report covering "
        "it. When the pain that is not green is on one side only, with no regression, red day "
        "or other hold in force, that side gets no extra load (no asymmetry set, no weekly dose "
        "increase for its work or for work with both legs, which loads it too) while the other "
        "side's work progresses on time; the phase move and strength steps, which apply to both "
        "sides, still wait. The side then catches up one dose week at a time, a week apart. Pain "
        "on both sides, red days, flares and every safety rule stay whole-person. (UNSOURCED as "
        "a rule by side: the pain-monitoring model read on the side that is loaded, as pain is "
        "checked on the loaded task, Goom 2016.) By place: every place counts as pain (knee pain "
        "too: the program turns, squats and lunges through the knee, and knee pain can come from "
        "the hip, Peck 2017; an unsaid place is read as the hip); while knee pain is not green, "
        "exercises that put weight on a knee are left out.",
        f"green 0–{c.GREEN_MAX}, amber {c.GREEN_MAX + 1}–{c.AMBER_MAX}, red >{c.AMBER_MAX}; "
        f"flare ≥ usual + {c.FLARE_RISE} (usual: the lowest weekly median of rest and "
        f"next-morning reports in the last {c.BASELINE_ANCHOR_DAYS} days, weeks with "
        f"≥{c.BASELINE_WEEK_MIN_REPORTS} reports, else their median, else the latest earlier one; "
        f"UNSOURCED); settled within {c.SETTLED_MARGIN} of usual (UNSOURCED); weekly "
        f"next-morning mean up ≥{_g(c.MORNING_RISE_STEP)} on the week before, "
        f"≥{c.MORNING_RISE_MIN_REPORTS} reports a week (UNSOURCED); a report carries "
        f"{c.PAIN_CARRY_DAYS} days (red carries as amber); at most "
        f"{c.MAX_REGRESSION_LEVEL} levels; {c.RECOVERY_DAYS} days to win one back; a side "
        f"catches up one dose week each {c.WEEK_MIN_DAYS} days (UNSOURCED: the weekly step's own "
        "pace); knee pain leaves out kneeling (UNSOURCED: the painful structure is not loaded "
        "directly, as in the pain-monitoring model)",
        "Silbernagel 2007; Goom 2016; Childs 2005; Peck 2017",
        "Moderate",
    ),
    Rule(
        "R10",
        "Strength progression",
        "A strength exercise was logged at its target + 1 or more reps on consecutive workouts "
        "whose pain was green, and its dose has not changed (a load step or a weekly change) "
        "for the minimum interval.",
        "Step up once, one rung: the next load word of its ladder (e.g. light band → medium "
        "band), else more reps up to the top of the range, else one more set. A weekly change "
        "to the same exercise waits out the same interval, so the two never stack.",
        f"{c.STRENGTH_REPS_MIN}–{c.STRENGTH_REPS_MAX} reps, up to {c.STRENGTH_SETS_MAX} sets; "
        f"target +{c.EXTRA_REPS_TO_PROGRESS} on {c.CONSECUTIVE_GREEN_WORKOUTS} consecutive green "
        f"workouts (UNSOURCED count); +{c.STRENGTH_REPS_STEP} reps a step; at most one step per "
        f"exercise in {c.LOAD_STEP_MIN_DAYS} days (UNSOURCED interval)",
        "ACSM 2009",
        "Moderate",
    ),
    Rule(
        "R11",
        "Pain areas (sit-bone pain)",
        "The profile lists a pain area with excluded load tags (every area has an entry in the "
        "data; only sit-bone pain leaves tags out on its own).",
        "Leave out exercises with those tags and put in the first easier exercise of their "
        "regression chain without them; when there is none, leave the exercise out and say so. "
        "Deep flexion comes back only late and while pain stays green.",
        f"{_area_text()}; deep flexion back after day "
        f"{c.FLEXION_REINTRODUCED_AFTER_DAYS} if the last {c.FLEXION_GREEN_DAYS} days were green",
        "Goom 2016; Beatty 2017",
        "Mod / Low",
    ),
    Rule(
        "R12",
        "Red flags",
        "Any 'yes' to a red flag in the safety screen (at the start, at a weekly check, or "
        "whenever the person answers it). A painful hop or a jump in training is not a red flag "
        "on its own: it counts in R17's picture.",
        "Stop the program from that day on and refer, with wording that matches the urgency: "
        "emergency for cauda-equina signs; same-day for fracture, infection or tendon-avulsion "
        "signs; soon for the others. Only a recorded clinician clearance ends the stop; a later "
        "'yes' stops again.",
        "any yes",
        "NHS Gloucestershire; NHS Lothian; NICE; Robertson 2017; Subbu 2015",
        "High",
    ),
    Rule(
        "R13",
        "No meaningful improvement, or worsening",
        "After the review period, pain has not fallen by the threshold (nor PSFS risen by it, "
        "when recorded); or, at a weekly check, the mean pain of each of the last complete weeks "
        "has risen over the week before, two weeks running; or, at a weekly check, pain was in "
        "the red zone on most of the days it was reported in the last two weeks (days without a "
        "report are unknown, not counted), with enough reports to say so.",
        "Flag `refer`: recommend seeing a clinician; the program goes on. A referral for rising "
        "pain stays while the pain stays up: until a weekly check finds the last week's mean back "
        "below the week before the rise plus the step.",
        f"from day {c.REVIEW_AFTER_DAYS}: NPRS improvement <{_g(c.NPRS_MIN_IMPROVEMENT)} (judged "
        f"when the first week averaged ≥{c.NPRS_REVIEW_MIN_START}, UNSOURCED) and PSFS "
        f"improvement <{_g(c.PSFS_MIN_IMPROVEMENT)}; or weekly mean pain up ≥"
        f"{_g(c.WORSENING_STEP)} for {c.WORSENING_WEEKS} weeks; or red on ≥"
        f"{c.RED_REFER_SHARE:.0%} of the reported days of the last {c.RED_REVIEW_DAYS}, with ≥"
        f"{c.RED_MIN_REPORTS} reports (UNSOURCED)",
        "Childs 2005; Stratford 1995; Silbernagel 2007",
        "Moderate",
    ),
    Rule(
        "R14",
        "Gaps and lapse",
        "No workout done (or partly done) for a full week, or for the lapse period.",
        "Each full week without a workout: the phase's doses step back one week of changes and "
        "each earned load step back one rung, and impact (hops, skips, runs) waits until a few "
        "workouts are done after the return. After the lapse period: flag `lapsed` and "
        "`reassess`; assume the range is back to baseline and restart the first phase from the "
        "day the person returns.",
        f"a step back every {c.GAP_STEP_DAYS} days without a workout (UNSOURCED proportion); "
        f"impact after {c.IMPACT_RETURN_WORKOUTS} workouts (UNSOURCED); lapse ≥{c.LAPSE_DAYS} "
        "days without a workout",
        "Willy 2001; Mujika 2000; Robertson 2017",
        "Moderate",
    ),
    Rule(
        "R15",
        "A young person's painful hip",
        "Age under the adult age, pain in an area where a slipped growth plate is felt, and a "
        "test with a side under the limited-IR threshold or one side far below the other; or no "
        "IR test yet.",
        "Stop the program and refer the same day, worded for a parent or carer: no sport, running, "
        "jumping or standing exercise until seen. Only a recorded clinician clearance ends the "
        "stop. With no test yet, no workout until both hips are measured (then the test decides) "
        "or a clearance is recorded.",
        f"age <{c.ADULT_AGE}; areas {_set_text(c.GROWTH_PLATE_AREAS)}; IR "
        f"<{_g(c.LIMITED_IR_DEG)}° or one side ≥{_g(c.YOUNG_IR_GAP_DEG)}° lower (gap UNSOURCED)",
        "Peck 2017",
        "Moderate",
    ),
    Rule(
        "R16",
        "An older adult's stiff, painful hip",
        "Age in the older band, groin or front-of-hip pain, and the latest test at a position "
        "with a side under the limited-IR threshold (the clinical picture of hip osteoarthritis).",
        "Keep exercising (a core treatment), without the tags listed (end-range rotation among "
        "them: painful end range is not forced), and say why and whom to see (a routine review). In force until a clinician's review is recorded (a later test "
        "does not end it: a few degrees can be measurement error, R2).",
        f"age ≥{c.OLDER_ADULT_AGE}; areas {_set_text(c.OSTEOARTHRITIS_AREAS)}; IR "
        f"<{_g(c.LIMITED_IR_DEG)}°; leaves out {', '.join(c.OSTEOARTHRITIS_EXCLUDED)}",
        "Altman 1991; NICE NG226",
        "Moderate",
    ),
    Rule(
        "R17",
        "Signs of a stressed femoral neck",
        "Groin or front-of-hip pain in someone whose goals include running or sport, and a 'yes' "
        "to night pain, a painful hop or a recent jump in training.",
        "Stop the program (no impact) and refer the same day. Only a recorded clinician "
        "clearance ends the stop.",
        f"areas {_set_text(c.STRESS_FRACTURE_AREAS)}; goals {_set_text(c.STRESS_FRACTURE_GOALS)}; "
        f"any of {', '.join(c.STRESS_FRACTURE_SIGNS)}",
        "Robertson 2017",
        "Moderate",
    ),
    Rule(
        "R18",
        "Severe pain",
        "Pain at or above the threshold during a workout (acted on from the next day) or on "
        "waking.",
        "No workout and no progression until the safety questions are answered again (a screen "
        "dated on or after that day); then R9's regression and hold carry on.",
        f"pain ≥{c.SEVERE_PAIN}/10 ({', '.join(c.SEVERE_PAIN_TIMINGS)}) (UNSOURCED)",
        "Silbernagel 2007",
        "Low",
    ),
    Rule(
        "R19",
        "Severe pain that comes back",
        "Pain at or above the severe threshold (during a workout or on waking) on the given "
        "number of different days within the window, counted since the last clinician's "
        "clearance, whatever the safety questions answered.",
        "Flag `refer`: see a physiotherapist or doctor in the next few days, with the dates. "
        "Hold all progression (no dose increase, no strength step, no next phase) until a "
        "clinician's clearance is recorded on or after the day the referral began; workouts go "
        "on at the level pain allows (R9, and R18 for each severe report). The threshold is "
        "UNSOURCED: severe pain more than once within days lies outside the pain-monitoring "
        "model and at the edge of the red-flag list's constant or night pain.",
        f"pain ≥{c.SEVERE_PAIN}/10 on ≥{c.SEVERE_REPEAT_DAYS} days within "
        f"{c.SEVERE_REPEAT_WINDOW_DAYS} days (UNSOURCED)",
        "Silbernagel 2007; NHS Gloucestershire",
        "Low",
    ),
    Rule(
        "R20",
        "Partial adherence: the work done counts",
        "A phase gate's adherence line (a share of the planned workouts over a window) is not met.",
        "The line is also met once the phase's worth of training is done (the share times the "
        "gate's minimum days, in workouts done in the phase since its last full week without one "
        "(R14), a partial one counting half) while "
        "the window's share stays at the weekly floor or more: someone who does about half the "
        "workouts moves on later, not never. From the gate's minimum days, while the line is "
        "unmet, the plan says what would move the person on and how many workouts are left; "
        "below the floor it says that range then fades about as fast as it builds, and suggests "
        "three fixed days a week.",
        f"the phase's worth: gate share × min_days; floor {c.ADHERENCE_MIN_PER_WEEK} workouts a "
        "week (UNSOURCED as a floor: the three-a-week arm of Cipriani 2012)",
        "Cipriani 2012; Willy 2001; Mujika 2000",
        "Low–mod",
    ),
    Rule(
        "gate",
        "Phase gate (program data)",
        "The phase's gate: minimum days reached and every criterion met (range, pain, "
        "adherence), with no amber or red pain, no regression and no real loss of range (R2) in "
        "force. A range criterion reads only tests by the method of the first test at that "
        "position or a more precise one.",
        "Move to the next phase; the weekly progressions start again at week 1.",
        "program data: min_days, max_days, criteria",
        "Tijssen 2016; MLTJ 2016",
        "Moderate",
    ),
    Rule(
        "week",
        "Weekly progression (program data)",
        "A week of training is done since the last dose week began (the program's "
        "`week_workouts` workouts done or partly done, and at least 7 days), and the phase "
        "lists dose changes for the next week.",
        "Apply the week's changes on top of the earlier weeks' (one week at a time); held back "
        "while pain is amber or red or a regression is in force (for the painful side's work "
        "and work with both legs only, when the pain is on one side: R9), and while one of its "
        "exercises "
        "had a load step (R10) within the minimum interval.",
        f"program data: weeks, week_workouts; at least {c.WEEK_MIN_DAYS} days between weeks; "
        f"{c.LOAD_STEP_MIN_DAYS} days after a load step",
        "Tijssen 2016; Cipriani 2012",
        "Moderate",
    ),
    Rule(
        "end",
        "Planned length reached (program data)",
        "The program's planned weeks are over (the end day and the days after it).",
        "Say so for a week from the end day, with what comes next for this program (program "
        "data: the program to go on to, the phase that stays as the routine) and its outcome "
        "re-test (flag `reassess`, until an IR test is recorded that is measured, not an estimate "
        "by eye, and at least as precise as the first test at its position, R1; a test that is "
        "not is named and the re-test asked for again). The routine goes on, since range "
        "gained fades within weeks of stopping. Nothing progresses by this rule.",
        f"program data: weeks, end; notice for {c.END_NOTICE_DAYS} days (UNSOURCED)",
        "Willy 2001; Roach 2013; Spork 2021",
        "Moderate",
    ),
    Rule(
        "check",
        "Readiness check (program data)",
        "A check exercise (hop readiness) was in yesterday's workout, the workout was logged done "
        "or partly done, and pain was reported during it.",
        "Pain at or below the block's pass mark passes: what it gates goes ahead. Above it fails: "
        "the load tags it holds (e.g. running, impact) are left out and, when the block says so, "
        "the phase's gate waits for a pass; the plan says so, and when to try again (the check "
        "is left out until then). A check that fails repeatedly in a phase suggests a "
        "physiotherapist look (flag `refer`); the rest of the plan goes on.",
        "program data: pass_max_pain (≤2/10 in the shipped programs, UNSOURCED), holds, "
        f"holds_gate, retry_days; refer after {c.CHECK_FAILS_REFER} fails (UNSOURCED)",
        "Robertson 2017",
        "Low",
    ),
    Rule(
        "budget",
        "Time budget (program data)",
        "Today's workout, before the asymmetry sets, runs over the phase's maximum minutes "
        "(after swaps and regressions).",
        "Take sets off the last exercises with more than one, then leave out the last exercises, "
        "until it fits.",
        "program data: time_budget.max_minutes",
        "UNSOURCED",
        "Low",
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


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_markdown() -> str:
    """The rule table as Markdown: the text of `docs/rules.md`."""
    lines = [
        "# Rules",
        "",
        "<!-- Generated by `python -m hipcoach.engine > docs/rules.md`; do not edit. -->",
        "",
        "Every rule the engine applies, its threshold and the evidence behind it. Each decision",
        "in a day's plan names its rule id. Thresholds come from `hipcoach/engine/constants.py`",
        "or from the program's data; UNSOURCED marks a conservative default a clinician may",
        "override. References are those of the evidence sheet.",
        "",
        "| id | rule | condition | action | threshold | evidence | confidence |",
        "|---|---|---|---|---|---|---|",
    ]
    for rule in _RULES:
        cells = (
            rule.id,
            rule.title,
            rule.condition,
            rule.action,
            rule.threshold,
            rule.evidence,
            rule.confidence,
        )
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"
