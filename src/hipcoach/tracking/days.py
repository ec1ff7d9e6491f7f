"""The person's own day: which date "today" is, decided in one place for every front end.

A day is a date in the person's time zone, never the server's: an evening workout west of
Greenwich belongs to that evening, and the next-morning check comes the next morning. The zone
comes from the browser on the web (the `TIME_ZONE_COOKIE` its script sets, made current for the
request by `hipcoach.web.middleware`), and from the profile for the API's tokens
(`use_person_zone`) and the terminal (the web keeps the profile's zone up to date;
`hipcoach init` asks for it). With no known zone, the server's (or, in the terminal, the
computer's) is used. The front ends ask `today()` (or, in the terminal, `day_in`) and pass the
date to the services, which never read the clock for "today" themselves.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.contrib.auth.models import User
from django.utils import timezone

MAX_ZONE_LENGTH = 64  # the longest IANA name is 32 characters
TIME_ZONE_COOKIE = "hipcoach_tz"  # set by the web app's script from the browser's own zone


# The person's night, in their own time. Until NIGHT_ENDS the evening before goes on: a
# workout begun then and left unfinished (a reload at midnight, a call) can still be finished
# as that evening's. "This morning" is asked from WAKE_UP on, and never within
# MORNING_AFTER_WORKOUT of the last exercise recorded: the next-morning pain (the signal the
# plan steps down on) must come after a night, not minutes after the workout.
NIGHT_ENDS = dt.time(4)
WAKE_UP = dt.time(5)
MORNING_AFTER_WORKOUT = dt.timedelta(hours=4)


def now() -> dt.datetime:
    """This instant in the zone made current for the person (see `today`)."""
    return timezone.localtime()


def today() -> dt.date:
    """The person's own date at this instant, in the zone made current for their request (the
    browser's or the profile's: `use_person_zone`, the web's middleware); the server's when
    none is."""
    return timezone.localdate()


def use_person_zone(person: User, browser_zone: str | None) -> None:
    """Make the person's zone current for this request: the browser's when it sent one, else
    the profile's (a script's token sends no cookie); unchanged when neither is known."""
    zone = zone_named(browser_zone) or profile_zone(person)
    if zone is not None:
        timezone.activate(zone)


def zone_named(name: str | None) -> ZoneInfo | None:
    """The IANA zone called `name` ("Pacific/Kiritimati"; URL-encoded is accepted too), or
    None when there is no such zone. Never reads a file outside the zone database."""
    if not name:
        return None
    name = unquote(name.strip())
    if not 0 < len(name) <= MAX_ZONE_LENGTH or name.startswith(("/", ".")) or ".." in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def check_zone(name: object, where: str = "time zone") -> str:
    """`name` if it is a known IANA zone (or empty: none), else an InputError naming it."""
    from hipcoach.tracking.inputs import InputError
    from hipcoach.tracking.inputs import gettext as _

    if name == "":
        return ""
    zone = zone_named(name) if isinstance(name, str) else None
    if zone is not None:
        return zone.key
    raise InputError(
        _(
            "{where}: {name} is not a time zone name; use one such as Europe/London or "
            "America/Los_Angeles"
        ).format(where=where, name=repr(name))
    )


def day_in(zone: dt.tzinfo | None, now: dt.datetime | None = None) -> dt.date:
    """The date at `now` (default: this instant) in `zone`; the machine's own day when None."""
    if zone is None:
        return (now.astimezone() if now else dt.datetime.now()).date()
    return (now or dt.datetime.now(dt.UTC)).astimezone(zone).date()


def profile_zone(person: User) -> ZoneInfo | None:
    """The zone saved in the person's profile (None when none or not set up)."""
    from hipcoach.tracking.models import Profile

    name = Profile.objects.filter(person=person).values_list("time_zone", flat=True).first()
    return zone_named(name)


def remember_zone(person: User, zone: ZoneInfo) -> bool:
    """Save `zone` as the person's own (for the API and the terminal); no write when unchanged.
    False when the person has no profile yet (set-up saves it then)."""
    from hipcoach.tracking.models import Profile

    saved = Profile.objects.filter(person=person).values_list("time_zone", flat=True).first()
    if saved is None:
        return False
    if saved != zone.key:
        Profile.objects.filter(person=person).update(time_zone=zone.key)
    return True


def computer_zone() -> str:
    """This computer's IANA zone name ("" when it cannot be told): the TZ variable, else what
    /etc/localtime points to in the zone database."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        if name and name in available_timezones():
            return name
    return ""
