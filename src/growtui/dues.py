"""An action's due date from what a manager types: "2026-12-05", "5 Dec",
"Friday", "next Friday", "in 2 weeks", "end of month", "next 1:1"... read
relative to the day the action was written. Text it cannot read is kept as typed
and has no date — never an error. Dates by python-dateutil; the relative words
(which it does not know) here.

- a weekday ("Friday", "by Fri"): the next one on or after that day;
- "next Friday": the Friday of the week after (Monday to Sunday) the one written in;
- "next week": its Monday; "next month": its first day;
- "end of week" / "eow": that week's Friday; "end of month" / "eom": its last day;
- "in N days|weeks|months" (or "a", "one", "two" ...); "today", "tomorrow";
- "next 1:1": the person's next booked 1:1, else the day their cadence says;
- a day without a year ("5 Dec"): the next such day on or after the day written.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "couple of": 2,
    "few": 3,
}
NEXT_ONE_ON_ONE = re.compile(r"^(at |by |before )?(the )?next (1\s*[:/-]?\s*(on\s*)?1|one[- ]on[- ]one|meeting)$")
FILLER = re.compile(r"^(by|before|on|until|due|at the|at)\s+")


def weekday(word: str) -> int | None:
    word = word.strip(".").lower()
    if len(word) < 3:
        return None
    return next((n for n, name in enumerate(WEEKDAYS) if name.startswith(word)), None)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_due(text: str, written: date, next_one_on_one: date | None = None) -> date | None:
    """The date `text` means, written on `written`; None if it names no date."""
    words = " ".join(text.lower().replace(",", " ").split())
    if not words:
        return None
    if NEXT_ONE_ON_ONE.match(words):
        return next_one_on_one
    words = FILLER.sub("", words)
    if words in ("today", "tonight", "eod", "end of day"):
        return written
    if words == "tomorrow":
        return written + timedelta(days=1)
    if words in ("end of week", "end of the week", "eow", "this week"):
        return written + timedelta(days=(4 - written.weekday()) % 7)
    if words in ("end of month", "end of the month", "eom", "this month"):
        return date(written.year, written.month, calendar.monthrange(written.year, written.month)[1])
    if words == "next week":
        return written + timedelta(days=7 - written.weekday())
    if words == "next month":
        return add_months(written.replace(day=1), 1)
    if m := re.fullmatch(r"in (\d+|" + "|".join(NUMBERS) + r") (day|week|month)s?", words):
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
        unit = m.group(2)
        return add_months(written, n) if unit == "month" else written + timedelta(days=n * (7 if unit == "week" else 1))
    if (m := re.fullmatch(r"(next |this )?(\w+)", words)) and (day := weekday(m.group(2))) is not None:
        ahead = (day - written.weekday()) % 7
        if m.group(1) == "next ":  # the week after this one
            return written + timedelta(days=7 - written.weekday() + day)
        return written + timedelta(days=ahead)
    return _absolute(words, written)


def _absolute(words: str, written: date) -> date | None:
    """A calendar date (ISO, "5 Dec", "Dec 5 2026", "5/12"), by dateutil; a day and
    month without a year is the next such day on or after the day written."""
    from dateutil import parser

    if not re.search(r"\d", words):
        return None  # dateutil would read any word it knows ("may", "march") as a date
    try:
        return date.fromisoformat(words)  # 2026-12-05: year first, whatever dayfirst says
    except ValueError:
        pass
    try:
        parsed = parser.parse(words, default=datetime(written.year, written.month, written.day), dayfirst=True)
    except (ValueError, OverflowError):
        return None
    day = parsed.date()
    has_year = bool(re.search(r"\b\d{4}\b", words)) or bool(re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}", words))
    if not has_year and day < written:
        try:
            day = day.replace(year=day.year + 1)
        except ValueError:  # 29 February
            return None
    return day


def day_text(day: date, today: date) -> str:
    """A day as growtui shows one: "Fri 4 Dec", with its year when it is not this one."""
    return day.strftime("%a %-d %b") + (f" {day.year}" if day.year != today.year else "")


def describe(due: date | None, today: date) -> str:
    """What the form shows as you type: "→ Fri 4 Dec" (and the year when it is not this one)."""
    return "no date" if due is None else f"→ {day_text(due, today)}"


def due_text(typed: str, due_date: str | None, today: date | None = None) -> str:
    """An action's due as shown wherever it is read later: the date understood ("Fri 4
    Dec"; "next Friday" would be wrong a week on), else the words typed."""
    if due_date:
        return day_text(date.fromisoformat(due_date), today or date.today())
    return typed


def is_overdue(status: str, due_date: str | None, today: date) -> bool:
    """Open, and past its due date."""
    return status == "open" and bool(due_date) and (due_date or "") < today.isoformat()
