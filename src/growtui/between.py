"""Notes between meetings, as a manager types them: the kind ("w", "win", "praise"...)
and the day it was about, in words that look back — "today", "yesterday", "Friday"
(the last one), "3 days ago", "5 Dec" (the last one), or a date. A day a note is
about is never in the future. Nothing here imports more than the standard library:
`growtui note` must be as quick as `growtui --version`."""

from __future__ import annotations

import re
from datetime import date, timedelta

from growtui.dues import NUMBERS, add_months, weekday

KIND_WORDS = {
    "win": "win",
    "wins": "win",
    "praise": "win",
    "feedback": "feedback",
    "concern": "concern",
    "concerns": "concern",
    "worry": "concern",
    "note": "note",
    "": "note",
}
KIND_TITLES = {"win": "Wins", "feedback": "Feedback", "concern": "Concerns", "note": "Notes"}


def kind_of(word: str) -> str | None:
    """The kind a word names: a whole word, or its start ("w", "fe", "c", "n")."""
    word = word.strip().lower()
    if word in KIND_WORDS:
        return KIND_WORDS[word]
    for names in (KIND_TITLES, KIND_WORDS):  # the kinds' own names first: "w" is a win, not a worry
        starts = {KIND_WORDS[name] for name in names if name and name.startswith(word)}
        if len(starts) == 1:
            return starts.pop()
    return None


def parse_day(text: str, today: date) -> date | None:
    """The day `text` means, looking back from `today`; None if it names none (or a
    day after today)."""
    words = " ".join(text.lower().replace(",", " ").split())
    words = re.sub(r"^(on|last|this past)\s+(?=\w)", lambda m: "last " if m.group(1) == "last" else "", words)
    if words in ("", "today"):
        return today
    if words == "yesterday":
        return today - timedelta(days=1)
    if words == "last week":
        return today - timedelta(days=today.weekday() + 7)
    if m := re.fullmatch(r"(\d+|" + "|".join(NUMBERS) + r") (day|week|month)s? ago", words):
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
        unit = m.group(2)
        return add_months(today, -n) if unit == "month" else today - timedelta(days=n * (7 if unit == "week" else 1))
    if (m := re.fullmatch(r"(last )?(\w+)", words)) and (day := weekday(m.group(2))) is not None:
        back = (today.weekday() - day) % 7
        return today - timedelta(days=back or (7 if m.group(1) else 0))  # "last Friday" on a Friday: a week ago
    return _calendar_day(words.removeprefix("last "), today)


def _calendar_day(words: str, today: date) -> date | None:
    """A date (ISO, "5 Dec", "5/12/2026"); a day and month without a year is the last
    such day on or before today."""
    if not re.search(r"\d", words):
        return None
    try:
        day = date.fromisoformat(words)
    except ValueError:
        from datetime import datetime

        from dateutil import parser

        try:
            day = parser.parse(words, default=datetime(today.year, today.month, today.day), dayfirst=True).date()
        except (ValueError, OverflowError):
            return None
        if not re.search(r"\b\d{4}\b", words) and day > today:
            try:
                day = day.replace(year=day.year - 1)
            except ValueError:  # 29 February
                return None
    return day if day <= today else None
