"""`hipcoach remind`: the daily reminder at your own hour, by web push and/or e-mail."""

from __future__ import annotations

import typer

from hipcoach.cli.common import handled, local_person, say


def remind(
    on: bool | None = typer.Option(
        None, "--on/--off", help="Turn the daily reminder on or off (default: unchanged)."
    ),
    at: str | None = typer.Option(
        None, "--at", metavar="HOUR", help="The hour, 0-23 on your own clock (7 or 07:00)."
    ),
    push: bool | None = typer.Option(
        None,
        "--push/--no-push",
        help="By web push to the browsers you allowed on the account page.",
    ),
    email: bool | None = typer.Option(
        None, "--email/--no-email", help="By e-mail, with a one-click unsubscribe."
    ),
    address: str | None = typer.Option(
        None, "--address", metavar="EMAIL", help="The e-mail address reminders go to."
    ),
) -> None:
    """Choose the daily reminder: on or off, the hour on your own clock (your time zone, from
    `hipcoach init`), by web push and/or e-mail. With no option, show what is chosen.

    The reminder is sent by `hipcoach worker` at your hour: the day's workout and its minutes;
    nothing on a day already done or a rest day; on the first day the plan stops, why. Web push
    needs a browser that allowed notifications on the account page of `hipcoach serve`.

    Example: hipcoach remind --on --at 7 --email --address me@example.org
    """
    with handled():
        from hipcoach.tracking import reminders

        person = local_person()
        if (on, at, push, email, address) == (None, None, None, None, None):
            chosen = reminders.reminders_of(person)
        else:
            chosen = reminders.choose(
                person, on=on, hour=at, by_push=push, by_email=email, address=address
            )
    zone = chosen.zone or "this computer's time zone"
    if not chosen.on:
        say(f"Reminders are off (the hour kept: {chosen.hour:02d}:00, {zone}).")
    else:
        ways = {
            "push": f"web push ({_devices(chosen.devices)})",
            "email": f"e-mail to {chosen.address}",
        }
        listed = " and ".join(ways[c] for c in chosen.channels)
        say(f"Reminders are on: every day at {chosen.hour:02d}:00 ({zone}), by {listed}.")
        say("They are sent by `hipcoach worker`, which must be running.")


def _devices(count: int) -> str:
    if not count:
        return "no browser has allowed notifications yet: see the account page"
    return f"{count} browser{'s' if count != 1 else ''}"
