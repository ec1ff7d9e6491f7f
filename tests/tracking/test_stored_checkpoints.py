"""The planner's stored checkpoints: a plan resumed from them is the plan from scratch, and a
write on day d drops exactly the checkpoints from d on."""

from __future__ import annotations

import datetime as dt

from cast import START
from hipcoach.engine.planner import plan_days
from hipcoach.engine.types import ExerciseLog as EngineExerciseLog
from hipcoach.tracking import checkpoints, plan_cache
from hipcoach.tracking.history import history_of, profile_of
from hipcoach.tracking.models import Enrollment, ExerciseLog, PlanCheckpoint
from hipcoach.tracking.plans import coming_days, compute_plan, day_plan
from hipcoach.tracking.programs import library, program
from hipcoach.tracking.workouts import log_exercise, log_workout, report_pain
from hipcoach.vocabulary import Side, WorkoutStatus

DAYS = 40
TODAY = START + dt.timedelta(days=DAYS)


def _day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def _scratch(person, on: dt.date, until: dt.date | None = None):
    """Every day's plan to `on` from day 0, by the engine alone."""
    enrollment = Enrollment.objects.get(person=person, ended=None)
    return plan_days(
        program(enrollment.program),
        library().exercises,
        profile_of(person),
        history_of(person, until=until or on),
        enrollment.start,
        on,
        lessons=library().lessons,
    )


def _kept(person) -> list[dt.date]:
    return sorted(PlanCheckpoint.objects.filter(person=person).values_list("date", flat=True))


def _train(person, days: int = DAYS) -> None:
    for n in range(days):
        log_workout(person, on=_day(n), status="done", today=TODAY)
        report_pain(person, on=_day(n), when="during", score=2, today=TODAY)


def test_a_plan_from_the_checkpoints_is_the_plan_from_scratch(alice) -> None:
    _train(alice)
    assert _kept(alice) == []  # the writes left none (there were none to drop)
    first = compute_plan(alice, on=TODAY)
    assert first == _scratch(alice, TODAY)[-1]
    every = checkpoints.EVERY_DAYS
    weekly = [_day(n) for n in range(every - 1, DAYS, every)]
    assert _kept(alice) == [*weekly, _day(DAYS - 1)]  # and the end of the day before
    assert compute_plan(alice, on=TODAY) == first  # now resumed from day 39
    later = TODAY + dt.timedelta(days=3)
    assert compute_plan(alice, on=later) == _scratch(alice, later)[-1]


def test_a_backdated_write_changes_the_plans_after_it_and_keeps_the_ones_before(alice) -> None:
    _train(alice)
    before = [compute_plan(alice, on=_day(n)) for n in range(DAYS + 1)]
    kept = _kept(alice)
    report_pain(alice, on=_day(17), when="during", score=9, today=TODAY)  # a red day, backdated
    assert _kept(alice) == [d for d in kept if d < _day(17)]
    after = [compute_plan(alice, on=_day(n)) for n in range(DAYS + 1)]
    assert after == _scratch(alice, TODAY)
    assert after[:17] == before[:17]
    assert after[17] != before[17] and after[18:] != before[18:]


def test_an_edit_without_a_date_of_its_own_drops_from_its_workouts_day(alice) -> None:
    _train(alice)
    compute_plan(alice, on=TODAY)
    done = EngineExerciseLog("seated-ir-activation", Side.left, WorkoutStatus.done, sets=2)
    log_exercise(alice, on=_day(20), done=done, today=TODAY)
    assert max(_kept(alice)) < _day(20)
    row = ExerciseLog.objects.get(workout__person=alice)
    row.status = "skipped"
    row.save()  # an exercise log's day is its workout's
    assert max(_kept(alice)) < _day(20)
    assert compute_plan(alice, on=TODAY) == _scratch(alice, TODAY)[-1]


def test_a_record_moved_to_another_day_drops_from_the_earlier_day(alice) -> None:
    _train(alice)
    compute_plan(alice, on=TODAY)
    row = alice.pain_reports.get(date=_day(30))
    row.date = _day(10)
    row.save()
    assert max(_kept(alice)) < _day(10)
    assert compute_plan(alice, on=TODAY) == _scratch(alice, TODAY)[-1]


def test_a_change_of_profile_or_program_drops_every_checkpoint(alice) -> None:
    _train(alice, 10)
    compute_plan(alice, on=TODAY)
    assert _kept(alice)
    profile = alice.profile
    profile.save()
    assert _kept(alice) == []


def test_a_write_by_another_person_leaves_the_checkpoints_alone(alice, bob) -> None:
    _train(alice, 10)
    compute_plan(alice, on=TODAY)
    kept = _kept(alice)
    report_pain(bob, on=_day(1), when="rest", score=6, today=TODAY)
    assert _kept(alice) == kept


def test_checkpoints_made_from_records_that_changed_meanwhile_are_not_kept(alice) -> None:
    _train(alice, 10)
    at = checkpoints.revision(alice.pk)
    report_pain(alice, on=_day(2), when="rest", score=6, today=TODAY)  # meanwhile
    from hipcoach.engine.planner import plan_days_from

    enrollment = Enrollment.objects.get(person=alice, ended=None)
    _, made = plan_days_from(
        None,
        program(enrollment.program),
        library().exercises,
        profile_of(alice),
        history_of(alice, until=TODAY),
        enrollment.start,
        TODAY,
        keep={6, 13},
    )
    checkpoints.store(alice.pk, at, made)
    assert _kept(alice) == []


def test_another_content_or_code_version_is_never_read(alice, monkeypatch) -> None:
    _train(alice, 10)
    compute_plan(alice, on=TODAY)
    monkeypatch.setattr(plan_cache, "code_version", lambda: "another-version")
    assert checkpoints.latest(alice.pk, "hip-foundations", START, TODAY) is None
    assert compute_plan(alice, on=TODAY) == _scratch(alice, TODAY)[-1]
    versions = set(PlanCheckpoint.objects.filter(person=alice).values_list("version", flat=True))
    assert versions == {checkpoints.version()}  # the old ones made way


def test_a_checkpoint_of_the_previous_format_is_never_read_and_made_again(alice) -> None:
    from hipcoach.engine.checkpoint import FORMAT

    _train(alice, 10)
    compute_plan(alice, on=TODAY)
    old = f"{plan_cache.code_version()}/{FORMAT - 1}"
    PlanCheckpoint.objects.filter(person=alice).update(version=old)
    assert checkpoints.latest(alice.pk, "hip-foundations", START, TODAY) is None
    assert compute_plan(alice, on=TODAY) == _scratch(alice, TODAY)[-1]
    versions = set(PlanCheckpoint.objects.filter(person=alice).values_list("version", flat=True))
    assert versions == {checkpoints.version()}  # rebuilt in the current form


def test_only_the_newest_checkpoints_are_kept(alice) -> None:
    far = START + dt.timedelta(days=checkpoints.EVERY_DAYS * (checkpoints.KEEP + 5) + 3)
    assert not checkpoints.on_the_grid((far - START).days - 1)
    compute_plan(alice, on=far)
    kept = _kept(alice)
    weekly = [d for d in kept if checkpoints.on_the_grid((d - START).days)]
    assert len(weekly) == checkpoints.KEEP
    assert kept == [*weekly, far - dt.timedelta(days=1)]
    assert compute_plan(alice, on=far) == _scratch(alice, far)[-1]


def test_a_day_later_keeps_the_new_day_before_and_drops_older_ones(alice) -> None:
    _train(alice, 10)
    compute_plan(alice, on=_day(10))
    for n in range(11, 20):  # a look a day, as a person (or the nightly pass) makes
        compute_plan(alice, on=_day(n))
        weekly = [_day(k) for k in range(6, n - 1, checkpoints.EVERY_DAYS)]
        assert _kept(alice) == sorted({*weekly, _day(n - 1), _day(n - 2)})


def test_a_look_at_the_days_ahead_then_a_write_of_today_resumes_from_yesterday(alice) -> None:
    _train(alice)
    compute_plan(alice, on=TODAY)  # the night before: yesterday's
    coming_days(alice, today=TODAY, days=7)  # keeps the end of today too
    assert max(_kept(alice)) == TODAY
    report_pain(alice, on=TODAY, when="rest", score=5, today=TODAY)
    assert max(_kept(alice)) == TODAY - dt.timedelta(days=1)
    assert compute_plan(alice, on=TODAY) == _scratch(alice, TODAY)[-1]


def test_a_write_of_today_resumes_from_the_end_of_yesterday(alice, monkeypatch) -> None:
    _train(alice)
    compute_plan(alice, on=TODAY)
    report_pain(alice, on=TODAY, when="rest", score=5, today=TODAY)
    assert max(_kept(alice)) == TODAY - dt.timedelta(days=1)  # the write kept it
    import hipcoach.engine.planner as planner

    resumed = []
    real = planner.plan_days_from

    def spy(checkpoint, *args, **kwargs):
        resumed.append(checkpoint.date if checkpoint is not None else None)
        return real(checkpoint, *args, **kwargs)

    monkeypatch.setattr(planner, "plan_days_from", spy)
    plan = compute_plan(alice, on=TODAY)
    assert resumed == [TODAY - dt.timedelta(days=1)]  # one day planned, not up to a week
    assert plan == _scratch(alice, TODAY)[-1]


def test_coming_days_keep_checkpoints_only_up_to_today(alice) -> None:
    _train(alice, 10)
    today = _day(10)
    coming = coming_days(alice, today=today, days=30)
    assert max(_kept(alice)) <= today
    assert coming == _scratch(alice, today + dt.timedelta(days=29), until=today)[10:]
    assert day_plan(alice, on=today) == coming[0]
