"""The stored status of each person (`tracking.statuses`): what the nightly pass writes for
the cast, in each person's own day, and when a stored status is due again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from cast import CLEAR_SCREEN, START, in_constant_pain, person
from hipcoach.engine import measurement as maths
from hipcoach.tracking import plan_cache, statuses
from hipcoach.tracking.languages import language_words
from hipcoach.tracking.models import PersonStatus, PlanCache, Profile
from hipcoach.tracking.plans import day_plan
from hipcoach.tracking.workouts import log_workout, report_pain

NOON = dt.datetime.combine(START, dt.time(12), tzinfo=dt.UTC)  # START's noon at Greenwich


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def zone(user, name: str) -> None:
    Profile.objects.filter(person=user).update(time_zone=name)


@pytest.mark.django_db
def test_the_cast_on_its_first_day(people) -> None:
    alice, bob = people["Alice"], people["Bob"]
    done = statuses.refresh_statuses(now=NOON)
    assert (done["people"], done["refreshed"], done["failed"]) == (2, 2, 0)  # Charlie: no profile
    assert not PersonStatus.objects.filter(person=people["Charlie"]).exists()
    for user, program, left, right in (
        (alice, "hip-foundations", 23.0, 35.0),
        (bob, "hip-ir-primer", 30.0, 31.0),
    ):
        row = PersonStatus.objects.get(person=user)
        plan = day_plan(user, on=START)
        assert (row.date, row.program, row.day, row.phase) == (START, program, 0, plan.phase)
        assert row.stop is False and row.flags == list(plan.flags)
        assert row.rules == [d.rule for d in plan.decisions] and row.rules
        assert (row.ir_left, row.ir_right) == (pytest.approx(left), pytest.approx(right))
        assert row.ir_left_date == row.ir_right_date == START
        assert (row.ir_position, row.ir_method) == ("prone", "phone")
        assert row.ir_error == maths.mdc("phone")
        assert row.pain_score is None and row.pain_date is None
        assert (row.workouts_7, row.workouts_30) == (0, 0)
        assert row.code_version == plan_cache.code_version() and row.unplanned == ""
    assert "R3" in PersonStatus.objects.get(person=alice).rules  # one test shows a side behind


@pytest.mark.django_db
def test_the_plan_is_brought_to_today_through_the_plan_cache(people) -> None:
    alice = people["Alice"]
    statuses.refresh_statuses(now=at(START + dt.timedelta(days=3)))
    assert plan_cache.lookup(alice.pk, START + dt.timedelta(days=3), False).plan is not None


@pytest.mark.django_db
def test_workouts_and_pain_counted_in_their_windows(people) -> None:
    alice = people["Alice"]
    today = START + dt.timedelta(days=40)
    for k in (0, 5, 20, 35, 38, 39):  # 35–39 within 7 days, 20 onwards within 30
        day = START + dt.timedelta(days=k)
        log_workout(alice, on=day, status="done" if k != 38 else "partial", today=today)
    log_workout(alice, on=START + dt.timedelta(days=37), status="skipped", today=today)
    report_pain(alice, on=START + dt.timedelta(days=39), when="during", score=3, today=today)
    report_pain(alice, on=today, when="next_morning", score=2, today=today)
    statuses.refresh_statuses(now=at(today))
    row = PersonStatus.objects.get(person=alice)
    assert (row.workouts_7, row.workouts_30) == (3, 4)
    assert (row.pain_score, row.pain_when, row.pain_date) == (2, "next_morning", today)
    assert row.day == 40
    # the second 30-day monitoring period from the program's start: days 35, 37, 38, 39, 40
    assert (row.monitoring_first, row.monitoring_days) == (START + dt.timedelta(days=30), 5)


@pytest.mark.django_db
def test_each_person_has_their_own_day(people) -> None:
    alice, bob = people["Alice"], people["Bob"]
    zone(alice, "Pacific/Kiritimati")  # UTC+14
    zone(bob, "America/Los_Angeles")  # UTC-8 in January
    now = at(START + dt.timedelta(days=1), hour=11)
    statuses.refresh_statuses(now=now)
    assert PersonStatus.objects.get(person=alice).date == START + dt.timedelta(days=2)
    assert PersonStatus.objects.get(person=alice).day == 2
    assert PersonStatus.objects.get(person=bob).date == START + dt.timedelta(days=1)
    assert PersonStatus.objects.get(person=bob).day == 1


@pytest.mark.django_db
def test_only_what_is_due_is_computed_again(people) -> None:
    alice = people["Alice"]
    assert statuses.refresh_statuses(now=NOON)["refreshed"] == 2
    assert statuses.refresh_statuses(now=NOON)["refreshed"] == 0  # nothing changed
    report_pain(alice, on=START, when="rest", score=4, today=START)  # a record: Alice is due
    assert statuses.refresh_statuses(now=NOON)["refreshed"] == 1
    assert PersonStatus.objects.get(person=alice).pain_score == 4
    assert (
        PersonStatus.objects.get(person=alice).revision
        == PlanCache.objects.get(person=alice).revision
    )
    assert statuses.refresh_statuses(now=at(START, hour=23))["refreshed"] == 0  # the same day
    assert statuses.refresh_statuses(now=at(START + dt.timedelta(days=1)))["refreshed"] == 2


@pytest.mark.django_db
def test_a_new_version_replans_everyone_and_only_then(people, monkeypatch) -> None:
    statuses.refresh_statuses(now=NOON)
    tomorrow = at(START + dt.timedelta(days=1))
    assert statuses.refresh_statuses(now=tomorrow, reason="other_version")["refreshed"] == 0
    monkeypatch.setattr(plan_cache, "code_version", lambda: "another-version")
    assert statuses.refresh_statuses(now=tomorrow, reason="other_version")["refreshed"] == 2
    assert set(PersonStatus.objects.values_list("code_version", flat=True)) == {"another-version"}
    alice = people["Alice"]
    assert plan_cache.lookup(alice.pk, START + dt.timedelta(days=1), False).plan is not None


@pytest.mark.django_db
def test_a_status_is_not_a_record(people) -> None:
    """Writing statuses moves no one's records revision: it drops no plan."""
    statuses.refresh_statuses(now=NOON)
    before = dict(PlanCache.objects.values_list("person_id", "revision"))
    for row in PersonStatus.objects.all():
        row.save()  # a save as a record's would be seen
    statuses.refresh_statuses(now=at(START + dt.timedelta(days=1)))
    assert dict(PlanCache.objects.values_list("person_id", "revision")) == before
    assert plan_cache.lookup(people["Alice"].pk, START, False).plan is not None


@pytest.mark.django_db
def test_stopped_at_the_screen_and_referred_for_pain(db, fast_hashing) -> None:
    from hipcoach.tracking.onboarding import Baseline, set_up

    stopped = person("Dora")
    set_up(
        stopped,
        program_id="hip-ir-primer",
        goals=["running"],
        pain_areas=["groin"],
        age=40,
        answers=CLEAR_SCREEN | {"fever_or_hot_joint": True},
        baseline=Baseline("prone", "phone", (30, 30, 30), (31, 31, 31)),
        start=START,
        today=START,
    )
    today = START + dt.timedelta(days=30)
    sore = in_constant_pain("Erin", today)
    statuses.refresh_statuses(now=at(today))
    row = PersonStatus.objects.get(person=stopped)
    assert (row.program, row.stop, row.day) == ("", True, None)
    assert "red-flag screen" in row.unplanned
    row = PersonStatus.objects.get(person=sore)
    assert "R13" in row.rules and row.pain_score == 7 and row.pain_when == "next_morning"


@pytest.mark.django_db
def test_one_person_failing_does_not_stop_the_pass(people, monkeypatch, caplog) -> None:
    alice = people["Alice"]
    real = statuses.day_plan

    def broken(user, **kwargs):
        if user.pk == alice.pk:
            raise RuntimeError("a bug in the planner")
        return real(user, **kwargs)

    monkeypatch.setattr(statuses, "day_plan", broken)
    done = statuses.refresh_statuses(now=NOON)
    assert (done["refreshed"], done["failed"]) == (1, 1)
    assert not PersonStatus.objects.filter(person=alice).exists()
    assert f"person {alice.pk}" in caplog.text
    monkeypatch.setattr(statuses, "day_plan", real)
    assert statuses.refresh_statuses(now=NOON)["refreshed"] == 1  # the next pass catches up


@pytest.mark.django_db
def test_a_program_run_too_long_to_plan_says_why(people) -> None:
    from hipcoach.tracking.inputs import PLAN_DAYS_MAX

    late = START + dt.timedelta(days=PLAN_DAYS_MAX + 1)
    statuses.refresh_statuses(now=at(late))
    row = PersonStatus.objects.get(person=people["Alice"])
    assert row.program == "hip-foundations" and row.day is None
    assert "years after your program started" in row.unplanned
    # the caseload's A3 keeps why as made: each clinician reads it in their own language
    (a3,) = [r for r in statuses.reasons_kept(row.reasons) if "no plan today" in str(r)]
    assert str(a3) == f"no plan today: {row.unplanned}"
    with translation.override("de"):
        german = a3.render(language_words("de"))
    assert german.startswith("heute kein Plan: ") and "Jahre nach dem Start" in german
    assert "years" not in german


@pytest.mark.django_db
def test_the_jobs_only_call_the_service(people, monkeypatch) -> None:
    """The queue's jobs (`hipcoach.jobs`) store the statuses; a worker's start schedules the
    hourly pass once however often workers start, and queues one re-plan each time."""
    from django_q.models import OrmQ, Schedule

    from hipcoach import jobs

    assert jobs.nightly_pass()["refreshed"] == 2
    assert PersonStatus.objects.count() == 2
    assert jobs.replan_everyone()["refreshed"] == 0
    jobs.start_up(NOON)
    jobs.start_up(NOON + dt.timedelta(minutes=5))
    nightly = Schedule.objects.get(name=jobs.NIGHTLY)
    reminders = Schedule.objects.get(name=jobs.REMINDERS)
    assert Schedule.objects.count() == 2
    assert (reminders.func, reminders.schedule_type) == (jobs.REMINDERS_FUNCTION, Schedule.MINUTES)
    assert reminders.next_run == NOON + dt.timedelta(minutes=1)
    assert (nightly.name, nightly.func) == (jobs.NIGHTLY, "hipcoach.jobs.nightly_pass")
    assert nightly.schedule_type == Schedule.HOURLY
    assert nightly.next_run == at(START, hour=13)  # the next full hour after the first start
    assert OrmQ.objects.count() == 2  # a re-plan for each start (the second finds nothing)


@pytest.mark.django_db
def test_the_status_says_who_needs_attention_and_why(people) -> None:
    """The pass stores the need and its reasons: someone referred for constant pain ranks above
    someone on track, and a second test gives each side's change."""
    from hipcoach.tracking.measuring import measure

    today = START + dt.timedelta(days=14)
    sore = in_constant_pain("Dana", today)
    measure(
        people["Bob"],
        on=today,
        today=today,
        position="prone",
        method="phone",
        left=[34, 34, 34],
        right=[31, 31, 31],
    )
    statuses.refresh_statuses(now=at(today))
    dana, bob = (
        PersonStatus.objects.get(person=sore),
        PersonStatus.objects.get(person=people["Bob"]),
    )
    assert dana.need > bob.need
    reasons = [str(reason) for reason in statuses.reasons_kept(dana.reasons)]
    assert reasons[0].startswith("the plan refers them") and "7/10" in " ".join(reasons)
    assert dana.last_data == today
    assert bob.ir_left_change == pytest.approx(4) and bob.ir_right_change == pytest.approx(0)


@pytest.mark.django_db
def test_a_batch_reads_the_same_figures_as_each_person_alone() -> None:
    """The pass reads the latest day with data, the workouts of the last 7 and 30 days, the
    latest pain, the tests and the days with data for a whole batch at once; each person's own
    today still bounds them exactly."""
    from django.db.models import Max

    from hipcoach.tracking import generated, progress, reports
    from hipcoach.tracking.models import PainReport, WorkoutLog

    today = dt.date(2026, 3, 1)
    generated.generate_people(8, seed=2, today=today)
    people = list(User.objects.values_list("id", flat=True))
    for days_back in (0, 1, 5, 40, 200):
        # the people's todays differ (zones), as in a pass
        due = [(p, today - dt.timedelta(days=days_back + n % 2)) for n, p in enumerate(people)]
        recent = statuses._Block.of(due)
        for someone, day in due:
            person = User.objects.get(pk=someone)
            pain = PainReport.objects.filter(person_id=someone, date__lte=day)
            assert (
                recent.pain(someone, day)
                == pain.order_by("-date", "-created", "-id")
                .values_list("score", "when", "date", "side", "place")
                .first()
            )
            assert recent.ir_tests(someone, day) == progress.ir_tests(person, until=day)
            month = day - dt.timedelta(days=29)
            assert recent.days_with_data(person, month, day) == reports.days_with_data(
                person, month, day
            )
            done = WorkoutLog.objects.filter(
                person_id=someone, status__in=statuses.DONE, date__lte=day
            )
            alone = (
                done.filter(date__gte=day - dt.timedelta(days=6)).count(),
                done.filter(date__gte=day - dt.timedelta(days=29)).count(),
            )
            assert recent.workouts(someone, day) == alone
            last = [
                m.objects.filter(person_id=someone, date__lte=day).aggregate(d=Max("date"))["d"]
                for m in statuses.DATED_RECORDS
            ]
            assert recent.last_data(someone, day) == max((d for d in last if d), default=None)


@pytest.mark.django_db
def test_plans_read_ahead_for_many_are_the_plans_of_each_alone() -> None:
    """`plans.read_ahead` reads a batch's checkpoints, records and profiles at once; a plan made
    from them is the plan made from the person's own reads, from the start or from a
    checkpoint, and a pass needs a few queries a person, not dozens."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hipcoach.tracking import generated, plans
    from hipcoach.tracking.models import Enrollment, PlanCache

    today = dt.date(2026, 3, 1)
    generated.generate_people(6, seed=5, today=today)
    people = list(User.objects.order_by("id"))
    starts = dict(Enrollment.objects.values_list("person_id", "start"))
    for day in (today - dt.timedelta(days=10), today, today + dt.timedelta(days=1)):
        on = {p.pk: max(day, starts[p.pk]) for p in people if p.pk in starts}
        ahead = plans.read_ahead(on)
        assert set(ahead.reads) == {pk for pk in on if ahead.lookups[pk].plan is None}
        for someone in people:
            if someone.pk in on:
                alone = plans.compute_plan(someone, on=on[someone.pk])
                together = plans.compute_plan(someone, on=on[someone.pk], ahead=ahead)
                assert together == alone
    PlanCache.objects.update(plans={})
    with CaptureQueriesContext(connection) as queries:
        done = statuses.refresh_statuses(now=dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC))
    assert done["refreshed"] == len(people) and done["failed"] == 0
    assert len(queries) / len(people) < 10  # from dozens a person before the batch reads
