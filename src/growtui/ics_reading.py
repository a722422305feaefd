"""Other programs' iCalendar files, read as far as they can be: one damaged zone,
event or recurrence costs that zone, event or recurrence, never the file.

- A file icalendar refuses whole is read component by component: a VTIMEZONE it
  cannot read (iCloud's historical "+5328" offset, Exchange's empty TZID) falls
  back to its own offset where it has only one, else to the zone its name gives
  (the system's rules), else to local time; an event it cannot read is left out.
- A file cut short (a download stopped at 70%) keeps the events before the cut.
- Damage icalendar reports only when a property is first read (an empty EXDATE)
  leaves out that event's series; the rest of the calendar is expanded.
- Only the window that matters is parsed: a one-off event dated wholly outside it is
  dropped from the text before icalendar reads it (`within`); series, their moved
  occurrences and anything undated are kept. Years of past meetings cost a scan.
- Expansion is bounded: an event repeating more often than daily, or at more
  than one time of day (no 1:1 does: a broken or hostile calendar), is left out,
  and no series yields more than MAX_PER_SERIES occurrences.

Each problem is one line naming the file and the event. Knows nothing of Textual.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

from growtui.inert import inert

MAX_PER_SERIES = 5_000  # a daily 1:1 over 13 years; what is read is a few months
SUB_DAILY = {"SECONDLY", "MINUTELY", "HOURLY"}
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # all C0 but tab, LF and CR; DEL


def problem_of(error: BaseException) -> str:
    words = " ".join(str(error).split())
    return (words[:160] + "…") if len(words) > 160 else (words or type(error).__name__)


def named(component: Any) -> str:
    """An event as the manager knows it: its title (and day), for a line."""
    try:
        title = " ".join(str(component.get("SUMMARY", "")).split())[:60] or "(no title)"
    except Exception:
        title = "(no title)"
    try:
        day = f" on {component.get('DTSTART').dt:%Y-%m-%d}"
    except Exception:
        day = ""
    return f"the event {title!r}{day}"


def _block_name(block: str) -> str:
    found = re.search(r"^SUMMARY[^:\n]*:(.*)$", block, re.MULTILINE)
    return f"the event {' '.join(found.group(1).split())[:60]!r}" if found else "an event"


def components(text: str, where: str) -> tuple[list[Any], list[str]]:
    """The calendars in a file's text, and a line for each part that could not be read."""
    import icalendar

    problems: list[str] = []
    # Control characters are never valid in iCalendar (RFC 5545): icalendar drops a line
    # holding one (an ATTENDEE whose CN has an ESC), silently. Kept, made visible.
    text = CONTROL.sub(lambda m: inert(m.group()), text)
    if len(re.findall(r"^BEGIN:VCALENDAR", text, re.I | re.M)) > len(re.findall(r"^END:VCALENDAR", text, re.I | re.M)):
        text, kept = _before_the_cut(text)
        problems.append(
            f"{where}: the file ends early (no END:VCALENDAR: a download cut short?); "
            f"the {kept} events before the cut are used"
        )
    try:
        found = list(icalendar.Calendar.from_ical(text, multiple=True))
        return found, problems + [line for c in found for line in _dropped_lines(c, where)]
    except Exception as e:  # icalendar raises ValueError, KeyError...: some part is damaged
        whole = problem_of(e)
    calendar, skipped = _one_by_one(text, where)
    if not calendar.subcomponents:
        raise ValueError(whole)
    return [calendar], problems + skipped


EVENT = re.compile(r"^BEGIN:VEVENT[ \t]*\r?\n.*?^END:VEVENT[ \t]*(?:\r?\n|\Z)", re.I | re.M | re.S)
REPEATS = re.compile(r"^(RRULE|RDATE|DURATION)[;:]|^RECURRENCE-ID[^:\r\n]*RANGE=THISANDFUTURE", re.I | re.M)
DATED = re.compile(r"^(DTSTART|DTEND|RECURRENCE-ID)[^:\r\n]*:(\d{8})", re.I | re.M)
SLACK = timedelta(days=2)  # (a date in any zone is within a day of the local one)


def within(text: str, start: datetime, end: datetime) -> str:
    """The text less the events that lie wholly outside [start, end]: one-off meetings,
    and the moved or cancelled occurrences of a series whose old and new dates both do
    (a 20 MB export of 100,000 meetings since 2015 has a few hundred in the next months).
    Series themselves, and anything not plainly dated, are kept."""
    first, last = (start - SLACK).strftime("%Y%m%d"), (end + SLACK).strftime("%Y%m%d")
    out: list[str] = []
    kept_to = 0
    for m in EVENT.finditer(text):
        block = m.group()
        if REPEATS.search(block):
            continue
        dates = {name.upper(): day for name, day in DATED.findall(block)}
        if "DTSTART" not in dates:
            continue
        outside = (dates["DTSTART"] > last or dates.get("DTEND", dates["DTSTART"]) < first) and (
            "RECURRENCE-ID" not in dates or not first <= dates["RECURRENCE-ID"] <= last
        )
        if outside:
            out.append(text[kept_to : m.start()])
            kept_to = m.end()
    if not out:
        return text
    out.append(text[kept_to:])
    return "".join(out)


def _dropped_lines(calendar: Any, where: str) -> Iterator[str]:
    """A line for each content line icalendar could not read and left out (it keeps them
    in `errors`, and says nothing)."""
    for event in calendar.walk("VEVENT"):
        for _prop, message in getattr(event, "errors", ()) or ():
            yield f"{where}: in {named(event)}, a line could not be read ({problem_of(ValueError(message))}): left out"


def _before_the_cut(text: str) -> tuple[str, int]:
    """The text up to the last whole event, closed as a calendar."""
    ends = [m.end() for m in re.finditer(r"^END:VEVENT[ \t]*\r?$", text, re.I | re.M)]
    body = (
        text[: ends[-1]]
        if ends
        else text[: text.upper().find("BEGIN:VEVENT")]
        if "BEGIN:VEVENT" in text.upper()
        else text
    )
    return body + "\r\nEND:VCALENDAR\r\n", len(ends)


def _top_level(text: str) -> Iterator[tuple[str, str]]:
    """(name, text) of each component directly inside the VCALENDARs."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    depth, name = 0, ""
    block: list[str] = []
    for line in lines:
        upper = line.strip().upper()
        if upper.startswith("BEGIN:"):
            depth += 1
            if depth == 2:
                name, block = upper[6:], []
        if depth >= 2:
            block.append(line)
        if upper.startswith("END:"):
            if depth == 2 and block:
                yield name, "\r\n".join(block) + "\r\n"
            depth = max(0, depth - 1)


def _one_by_one(text: str, where: str) -> tuple[Any, list[str]]:
    """Each zone and event parsed on its own: what cannot be read is said and left out."""
    import icalendar

    calendar = icalendar.Calendar()
    problems: list[str] = []
    fixed: dict[str, tzinfo] = {}  # zones we could not read, by TZID: what their times mean instead
    for name, block in _top_level(text):
        try:
            calendar.add_component(icalendar.Component.from_ical(block))
        except Exception as e:
            if name == "VTIMEZONE":
                tzid, zone, how = _fallback_zone(block)
                if zone is not None:
                    fixed[tzid] = zone
                problems.append(
                    f"{where}: the time zone {tzid or '(no name)'!r} could not be read "
                    f"({problem_of(e)}); its times are read {how}"
                )
            elif name == "VEVENT":
                problems.append(f"{where}: {_block_name(block)} could not be read ({problem_of(e)}): left out")
    for event in calendar.walk("VEVENT"):
        _put_in_zones(event, fixed)
    return calendar, problems + list(_dropped_lines(calendar, where))


def _fallback_zone(block: str) -> tuple[str, tzinfo | None, str]:
    """(TZID, the zone to use, how that is said): the zone's one offset if it has only
    one (Exchange's empty zone is UTC), else the IANA zone its name gives, else local."""
    from zoneinfo import ZoneInfo

    tzid_match = re.search(r"^TZID[^:\n]*:(.*)$", block, re.MULTILINE)
    tzid = tzid_match.group(1).strip() if tzid_match else ""
    offsets = set(re.findall(r"^TZOFFSETTO[^:\n]*:\s*([+-])(\d\d)(\d\d)\s*$", block, re.MULTILINE))
    if len(offsets) == 1:
        sign, hours, minutes = offsets.pop()
        delta = timedelta(hours=int(hours), minutes=int(minutes)) * (-1 if sign == "-" else 1)
        if abs(delta) < timedelta(hours=24):
            zone = timezone(delta)
            return tzid, zone, f"at its offset ({zone.tzname(None)})"
    try:
        return tzid, ZoneInfo(tzid.strip("/")), f"by the system's rules for {tzid}"
    except Exception:
        return tzid, None, "as local time"


def _put_in_zones(event: Any, zones: dict[str, tzinfo]) -> None:
    if not zones:
        return
    for prop_name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
        prop = event.get(prop_name)
        tzid = str(getattr(prop, "params", {}).get("TZID", "")) if prop is not None else None
        if tzid is not None and tzid in zones and isinstance(prop.dt, datetime):
            prop.dt = prop.dt.replace(tzinfo=zones[tzid])


def expand(rie: Any, calendar: Any, start: datetime, end: datetime, where: str) -> tuple[list[Any], list[str]]:
    """The occurrences from `start` to `end`, series by series: a series that cannot be
    expanded, or repeats more often than daily, is left out with a line."""
    import icalendar

    problems: list[str] = []
    kept = icalendar.Calendar()
    for component in calendar.subcomponents:
        if component.name == "VEVENT" and (freq := _frequency(component)) in SUB_DAILY:
            how = "more than once a day" if freq == "HOURLY" else freq.lower()
            problems.append(f"{where}: {named(component)} repeats {how} (no 1:1 does): left out")
            continue
        kept.add_component(component)
    try:
        series = rie.of(kept).series
    except Exception:  # one series could not even be built: build each on its own to find it
        series = []
        for group in _by_uid(kept):
            try:
                series += rie.of(group).series
            except Exception as e:
                problems.append(
                    f"{where}: {named(group.walk('VEVENT')[0])} could not be read ({problem_of(e)}): left out"
                )
    found: list[Any] = []
    for one in series:
        try:
            occurrences = []
            for n, occurrence in enumerate(one.between(start, end)):
                if n >= MAX_PER_SERIES:
                    problems.append(
                        f"{where}: {named(occurrence.as_component(False))} repeats more than "
                        f"{MAX_PER_SERIES:,} times: the first {MAX_PER_SERIES:,} are used"
                    )
                    break
                occurrences.append(occurrence.as_component(False))
        except Exception as e:
            first = next(iter(getattr(one, "components", ()) or ()), None)
            what = named(getattr(first, "_component", first)) if first is not None else "an event"
            problems.append(f"{where}: {what} could not be read ({problem_of(e)}): left out")
            continue
        found += occurrences
    return found, problems


def _frequency(event: Any) -> str:
    """How often the event repeats, as its rule says: SECONDLY..YEARLY; HOURLY for a
    rule at more than one time of day (BYHOUR=0..23;BYMINUTE=0..59 on a daily rule)."""
    try:
        rule = event.get("RRULE")
        rules = rule if isinstance(rule, list) else [rule] if rule is not None else []
        for r in rules:
            times = len(r.get("BYHOUR", [0])) * len(r.get("BYMINUTE", [0])) * len(r.get("BYSECOND", [0]))
            freq = next((str(f).upper() for f in r.get("FREQ", [])), "")
            return "HOURLY" if times > 1 and freq not in SUB_DAILY else freq
    except Exception:
        pass
    return ""


def _by_uid(calendar: Any) -> Iterator[Any]:
    """One calendar per series (the events of one UID), with the zones they need."""
    import icalendar

    zones = list(calendar.walk("VTIMEZONE"))
    groups: dict[str, list[Any]] = {}
    for event in calendar.walk("VEVENT"):
        groups.setdefault(str(event.get("UID", id(event))), []).append(event)
    for events in groups.values():
        group = icalendar.Calendar()
        for component in [*zones, *events]:
            group.add_component(component)
        yield group
