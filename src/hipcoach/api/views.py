"""The JSON API under /api/v1: profile, today (the DayPlan), workouts, pain, measurements and
progress, for the browser (session cookie + CSRF) and for scripts (a bearer token).

Every endpoint acts on the caller's own records only; someone else's record answers 404, the
same as one that does not exist. Bad input answers 4xx with a readable `detail`, never 500:
422 for a body or query that does not fit the schema, 400 for a value the services refuse,
409 when the person has no program yet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, InterfaceError, OperationalError
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from hipcoach.accounts import limits
from hipcoach.accounts.models import ApiToken
from hipcoach.api import schemas as s
from hipcoach.api.docs import SelfHostedSwagger
from hipcoach.api.invalid import in_language, refusal_in_language
from hipcoach.api.strictness import QueryDate
from hipcoach.engine.words import rendered
from hipcoach.tracking import database, days, inputs, languages, own_records, reminders
from hipcoach.tracking.inputs import InputError, KeyReused, NotSetUp
from hipcoach.tracking.measuring import measure as store_test
from hipcoach.tracking.models import Profile, WorkoutLog
from hipcoach.tracking.plans import day_plan_json
from hipcoach.tracking.progress import progress
from hipcoach.tracking.records import current_enrollment
from hipcoach.tracking.safety import record_clearance, record_screen
from hipcoach.tracking.workouts import log_exercise as store_exercise
from hipcoach.tracking.workouts import log_played_workout, merged, pain_answer
from hipcoach.tracking.workouts import report_pain as store_pain

MAX_KEY_LENGTH = 200


class TokenAuth(HttpBearer):
    """A bearer token that has not expired (nor ended with a password change: such tokens are
    deleted). Wrong tokens are counted per client address, and past the limit that address
    gets 429 (with Retry-After) for a while, whatever token it sends."""

    def authenticate(self, request: HttpRequest, token: str):
        limits.check(request, "token", count=False)
        found = ApiToken.objects.for_key(token.strip())
        if found is not None and found.is_expired:
            request.token_problem = _(  # type: ignore[attr-defined]
                "this API token expired on {date}: make a new one on the account page"
            ).format(date=f"{found.expires:%Y-%m-%d}")
        elif found is not None and found.user.is_active:
            days.use_person_zone(found.user, request.COOKIES.get(days.TIME_ZONE_COOKIE))
            chosen = languages.profile_language(found.user)
            if chosen:  # the account's language wins over Accept-Language, as on the pages
                translation.activate(chosen)
            return found.user
        limits.check(request, "token")
        return None


class LoggedInSession(SessionAuth):
    """The browser's login cookie. Its CSRF check is made for a logged-in person only: a
    request from no one is simply not logged in (401), not a failed CSRF check (403)."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


api = NinjaAPI(
    title="hipcoach API",
    version="1",
    description=(
        "A person's own hip-mobility data: today's plan (the DayPlan), workouts, pain, "
        "measurements and progress. Log in (cookie, with the X-CSRFToken header on writes) or "
        "send `Authorization: Bearer <token>` (tokens are made on the account page). Writes "
        "accept an `Idempotency-Key` header: the same key sent twice stores the record once."
    ),
    auth=[TokenAuth(), LoggedInSession()],
    urls_namespace="api-1",
    docs_url="/docs",
    docs=SelfHostedSwagger(),
)


def caller(request: HttpRequest) -> User:
    """The caller, as the API's authentication found them: django-ninja sets `auth`, which
    Django's request type does not declare (the one ignore for it)."""
    return request.auth  # type: ignore[attr-defined]


def with_errors(answers: dict) -> dict:
    """An operation's answers plus the errors every operation may give (documented in OpenAPI):
    400 bad input, 401 no login or token, 409 no program yet or a conflict, 422 invalid shape,
    413 body too big, 429 too many wrong tokens from this address (with Retry-After), 503 the
    database stayed busy with another change (with Retry-After; nothing was written)."""
    errors = {
        400: s.Error,
        401: s.Error,
        409: s.Error,
        413: s.Error,
        422: s.Error,
        429: s.Error,
        503: s.Error,
    }
    return errors | answers


@api.exception_handler(NotSetUp)
def not_set_up(request: HttpRequest, exc: NotSetUp):
    return api.create_response(
        request,
        {"detail": _("no program yet: finish getting started at /start/ first")},
        status=409,
    )


@api.exception_handler(InputError)
def input_error(request: HttpRequest, exc: InputError):
    # a key sent again with a different record conflicts with what it stored: 409
    status = 409 if isinstance(exc, KeyReused) else 400
    return api.create_response(request, {"detail": str(exc)}, status=status)


@api.exception_handler(IntegrityError)
def conflict(request: HttpRequest, exc: IntegrityError):
    return api.create_response(
        request, {"detail": _("that conflicts with a record already stored")}, status=409
    )


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError):
    detail = getattr(request, "token_problem", None) or _(
        "log in, or send a valid API token as 'Authorization: Bearer ...'"
    )
    return api.create_response(request, {"detail": detail}, status=401)


@api.exception_handler(limits.TooManyRequests)
def too_many(request: HttpRequest, exc: limits.TooManyRequests):
    response = api.create_response(request, {"detail": str(exc)}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return api.create_response(
        request,
        {
            "detail": _("the request body is too big (at most {limit} bytes)").format(
                limit=f"{limit:,}"
            )
        },
        status=413,
    )


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def database_waiting(request: HttpRequest, exc: OperationalError | InterfaceError):
    """The database stayed locked by another writer for the whole wait (nothing was written),
    or went away (a restart: a resend with the same Idempotency-Key settles what was stored):
    503 with Retry-After. Any other database failure is a real server error."""
    wait = database.waiting_answer(exc)
    if wait is None:
        raise exc
    response = api.create_response(request, {"detail": str(wait)}, status=503)
    response["Retry-After"] = str(wait.retry_after)
    return response


@api.exception_handler(HttpError)
def refused(request: HttpRequest, exc: HttpError):
    return api.create_response(
        request, {"detail": refusal_in_language(str(exc))}, status=exc.status_code
    )


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError):
    """422: pydantic's errors, their `type` and `loc` as made, each `msg` in the caller's
    language (`api.invalid`)."""
    return api.create_response(request, {"detail": in_language(exc.errors)}, status=422)


def _key(request: HttpRequest) -> str | None:
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > MAX_KEY_LENGTH:
        raise HttpError(
            400,
            _("Idempotency-Key is too long (at most {most} characters)").format(
                most=MAX_KEY_LENGTH
            ),
        )
    return key or None


def _stored_day(person: User, workout_id: int) -> WorkoutLog:
    """The day's workout just written, read again with every exercise of it."""
    day = own_records.workout(person, workout_id)
    if day is None:  # gone since the write (the account deleted meanwhile): a server error
        raise WorkoutLog.DoesNotExist(f"workout {workout_id} is gone")
    return day


def _workout_out(row) -> dict:
    """A day's workout: its status, and each exercise and side once (the most complete of what
    every run and device logged); `records` counts everything stored for the day."""
    rows = list(row.exercises.all())
    return {
        "id": row.pk,
        "date": row.date,
        "status": row.status,
        "exercises": [dataclasses.asdict(e.as_done()) for e in merged(rows)],
        "records": len(rows),
    }


@api.get("/profile", response=with_errors({200: s.ProfileOut}), tags=["profile"])
def profile(request: HttpRequest):
    person = caller(request)
    row = Profile.objects.filter(person=person).first()
    enrollment = current_enrollment(person)
    return {
        "username": person.get_username(),
        "goals": row.goals if row else [],
        "pain_areas": row.pain_areas if row else [],
        "age": row.age if row else None,
        "time_zone": row.time_zone if row else "",
        "program": enrollment.program if enrollment else None,
        "program_version": enrollment.version if enrollment else None,
        "start": enrollment.start if enrollment else None,
    }


@api.get("/today", response=with_errors({200: dict, 409: s.Error}), tags=["today"])
def today(request: HttpRequest, pre_run: bool = False, date: QueryDate | None = None):
    """The DayPlan for today (or `date`: from the program's start to a year ahead): phase,
    exercises with doses, minutes, decisions."""
    if date is not None:
        inputs.plan_date(date, days.today())  # the terminal's window: an InputError is a 400
    return day_plan_json(caller(request), on=date or days.today(), pre_run=pre_run)


@api.get("/workouts", response=with_errors({200: list[s.WorkoutOut]}), tags=["workouts"])
def workouts(
    request: HttpRequest, since: QueryDate | None = None, limit: int = Query(100, ge=1, le=1000)
):
    rows = own_records.workouts(caller(request), since=since)[:limit]
    return [_workout_out(row) for row in rows]


@api.get(
    "/workouts/{workout_id}",
    response=with_errors({200: s.WorkoutOut, 404: s.Error}),
    tags=["workouts"],
)
def workout(request: HttpRequest, workout_id: int):
    row = own_records.workout(caller(request), workout_id) if 0 < workout_id < 2**63 else None
    if row is None:
        return Status(404, {"detail": _("no such workout")})
    return _workout_out(row)


@api.post(
    "/workouts",
    response=with_errors({200: s.WorkoutOut, 201: s.WorkoutOut, 400: s.Error, 409: s.Error}),
    tags=["workouts"],
    url_name="log_workout",
)
def log_workout(request: HttpRequest, body: s.WorkoutIn):
    """Log a day's workout, each exercise and side, and the pain during it, all at once.

    A day already logged gains what is sent (nothing is overwritten): its status becomes the
    better of the two, and the exercises join the day's. With no exercises, this finishes the
    day's workout that `POST /workouts/{date}/exercises` built up."""
    row, created = log_played_workout(
        caller(request),
        on=body.date,
        status=body.status,
        today=days.today(),
        exercises=[e.to_log() for e in body.exercises],
        pain_during=body.pain_during,
        key=_key(request),
        pain_side=body.pain_side,
        pain_place=body.pain_place,
    )
    return Status(201 if created else 200, _workout_out(_stored_day(caller(request), row.pk)))


@api.post(
    "/workouts/{date}/exercises",
    response=with_errors({200: s.ExerciseLogged, 201: s.ExerciseLogged, 400: s.Error}),
    tags=["workouts"],
    url_name="log_exercise",
)
def log_exercise(request: HttpRequest, date: dt.date, body: s.ExerciseIn):
    """Log one exercise and side as soon as it is finished (what the player does): it joins the
    day's workout, made partial by the first. The same Idempotency-Key again answers 200 with
    the record stored the first time, also when both arrive at once."""
    stored, created = store_exercise(
        caller(request), on=date, done=body.to_log(), today=days.today(), key=_key(request)
    )
    day = _stored_day(caller(request), stored.workout_id)
    return Status(
        201 if created else 200,
        {
            "workout": day.pk,
            "date": day.date,
            "status": day.status,
            "exercise": dataclasses.asdict(stored.as_done()),
        },
    )


@api.get("/pain", response=with_errors({200: list[s.PainOut]}), tags=["pain"])
def pain(
    request: HttpRequest, since: QueryDate | None = None, limit: int = Query(100, ge=1, le=1000)
):
    return list(own_records.pain_reports(caller(request), since=since)[:limit])


@api.post(
    "/pain",
    response=with_errors({201: s.PainSaved, 400: s.Error, 409: s.Error}),
    tags=["pain"],
    url_name="report_pain",
)
def report_pain(request: HttpRequest, body: s.PainIn):
    """Record a pain score; the answer says what it changes in the plan (`advice`: that day's
    pain decisions in the plan's words, and whether the safety questions come first)."""
    today_ = days.today()
    row = store_pain(
        caller(request),
        on=body.date,
        when=body.when,
        score=body.score,
        today=today_,
        key=_key(request),
        side=body.side,
        place=body.place,
    )
    answer = pain_answer(caller(request), row, today=today_)
    advice = {
        "day": answer.day,
        "screen_first": answer.screen_first,
        "decisions": [d.to_json() for d in answer.decisions],
    }
    return Status(
        201,
        {
            "id": row.pk,
            "date": row.date,
            "when": row.when,
            "score": row.score,
            "side": row.side,
            "place": row.place,
            "advice": advice,
        },
    )


@api.get(
    "/measurements", response=with_errors({200: list[s.MeasurementOut]}), tags=["measurements"]
)
def measurements(
    request: HttpRequest, since: QueryDate | None = None, limit: int = Query(100, ge=1, le=1000)
):
    return list(own_records.measurements(caller(request), since=since)[:limit])


@api.post(
    "/measurements",
    response=with_errors({201: list[s.MeasurementOut], 400: s.Error, 409: s.Error}),
    tags=["measurements"],
)
def measure(request: HttpRequest, body: s.MeasurementIn):
    """Store one test: each side's trials (three is best); the mean is what counts."""
    store_test(
        caller(request),
        on=body.date,
        today=days.today(),
        position=body.position,
        method=body.method,
        left=body.left,
        right=body.right,
        kind=body.kind,
    )
    rows = own_records.measurements(caller(request)).filter(
        date=body.date, position=body.position, method=body.method, kind=body.kind
    )
    return Status(201, list(rows))


@api.get("/progress", response=with_errors({200: s.ProgressOut}), tags=["progress"])
def progress_summary(request: HttpRequest):
    person = caller(request)
    found = progress(person, today=days.today())
    return {
        "ir_tests": [
            {
                "date": t.date,
                "position": t.position,
                "method": t.method,
                "left": t.left,
                "right": t.right,
            }
            for t in found.ir_tests
        ],
        "measurement_error_deg": found.measurement_error,
        "target_deg": found.target,
        "asymmetry": rendered(found.verdict),
        "change": rendered(found.change),
        "gate": [g.to_json() for g in found.gate],
        "pain": list(own_records.pain_reports(person)[:60]),
        "workouts_done": found.count("done"),
        "workouts_partial": found.count("partial"),
        "workouts_skipped": found.count("skipped"),
    }


@api.post("/screens", response=with_errors({201: s.ScreenOut, 400: s.Error}), tags=["safety"])
def screen(request: HttpRequest, body: s.ScreenIn):
    """Answer the red-flag questions (at the start or a weekly check); a yes stops the program."""
    decisions = record_screen(
        caller(request), answers=body.answers, on=body.date, today=days.today()
    )
    return Status(
        201,
        {
            "date": body.date,
            "positive": bool(decisions),
            "decisions": [d.to_json() for d in decisions],
        },
    )


@api.post("/clearances", response=with_errors({201: s.ClearanceOut, 400: s.Error}), tags=["safety"])
def clearance(request: HttpRequest, body: s.ClearanceIn):
    """Record that a clinician cleared the person after a red flag: it ends the stop (R12)."""
    record_clearance(caller(request), on=body.date, today=days.today(), note=body.note)
    return Status(201, {"date": body.date, "note": body.note.strip()})


def _reminders_out(chosen: reminders.Reminders) -> dict:
    fields = dataclasses.asdict(chosen)
    return fields | {"time_zone": fields.pop("zone")}


@api.get("/reminders", response=with_errors({200: s.RemindersOut}), tags=["reminders"])
def reminder_choices(request: HttpRequest):
    """The daily reminder as chosen: on or off, the hour on the person's own clock, web push
    and/or e-mail, how many devices take web push."""
    return _reminders_out(reminders.reminders_of(caller(request)))


@api.post(
    "/reminders", response=with_errors({200: s.RemindersOut, 400: s.Error}), tags=["reminders"]
)
def choose_reminders(request: HttpRequest, body: s.RemindersIn):
    """Change the daily reminder (the fields given; `address` is the account's e-mail
    address); 400 and nothing changed for an address that is not one, e-mail without an
    address, or on with neither channel."""
    chosen = reminders.choose(
        caller(request),
        on=body.on,
        hour=body.hour,
        by_push=body.by_push,
        by_email=body.by_email,
        address=body.address,
    )
    return _reminders_out(chosen)


@api.post(
    "/reminders/test",
    response=with_errors({200: s.ReminderTestOut, 400: s.Error, 502: s.Error}),
    tags=["reminders"],
)
def test_reminder(request: HttpRequest):
    """Send a test reminder now, by the same path as the day's, to the channels chosen; 400
    when none can be reached (or after too many tests in an hour), 502 when every channel
    failed (the mail server or push service)."""
    sent = reminders.send_test(caller(request), today=days.today())
    if not sent:
        detail = _(
            "the test reminder could not be delivered: the mail server or push service failed"
        )
        return Status(502, {"detail": detail})
    return {"sent": sent}
