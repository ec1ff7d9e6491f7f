"""The one cache of day plans, kept in the database beside the records it was computed from.

A plan depends on the person's records, the content files, the code that plans, the date and
the pre-run switch. Each person has a revision (`models.PlanCache`) that goes up, and drops
the stored plans, with every write of any of their records: `watch_records` connects that to
every model of this app, finding from each model's own foreign keys whose record it is, so a
new kind of record is watched without anyone listing it. Plans are stored under the date, the
switch and a version of the content and code, and only while the revision is still the one
they were computed at: a plan computed from records that changed meanwhile is never kept.

It pays for itself: with a year of history, planning from scratch (loading and checking the
content, reading every record, the planner's pass) made `hipcoach today` about 2.3× a bare
`django.setup()` and one query, against about 1.3× with the plan kept; the API's today
endpoint answers in about 1.5 ms instead of about 50 ms (`benchmarks/bench_today*.py`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from hipcoach.engine.types import DayPlan, Decision, GateCheck, LessonLine, PlannedExercise

KEEP = 8  # plans kept per person (a few dates and both pre-run settings)
_PACKAGE = Path(__file__).resolve().parent.parent
CODE_FOLDERS = ("content", "engine", "tracking")  # what a plan is computed from


@cache
def code_version() -> str:
    """A digest of the content files and the planning code, by path, size and change time."""
    stamp = []
    for folder in CODE_FOLDERS:
        for root, _dirs, files in os.walk(_PACKAGE / folder):
            for name in files:
                if name.endswith((".py", ".yaml", ".yml")):
                    info = os.stat(os.path.join(root, name))
                    stamp.append(f"{root}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(sorted(stamp)).encode()).hexdigest()[:16]


def _slot(on: dt.date, pre_run: bool) -> str:
    return f"{on.isoformat()}|{'pre-run' if pre_run else 'plain'}|{code_version()}"


@dataclass(frozen=True)
class Lookup:
    """What the cache holds for one person and day: the plan, if any, and where to put one."""

    person_id: int
    revision: int
    plans: dict[str, Any]
    slot: str

    @property
    def plan(self) -> DayPlan | None:
        data = self.plans.get(self.slot)
        return plan_from_json(data) if isinstance(data, dict) else None

    @property
    def contract(self) -> dict[str, Any] | None:
        """The stored plan's contract JSON (`DayPlan.to_json`, English), read without making
        the plan again: what the API answers."""
        data = self.plans.get(self.slot)
        return contract_of(data) if isinstance(data, dict) else None


def lookup(person_id: int, on: dt.date, pre_run: bool) -> Lookup:
    from hipcoach.tracking.models import PlanCache

    row = PlanCache.objects.filter(person_id=person_id).values_list("revision", "plans").first()
    if row is None:
        made = PlanCache.objects.get_or_create(person_id=person_id)[0]
        row = (made.revision, made.plans)
    return _lookup(person_id, row, on, pre_run)


def lookup_many(wanted: dict[int, dt.date]) -> dict[int, Lookup]:
    """`lookup` of many people at once, each on their own date (no run after it): one query
    (and one to make the rows of those who have none yet)."""
    from hipcoach.tracking.models import PlanCache

    def read(ids: Iterable[int]) -> dict[int, tuple[int, Any]]:
        rows = PlanCache.objects.filter(person_id__in=list(ids))
        return {
            pk: (revision, plans)
            for pk, revision, plans in rows.values_list("person_id", "revision", "plans")
        }

    found = read(wanted)
    if missing := [pk for pk in wanted if pk not in found]:
        PlanCache.objects.bulk_create(
            [PlanCache(person_id=pk) for pk in missing], ignore_conflicts=True
        )
        found.update(read(missing))
    return {pk: _lookup(pk, found[pk], on, False) for pk, on in wanted.items()}


def _lookup(person_id: int, row: tuple[int, Any], on: dt.date, pre_run: bool) -> Lookup:
    revision, plans = row
    return Lookup(person_id, revision, plans if isinstance(plans, dict) else {}, _slot(on, pre_run))


def keep(found: Lookup, plan: DayPlan) -> dict[str, Any]:
    """Store `plan` in the slot looked up, unless the person's records changed since; its
    stored form (`plan_to_json`)."""
    from hipcoach.tracking.models import PlanCache

    plans = with_plan(found, plan)
    PlanCache.objects.filter(person_id=found.person_id, revision=found.revision).update(plans=plans)
    return plans[found.slot]


def with_plan(found: Lookup, plan: DayPlan) -> dict[str, Any]:
    """The person's stored plans with `plan` in the slot looked up (the newest `KEEP`)."""
    plans = {k: v for k, v in found.plans.items() if k != found.slot}
    plans = dict(list(plans.items())[-(KEEP - 1) :])
    plans[found.slot] = plan_to_json(plan)
    return plans


def keep_many(kept: list[tuple[Lookup, DayPlan]]) -> None:
    """`keep` of many people's plans in one statement sent once (each row still only while
    that person's revision is the one looked up)."""
    from django.db import connection

    from hipcoach.tracking.models import PlanCache

    if not kept:
        return
    field = PlanCache._meta.get_field("plans")
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {q(PlanCache._meta.db_table)} SET {q('plans')} = %s "
            f"WHERE {q('person_id')} = %s AND {q('revision')} = %s",
            [
                (
                    field.get_db_prep_save(with_plan(found, plan), connection),
                    found.person_id,
                    found.revision,
                )
                for found, plan in kept
            ],
        )


# --- Every write of a person's records moves their revision --------------------------------


def records_changed(person_id: int | None, since: dt.date | None = None) -> None:
    """Move the person's revision on and drop their plans (no row: nothing was cached yet), and
    their planner checkpoints from `since` on: a record dated `since` changed (all of them
    without a date: a profile, a program, a restore)."""
    from django.db.models import F

    from hipcoach.tracking.models import PlanCache, PlanCheckpoint

    if person_id is not None:
        PlanCache.objects.filter(person_id=person_id).update(revision=F("revision") + 1, plans={})
        # a checkpoint holds the state at the end of its day: it depends on the records dated
        # up to that day only (`tracking.checkpoints`)
        stale = PlanCheckpoint.objects.filter(person_id=person_id)
        if since is not None:
            stale = stale.filter(date__gte=since)
        stale.delete()


def owner_path(model) -> tuple[str, ...] | None:
    """The foreign keys from `model` to the person who owns its rows, e.g. ("workout", "person")."""
    from django.contrib.auth import get_user_model

    person_model = get_user_model()
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is person_model:
            return (field.name,)
    for field in model._meta.concrete_fields:
        if field.is_relation and field.many_to_one and field.related_model is not model:
            rest = owner_path(field.related_model)
            if rest is not None:
                return (field.name, *rest)
    return None


def _owner_of(instance, path: tuple[str, ...]) -> int | None:
    if len(path) == 1:
        return getattr(instance, f"{path[0]}_id")
    parent = type(instance)._meta.get_field(path[0])
    # Read from the database, not the instance: on a cascading delete the parent may be gone
    # already, and then its own deletion has moved the revision.
    return (
        parent.related_model.objects.filter(pk=getattr(instance, f"{path[0]}_id"))
        .values_list("__".join(path[1:]) + "_id", flat=True)
        .first()
    )


def date_path(model) -> tuple[str, ...] | None:
    """The fields from `model` to the date its rows are of, e.g. ("workout", "date"); None for
    a record of no day (a profile, an enrollment): its writes change every day's plan."""
    names = {f.name: f for f in model._meta.concrete_fields}
    if "date" in names and names["date"].get_internal_type() == "DateField":
        return ("date",)
    for field in model._meta.concrete_fields:
        if field.is_relation and field.many_to_one and field.related_model is not model:
            rest = date_path(field.related_model)
            if rest is not None:
                return (field.name, *rest)
    return None


def _date_of(instance, path: tuple[str, ...] | None) -> dt.date | None:
    if path is None:
        return None
    if len(path) == 1:
        return getattr(instance, path[0])
    parent = type(instance)._meta.get_field(path[0])
    # From the database, as for the owner: on a cascading delete the parent may be gone
    # already (then None: every checkpoint goes, which is never wrong).
    return (
        parent.related_model.objects.filter(pk=getattr(instance, f"{path[0]}_id"))
        .values_list("__".join(path[1:]), flat=True)
        .first()
    )


def _earliest(*dates: dt.date | None) -> dt.date | None:
    """The earliest of the dates a write touched; None (every day) when one is unknown."""
    if any(d is None for d in dates):
        return None
    return min(d for d in dates if d is not None)


def watch_records() -> None:
    """Connect every record model of the tracking app to `records_changed` (at start-up).

    A model whose rows belong to no person is a mistake in the schema, raised here.
    """
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured
    from django.db.models.signals import post_delete, post_save, pre_save

    from hipcoach.tracking.models import NOT_RECORDS

    for model in apps.get_app_config("tracking").get_models():
        if model in NOT_RECORDS:
            continue
        path = owner_path(model)
        if path is None:
            raise ImproperlyConfigured(
                f"{model.__name__} rows belong to no person: the plan cache cannot tell whose "
                "plans a write of one changes"
            )

        dated = date_path(model)

        def before(sender, instance, dated=dated, **kwargs) -> None:
            # A row saved again may have moved to another day: the checkpoints from the
            # earlier of its two dates go.
            if dated == ("date",) and instance.pk is not None:
                was = type(instance).objects.filter(pk=instance.pk).values_list("date", flat=True)
                instance._checkpoint_date_was = was.first() or instance.date

        def changed(sender, instance, path=path, dated=dated, **kwargs) -> None:
            since = _date_of(instance, dated)
            was = getattr(instance, "_checkpoint_date_was", since)
            records_changed(_owner_of(instance, path), _earliest(since, was))

        uid = f"plan-cache:{model._meta.label}"
        pre_save.connect(before, sender=model, weak=False, dispatch_uid=uid)
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)


# --- A plan back from its JSON --------------------------------------------------------------


def _known(cls, data: dict) -> dict:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def plan_to_json(plan: DayPlan) -> dict[str, Any]:
    """`plan` as stored: its contract JSON, and its reasons and gate checks as made (`Said`,
    tagged as a checkpoint tags them) so that each reader sees them in their own language."""
    from hipcoach.engine.tagged import encode

    data = plan.to_json()
    data["said"] = encode(
        {"decisions": [d.said for d in plan.decisions], "gate": [g.said for g in plan.gate]}
    )
    return data


def contract_of(stored: dict[str, Any]) -> dict[str, Any]:
    """A stored plan's contract JSON: `DayPlan.to_json` without the reasons as made."""
    return {key: value for key, value in stored.items() if key != "said"}


def plan_from_json(data: dict) -> DayPlan:
    """A `DayPlan` back from its JSON (fields the dataclasses do not know are left out)."""
    plan = _plan_from_json(data)
    if "said" not in data:
        return plan
    said = read_tagged(data["said"])
    decisions = tuple(
        Decision(d.rule, d.reason, d.evidence, s)  # the English as stored: not made again
        for d, s in zip(plan.decisions, said["decisions"], strict=True)
    )
    gate = tuple(
        GateCheck(s[0], g.met, g.value, s[1], s[2]) if s else g
        for g, s in zip(plan.gate, said["gate"], strict=True)
    )
    return dataclasses.replace(plan, decisions=decisions, gate=gate)


def read_tagged(data: Any) -> Any:
    """Tagged data (`engine.tagged`) back as values, loading the planner's own classes only
    when the data names one: a warm `hipcoach today` reads its plan's reasons without them."""
    from hipcoach.engine.tagged import decode

    try:
        return decode(data)
    except KeyError:
        import hipcoach.engine.checkpoint  # noqa: F401  (registers the planner's classes)

        return decode(data)


def _plan_from_json(data: dict) -> DayPlan:
    return DayPlan(
        day=data["day"],
        date=dt.date.fromisoformat(data["date"]),
        program=data["program"],
        phase=data["phase"],
        workout=data.get("workout"),
        stop=data["stop"],
        flags=tuple(data.get("flags", ())),
        minutes=data["minutes"],
        exercises=tuple(
            PlannedExercise(**_known(PlannedExercise, e)) for e in data.get("exercises", ())
        ),
        decisions=tuple(
            Decision(d["rule"], d["reason"], d["evidence"]) for d in data.get("decisions", ())
        ),
        gate=tuple(
            GateCheck(g["name"], g["met"], g.get("value"), g.get("target"), g.get("reading"))
            for g in data.get("gate", ())
        ),
        pre_run=data.get("pre_run", False),
        lesson=LessonLine(**_known(LessonLine, data["lesson"])) if data.get("lesson") else None,
        clearance_by=data.get("clearance_by"),
    )
