"""A backup restores to the records it was taken from: backup → restore → backup is the same
file (but for when it was taken), for today's backups and for random histories (hypothesis)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import uuid
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hipcoach.tracking.exchange import backup_document, export_csv
from hipcoach.tracking.programs import library
from hipcoach.tracking.restoring import restore
from hipcoach.vocabulary import (
    MEASURED_SIDES,
    Goal,
    Kind,
    Method,
    PainArea,
    PainPlace,
    PainTiming,
    Position,
    RedFlag,
    Side,
    WorkoutStatus,
    values,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("error:Pydantic serializer warnings"),  # a value not as declared
]

BACKUPS = Path(__file__).parent / "backups"
TODAY = dt.date(2026, 12, 31)
NOW = dt.datetime(2026, 12, 31, 12, tzinfo=dt.UTC)

# Locally each run draws new histories; in CI (CI=true) the draw is fixed and larger, as in
# tests/engine/test_properties.py.
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ROUND_TRIP_SETTINGS = settings(
    max_examples=100 if IN_CI else 25,
    derandomize=IN_CI,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,  # each example replaces the person's records
    ],
)


@pytest.fixture
def person(db) -> User:
    return User.objects.create_user("restorer", "restorer@example.org", "x-long-password-1")


def restored(person: User, document: dict, *, force: bool = False) -> dict:
    """`document` restored into `person`, and the backup taken of them then."""
    raw = json.dumps(document).encode()
    restore(person, io.BytesIO(raw), today=TODAY, now=NOW, force=force)
    return backup_document(person)


def test_a_backup_written_before_the_declaration_restores_the_same(person) -> None:
    """`v1-2026-12-04.json` and its CSV were written by the hand-written export the declaration
    replaced, before pain reports had a side and a place: restored, the backup and the table
    taken again are the same files, each pain report now of both sides and an unsaid place
    (the whole person, as the engine read it then), and the profile with no language chosen."""
    document = json.loads((BACKUPS / "v1-2026-12-04.json").read_text())
    assert all("side" not in p and "place" not in p for p in document["data"]["pain"])
    again = restored(person, document)
    sided = [{**p, "side": "both", "place": "unspecified"} for p in document["data"]["pain"]]
    profile = {**document["data"]["profile"], "language": ""}
    expected = {**document["data"], "person": "restorer", "pain": sided, "profile": profile}
    assert again["data"] == expected
    table = (BACKUPS / "v1-2026-12-04.csv").read_text()
    table = table.replace("pain,rest,,2,0-10,\n", "pain,rest,both,2,0-10,unspecified\n")
    assert export_csv(person) == table
    assert restored(person, again)["data"] == again["data"]


# --- Random histories ----------------------------------------------------------------------

moments = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=NOW.replace(tzinfo=None), timezones=st.just(dt.UTC)
).map(dt.datetime.isoformat)
# Text as a person writes it: any character but surrogates and control characters (every door
# refuses those, `inputs.plain_text`), line breaks and tabs allowed.
letters = st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t")
words = st.text(letters, max_size=30)


def days_from(first: dt.date) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=first, max_value=TODAY)


@st.composite
def histories(draw) -> dict:
    """A backup's data: every kind of record, each valid, in the order written."""
    keys = iter(uuid.UUID(int=n) for n in range(1, 10**6))

    def key() -> str:
        return str(next(keys))

    def written(records: list[dict]) -> list[dict]:
        return sorted(records, key=lambda r: r["created"])

    starts = sorted(draw(st.lists(days_from(dt.date(2000, 1, 1)), min_size=1, max_size=3)))
    programs = sorted(library().programs)
    enrollments = []
    for n, start in enumerate(starts):
        last = n == len(starts) - 1
        ended = None if last and draw(st.booleans()) else draw(days_from(start))
        enrollments.append(
            {
                "program": draw(st.sampled_from(programs)),
                "version": draw(st.integers(1, 1_000_000)),
                "start": start.isoformat(),
                "ended": ended and ended.isoformat(),
                "created": draw(moments),
            }
        )
    dose = st.none() | st.integers(0, 20)
    exercise = st.fixed_dictionaries(
        {
            "exercise": st.sampled_from(sorted(library().exercises)),
            "side": st.sampled_from(values(Side)),
            "status": st.sampled_from(values(WorkoutStatus)),
            "sets": dose,
            "reps": dose,
            "hold_s": dose,
            "time_s": dose,
            "created": moments,
        }
    )
    workouts = []
    for day in sorted(draw(st.sets(days_from(starts[0]), max_size=6))):
        workouts.append(
            {
                "date": day.isoformat(),
                "status": draw(st.sampled_from(values(WorkoutStatus))),
                "client_key": key(),
                "created": draw(moments),
                "updated": draw(moments),
                "exercises": written(
                    [{**e, "client_key": key()} for e in draw(st.lists(exercise, max_size=4))]
                ),
            }
        )
    day = days_from(dt.date(2000, 1, 1)).map(dt.date.isoformat)
    pain = st.fixed_dictionaries(
        {
            "date": day,
            "when": st.sampled_from(values(PainTiming)),
            "score": st.integers(0, 10),
            "side": st.sampled_from(values(Side)),
            "place": st.sampled_from(values(PainPlace)),
        }
    )
    measurement = st.fixed_dictionaries(
        {
            "date": day,
            "side": st.sampled_from(values(MEASURED_SIDES)),
            "position": st.sampled_from(values(Position)),
            "method": st.sampled_from(values(Method)),
            "kind": st.sampled_from(values(Kind)),
            "trials": st.lists(st.floats(0, 90), min_size=1, max_size=5),
        }
    )
    activity = st.fixed_dictionaries(
        {
            "date": day,
            "activity": st.text(letters, min_size=2, max_size=30)
            .map(lambda t: " ".join(t.split()))
            .filter(lambda t: len(t) >= 2),
            "score": st.integers(0, 10),
        }
    )
    screen = st.fixed_dictionaries(
        {
            "date": day,
            "answers": st.fixed_dictionaries(dict.fromkeys(values(RedFlag), st.booleans())),
        }
    )
    keyed = lambda kind: st.lists(kind, max_size=4).map(  # noqa: E731
        lambda rows: [{**r, "client_key": key(), "created": draw(moments)} for r in rows]
    )
    profile = st.none() | st.fixed_dictionaries(
        {
            "goals": st.lists(st.sampled_from(values(Goal)), unique=True),
            "pain_areas": st.lists(st.sampled_from(values(PainArea)), unique=True),
            "age": st.none() | st.integers(10, 110),
            "time_zone": st.sampled_from(["", "Europe/London", "Pacific/Kiritimati"]),
            "language": st.sampled_from(["", "de", "en-us", "en-gb"]),
            "created": moments,
            "updated": moments,
        }
    )
    timed = lambda kind: st.lists(kind, max_size=3).map(  # noqa: E731
        lambda rows: [{**r, "created": draw(moments)} for r in rows]
    )
    return {
        "person": "someone",
        "profile": draw(profile),
        "enrollments": written(enrollments),
        "workouts": written(workouts),
        "pain": written(draw(keyed(pain))),
        "measurements": written(draw(keyed(measurement))),
        "activities": written(draw(keyed(activity))),
        "screens": written(draw(timed(screen))),
        "clearances": written(
            draw(timed(st.fixed_dictionaries({"date": day, "note": words.map(str.strip)})))
        ),
        "notes": written(
            draw(
                timed(
                    st.fixed_dictionaries(
                        {
                            "date": day,
                            "text": st.text(letters, min_size=1, max_size=30)
                            .map(str.strip)
                            .filter(bool),
                        }
                    )
                )
            )
        ),
    }


def _as_stored(data: dict) -> dict:
    """`data` without what a restore works out again (a test's mean, a screen's `positive`)
    or takes from the account (the person's name)."""
    data = json.loads(json.dumps(data))
    data.pop("person")
    for m in data["measurements"]:
        m.pop("mean", None)
    for s in data["screens"]:
        s.pop("positive", None)
    return data


@ROUND_TRIP_SETTINGS
@given(history=histories())
def test_backup_restore_backup_is_the_same_file(person, history) -> None:
    document = {"format": "hipcoach-backup", "version": 1, "data": history}
    first = restored(person, document, force=True)  # the history, as records here
    assert _as_stored(first["data"]) == _as_stored(history)
    again = restored(person, first)  # nothing here is lost: no --force needed
    assert again["data"] == first["data"]
