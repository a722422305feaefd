"""The calendar read in a process of its own, for the app: parsing years of recurring
events is seconds of pure Python, and on a thread of the app's process it took the
interpreter from the UI (keys arrived several times later while it ran). In a child,
typing never waits for it, and icalendar, recurring-ical-events and everything they
parse stay out of the app's memory. The app's side sends who to match and reads back
each person's next 1:1 (JSON both ways)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from growtui.meetings import CalendarError, Meeting, Who


def _meeting(data: dict[str, Any]) -> Meeting:
    return Meeting(
        start=datetime.fromisoformat(data["start"]),
        end=datetime.fromisoformat(data["end"]),
        summary=data["summary"],
        all_day=data["all_day"],
        attendees=tuple(data["attendees"]),
        person_id=data["person_id"],
        matched_by=data["matched_by"],
    )


def next_meetings_elsewhere(calendar: Path, people: list[Who], now: datetime) -> tuple[dict[int, Meeting], list[str]]:
    """Each person's next 1:1 and the calendar's problems, read by a child process.
    CalendarError (its reason) when nothing could be read."""
    asked = {"calendar": str(calendar), "now": now.isoformat(), "people": [p._asdict() for p in people]}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "growtui.calendar_process"],
            input=json.dumps(asked),
            capture_output=True,
            text=True,
            timeout=600,
        )
        answer = json.loads(done.stdout)
    except (OSError, ValueError, subprocess.TimeoutExpired) as e:
        raise CalendarError(f"{calendar}: the calendar reader stopped ({e})") from None
    if answer.get("error"):
        raise CalendarError(answer["error"])
    return {int(k): _meeting(m) for k, m in answer["meetings"].items()}, list(answer["problems"])


def _answer(asked: dict[str, Any]) -> dict[str, Any]:
    from growtui.meetings import horizon, match, next_meetings, occurrences

    now = datetime.fromisoformat(asked["now"])
    people = [Who(**p) for p in asked["people"]]
    try:
        events, problems = occurrences(Path(asked["calendar"]), *horizon(now))
    except CalendarError as e:
        return {"error": str(e)}
    found = next_meetings(match(events, people), now)
    meetings = {
        str(pid): {**m._asdict(), "start": m.start.isoformat(), "end": m.end.isoformat()} for pid, m in found.items()
    }
    return {"error": None, "meetings": meetings, "problems": problems}


if __name__ == "__main__":  # the child: what to read on stdin, the answer on stdout
    try:
        reply = _answer(json.loads(sys.stdin.read()))
    except Exception as e:  # (whatever a calendar does to the reader is one line for the app)
        reply = {"error": f"the calendar could not be read ({type(e).__name__}: {e})"}
    sys.stdout.write(json.dumps(reply))
