"""A meeting invite as an iCalendar (RFC 5545) event."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

from growtui.inert import inert


def _escape(text: str) -> str:
    """RFC 5545 TEXT: a bare CR or another control character would end or break the
    line (a name could add properties of its own), so they become inert."""
    text = inert(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\t", " ")
    return text.replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,").replace("\n", r"\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    out: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def event(summary: str, description: str, start: datetime, minutes: int, now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    stamp = now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    uid = hashlib.sha1(f"{summary}|{start.isoformat()}".encode()).hexdigest()[:20] + "@growtui"
    fmt = "%Y%m%dT%H%M%S"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//growtui//growtui//EN",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{start.strftime(fmt)}",
        f"DTEND:{(start + timedelta(minutes=minutes)).strftime(fmt)}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
