"""A meeting invite as an iCalendar (RFC 5545) event that calendars accept, built
with icalendar: a start in a real time zone with its VTIMEZONE, DTSTAMP, a stable
UID, the person as attendee when their email is known, and a repeat rule."""

from __future__ import annotations

import hashlib
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from growtui.errors import GrowtuiError
from growtui.inert import inert

REPEATS: dict[str, dict[str, object]] = {
    "weekly": {"FREQ": "WEEKLY"},
    "biweekly": {"FREQ": "WEEKLY", "INTERVAL": 2},
    "monthly": {"FREQ": "MONTHLY"},
}


def local_zone() -> ZoneInfo:
    """The machine's time zone by its IANA name (TZ, else /etc/localtime), else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = os.path.realpath("/etc/localtime")
        candidates.append(target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "")
    except OSError:
        pass
    for name in candidates:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def zone(name: str | None) -> ZoneInfo:
    if not name:
        return local_zone()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise GrowtuiError(f"--tz: no time zone named {name!r} (an IANA name, e.g. Europe/Berlin)") from None


def _text(value: str) -> str:
    """A property's text: control characters inert (a CR in a name must not end the
    line and add properties of its own; icalendar escapes , ; \\ and newlines)."""
    return inert(value.replace("\r\n", "\n").replace("\r", "\n")).replace("\t", " ")


def event(
    summary: str,
    description: str,
    start: datetime,
    minutes: int,
    tz: ZoneInfo | None = None,
    attendee: str = "",
    attendee_name: str = "",
    repeat: str | None = None,
    cadence_days: int | None = None,
    now: datetime | None = None,
) -> bytes:
    """`start` is a wall-clock time in `tz` (the local zone by default). `repeat`:
    weekly, biweekly, monthly, or cadence (every `cadence_days` days)."""
    import icalendar

    tz = tz or local_zone()
    start = start.replace(tzinfo=tz) if start.tzinfo is None else start.astimezone(tz)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//growtui//growtui//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    ev = icalendar.Event()
    seed = f"{summary}|{start.isoformat()}|{attendee.lower()}"
    ev.add("uid", hashlib.sha1(seed.encode()).hexdigest()[:24] + "@growtui")  # the same invite: the same UID
    ev.add("dtstamp", (now or datetime.now(timezone.utc)).astimezone(timezone.utc))
    ev.add("dtstart", start)
    ev.add("dtend", start + timedelta(minutes=minutes))
    ev.add("summary", _text(summary))
    ev.add("description", _text(description))
    if attendee:
        params = {"CN": _text(attendee_name), "ROLE": "REQ-PARTICIPANT", "RSVP": "TRUE"} if attendee_name else {}
        ev.add("attendee", icalendar.vCalAddress(f"mailto:{attendee}"), parameters=params)
    if repeat:
        if repeat == "cadence":
            if not cadence_days:
                raise GrowtuiError("--repeat cadence: the person has no cadence (growtui people edit NAME --cadence N)")
            rule: dict[str, object] = {"FREQ": "DAILY", "INTERVAL": cadence_days}
        else:
            rule = dict(REPEATS[repeat])
        ev.add("rrule", rule)
    cal.add_component(ev)
    cal.add_missing_timezones(first_date=start.date() - timedelta(days=366), last_date=date(start.year + 10, 12, 31))
    return bytes(cal.to_ical())


def write_private(path: Path, data: bytes) -> None:
    """--out: the invite, 0600 (it names who you meet and what you will talk about)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(path, 0o600)
