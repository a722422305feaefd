"""1:1s from the manager's calendar: an exported .ics file, or a folder of them (the
vdir layout khal and vdirsyncer keep in sync), read with icalendar and expanded
with recurring-ical-events (recurrences, exceptions, moved and cancelled
occurrences, time zones by IANA or Windows name). Knows nothing of Textual;
offline, from files only.

An event is a person's 1:1 when one of its attendee or organizer addresses is the
person's email; failing an email, when its summary holds the person's full name
(whole words, any case) and it has at most two attendees. Either way it is a 1:1:
two people in it (or "1:1" in its title, for a note-taker invited), not all day —
a team meeting or an offsite with them is not their next 1:1.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from growtui.errors import GrowtuiError
from growtui.userfiles import UserFileError, read_foreign

MAX_BYTES = 64 * 1024 * 1024  # years of a busy calendar are a few MB
ONE_ON_ONE = re.compile(r"\b1\s*[:/-]?\s*(on\s*)?1\b|\bone[- ]on[- ]one\b", re.IGNORECASE)


class CalendarError(GrowtuiError):
    """A calendar that cannot be read: one line naming the file and the problem."""


class Meeting(NamedTuple):
    start: datetime  # aware, in the local zone (an all-day event: local midnight)
    end: datetime
    summary: str
    all_day: bool
    attendees: tuple[str, ...]  # email addresses, lower case, organizer included
    person_id: int | None = None
    matched_by: str = ""  # "email" or "name"; "" when it matched nobody


class Who(NamedTuple):
    """What matching needs of a person."""

    id: int
    name: str
    email: str


def calendar_files(path: Path) -> list[Path]:
    """The file itself, or every .ics file in the folder and its subfolders (vdir)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise CalendarError(f"{path}: no such file or folder") from None
    except OSError as e:  # (permission denied, a loop of links...)
        raise CalendarError(f"{path}: {e.strerror or e}") from None
    if stat.S_ISDIR(info.st_mode):
        return sorted(p for p in path.rglob("*.ics") if p.is_file())
    return [path]


def stamp(path: Path) -> tuple[tuple[str, int, int], ...]:
    """What changes when the calendar does (the app reads it again then). A file: its
    time and size. A folder (a vdir): each folder's time and how many files it holds,
    from one scan and no stat of each of 50,000 files; vdirsyncer and khal write every
    change as a new file renamed into place, which changes the time of its folder."""
    try:
        info = path.stat()
    except OSError:
        return ()
    if not stat.S_ISDIR(info.st_mode):
        return ((str(path), info.st_mtime_ns, info.st_size),)
    out = []
    for root, _dirs, files in os.walk(path):
        try:
            out.append((root, os.stat(root).st_mtime_ns, sum(f.endswith(".ics") for f in files)))
        except OSError:
            continue
    return tuple(out)


def parse(path: Path, window: tuple[datetime, datetime] | None = None) -> tuple[list[Any], list[str]]:
    """The calendars in one file and a line for each part that could not be read
    (ics_reading.py), or CalendarError when nothing in it can be; with a window, only
    what can happen in it (ics_reading.within)."""
    import icalendar

    from growtui.ics_reading import components, within

    try:
        text = read_foreign(path, MAX_BYTES)
    except UserFileError as e:
        raise CalendarError(f"{path}: {e.problem}") from None
    if "BEGIN:" not in text.upper():
        raise CalendarError(f"{path}: not an iCalendar file (no BEGIN:VCALENDAR)")
    if window is not None:
        whole, text = text, within(text, *window)
        if "BEGIN:VEVENT" not in text.upper() and "BEGIN:VEVENT" in whole.upper():
            return [], []  # (nothing in the window: its zones, even damaged ones, do not matter)
    try:
        found, problems = components(text, str(path))
    except Exception as e:  # nothing in it could be read
        raise CalendarError(f"{path}: not a readable iCalendar file ({_problem(e)})") from None
    calendars = []
    for component in found:
        if component.name == "VCALENDAR":
            calendars.append(component)
        else:  # a bare VEVENT (some tools export one event so)
            wrapper = icalendar.Calendar()
            wrapper.add_component(component)
            calendars.append(wrapper)
    for calendar in calendars:
        _prefer_iana_zones(calendar)
    return calendars, problems


def _prefer_iana_zones(calendar: Any) -> None:
    """Outlook and Exchange name zones the Windows way ("W. Europe Standard Time")
    and define them in a VTIMEZONE whose rules start in 1601: icalendar builds a zone
    from that, and every offset it is asked for walks four centuries of rules (a
    5 MB export took 8 s to expand). Where icalendar's own table knows the Windows
    name, the times are put in the IANA zone it names instead: the same clock times,
    the system's rules (0.8 s)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    zones: dict[str, Any] = {}

    def iana(tzid: object) -> Any:
        name = str(tzid or "").strip("/")
        if name not in WINDOWS_TO_OLSON:
            return None
        if name not in zones:
            try:
                zones[name] = ZoneInfo(WINDOWS_TO_OLSON[name])
            except (ZoneInfoNotFoundError, ValueError):
                zones[name] = None
        return zones[name]

    for event in calendar.walk("VEVENT"):
        try:
            _zones_of(event, iana)
        except Exception:  # damage icalendar reports when it is read: the expansion says which event
            continue


def _zones_of(event: Any, iana: Any) -> None:
    for name in ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE"):
        value = event.get(name)
        for prop in value if isinstance(value, list) else [value] if value is not None else []:
            zone = iana(getattr(prop, "params", {}).get("TZID"))
            for item in getattr(prop, "dts", [prop]):
                here = iana(getattr(item, "params", {}).get("TZID")) or zone
                if here is not None and isinstance(item.dt, datetime) and item.dt.tzinfo is not None:
                    item.dt = item.dt.replace(tzinfo=here)


def _problem(error: Exception) -> str:
    from growtui.ics_reading import problem_of

    return problem_of(error)


def occurrences(path: Path, start: datetime, end: datetime) -> tuple[list[Meeting], list[str]]:
    """Every event from `start` to `end` in the calendar at `path` (file or folder), in
    time order, cancelled ones left out; and a line for each file, or event in a file,
    that could not be read (the rest still count)."""
    import recurring_ical_events

    meetings: list[Meeting] = []
    problems: list[str] = []
    files = calendar_files(path)
    unreadable = 0
    for file in files:
        try:
            found, said = _read_events(recurring_ical_events, file, start, end)
        except CalendarError as e:
            problems.append(str(e))
            unreadable += 1
            continue
        except Exception as e:  # whatever else one file does, it costs only that file
            problems.append(f"{file}: not a readable iCalendar file ({_problem(e)})")
            unreadable += 1
            continue
        meetings += found
        problems += said
    if not meetings and files and unreadable == len(files):
        raise CalendarError(problems[0])  # nothing readable at all: that is the answer
    return sorted(meetings, key=lambda m: m.start), problems


def _read_events(rie: Any, file: Path, start: datetime, end: datetime) -> tuple[list[Meeting], list[str]]:
    """One file's events; what could not be read is left out and said, the rest used."""
    from growtui.ics_reading import expand, named

    calendars, problems = parse(file, (start, end))
    found: list[Meeting] = []
    for calendar in calendars:
        events, said = expand(rie, calendar, start, end, str(file))
        problems += said
        for event in events:
            try:
                meeting = _meeting(event)
            except Exception as e:
                problems.append(f"{file}: {named(event)} could not be read ({_problem(e)}): left out")
                continue
            if meeting is not None:
                found.append(meeting)
    if not found and any(p.endswith("left out") for p in problems):
        # nothing else in it: the file's answer is its problem
        raise CalendarError(f"{file}: no event could be read; {problems[0].removeprefix(f'{file}: ')}")
    return found, problems


def _local(value: date | datetime) -> tuple[datetime, bool]:
    """A time as the manager's clock reads it; floating times are already local."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time()).astimezone(), True
    if value.tzinfo is None:
        return value.astimezone(), False
    return value.astimezone(), False


# Outlook and Exchange mark a meeting turned down or called off in its title.
CALLED_OFF = re.compile(r"^\s*(declined|canceled|cancelled|abgesagt|abgelehnt)\s*:", re.IGNORECASE)


def _meeting(event: Any) -> Meeting | None:
    """The event as a meeting; None for one cancelled or declined (no 1:1 happens then)."""
    if event.name != "VEVENT" or str(event.get("STATUS", "")).upper() == "CANCELLED":
        return None
    if CALLED_OFF.match(str(event.get("SUMMARY", ""))) or _declined(event):
        return None
    dtstart = event.get("DTSTART")
    if dtstart is None:
        return None
    start, all_day = _local(dtstart.dt)
    if event.get("DTEND") is not None:
        end, _ = _local(event.get("DTEND").dt)
    elif event.get("DURATION") is not None:
        end = start + event.get("DURATION").dt
    else:
        end = start + (timedelta(days=1) if all_day else timedelta(0))
    return Meeting(start, end, " ".join(str(event.get("SUMMARY", "")).split()), all_day, _addresses(event))


def _declined(event: Any) -> bool:
    """Someone in a meeting of two said no (PARTSTAT=DECLINED): it will not take place."""
    value = event.get("ATTENDEE")
    attendees = value if isinstance(value, list) else [value] if value is not None else []
    return len(attendees) <= 2 and any(
        str(getattr(a, "params", {}).get("PARTSTAT", "")).upper() == "DECLINED" for a in attendees
    )


def _addresses(event: Any) -> tuple[str, ...]:
    found: list[str] = []
    for name in ("ORGANIZER", "ATTENDEE"):
        value = event.get(name)
        for one in value if isinstance(value, list) else [value] if value is not None else []:
            address = str(one).strip().lower()
            address = address[7:] if address.startswith("mailto:") else address
            if address and address not in found:
                found.append(address)
    return tuple(found)


def _names_in(summary: str, name: str) -> bool:
    """The full name in the summary, as whole words, any case."""
    words = [re.escape(w) for w in name.split()]
    return bool(words) and re.search(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", summary, re.IGNORECASE) is not None


def match(meetings: Iterable[Meeting], people: Iterable[Who]) -> list[Meeting]:
    """Each meeting with the person it is a 1:1 with, if any."""
    people = list(people)
    by_email = {p.email.strip().lower(): p for p in people if p.email.strip()}
    out = []
    for m in meetings:
        if m.all_day or not (len(m.attendees) <= 2 or ONE_ON_ONE.search(m.summary)):
            out.append(m)
            continue
        who = next((by_email[a] for a in m.attendees if a in by_email), None)
        how = "email" if who else ""
        if who is None and len(m.attendees) <= 2:
            named = [p for p in people if _names_in(m.summary, p.name)]
            if len(named) == 1:
                who, how = named[0], "name"
        out.append(Meeting(m.start, m.end, m.summary, m.all_day, m.attendees, who.id if who else None, how))
    return out


def looks_like_a_one_on_one(m: Meeting) -> bool:
    """Unmatched, but worth showing: two people in it, or "1:1" in its name."""
    return m.person_id is None and not m.all_day and (len(m.attendees) == 2 or bool(ONE_ON_ONE.search(m.summary)))


def next_meetings(meetings: Iterable[Meeting], now: datetime) -> dict[int, Meeting]:
    """Each person's next 1:1 from `now` (one under way counts until it ends)."""
    out: dict[int, Meeting] = {}
    for m in sorted(meetings, key=lambda m: m.start):
        if m.person_id is not None and m.person_id not in out and m.end > now:
            out[m.person_id] = m
    return out


def horizon(now: datetime, days: int = 120) -> tuple[datetime, datetime]:
    """How far the app looks for the next 1:1s: from a day back to `days` ahead."""
    return now - timedelta(days=1), now + timedelta(days=days)


def configured(flag: str | None, setting: str | None) -> Path | None:
    """The calendar to read: --calendar wins over config.toml's `calendar`."""
    chosen = flag or setting
    return Path(os.path.expanduser(chosen)) if chosen else None


def iter_people(rows: Iterable[Any]) -> Iterator[Who]:
    for p in rows:
        yield Who(p.id, p.name, getattr(p, "email", "") or "")
