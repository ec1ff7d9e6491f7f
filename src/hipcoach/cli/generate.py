"""`hipcoach generate-people`: a clinic's worth of generated people, to measure hipcoach at
scale (`tracking.generated`)."""

from __future__ import annotations

import typer

from hipcoach.cli.common import handled, say
from hipcoach.cli.helptext import described, gettext_noop
from hipcoach.cli.output import fail

MAX_PEOPLE = 1_000_000


@described(
    gettext_noop(
        """\
Make PEOPLE generated people, each 60 to 365 days into a shipped program with a varied
history (workouts from most days to few, pain by side and place with flares, a test of
both hips every week, some stopped by a safety question), written in bulk (COPY on
PostgreSQL): for measuring the nightly pass and the web app at a clinic's size. Their user
names start with "generated-"; no one can log in as them.

It refuses in production mode, and on a database that holds any account it did not make
unless --beside-real-people is given: generated people never mix with a clinic's real
ones by accident. Use a database of its own (DATABASE_URL, or HIPCOACH_HOME for SQLite).

Example: DATABASE_URL=postgres://coach@localhost/loadtest hipcoach generate-people --people 10000
"""
    )
)
def generate_people(
    people: int = typer.Option(
        ..., "--people", min=1, max=MAX_PEOPLE, help=gettext_noop("How many people to make.")
    ),
    seed: int = typer.Option(
        1, "--seed", help=gettext_noop("The same seed and count make the same people.")
    ),
    beside_real_people: bool = typer.Option(
        False,
        "--beside-real-people",
        help=gettext_noop(
            "Add them even though the database holds accounts that are not generated ones."
        ),
    ),
) -> None:
    with handled():
        from django.conf import settings
        from django.utils import timezone

        from hipcoach.tracking import generated

        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        if settings.PRODUCTION:
            fail(
                [
                    "error: generated people never go into a production database (HIPCOACH_PRODUCTION is on)"
                ]
            )
        real = generated.real_people()
        if real and not beside_real_people:
            fail(
                [
                    f"error: this database ({engine}) holds {real} account{'s' if real != 1 else ''} "
                    "not made by generate-people: use a database of its own, or add "
                    "--beside-real-people if that is really meant"
                ]
            )
        before = generated.generated_people()

        def progress(done: int) -> None:
            if done % (20 * generated.CHUNK) == 0 and done < people:
                say(f"  {done:,} of {people:,} people made")

        made = generated.generate_people(
            people, seed=seed, today=timezone.now().date(), progress=progress
        )
        size = generated.database_size()
    rows = ", ".join(f"{table.removeprefix('tracking_')} {n:,}" for table, n in made.rows.items())
    say(
        f"{engine}: {people:,} people made in {made.seconds:.1f} s ({made.total:,} rows: {rows}); "
        f"{before + people:,} generated people in all; the database is {size / 2**20:,.0f} MiB."
    )
