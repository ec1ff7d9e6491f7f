"""The contract values, once: each a `str` Enum member with the words people see for it.

The values (`left`, `prone`, `red_flag`, `trauma`, ...) are the names in the product contract
(`product.md`): files, JSON, the database and other tools rely on them, so they never change.
The words are ours to improve; every front end (the terminal, the web pages, the API's
descriptions) takes them from here, so the terminal and the web ask the same thing the same
way.

Each member carries a `label` (short: a choice in a list, a heading) and `words` (longer: an
explanation beside the choice, or a phrase for a sentence). A member *is* its value: it
compares equal to the plain string, prints as it, and is stored as it.

Pure: no Django and no I/O, so the engine, the content checks and the persistence layer can
all import it.
"""

from __future__ import annotations

from enum import StrEnum

TYPE_CHECKING = False  # type checkers read it as True; no `typing` import here (a leaf module)


class Term(StrEnum):
    """A contract value with its display words."""

    label: str
    words: str

    if TYPE_CHECKING:
        # After the class is built, calling it looks a member up by value (`Side("left")`):
        # that is the only call the rest of the code makes, so it is the one the checker sees.
        def __new__(cls, value: str) -> Term: ...

    else:

        def __new__(cls, value: str, label: str, words: str = "") -> Term:
            member = str.__new__(cls, value)
            member._value_ = value
            member.label = label
            member.words = words or label
            return member


def values(terms: type[Term]) -> tuple[str, ...]:
    """The plain string values, in contract order (for database constraints and messages)."""
    return tuple(term.value for term in terms)


def labelled(terms: type[Term]) -> list[tuple[str, str]]:
    """(value, label) pairs, in contract order: the choices of a form field."""
    return [(term.value, term.label) for term in terms]


class Side(Term):
    left = "left", "left side"
    right = "right", "right side"
    both = "both", "both sides"


MEASURED_SIDES: tuple[Side, ...] = (Side.left, Side.right)
"""A rotation test is of one side: `both` is for exercises only."""


class Position(Term):
    """Where the hip is during a rotation test (tests compare only like with like, R1)."""

    prone = (
        "prone",
        "lying face down",
        "knee bent to 90°, the foot falling outward (hip straight)",
    )
    seated = "seated", "sitting", "on a high edge, knees bent over it, the foot swinging outward"
    supine = (
        "supine",
        "lying on your back",
        "hip and knee bent to 90°, the foot swinging outward",
    )


class Method(Term):
    """What measured the angle; it decides how far a reading can be out (R2)."""

    goniometer = "goniometer", "goniometer", "a goniometer (a clinician's protractor)"
    inclinometer = (
        "inclinometer",
        "inclinometer",
        "a digital or bubble inclinometer against the shin",
    )
    phone = (
        "phone",
        "phone level or inclinometer app",
        "a phone's level or clinometer app against the shin",
    )
    sensor = (
        "sensor",
        "this phone's tilt sensor (guided test)",
        "this phone's own tilt sensor on the shin, read by hipcoach's guided test (sitting)",
    )
    camera = (
        "camera",
        "photo or video, measured after",
        "a photo or video, the angle read afterwards",
    )
    estimate = "estimate", "my best estimate", "your best guess by eye"


class Kind(Term):
    """Which rotation a test measures."""

    ir = "ir", "internal rotation"
    er = "er", "external rotation"


class WorkoutStatus(Term):
    """How a workout, or one exercise of it, went."""

    done = "done", "done"
    skipped = "skipped", "skipped"
    partial = "partial", "partly done"


STATUS_ORDER: tuple[WorkoutStatus, ...] = (
    WorkoutStatus.skipped,
    WorkoutStatus.partial,
    WorkoutStatus.done,
)
"""Worst to best. A day's workout (and an exercise's side) only rises along it: a second run
skipped through, or a shorter one from a second device, never undoes what was done."""


def status_rank(status: str) -> int:
    """Where `status` stands in `STATUS_ORDER` (skipped 0, partial 1, done 2)."""
    return STATUS_ORDER.index(WorkoutStatus(status))


def overall_status(*statuses: str) -> WorkoutStatus:
    """The status of a whole made of parts (a workout of its exercises, an exercise of its
    sides): done when every part was done, skipped when none was even begun (or there are no
    parts), else partly done."""
    found = [WorkoutStatus(s) for s in statuses]
    if found and all(s is WorkoutStatus.done for s in found):
        return WorkoutStatus.done
    if all(s is WorkoutStatus.skipped for s in found):
        return WorkoutStatus.skipped
    return WorkoutStatus.partial


class PainTiming(Term):
    """The moment a pain score (NPRS 0–10) describes; `words` names the score in a sentence."""

    during = "during", "during the workout", "pain during the workout"
    next_morning = "next_morning", "next morning", "next-morning pain"
    rest = "rest", "at rest", "pain at rest"


class PainPlace(Term):
    """Where a pain report's pain is (its side is a `Side`: `both`, the default, is the whole
    person, as every report was before sides were asked). `unspecified` is a report that does not say (every report
    made before places were asked, and a one-tap report): the engine reads it as hip pain, as it
    read every report before, so no old report counts for less than it did."""

    hip = "hip", "Hip", "the hip"
    groin = "groin", "Groin", "the groin"
    buttock = "buttock", "Buttock", "the buttock"
    high_hamstring = "high_hamstring", "High hamstring (under the buttock)", "the high hamstring"
    knee = "knee", "Knee", "the knee"
    other = "other", "Somewhere else", "another place"
    unspecified = "unspecified", "Not said", "a place not said"


class Goal(Term):
    """What the person wants their hips to let them do."""

    running = "running", "Running", "run without the hip holding you back"
    sport = "sport", "A sport", "play a sport that needs quick, strong hips"
    daily_life = (
        "daily_life",
        "Everyday life (stairs, sitting, walking)",
        "sit, walk, climb stairs and get up from the floor comfortably",
    )
    flexibility = "flexibility", "Flexibility", "move the hip through more of its range"
    recovery = (
        "recovery",
        "Coming back from an injury",
        "come back from a hip or lower-body injury",
    )


class PainArea(Term):
    """Where it hurts; some areas change the program (R11: the sit bone)."""

    high_hamstring = (
        "high_hamstring",
        "High hamstring (under the buttock)",
        "where the back of the thigh meets the sit bone",
    )
    glute = "glute", "Buttock (glute)", "the buttock"
    hip_front = "hip_front", "Front of the hip", "the front of the hip"
    groin = "groin", "Groin", "the groin"
    foot = "foot", "Foot", "the foot or arch"
    calf = "calf", "Calf", "the calf"
    knee = "knee", "Knee", "the knee"
    low_back = "low_back", "Low back", "the lower back"


class Flag(Term):
    """A flag on a day's plan: something the person (or their clinician) should know."""

    red_flag = "red_flag", "red flag: see a clinician before exercising"
    refer = "refer", "see a clinician"
    pain_flare = "pain_flare", "pain flare"
    asymmetry = "asymmetry", "one side stiffer"
    limited_ir = "limited_ir", "markedly limited internal rotation"
    reassess = "reassess", "time to measure and answer the safety questions again"
    lapsed = "lapsed", "back after a long break"
    bony_block_suspected = "bony_block_suspected", "possible bony limit"


class StopEnd(Term):
    """What may end a day's stop or hold: the plan names each (`DayPlan.ended_by`), and every
    front end offers exactly those, so none offers what the services would then refuse."""

    clearance = "clearance", "a clinician's clearance", "record that a clinician has cleared you"
    # where the person shares with a clinic that may adjust their plan, the clinic records it
    clinician = (
        "clinician",
        "your clinician's clearance",
        "your clinician records that they cleared you",
    )
    test = "test", "a test of both hips", "measure how far each hip turns inward"
    screen = "screen", "the safety questions", "answer the safety questions again"


class RedFlag(Term):
    """A safety-screen question: a "yes" is a sign that needs a clinician before exercise.

    `question` is asked the same way by every front end; `sign` names what a "yes" means in
    the stop advice. Written in our own words from the evidence sheet (§7, §9): NHS g-care and
    GPonline for the general signs, NHS Lothian and NICE for cauda equina, Subbu 2015 for a
    torn hamstring tendon, Robertson 2017 for a stressed femoral neck. "Recent" is left to the
    person, as in the sources: no window of weeks is sourced.

    Most keys are red flags on their own (R12: any "yes" stops the program). The keys in
    `PICTURE_SIGNS` are not: a painful hop or a jump in training counts only together with
    groin or front-of-hip pain in someone who runs or plays sport (R17), where it stops the
    program with same-day advice.
    """

    trauma = (
        "trauma",
        "Did the pain start after a fall, a crash or a hard blow to the hip?",
        "a fall or a blow to the hip",
    )
    fever_or_hot_joint = (
        "fever_or_hot_joint",
        "Do you have a fever, or is the hip hot, red or swollen?",
        "a fever, or a hot, swollen joint",
    )
    recent_infection_surgery_or_injection = (
        "recent_infection_surgery_or_injection",
        "Have you recently had an infection, or an operation or an injection in or near the hip?",
        "a recent infection, operation or injection",
    )
    cancer_history = (
        "cancer_history",
        "Have you ever had cancer?",
        "a history of cancer",
    )
    unexplained_weight_loss = (
        "unexplained_weight_loss",
        "Have you lost weight recently without trying to?",
        "weight loss you cannot explain",
    )
    constant_or_night_pain = (
        "constant_or_night_pain",
        "Is the pain there all the time, or does it wake you at night?",
        "pain that is constant or wakes you at night",
    )
    cannot_bear_weight = (
        "cannot_bear_weight",
        "Are you unable to put your full weight on the leg?",
        "not being able to put weight on the leg",
    )
    saddle_numbness_or_bladder_bowel_change = (
        "saddle_numbness_or_bladder_bowel_change",
        "Is there numbness around your seat, genitals or inner thighs, or a new change in "
        "bladder or bowel control?",
        "numbness around the seat area or a change in bladder or bowel control",
    )
    progressive_leg_weakness = (
        "progressive_leg_weakness",
        "Is one leg or both getting weaker, or does a foot catch or slap when you walk?",
        "leg weakness that is getting worse",
    )
    pop_with_bruising = (
        "pop_with_bruising",
        "Did you feel a pop at the back of the thigh, followed by bruising?",
        "a pop felt in the back of the thigh with bruising",
    )
    painful_hop = (
        "painful_hop",
        "Does hopping on the painful leg hurt in the hip or groin (if walking already hurts, "
        "answer yes without trying)?",
        "pain in the hip or groin when hopping on that leg",
    )
    recent_load_increase = (
        "recent_load_increase",
        "Lately, have you run or trained a lot more than before (further, more often or faster)?",
        "a recent jump in running or training",
    )

    @property
    def question(self) -> str:
        return self.label

    @property
    def sign(self) -> str:
        return self.words


PICTURE_SIGNS: frozenset[RedFlag] = frozenset({RedFlag.painful_hop, RedFlag.recent_load_increase})
"""Screen keys that are signs only in a picture (R17), never a red flag on their own."""


def one_of(terms: type[Term] | tuple[Term, ...]) -> str:
    """The values as words for a help text: "left, right or both"."""
    names = [term.value for term in terms]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
