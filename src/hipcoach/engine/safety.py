"""Red flags (R12): any "yes" stops the program, with wording that matches the urgency.

Three levels. Cauda-equina signs are an emergency (NHS Lothian; NICE). Signs of a fracture,
an infection or a torn hamstring tendon need to be seen the same day (Robertson 2017; Subbu
2015). The others need a doctor's appointment soon. The app never diagnoses: it names what the
answer can be a sign of and says whom to see and how quickly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import IntEnum

from hipcoach.engine.rules import decide
from hipcoach.engine.types import Decision
from hipcoach.vocabulary import RedFlag, values


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
}

_ADVICE: dict[Urgency, str] = {
    Urgency.emergency: (
        "This can be a sign that the nerves at the base of the spine are being squeezed. It is "
        "an emergency: go to an emergency department now, or call your local emergency number. "
        "Do not wait to see whether it settles."
    ),
    Urgency.same_day: (
        "This can be a sign of a fracture, an infection or a torn tendon, which need to be "
        "looked at quickly: see a doctor or an urgent-care service today."
    ),
    Urgency.soon: (
        "This needs a doctor to look at it before you exercise the hip: book an appointment in "
        "the next few days and show them this answer."
    ),
}


def urgency(key: str) -> Urgency:
    """The urgency of a screen key; an unknown key is treated as needing a doctor soon."""
    return URGENCY[RedFlag(key)] if key in values(RedFlag) else Urgency.soon


def sign(key: str) -> str:
    """What a "yes" to the question `key` is, in words (the key itself if unknown)."""
    return RedFlag(key).sign if key in values(RedFlag) else key.replace("_", " ")


def red_flag_decisions(positives: Iterable[str], date_text: str) -> list[Decision]:
    """One R12 decision per urgency level present, the most urgent first."""
    by_level: dict[Urgency, list[str]] = {}
    for key in positives:
        by_level.setdefault(urgency(key), []).append(sign(key))
    decisions = []
    for level in sorted(by_level, reverse=True):
        signs = "; ".join(sorted(set(by_level[level])))
        decisions.append(
            decide(
                "R12",
                f"Stop the program. On {date_text} you answered yes to: {signs}. "
                f"{_ADVICE[level]} The workouts stay stopped until a clinician has seen you and you record that they cleared you to exercise.",
            )
        )
    return decisions


def clearance_decision(date: dt.date) -> Decision:
    """R12: the notice on the day a clinician cleared the person to exercise again."""
    return decide(
        "R12",
        f"A clinician cleared you to exercise on {date.isoformat()}: the program goes "
        "on. Answer the red-flag questions again at each weekly check.",
    )
