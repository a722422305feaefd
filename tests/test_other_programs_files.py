"""Other programs' files (#24): one damaged zone, event or file costs only that,
recurrences are bounded, a byte order mark decides the encoding, and every real
export in ../shared/real-world is read or skipped with a line."""

from __future__ import annotations

import codecs
import json
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from growtui.meetings import CalendarError, occurrences
from growtui.userfiles import decode_lenient, read_text

from conftest import BIN, run_cli
from test_calendar import BERLIN, calendar, team  # noqa: F401  (the fixture)

DAMAGED = Path(__file__).parent / "fixtures" / "calendars-damaged"
REAL = Path(__file__).resolve().parents[2] / "shared" / "real-world" / "calendars"
WIDE = (datetime(2000, 1, 1).astimezone(), datetime(2027, 6, 1).astimezone())


def one_on_ones(db: Path, file: Path) -> tuple[list[tuple[str, str]], str]:
    r = run_cli(
        "calendar",
        "--from",
        "2026-12-07",
        "--days",
        "21",
        "--json",
        "--calendar",
        str(file),
        "--db",
        str(db),
        env=BERLIN,
    )
    assert r.returncode == 0, r.stderr
    return [(m["person"], m["start"]) for m in json.loads(r.stdout)["one_on_ones"]], r.stderr


def test_a_damaged_event_in_a_folder_costs_that_event_and_every_command_goes_on(
    team: Path,  # noqa: F811
    isolated_dirs: Path,
) -> None:
    """icalendar 7 says some damage only when the property is read (an empty EXDATE):
    the event is left out with a line naming it; the good 1:1 beside it is used."""
    config = isolated_dirs / "config" / "growtui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'calendar = "{DAMAGED}"\n')
    for command in (["people"], ["due"], ["brief", "Ada Lovelace"], ["calendar", "--from", "2026-12-07"]):
        r = run_cli(*command, "--db", str(team), env=BERLIN)
        assert r.returncode == 0, (command, r.stderr)
        assert "unexpected error" not in r.stderr and "Traceback" not in r.stderr
        assert "the event 'Gym' on 2026-12-01 could not be read" in r.stderr
    found, _ = one_on_ones(team, DAMAGED / "google-empty-exdate.ics")
    assert found == [("Ada Lovelace", "2026-12-10T14:00:00+01:00")]


def test_an_unreadable_zone_falls_back_and_says_how(team: Path) -> None:  # noqa: F811
    found, said = one_on_ones(team, DAMAGED / "icloud-odd-offset.ics")
    assert found == [("Ada Lovelace", "2026-12-08T10:00:00+01:00")]  # Europe/Berlin, by the system's rules
    assert "the time zone 'Europe/Berlin' could not be read (Offset must be less than 24 hours" in said
    assert "by the system's rules for Europe/Berlin" in said
    found, said = one_on_ones(team, DAMAGED / "exchange-blank-tzid.ics")
    assert found == [("Grace Hopper", "2026-12-09T10:00:00+01:00")]  # the empty zone's own offset: UTC
    assert "the time zone '(no name)' could not be read" in said and "at its offset (UTC)" in said


def test_a_calendar_cut_short_keeps_what_was_read_and_says_so(team: Path) -> None:  # noqa: F811
    found, said = one_on_ones(team, DAMAGED / "cut-short.ics")
    assert found == [("Ada Lovelace", "2026-12-08T10:00:00+01:00"), ("Grace Hopper", "2026-12-09T10:00:00+01:00")]
    assert "the file ends early (no END:VCALENDAR" in said and "the 2 events before the cut are used" in said


def test_a_recurrence_that_never_ends_is_bounded(team: Path) -> None:  # noqa: F811
    """Every second since 2020, every minute of every day: left out with a line.
    `growtui people` with it ran for over a minute and past 300 MiB."""
    # A process of its own runs the command, so that the peak measured is that command's alone.
    script = (
        "import resource, subprocess, sys, time; t = time.monotonic(); "
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, r.returncode); "
        "print(r.stderr, end='')"
    )
    r = subprocess.run(
        [
            str(BIN / "python"),
            "-c",
            script,
            str(BIN / "growtui"),
            "people",
            "--calendar",
            str(DAMAGED / "every-second.ics"),
            "--db",
            str(team),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    first, *said = r.stdout.splitlines()
    seconds, mib, code = first.split()
    assert code == "0", said
    assert float(seconds) < 30 and int(mib) < 200, first
    assert any("the event 'Flood' on 2020-01-01 repeats secondly (no 1:1 does): left out" in s for s in said)
    assert any("the event 'Dense' on 2020-01-01 repeats more than once a day" in s for s in said)
    found, _ = one_on_ones(team, DAMAGED / "every-second.ics")
    assert ("Ada Lovelace", "2026-12-08T11:00:00+01:00") in found


async def test_the_app_reads_a_folder_with_damaged_files_and_says_it_once(team: Path) -> None:  # noqa: F811
    from datetime import date

    from conftest import make_app, until

    app = make_app(team, today=date(2026, 12, 1), calendar=DAMAGED)
    told: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        app.notify = lambda message, **kw: told.append(str(message))  # type: ignore[method-assign]
        await until(pilot, lambda: bool(app.booked) and bool(told))
        await pilot.pause()
        names = {app.store.person(pid).name for pid in app.booked}
        assert {"Ada Lovelace", "Grace Hopper"} <= names  # the good events of every file
        assert len(told) == 1 and "Calendar partly read: " in told[0] and "more: growtui calendar lists them" in told[0]


def test_a_byte_order_mark_decides_the_encoding(tmp_path: Path) -> None:
    text = "BEGIN:VCALENDAR\r\nSUMMARY:Zoë Ångström\r\n"
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ):
        data = bom + text.encode(encoding)
        assert decode_lenient(data) == text, encoding
        path = tmp_path / f"{encoding}.toml"
        path.write_bytes(bom + 'me = "Zoë"\n'.encode(encoding))
        assert read_text(path) == 'me = "Zoë"\n', encoding
    assert decode_lenient("café".encode("cp1252")) == "café"  # no mark: UTF-8, else Windows' code page


def test_config_and_agendas_saved_as_utf16_are_read(isolated_dirs: Path) -> None:
    """Windows Notepad's "Unicode" is UTF-16 LE with a mark."""
    folder = isolated_dirs / "config" / "growtui"
    (folder / "agendas").mkdir(parents=True)
    (folder / "config.toml").write_bytes(codecs.BOM_UTF16_LE + '[keymap]\nadd-action = "ctrl+y"\n'.encode("utf-16-le"))
    agenda = (Path(__file__).parents[1] / "agendas" / "grow-check-in.toml").read_text()
    agenda = agenda.replace('id = "grow-check-in"', 'id = "my-check-in"').replace(
        'title = "GROW check-in"', 'title = "Mein Check-in für Zoë"'
    )
    (folder / "agendas" / "mine.toml").write_bytes(codecs.BOM_UTF16_BE + agenda.encode("utf-16-be"))
    r = run_cli("keys")
    assert r.returncode == 0 and any(line.split()[:2] == ["add-action", "ctrl+y"] for line in r.stdout.splitlines())
    r = run_cli("agendas")
    assert r.returncode == 0 and "Mein Check-in für Zoë" in r.stdout, r.stderr


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-world is not here")
@pytest.mark.parametrize("name", sorted(p.name for p in REAL.glob("*.ics")) if REAL.is_dir() else [])
def test_every_real_export_is_read_or_skipped_with_a_line(name: str) -> None:
    """Outlook, Exchange, Google, Apple and others' real exports: each gives events, or
    a line naming the file (and the event) — never an exception, never a silent nothing."""
    try:
        found, problems = occurrences(REAL / name, *WIDE)
    except CalendarError as e:
        assert str(e).startswith(f"{REAL / name}: ") and "\n" not in str(e)
        return
    has_events = "BEGIN:VEVENT" in decode_lenient((REAL / name).read_bytes()).upper()
    assert found or problems or not has_events or called_off(REAL / name), "events in the file, none read, nothing said"
    assert all(p.startswith(f"{REAL / name}: ") and "\n" not in p for p in problems)


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-world is not here")
def test_the_real_exports_that_were_refused_whole_are_read(team: Path) -> None:  # noqa: F811
    found, problems = occurrences(REAL / "icalevents_icloud.ics", *WIDE)
    assert len(found) > 10 and any("could not be read" in p for p in problems)
    found, problems = occurrences(REAL / "ical4j_exchange2010_blank_tzid_attendees.ics", *WIDE)
    assert [m.attendees for m in found] == [("roberts@company.com", "sam@company.com")]
    assert (
        found[0].start.utcoffset() is not None and found[0].start.hour == 9 + found[0].start.utcoffset().seconds // 3600
    )
    found, problems = occurrences(REAL / "icalendar_google_parsing_error.ics", *WIDE)
    assert found and any("EXDATE" in p for p in problems)
    r = run_cli("people", "--calendar", str(REAL), "--db", str(team))
    assert r.returncode == 0 and "Ada Lovelace" in r.stdout and "unexpected error" not in r.stderr


def test_an_attendee_whose_name_holds_an_escape_is_still_an_attendee(team: Path) -> None:  # noqa: F811
    """icalendar dropped the whole ATTENDEE line, without a word: no 1:1 with Ada."""
    found, said = one_on_ones(team, DAMAGED / "attendee-escape.ics")
    assert found == [("Ada Lovelace", "2026-12-08T11:00:00+01:00")] and said == ""


def test_a_declined_or_called_off_meeting_is_no_1_1(team: Path, tmp_path: Path) -> None:  # noqa: F811
    """Exchange's 'Declined:' event was listed as a 1:1 that matched nobody (#25.9)."""

    def event(uid: str, summary: str, day: int, partstat: str = "ACCEPTED") -> str:
        return (
            f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:202612{day:02d}T100000Z\r\nDTEND:202612{day:02d}T103000Z\r\n"
            f"SUMMARY:{summary}\r\nORGANIZER:mailto:manager@example.com\r\n"
            f"ATTENDEE;PARTSTAT={partstat}:mailto:ada.lovelace@example.com\r\nEND:VEVENT\r\n"
        )

    file = tmp_path / "exchange.ics"
    file.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:Microsoft Exchange Server 2010\r\n"
        + event("a", "Declined: Ada / Manager", 8)
        + event("b", "Canceled: Ada / Manager", 9)
        + event("c", "Ada / Manager", 10, "DECLINED")
        + event("d", "Ada / Manager", 11)
        + "END:VCALENDAR\r\n",
        newline="",
    )
    r = run_cli(
        "calendar",
        "--from",
        "2026-12-07",
        "--days",
        "21",
        "--json",
        "--calendar",
        str(file),
        "--db",
        str(team),
        env=BERLIN,
    )
    found = json.loads(r.stdout)
    assert [m["start"][:10] for m in found["one_on_ones"]] == ["2026-12-11"] and found["unmatched"] == []


def test_a_day_not_in_this_year_shows_its_year(team: Path, tmp_path: Path) -> None:  # noqa: F811
    empty = tmp_path / "empty.ics"
    empty.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    r = run_cli("calendar", "--from", "2000-01-01", "--calendar", str(empty), "--db", str(team))
    assert "from Sat 1 Jan 2000" in r.stderr, r.stderr


def called_off(path: Path) -> bool:
    """Every event in the file declined or cancelled (an Exchange reply): rightly no meeting."""
    import icalendar

    from growtui.meetings import _meeting

    events = [
        e
        for c in icalendar.Calendar.from_ical(decode_lenient(path.read_bytes()), multiple=True)
        for e in c.walk("VEVENT")
    ]
    return bool(events) and all(_meeting(e) is None for e in events)


WINDOWS = [
    (datetime(2008, 3, 1).astimezone(), datetime(2008, 7, 1).astimezone()),
    (datetime(2013, 10, 1).astimezone(), datetime(2014, 2, 1).astimezone()),
    (datetime(2019, 12, 20).astimezone(), datetime(2020, 4, 20).astimezone()),
    (datetime(2026, 11, 30).astimezone(), datetime(2027, 3, 30).astimezone()),
    WIDE,
]


@pytest.mark.parametrize(
    "path",
    sorted(
        [
            *(Path(__file__).parent / "fixtures" / "calendars").glob("*.ics"),
            *(REAL.glob("*.ics") if REAL.is_dir() else []),
        ]
    ),
    ids=lambda p: p.name,
)
def test_parsing_only_the_window_finds_what_parsing_everything_finds(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One-off events outside the window are dropped before icalendar reads the file
    (#30: a 20 MB export): the meetings in the window are the same as when all is read
    (a file refused for a damaged event outside the window now gives its none quietly)."""
    from growtui import ics_reading

    def read(window: tuple[datetime, datetime]) -> list[tuple[str, str, str]]:
        try:
            found, _problems = occurrences(path, *window)
        except CalendarError:
            return []  # (nothing read)
        return [(m.start.isoformat(), m.end.isoformat(), m.summary) for m in found]

    windowed = [read(w) for w in WINDOWS]
    monkeypatch.setattr(ics_reading, "within", lambda text, start, end: text)
    assert windowed == [read(w) for w in WINDOWS]
