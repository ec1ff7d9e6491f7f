"""`hipcoach delete-account`: everything recorded here about you, deleted for good."""

from __future__ import annotations

import typer

from hipcoach.cli.common import ask, handled, interactive, local_person, say
from hipcoach.cli.output import fail

CONFIRMATION = "delete"


def delete_account(
    yes: bool = typer.Option(
        False, "--yes", help="Do not ask: delete at once (for scripts; there is no undo)."
    ),
) -> None:
    """Delete your hipcoach data from this machine: the person and every record (profile,
    program, workouts, pain, tests, ratings, screens, clearances, notes, saved plans).

    It lists what it will delete and asks you to type "delete"; with --yes it asks nothing.
    Backups and exports you wrote to files are yours and are left alone.

    Example: hipcoach delete-account
    """
    with handled():
        from hipcoach.accounts.deletion import delete_person, in_words, what_is_kept
        from hipcoach.tracking.inputs import NotSetUp

        try:
            person = local_person()
        except NotSetUp:
            fail(["Nothing to delete: no one is set up here."], code=0)
        name = person.get_username()
        if not yes:
            if not interactive(False):
                fail(["error: nothing deleted: add --yes to delete without being asked"])
            listed = in_words(what_is_kept(person) | {"account": 1})
            say(f"This deletes {listed}, for good. There is no undo.")
            answer = (ask(f'Type "{CONFIRMATION}" to delete everything') or "").strip()
            if answer.lower() != CONFIRMATION:
                fail(["Nothing deleted."])
        removed = delete_person(person)
    say(f"Deleted {name} and everything recorded: {in_words(removed)}. Nothing of it is left here.")
