"""A clinician's list of their people, who needs attention first, a page at a time.

It reads the stored statuses (`tracking.statuses`, refreshed by the background pass), never
plans anyone while listing: the need and its reasons (kept as made, put in the reader's words
when shown) were decided when the status was stored (`engine.attention`), and so were the remote-monitoring days of the running 30-day period
(`reports.monitoring`). People who shared but have no status yet come last, saying so.
Each person shown gets one "saw you in the list" line in their trail a day (`audit`).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q

from hipcoach.clinic import audit
from hipcoach.clinic.models import Clinician, Share
from hipcoach.engine.attention import WEIGHTS
from hipcoach.engine.words import Said, Words, rendered
from hipcoach.engine.words import said as _
from hipcoach.tracking.progress import where_words
from hipcoach.tracking.reports import MONITORING_DAYS_MIN, MONITORING_PERIOD_DAYS
from hipcoach.tracking.statuses import reasons_kept
from hipcoach.vocabulary import Flag, PainPlace, Side, values

PAGE_SIZE = 50
# the reasons that bring a signed-off person back to the list when new since the sign-off: a
# stop or referral (A1), pain (A2), a held workout (A3). No data, a re-test due and low
# adherence (A4-A6) are what a discharged person's record looks like, and call no one back.
FLAG_NEED = WEIGHTS["A1"] | WEIGHTS["A2"] | WEIGHTS["A3"]
FLAG_WORDS = {flag.value: flag.label for flag in Flag}
_SIDES = frozenset(values(Side))
_PLACES = frozenset(values(PainPlace))


@dataclass(frozen=True)
class Row:
    """One person in the list, as their stored status says (None: no status stored yet)."""

    person_id: int
    name: str
    scope: str
    as_of: dt.date | None
    program: str
    phase: str
    day: int | None
    workouts_7: int | None
    workouts_30: int | None
    pain_score: int | None
    pain_when: str
    pain_date: dt.date | None
    pain_side: str  # "" when not kept (a status stored before sides were)
    pain_place: str
    ir_left: float | None
    ir_left_change: float | None
    ir_right: float | None
    ir_right_change: float | None
    ir_error: float | None
    monitoring_first: dt.date | None  # the 30-day monitoring period running on `as_of`
    monitoring_days: int | None  # its days with data up to `as_of`
    flags: list[str]
    reasons: list[str]  # in English, as the API gives them
    need: int
    kept: list[Said | str] = field(default_factory=list)  # as made, for the reader's words

    def reasons_in(self, words: Words) -> list[tuple[str, bool]]:
        """The reasons in `words`, each with whether it is in them (a reason stored as
        English text before reasons were kept as made is not)."""
        return [(rendered(reason, words), not isinstance(reason, str)) for reason in self.kept]

    @property
    def flag_words(self) -> list[str]:
        return [FLAG_WORDS.get(flag, flag) for flag in self.flags]

    @property
    def pain_when_words(self) -> str:
        return self.pain_when.replace("_", " ")

    def pain_where_in(self, words: Words) -> str:
        """The last pain report's side and place in `words` (`progress.where_words`: "left
        side, the groin"); "" for both sides and no place said (a one-tap report), or a status
        stored before sides were kept."""
        one_tap = (self.pain_side, self.pain_place) == (Side.both, PainPlace.unspecified)
        if self.pain_side not in _SIDES or self.pain_place not in _PLACES or one_tap:
            return ""
        return where_words(self.pain_side, self.pain_place, words)

    @property
    def monitoring_last(self) -> dt.date | None:
        if self.monitoring_first is None:
            return None
        return self.monitoring_first + dt.timedelta(days=MONITORING_PERIOD_DAYS - 1)

    @property
    def monitoring_reached(self) -> bool | None:
        """The period's days with data reach the remote-monitoring count (16); None: no period."""
        if self.monitoring_days is None:
            return None
        return self.monitoring_days >= MONITORING_DAYS_MIN

    @property
    def monitoring_left(self) -> int | None:
        """Days of the period after `as_of`: what could still count towards 16."""
        last = self.monitoring_last
        if last is None or self.as_of is None:
            return None
        return max(0, (last - self.as_of).days)

    def to_json(self) -> dict:
        return {
            "person": self.person_id,
            "name": self.name,
            "scope": self.scope,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "program": self.program or None,
            "phase": self.phase or None,
            "day": self.day,
            "workouts_7": self.workouts_7,
            "workouts_30": self.workouts_30,
            "pain": None
            if self.pain_score is None
            else {
                "score": self.pain_score,
                "when": self.pain_when,
                "date": self.pain_date.isoformat() if self.pain_date else None,
                "side": self.pain_side or None,
                "place": self.pain_place or None,
            },
            "ir": {
                "left": self.ir_left,
                "left_change": self.ir_left_change,
                "right": self.ir_right,
                "right_change": self.ir_right_change,
                "error": self.ir_error,
            },
            "monitoring": None
            if self.monitoring_first is None or self.monitoring_last is None
            else {
                "first": self.monitoring_first.isoformat(),
                "last": self.monitoring_last.isoformat(),
                "days_with_data": self.monitoring_days,
                "reached": self.monitoring_reached,
                "days_left": self.monitoring_left,
            },
            "flags": self.flags,
            "reasons": self.reasons,
            "need": self.need,
        }


@dataclass(frozen=True)
class Caseload:
    rows: list[Row]
    page: int  # 1-based
    pages: int
    total: int
    signed_off: int = 0  # people signed off and not back: left out of the list (or the list)
    showing_signed_off: bool = False

    def to_json(self) -> dict:
        return {
            "page": self.page,
            "pages": self.pages,
            "total": self.total,
            "signed_off": self.signed_off,
            "showing_signed_off": self.showing_signed_off,
            "people": [row.to_json() for row in self.rows],
        }


_STATUS = {
    "as_of": "person__status__date",
    "program": "person__status__program",
    "phase": "person__status__phase",
    "day": "person__status__day",
    "workouts_7": "person__status__workouts_7",
    "workouts_30": "person__status__workouts_30",
    "pain_score": "person__status__pain_score",
    "pain_when": "person__status__pain_when",
    "pain_date": "person__status__pain_date",
    "pain_side": "person__status__pain_side",
    "pain_place": "person__status__pain_place",
    "ir_left": "person__status__ir_left",
    "ir_left_change": "person__status__ir_left_change",
    "ir_right": "person__status__ir_right",
    "ir_right_change": "person__status__ir_right_change",
    "ir_error": "person__status__ir_error",
    "monitoring_first": "person__status__monitoring_first",
    "monitoring_days": "person__status__monitoring_days",
    "flags": "person__status__flags",
    "reasons": "person__status__reasons",
    "need": "person__status__need",
}


# the need's flags at the sign-off (an expression where Django's stubs expect an int)
_KEPT: Any = F("signed_off_need")


def caseload(
    clinician: Clinician, *, page: int = 1, signed_off: bool = False, now: dt.datetime
) -> Caseload:
    """Page `page` (from 1; past the last, the last) of the people sharing with the
    clinician's clinic, the most in need first, then by name: those not signed off, or back
    since by a new flag (`signed_off`: the others, those signed off and not back)."""
    open_shares = Share.objects.filter(clinic_id=clinician.clinic_id, revoked__isnull=True)
    # back: their stored need has a flag (A1-A3) that it did not have at the sign-off
    gone = Q(signed_off__isnull=False) & (
        Q(person__status__isnull=True)
        | Q(person__status__need__isnull=True)
        | Q(signed_off_need=F("person__status__need").bitand(FLAG_NEED).bitor(_KEPT))
    )
    shares = open_shares.filter(gone) if signed_off else open_shares.exclude(gone)
    # both counts in one pass over the clinic's shares
    counted = open_shares.aggregate(every=Count("pk"), away=Count("pk", filter=gone))
    away = counted["away"]
    total = away if signed_off else counted["every"] - away
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(1, page), pages)
    found = shares.order_by(
        F("person__status__need").desc(nulls_last=True), "person__username", "person_id"
    ).values(
        "person_id", "scope", name=F("person__username"), **{k: F(v) for k, v in _STATUS.items()}
    )[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    rows = []
    for row in found:
        values: dict[str, Any] = dict(row)
        stored = values["as_of"] is not None
        values["program"] = values["program"] or ""
        values["phase"] = values["phase"] or ""
        values["pain_when"] = values["pain_when"] or ""
        values["pain_side"] = values["pain_side"] or ""
        values["pain_place"] = values["pain_place"] or ""
        values["flags"] = values["flags"] or []
        values["kept"] = (
            reasons_kept(values["reasons"] or [])
            if stored
            else [_("no status yet: the background pass works it out once they have set up")]
        )
        values["reasons"] = [rendered(reason) for reason in values["kept"]]
        values["need"] = values["need"] or 0
        rows.append(Row(**values))
    audit.record_listing(clinician, [row.person_id for row in rows], now=now)
    return Caseload(rows, page, pages, total, away, signed_off)
