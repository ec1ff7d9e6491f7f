"""`hipcoach delete-account`: everything recorded here about you, deleted for good."""

from __future__ import annotations

import typer

from hipcoach.cli.common import (
    ask,
    handled,
    interactive,
    local_person,
    say,
    speak_terminal_language,
)
from hipcoach.cli.helptext import described, gettext_noop
from hipcoach.cli.output import fail
from hipcoach.tracking.inputs import gettext as _

CONFIRMATION = "delete"


@described(
    gettext_noop(
        """\
Delete your hipcoach data from this machine: the person and every record (profile,
program, workouts, pain, tests, ratings, screens, clearances, notes, saved plans).

It lists what it will delete and asks you to type "delete"; with --yes it asks nothing.
Backups and exports you wrote to files are yours and are left alone.

Example: hipcoach delete-account
"""
    )
)
def delete_account(
    yes: bool = typer.Option(
        False,
        "--yes",
        help=gettext_noop("Do not ask: delete at once (for scripts; there is no undo)."),
    ),
) -> None:
    with handled():
        from hipcoach.accounts.deletion import delete_person, in_words, what_is_kept
        from hipcoach.tracking.inputs import NotSetUp

        speak_terminal_language()
        try:
            person = local_person()
        except NotSetUp:
            fail([_("Nothing to delete: no one is set up here.")], code=0)
        name = person.get_username()
        if not yes:
            if not interactive(False):
                fail([_("error: nothing deleted: add --yes to delete without being asked")])
            listed = in_words(what_is_kept(person) | {"account": 1})
            say(_("This deletes {listed}, for good. There is no undo.").format(listed=listed))
            answer = (
                ask(_('Type "{word}" to delete everything').format(word=CONFIRMATION)) or ""
            ).strip()
            if answer.lower() != CONFIRMATION:
                fail([_("Nothing deleted.")])
        removed = delete_person(person)
    say(
        _("Deleted {name} and everything recorded: {what}. Nothing of it is left here.").format(
            name=name, what=in_words(removed)
        )
    )
