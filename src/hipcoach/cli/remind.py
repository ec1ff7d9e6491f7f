"""`hipcoach remind`: the daily reminder at your own hour, by web push and/or e-mail."""

from __future__ import annotations

import typer

from hipcoach.cli.common import handled, local_person, say, speak_language, today
from hipcoach.cli.helptext import described, gettext_noop


@described(
    gettext_noop(
        """\
Choose the daily reminder: on or off, the hour on your own clock (your time zone, from
`hipcoach init`), by web push and/or e-mail. With no option, show what is chosen.

The reminder is sent by `hipcoach worker` at your hour: the day's workout and its minutes;
nothing on a day already done or a rest day; on the first day the plan stops, why. Web push
needs a browser that allowed notifications on the account page of `hipcoach serve`.

Example: hipcoach remind --on --at 7 --email --address me@example.org
"""
    )
)
def remind(
    on: bool | None = typer.Option(
        None,
        "--on/--off",
        help=gettext_noop("Turn the daily reminder on or off (default: unchanged)."),
    ),
    at: str | None = typer.Option(
        None,
        "--at",
        metavar="HOUR",
        help=gettext_noop("The hour, 0-23 on your own clock (7 or 07:00)."),
    ),
    push: bool | None = typer.Option(
        None,
        "--push/--no-push",
        help=gettext_noop("By web push to the browsers you allowed on the account page."),
    ),
    email: bool | None = typer.Option(
        None, "--email/--no-email", help=gettext_noop("By e-mail, with a one-click unsubscribe.")
    ),
    address: str | None = typer.Option(
        None, "--address", metavar="EMAIL", help=gettext_noop("The e-mail address reminders go to.")
    ),
    test: bool = typer.Option(
        False,
        "--test",
        help=gettext_noop("Send a test reminder now, by the ways chosen (after any change given)."),
    ),
) -> None:
    from django.utils.translation import gettext as _

    with handled():
        from hipcoach.tracking import reminders

        person = local_person()
        speak_language(person)
        if (on, at, push, email, address) == (None, None, None, None, None):
            chosen = reminders.reminders_of(person)
        else:
            chosen = reminders.choose(
                person, on=on, hour=at, by_push=push, by_email=email, address=address
            )
        sent = reminders.send_test(person, today=today()) if test else None
    hour = f"{chosen.hour:02d}"
    zone = chosen.zone or _("this computer's time zone")
    if not chosen.on:
        say(_("Reminders are off (the hour kept: {hour}:00, {zone}).").format(hour=hour, zone=zone))
    else:
        ways = {
            "push": _("web push ({devices})").format(devices=_devices(chosen.devices)),
            "email": _("e-mail to {address}").format(address=chosen.address),
        }
        listed = _(" and ").join(ways[c] for c in chosen.channels)
        say(
            _("Reminders are on: every day at {hour}:00 ({zone}), by {ways}.").format(
                hour=hour, zone=zone, ways=listed
            )
        )
        say(_("They are sent by `hipcoach worker`, which must be running."))
    if sent is not None:
        _tell_test(sent)


def _tell_test(sent: list[str]) -> None:
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from hipcoach.cli.output import fail

    if not sent:
        fail(
            [
                _(
                    "error: the test reminder could not be delivered: the mail server or push "
                    "service failed"
                )
            ]
        )
    devices, mails = sent.count("push"), sent.count("email")
    parts = [ngettext("{count} browser", "{count} browsers", devices).format(count=devices)]
    parts = (parts if devices else []) + ([_("an e-mail")] if mails else [])
    say(_("A test reminder was sent: {what}.").format(what=_(" and ").join(parts)))


def _devices(count: int) -> str:
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    if not count:
        return _("no browser has allowed notifications yet: see the account page")
    return ngettext("{count} browser", "{count} browsers", count).format(count=count)
