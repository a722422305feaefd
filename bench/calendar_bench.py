"""Reading a big calendar (years of recurring events, ~5 MB) and matching 200
people, as the app does it off the UI path: the figure `make bench` reports.

    .venv/bin/python bench/calendar_bench.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
PEOPLE = 200


def write_calendar(path: Path, people: int = PEOPLE, target_mb: float = 5.0, lean: bool = False) -> None:
    """An Outlook-like export: each person's weekly 1:1 since 2021 with moved and
    cancelled occurrences, and one-off meetings until the file is `target_mb` (lean:
    one-offs of a few lines each, as a calendar of 100,000 of them in 20 MB)."""
    rng = random.Random(7)
    out = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
        "VERSION:2.0",
        "BEGIN:VTIMEZONE",
        "TZID:W. Europe Standard Time",
        "BEGIN:STANDARD",
        "DTSTART:16011028T030000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:16010325T020000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]
    tz = 'TZID="W. Europe Standard Time"'

    def event(uid: str, start: datetime, summary: str, emails: list[str], extra: list[str]) -> list[str]:
        return [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            "DTSTAMP:20210101T000000Z",
            f"DTSTART;{tz}:{start:%Y%m%dT%H%M%S}",
            f"DTEND;{tz}:{start + timedelta(minutes=30):%Y%m%dT%H%M%S}",
            f"SUMMARY:{summary}",
            "ORGANIZER;CN=Manager:mailto:manager@example.com",
            *[f"ATTENDEE;CN=Person;RSVP=TRUE:mailto:{e}" for e in emails],
            *extra,
            "DESCRIPTION:" + "Agenda and notes for the meeting. " * 6,
            "END:VEVENT",
        ]

    for n in range(people):
        start = datetime(2021, 1, 4, 9) + timedelta(days=n % 5, minutes=30 * (n % 16))
        uid = f"one-on-one-{n}@example.com"
        out += event(uid, start, f"Person {n} / Manager", [f"person{n}@example.com"], ["RRULE:FREQ=WEEKLY"])
        for k in range(1, 25):  # moved and cancelled occurrences over the years
            was = start + timedelta(weeks=k * 9)
            extra = [f"RECURRENCE-ID;{tz}:{was:%Y%m%dT%H%M%S}"] + (["STATUS:CANCELLED"] if k % 3 == 0 else [])
            out += event(
                uid, was + timedelta(days=1), f"Person {n} / Manager (moved)", [f"person{n}@example.com"], extra
            )
    n = 0
    size = sum(len(line) + 2 for line in out)
    while size < target_mb * 1_000_000:
        start = datetime(2021, 1, 1, 8) + timedelta(hours=rng.randrange(0, 6 * 365 * 24))
        if lean:
            added = [
                "BEGIN:VEVENT",
                f"UID:m{n}@example.com",
                f"DTSTART;{tz}:{start:%Y%m%dT%H%M%S}",
                f"DTEND;{tz}:{start + timedelta(minutes=30):%Y%m%dT%H%M%S}",
                f"SUMMARY:Team meeting {n}",
                "END:VEVENT",
            ]
        else:
            emails = [f"person{rng.randrange(PEOPLE)}@example.com" for _ in range(5)]
            added = event(f"meeting-{n}@example.com", start, f"Team meeting {n}", emails, [])
        out += added
        size += sum(len(line) + 2 for line in added)
        n += 1
    out.append("END:VCALENDAR")
    path.write_text("\r\n".join(out) + "\r\n")


def measure(repeat: int = 5) -> dict[str, float]:
    from growtui.meetings import Who, horizon, match, next_meetings, occurrences

    CACHE.mkdir(exist_ok=True)
    path = CACHE / "calendar-5mb.ics"
    if not path.exists():
        write_calendar(path)
    people = [Who(n + 1, f"Person {n}", f"person{n}@example.com") for n in range(PEOPLE)]
    now = datetime(2026, 12, 1, 12).astimezone()
    times = []
    found = 0
    for _ in range(repeat):
        t = time.perf_counter()
        events, _problems = occurrences(path, *horizon(now))
        found = len(next_meetings(match(events, people), now))
        times.append(time.perf_counter() - t)
    return {
        "calendar_read_s": statistics.median(times),
        "calendar_mb": path.stat().st_size / 1e6,
        "calendar_people_booked": found,
    }


def big(db: Path, repeat: int = 3) -> dict[str, float]:
    """`growtui people` with a 20 MB export of ~100,000 events (its time and its own peak
    memory, from wait4), and the watch's change check of a vdir of 50,000 files."""
    import os
    import subprocess

    from growtui.meetings import stamp

    path = CACHE / "calendar-20mb.ics"
    if not path.exists():
        write_calendar(path, target_mb=20, lean=True)
    growtui = str(Path(sys.executable).parent / "growtui")
    times, peaks = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [growtui, "people", "--db", str(db), "--calendar", str(path)], stdout=subprocess.DEVNULL
        )
        _pid, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        assert status == 0
    vdir = CACHE / "vdir-50k"
    if not (vdir / "done").exists():
        for n in range(50_000):
            folder = vdir / f"calendar-{n % 5}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"event-{n}.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        (vdir / "done").write_text("")
    checks = []
    for _ in range(5):
        start = time.perf_counter()
        stamp(vdir)
        checks.append((time.perf_counter() - start) * 1000)
    return {
        "calendar_20mb_people_s": statistics.median(times),
        "calendar_20mb_people_mib": max(peaks),
        "calendar_20mb_events": path.read_text().count("BEGIN:VEVENT"),
        "vdir_check_ms": statistics.median(checks),
    }


def typing(db: Path, keys: int, pairs: int) -> dict[str, float]:
    """Key → frame in a real pty (bench/app_child.py keys) with the 5 MB calendar configured
    and without, turn about: read as the app starts (the first 100 keys) and again halfway."""
    sys.path.insert(0, str(HERE))
    import shutil

    from pty_run import run_in_pty

    path = CACHE / "calendar-5mb.ics"
    if not path.exists():
        write_calendar(path)
    child = str(HERE / "app_child.py")
    runs: dict[str, list[list[float]]] = {"with": [], "without": []}
    for _ in range(pairs):
        for kind in ("with", "without"):
            work = CACHE / "calendar-keys.db"
            for p in CACHE.glob("calendar-keys.db*"):
                p.unlink()
            shutil.copy(db, work)
            env = {"BENCH_CALENDAR": str(path)} if kind == "with" else {}
            runs[kind].append(run_in_pty([child, "keys", "growtui", str(work), str(keys)], env=env)["times_ms"])

    def pct(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]

    out: dict[str, float] = {}
    for kind, times in runs.items():
        every = [t for run in times for t in run]
        first = [t for run in times for t in run[:100]]
        out[f"calendar_keys_{kind}_p95_ms"] = pct(every, 0.95)
        out[f"calendar_keys_{kind}_p99_ms"] = pct(every, 0.99)
        out[f"calendar_keys_{kind}_max_ms"] = max(every)
        out[f"calendar_keys_{kind}_first100_p95_ms"] = pct(first, 0.95)
    out["calendar_keys_p95_ratio"] = out["calendar_keys_with_p95_ms"] / out["calendar_keys_without_p95_ms"]
    out["calendar_keys_p99_ratio"] = out["calendar_keys_with_p99_ms"] / out["calendar_keys_without_p99_ms"]
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    r = measure()
    print(
        f"read {r['calendar_mb']:.1f} MB and matched {PEOPLE} people in {r['calendar_read_s']:.2f} s "
        f"(median of 5; {r['calendar_people_booked']} have a next 1:1), off the UI path"
    )
