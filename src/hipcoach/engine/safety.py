"""Red flags (R12): any "yes" stops the program, with wording that matches the urgency.

Three levels. Cauda-equina signs are an emergency (NHS Lothian; NICE). Signs of a fracture,
an infection or a torn hamstring tendon need to be seen the same day (Robertson 2017; Subbu
2015). The others need a doctor's appointment soon. The app never diagnoses: it names what the
answer can be a sign of and says whom to see and how quickly.

R17 reads the same screen with the person in mind: groin or front-of-hip pain in someone who
runs or plays sport, with night pain, a painful hop or a recent jump in training, is a stressed
femoral neck until shown otherwise (Robertson 2017): the stop's advice is same-day, and the
signs in `vocabulary.PICTURE_SIGNS` stop the program only in that picture.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import IntEnum

from hipcoach.engine.constants import (
    STRESS_FRACTURE_AREAS,
    STRESS_FRACTURE_GOALS,
    STRESS_FRACTURE_SIGNS,
)
from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision, Profile
from hipcoach.engine.words import Listed, Said, TermWords
from hipcoach.engine.words import said as _
from hipcoach.vocabulary import PICTURE_SIGNS, RedFlag, values


class Urgency(IntEnum):
    """How quickly to be seen; a higher value is more urgent."""

    soon = 1
    same_day = 2
    emergency = 3


URGENCY: dict[RedFlag, Urgency] = {
    RedFlag.saddle_numbness_or_bladder_bowel_change: Urgency.emergency,
    RedFlag.progressive_leg_weakness: Urgency.emergency,
    RedFlag.trauma: Urgency.same_day,
    RedFlag.cannot_bear_weight: Urgency.same_day,
    RedFlag.fever_or_hot_joint: Urgency.same_day,
    RedFlag.recent_infection_surgery_or_injection: Urgency.same_day,
    RedFlag.pop_with_bruising: Urgency.same_day,
    RedFlag.cancer_history: Urgency.soon,
    RedFlag.unexplained_weight_loss: Urgency.soon,
    RedFlag.constant_or_night_pain: Urgency.soon,
    # signs only in R17's picture, where they call for the same day
    RedFlag.painful_hop: Urgency.same_day,
    RedFlag.recent_load_increase: Urgency.same_day,
}

_ADVICE: dict[Urgency, Said] = {
    Urgency.emergency: _(
        "This can be a sign that the nerves at the base of the spine are being squeezed. It is "
        "an emergency: go to an emergency department now, or call your local emergency number. "
        "Do not wait to see whether it settles."
    ),
    Urgency.same_day: _(
        "This can be a sign of a fracture, an infection or a torn tendon, which need to be "
        "looked at quickly: see a doctor or an urgent-care service today."
    ),
    Urgency.soon: _(
        "This needs a doctor to look at it before you exercise the hip: book an appointment in "
        "the next few days and show them this answer."
    ),
}


def urgency(key: str) -> Urgency:
    """The urgency of a screen key; an unknown key is treated as needing a doctor soon."""
    return URGENCY[RedFlag(key)] if key in values(RedFlag) else Urgency.soon


def sign(key: str) -> TermWords | str:
    """What a "yes" to the question `key` is, in words (the key itself if unknown)."""
    return TermWords(RedFlag(key)) if key in values(RedFlag) else key.replace("_", " ")


def _signs(signs: list[TermWords | str]) -> Listed:
    return Listed(tuple(signs), "; ", last=False)


def _english(sign: TermWords | str) -> str:
    return sign.term.words if isinstance(sign, TermWords) else sign


def stress_fracture_picture(profile: Profile | None) -> bool:
    """R17: groin or front-of-hip pain in someone who runs or plays sport."""
    return (
        profile is not None
        and bool(STRESS_FRACTURE_AREAS.intersection(profile.pain_areas))
        and bool(STRESS_FRACTURE_GOALS.intersection(profile.goals))
    )


def stopping_keys(yes: Iterable[str], profile: Profile | None = None) -> tuple[str, ...]:
    """The keys answered yes that stop the program for this person (R12, R17), in order.

    A red flag always stops; a sign of `PICTURE_SIGNS` stops only in R17's picture.
    """
    picture = stress_fracture_picture(profile)
    return tuple(key for key in dict.fromkeys(yes) if key not in PICTURE_SIGNS or picture)


_STAYS_STOPPED = _(
    "The workouts stay stopped until a clinician has seen you and you record that they cleared "
    "you to exercise."
)


def _stress_fracture_decision(signs: list[TermWords | str], date_text: str) -> Decision:
    return decide(
        "R17",
        _(
            "Stop the program, and no running, hopping or jumping. On {date} you answered yes "
            "to: {signs}. With groin or front-of-hip pain in someone who runs or plays "
            "sport, this can be a sign of a stress fracture of the neck of the thigh bone, which "
            "must be ruled out before the hip takes load: see a doctor, a sports-medicine service "
            "or urgent care today and tell them about the pain on loading and these answers. If "
            "walking hurts, keep weight off the leg until then. {stays}",
            date=date_text,
            signs=_signs(signs),
            stays=_STAYS_STOPPED,
        ),
    )


def red_flag_decisions(
    positives: Iterable[str], date_text: str, profile: Profile | None = None
) -> list[Decision]:
    """The stop decisions for the keys answered yes, the most urgent first.

    One R12 decision per urgency level present; in R17's picture (`profile`), night pain, a
    painful hop and a jump in training are read together as one same-day R17 decision.
    """
    keys = stopping_keys(positives, profile)
    fracture = [
        sign(k) for k in keys if k in STRESS_FRACTURE_SIGNS and stress_fracture_picture(profile)
    ]
    by_level: dict[Urgency, list[TermWords | str]] = {}
    for key in keys:
        if fracture and key in STRESS_FRACTURE_SIGNS:
            continue
        by_level.setdefault(urgency(key), []).append(sign(key))
    decisions = []
    if Urgency.emergency in by_level:
        decisions.append(_r12(Urgency.emergency, by_level.pop(Urgency.emergency), date_text))
    if fracture:
        decisions.append(_stress_fracture_decision(fracture, date_text))
    for level in sorted(by_level, reverse=True):
        decisions.append(_r12(level, by_level[level], date_text))
    return decisions


def _r12(level: Urgency, signs: list[TermWords | str], date_text: str) -> Decision:
    return decide(
        "R12",
        _(
            "Stop the program. On {date} you answered yes to: {signs}. {advice} {stays}",
            date=date_text,
            signs=_signs(sorted(set(signs), key=_english)),
            advice=_ADVICE[level],
            stays=_STAYS_STOPPED,
        ),
    )


def clearance_decision(date: dt.date) -> Decision:
    """R12: the notice on the day a clinician cleared the person to exercise again."""
    return decide(
        "R12",
        _(
            "A clinician cleared you to exercise on {date}: the program goes "
            "on. Answer the red-flag questions again at each weekly check.",
            date=date.isoformat(),
        ),
    )
