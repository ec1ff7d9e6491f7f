"""`hipcoach clinic ...`: a clinician's list of who needs attention, and one person, at the
terminal of the computer the install runs on.

Who is asking: `--clinician EMAIL` (or `HIPCOACH_CLINICIAN`), a clinician's account of this
install. The terminal has no log-in: whoever runs it can read the database file already, so
it is the install's administrator (a clinic running hipcoach on its own machine). What the
option buys is that the terminal goes through the same door as the web and the API
(`clinic.access.share_for`): it shows only the people who share with that clinician's clinic,
and each look is a line of the person's trail, as a look on the web is. A person's account
is no clinician's and is refused, so a person's own terminal reads no one else's record.
"""

from __future__ import annotations

import typer

from hipcoach.cli.common import handled
from hipcoach.cli.output import console, fail

app = typer.Typer(
    help="A clinic's side: who needs attention first, and one person as a therapist reads them.",
    no_args_is_help=True,
)

CLINICIAN = typer.Option(
    ...,
    "--clinician",
    envvar="HIPCOACH_CLINICIAN",
    metavar="EMAIL",
    help="The clinician's account (its email) whose clinic's people to show.",
)


def _clinician(email: str):
    from django.contrib.auth import get_user_model

    from hipcoach.clinic.access import NotAClinician, clinician_of

    found = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if found is None:
        fail([f"error: no account of this install has the email {email!r}"])
    try:
        return clinician_of(found)
    except NotAClinician:
        fail([f"error: {email} is a person's account, not a clinician's"])


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
        fail([f"error: no one called {person!r} shares their record with your clinic"])
    return share.person_id


@app.command("list")
def list_people(
    clinician_email: str = CLINICIAN,
    page: int = typer.Option(1, "--page", min=1, help="The page of 50 to show."),
    signed_off: bool = typer.Option(
        False, "--signed-off", help="Those you signed off and not back since."
    ),
) -> None:
    """The people sharing with your clinic, the most in need first, with the reasons.

    Example: hipcoach clinic list --clinician lena@riverside.example
    """
    from django.utils import timezone
    from rich.table import Table

    from hipcoach.clinic.caseload import caseload

    with handled():
        clinician = _clinician(clinician_email)
        found = caseload(clinician, page=page, signed_off=signed_off, now=timezone.now())
    title = f"{clinician.clinic.name}: page {found.page} of {found.pages}, {found.total} people"
    table = Table(title=title)
    for column in ("id", "name", "phase, day", "7 / 30 d", "last pain", "IR L / R", "why"):
        table.add_column(column)
    for row in found.rows:
        ir = " / ".join("–" if v is None else f"{v:g}°" for v in (row.ir_left, row.ir_right))
        table.add_row(
            str(row.person_id),
            row.name,
            f"{row.phase} {row.day + 1}" if row.day is not None else "–",
            f"{row.workouts_7 if row.workouts_7 is not None else '–'} / "
            f"{row.workouts_30 if row.workouts_30 is not None else '–'}",
            f"{row.pain_score}/10" if row.pain_score is not None else "–",
            ir,
            "; ".join(row.reasons) or "nothing pressing",
        )
    console.print(table)
    if found.signed_off and not signed_off:
        console.print(f"{found.signed_off} signed off, not listed (--signed-off shows them).")


@app.command("show")
def show(
    person: str = typer.Argument(..., metavar="PERSON", help="An id or name from `clinic list`."),
    clinician_email: str = CLINICIAN,
) -> None:
    """One person as a therapist reads them: today's plan and why, the clinic's choices in
    force, the last days' decisions. The person sees that you looked.

    Example: hipcoach clinic show alice --clinician lena@riverside.example
    """
    from django.utils import timezone
    from rich.text import Text

    from hipcoach.cli.plan_view import render_plan
    from hipcoach.clinic.access import NoAccess
    from hipcoach.clinic.reading import read_person

    with handled():
        clinician = _clinician(clinician_email)
        try:
            found = read_person(clinician, _person_id(clinician, person), now=timezone.now())
        except NoAccess as exc:
            fail([f"error: {exc}"])
        choices = [f"{a.summary} — {a.by}" for a in found.adjustments]
    share = found.share
    console.print(
        Text(
            f"{found.person.get_username()} (id {found.person.pk}): shared with "
            f"{share.clinic.name}, {share.get_scope_display()}, since {share.created:%Y-%m-%d}. "
            f"Their day: {found.today}.",
            style="bold",
        )
    )
    plan = found.progress.plan
    if plan is not None:
        console.print(render_plan(plan))
    else:
        console.print(f"No plan today: {found.progress.unplanned or 'no program yet'}")
    console.print(Text("Your clinic's choices in force", style="bold"))
    console.print("\n".join(f"  {line}" for line in choices) or "  none: the plan is the rules'")
    console.print(Text("The last days", style="bold"))
    for day in found.days[1:8]:
        said = "; ".join(d.reason for d in day.decisions[:3])
        state = "stopped" if day.stop else f"{day.phase}, {len(day.exercises)} exercises"
        console.print(f"  {day.date}: {state}. {said}")
