"""`hipcoach clinic ...`: a clinician's list of who needs attention, one person, their PDF
report and FHIR record, and the choices a clinic makes most at its desk (hold or move on a
phase, a note, a re-test date), at the terminal of the computer the install runs on.

Who is asking: `--clinician EMAIL` (or `HIPCOACH_CLINICIAN`), a clinician's account of this
install. The terminal has no log-in: whoever runs it can read the database file already, so
it is the install's administrator (a clinic running hipcoach on its own machine). What the
option buys is that the terminal goes through the same door as the web and the API
(`clinic.access.share_for`): it shows only the people who share with that clinician's clinic,
and each look and each change is a line of the person's trail, as on the web; a change goes
through the web's own use case (`clinic.adjusting.adjust`), with its checks and its words. A person's account
is no clinician's and is refused, so a person's own terminal reads no one else's record.

Every command speaks the terminal's language (`--language`, else LANG: `speak_language`), as
the clinician's web pages speak theirs: the caseload's reasons in the clinician's words (the
web's `Row.reasons_in`), dates and decimals the reader's way. English stays as it always was,
ISO dates included (`cli.common.date_text`).
"""

from __future__ import annotations

from pathlib import Path

import typer

from hipcoach.cli.common import date_text, handled, number_text, speak_language
from hipcoach.cli.helptext import described, gettext_noop
from hipcoach.cli.output import console, fail
from hipcoach.tracking.inputs import gettext as _
from hipcoach.tracking.languages import phase_name

app = typer.Typer(
    help=gettext_noop(
        "A clinic's side: who needs attention first, and one person as a therapist reads them."
    ),
    no_args_is_help=True,
)

CLINICIAN = typer.Option(
    ...,
    "--clinician",
    envvar="HIPCOACH_CLINICIAN",
    metavar="EMAIL",
    help=gettext_noop("The clinician's account (its email) whose clinic's people to show."),
)


# What a share lets the clinic do (`Scope`'s labels), in the reader's words.
SCOPE_WORDS = {
    "read": gettext_noop("read only"),
    "adjust": gettext_noop("read and adjust the plan"),
}


def _error(problem: str) -> str:
    """A problem as the terminal reports it: "error: …" ("Fehler: …")."""
    return _("error: {problem}").format(problem=problem)


def _reason(text: str) -> str:
    """A reason of the plan for the reader: its ISO dates in words outside English (the web's
    `dates_in_words`), as made in English."""
    from django.utils import translation

    from hipcoach.tracking.languages import dates_in_words

    if (translation.get_language() or "en").startswith("en"):
        return text
    return dates_in_words(text)


def _clinician(email: str):
    from django.contrib.auth import get_user_model

    from hipcoach.clinic.access import NotAClinician, clinician_of

    found = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if found is None:
        fail(
            [
                _error(
                    _("no account of this install has the email {email}").format(email=repr(email))
                )
            ]
        )
    try:
        return clinician_of(found)
    except NotAClinician:
        fail([_error(_("{email} is a person's account, not a clinician's").format(email=email))])


def _person_id(clinician, person: str) -> int:
    """The id of `person` (an id, or a username) among those sharing with the clinic."""
    from hipcoach.clinic.models import Share

    if person.isdigit():
        return int(person)
    share = Share.objects.filter(
        clinic_id=clinician.clinic_id, revoked__isnull=True, person__username=person
    ).first()
    # no share, no look: the same answer as for no one
    if share is None:
        fail(
            [
                _error(
                    _("no one called {person} shares their record with your clinic").format(
                        person=repr(person)
                    )
                )
            ]
        )
    return share.person_id


@app.command("list")
@described(
    gettext_noop(
        """\
The people sharing with your clinic, the most in need first, with the reasons.

Example: hipcoach clinic list --clinician lena@riverside.example
"""
    )
)
def list_people(
    clinician_email: str = CLINICIAN,
    page: int = typer.Option(1, "--page", min=1, help=gettext_noop("The page of 50 to show.")),
    signed_off: bool = typer.Option(
        False, "--signed-off", help=gettext_noop("Those you signed off and not back since.")
    ),
) -> None:
    from django.utils import timezone
    from rich.table import Table

    from hipcoach.clinic.caseload import caseload

    with handled():
        words = speak_language()  # the clinician's terminal's language (`--language`, LANG)
        clinician = _clinician(clinician_email)
        found = caseload(clinician, page=page, signed_off=signed_off, now=timezone.now())
    title = _("{clinic}: page {page} of {pages}, {total} people").format(
        clinic=clinician.clinic.name, page=found.page, pages=found.pages, total=found.total
    )
    table = Table(title=title)
    columns = (
        _("id"),
        _("name"),
        _("phase, day"),
        _("7 / 30 d"),
        _("last pain"),
        _("IR L / R"),
        _("data days"),
        _("why"),
    )
    for column in columns:
        table.add_column(column)
    for row in found.rows:
        ir = " / ".join(
            "–" if v is None else number_text(v) + "°" for v in (row.ir_left, row.ir_right)
        )
        # the stored reasons in the clinician's words, as the web's list shows them
        reasons = [reason for reason, _in_words in row.reasons_in(words)]
        table.add_row(
            str(row.person_id),
            row.name,
            f"{phase_name(row.program or None, row.phase, words)} {row.day + 1}"
            if row.day is not None
            else "–",
            f"{row.workouts_7 if row.workouts_7 is not None else '–'} / "
            f"{row.workouts_30 if row.workouts_30 is not None else '–'}",
            _pain(row, words),
            ir,
            _monitoring(row),
            "; ".join(reasons) or _("nothing pressing"),
        )
    console.print(table)
    if found.signed_off and not signed_off:
        console.print(
            _("{count} signed off, not listed (--signed-off shows them).").format(
                count=found.signed_off
            )
        )


def _monitoring(row) -> str:
    """The running 30-day period's days with data: "12/16, 9 d left", "17/16 reached", "–"."""
    from hipcoach.tracking.reports import MONITORING_DAYS_MIN

    if row.monitoring_days is None:
        return "–"
    said = f"{row.monitoring_days}/{MONITORING_DAYS_MIN}"
    if row.monitoring_reached:
        return _("{days} reached").format(days=said)
    return _("{days}, {left} d left").format(days=said, left=row.monitoring_left)


@app.command("show")
@described(
    gettext_noop(
        """\
One person as a therapist reads them: today's plan and why, the clinic's choices in
force, the last days' decisions. The person sees that you looked.

Example: hipcoach clinic show alice --clinician lena@riverside.example
"""
    )
)
def show(
    person: str = typer.Argument(
        ..., metavar="PERSON", help=gettext_noop("An id or name from `clinic list`.")
    ),
    clinician_email: str = CLINICIAN,
) -> None:
    from django.utils import timezone
    from rich.text import Text

    from hipcoach.cli.plan_view import render_plan
    from hipcoach.clinic.access import NoAccess
    from hipcoach.clinic.reading import read_person
    from hipcoach.engine.words import rendered

    with handled():
        words = speak_language()  # the clinician's terminal's language (`--language`, LANG)
        clinician = _clinician(clinician_email)
        try:
            found = read_person(clinician, _person_id(clinician, person), now=timezone.now())
        except NoAccess as exc:
            fail([_error(str(exc))])
        choices = [f"{a.summary} — {a.by}" for a in found.adjustments]
    share = found.share
    console.print(
        Text(
            _(
                "{name} (id {id}): shared with {clinic}, {scope}, since {since}. "
                "Their day: {today}."
            ).format(
                name=found.person.get_username(),
                id=found.person.pk,
                clinic=share.clinic.name,
                scope=_(SCOPE_WORDS.get(share.scope, share.get_scope_display())),
                since=date_text(share.created),
                today=date_text(found.today),
            ),
            style="bold",
        )
    )
    plan = found.progress.plan
    if plan is not None:
        console.print(render_plan(plan, words))
    else:
        why = found.progress.unplanned
        console.print(
            _("No plan today: {why}").format(why=rendered(why, words))
            if why
            else _("No plan today: no program yet")
        )
    console.print(Text(_("Your clinic's choices in force"), style="bold"))
    console.print(
        "\n".join(f"  {line}" for line in choices) or "  " + _("none: the plan is the rules'")
    )
    console.print(Text(_("The last days"), style="bold"))
    for day in found.days[1:8]:
        day = day.in_words(words)  # its phase and decisions in the reader's words
        said = "; ".join(_reason(d.reason) for d in day.decisions[:3])
        state = (
            _("stopped")
            if day.stop
            else _("{phase}, {count} exercises").format(
                phase=phase_name(day.program, day.phase, words), count=len(day.exercises)
            )
        )
        console.print(f"  {date_text(day.date)}: {state}. {said}")


PERSON = typer.Argument(
    ..., metavar="PERSON", help=gettext_noop("An id or name from `clinic list`.")
)


@app.command("report")
@described(
    gettext_noop(
        """\
Write a person's PDF report of a period, or their FHIR R4 Bundle, or both, for your
clinic's records: the files of their own account's downloads. The person sees in their
trail that you made each one.

Examples:
  hipcoach clinic report alice --clinician lena@riverside.example --pdf alice.pdf
  hipcoach clinic report 7 --clinician lena@riverside.example --fhir 7.fhir.json \\
    --pdf 7.pdf --from 2026-09-01 --to 2026-11-30
"""
    )
)
def report(
    person: str = PERSON,
    clinician_email: str = CLINICIAN,
    pdf: Path | None = typer.Option(
        None, "--pdf", help=gettext_noop("The PDF report to write: a new file.")
    ),
    fhir: Path | None = typer.Option(
        None, "--fhir", help=gettext_noop("The FHIR R4 Bundle (JSON) to write: a new file.")
    ),
    first: str | None = typer.Option(
        None,
        "--from",
        help=gettext_noop("The report's first day, YYYY-MM-DD (default: 90 days back)."),
    ),
    last: str | None = typer.Option(
        None, "--to", help=gettext_noop("The report's last day, YYYY-MM-DD (default: their today).")
    ),
    force: bool = typer.Option(
        False, "--force", help=gettext_noop("Replace the files if they exist.")
    ),
) -> None:
    from django.utils import timezone

    from hipcoach.cli.data import _write
    from hipcoach.clinic import filing
    from hipcoach.clinic.access import NoAccess
    from hipcoach.tracking.inputs import parse_date

    with handled():
        # the messages and the report in the clinician's terminal's language (`--language`)
        speak_language()
        if pdf is None and fhir is None:
            fail([_error(_("name a file to write: --pdf FILE, --fhir FILE or both"))])
        if (first is not None or last is not None) and pdf is None:
            fail([_error(_("--from and --to are the PDF report's period: give --pdf FILE too"))])
        for out in (pdf, fhir):  # before anything is made: a file in the way stops it all
            if out is not None and not force and (out.expanduser().exists() or out.is_symlink()):
                fail(
                    [
                        _error(
                            _(
                                "{file} exists: choose another name, or --force to replace it"
                            ).format(file=out)
                        )
                    ]
                )
        start = parse_date(first, "--from date") if first is not None else None
        end = parse_date(last, "--to date") if last is not None else None
        clinician = _clinician(clinician_email)
        person_id = _person_id(clinician, person)
        now = timezone.now()
        made = []
        try:
            if pdf is not None:
                made.append(
                    (filing.report(clinician, person_id, first=start, last=end, now=now), pdf)
                )
            if fhir is not None:
                made.append((filing.fhir(clinician, person_id, now=now), fhir))
        except NoAccess as exc:
            fail([_error(str(exc))])
    for found, out in made:
        _write(found.text, out, force=force)
        console.print(_("Wrote {name} to {file}.").format(name=found.name, file=out))


def _adjust(person: str, clinician_email: str, *, kind: str, text: str, date: str = "") -> None:
    """One choice for the person's plan through the web's own door (`adjusting.adjust`)."""
    from django.utils import timezone

    from hipcoach.clinic.access import NoAccess, ReadOnly
    from hipcoach.clinic.adjusting import adjust

    with handled():
        speak_language()  # the clinician's terminal's language (`--language`, LANG)
        clinician = _clinician(clinician_email)
        try:
            row = adjust(
                clinician,
                _person_id(clinician, person),
                kind=kind,
                text=text,
                date=date or None,
                now=timezone.now(),
            )
        except (NoAccess, ReadOnly) as exc:
            fail([_error(str(exc))])
        said = f"{row.summary} — {row.by}"
    console.print(
        _("Saved: {choice}. They see it in their plan, as your choice.").format(choice=said)
    )


REASON = typer.Option(..., "--reason", help=gettext_noop("Why, in words they read (needed)."))


@app.command("hold")
@described(
    gettext_noop(
        """\
Hold the person in the phase they are in today, until you end the hold (needs their
"read and adjust" share). The safety stops stand over it.

Example: hipcoach clinic hold alice --clinician lena@riverside.example --reason "knee sore"
"""
    )
)
def hold(person: str = PERSON, clinician_email: str = CLINICIAN, reason: str = REASON) -> None:
    _adjust(person, clinician_email, kind="hold", text=reason)


@app.command("advance")
@described(
    gettext_noop(
        """\
Move the person on from the phase they are in today (for 14 days; never over a stop, a
pain hold or a readiness check not passed, docs/clinic.md).

Example: hipcoach clinic advance alice --clinician lena@riverside.example --reason "seen today"
"""
    )
)
def advance(person: str = PERSON, clinician_email: str = CLINICIAN, reason: str = REASON) -> None:
    _adjust(person, clinician_email, kind="advance", text=reason)


@app.command("note")
@described(
    gettext_noop(
        """\
A note to the person, in their plan's reasons for a week, with your name.

Example: hipcoach clinic note alice "Keep the squat shallow this week" --clinician lena@riverside.example
"""
    )
)
def note(
    person: str = PERSON,
    text: str = typer.Argument(
        ..., metavar="TEXT", help=gettext_noop("What to tell them (up to 500 characters).")
    ),
    clinician_email: str = CLINICIAN,
) -> None:
    _adjust(person, clinician_email, kind="note", text=text)


@app.command("retest")
@described(
    gettext_noop(
        """\
Set a re-test of both hips: that day their plan asks them to measure.

Example: hipcoach clinic retest alice --on 2026-12-12 --clinician lena@riverside.example
"""
    )
)
def retest(
    person: str = PERSON,
    on: str = typer.Option(
        ..., "--on", help=gettext_noop("The re-test day, YYYY-MM-DD (their today to a year ahead).")
    ),
    clinician_email: str = CLINICIAN,
    reason: str = typer.Option("", "--reason", help=gettext_noop("Why (optional).")),
) -> None:
    _adjust(person, clinician_email, kind="retest", date=on, text=reason)


def _pain(row, words) -> str:  # a caseload `Row`, the reader's `Words`
    """The last pain score and, when the report said it, its side and place."""
    if row.pain_score is None:
        return "–"
    where = row.pain_where_in(words)
    return f"{row.pain_score}/10 ({where})" if where else f"{row.pain_score}/10"
