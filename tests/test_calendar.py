"""Calendar-aware (#18): people with emails, the next 1:1 read from exported
calendars — Google, Outlook (Windows zone names), Apple, a vdir folder — matched by
email or by name, damaged files said in one line; `growtui calendar`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import run_cli

CALENDARS = Path(__file__).parent / "fixtures" / "calendars"
BERLIN = {"TZ": "Europe/Berlin"}


@pytest.fixture
def team(tmp_path: Path) -> Path:
    db = tmp_path / "g.db"
    for args in (
        ["Ada Lovelace", "--role", "Engineer", "--email", "Ada.Lovelace@example.com", "--cadence", "7"],
        ["Grace Hopper", "--email", "grace.hopper@contoso.com", "--cadence", "14"],
        ["Linus Torvalds", "--cadence", "14"],
    ):
        r = run_cli("people", "add", *args, "--db", str(db))
        assert r.returncode == 0 and r.stdout.startswith("added "), r.stderr
    return db


def calendar(db: Path, *args: str) -> dict:  # type: ignore[type-arg]
    r = run_cli("calendar", "--from", "2026-12-07", "--days", "21", "--json", *args, "--db", str(db), env=BERLIN)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_people_add_and_edit(team: Path) -> None:
    people = {p["name"]: p for p in json.loads(run_cli("people", "--json", "--db", str(team)).stdout)}
    assert people["Ada Lovelace"]["email"] == "Ada.Lovelace@example.com" and people["Ada Lovelace"]["cadence_days"] == 7
    r = run_cli("people", "edit", "Grace", "--role", "Staff engineer", "--cadence", "0", "--db", str(team))
    assert r.returncode == 0 and r.stdout == "changed Grace Hopper\n"
    grace = next(p for p in json.loads(run_cli("people", "--json", "--db", str(team)).stdout) if p["id"] == 2)
    assert (grace["role"], grace["cadence_days"], grace["email"]) == (
        "Staff engineer",
        None,
        "grace.hopper@contoso.com",
    )


@pytest.mark.parametrize(
    "args,problem",
    [
        (["people", "edit", "Nobody", "--role", "x"], "growtui: no person named 'Nobody'"),
        (["people", "add", "Ada Lovelace"], "growtui: there is already a person named 'Ada Lovelace'"),
        (["people", "add", "Bo", "--email", "not an email"], "growtui: 'not an email' is not an email address"),
        (["people", "add", "Bo", "--cadence", "400"], "growtui: Invalid value for '--cadence'"),
    ],
)
def test_people_add_and_edit_errors_are_one_clear_line(team: Path, args: list[str], problem: str) -> None:
    r = run_cli(*args, "--db", str(team))
    assert r.returncode in (1, 2) and r.stderr.startswith(problem) and r.stderr.count("\n") == 1


def test_google_outlook_and_apple_exports_give_each_person_their_1_1s(team: Path) -> None:
    folder = team.parent / "vdir" / "work"  # as vdirsyncer keeps it: a folder of calendars
    folder.mkdir(parents=True)
    for name in ("google.ics", "outlook.ics", "apple.ics"):
        shutil.copy(CALENDARS / name, folder / name)
    found = calendar(team, "--calendar", str(team.parent / "vdir"))
    seen = [(m["person"], m["start"], m["matched_by"]) for m in found["one_on_ones"]]
    assert seen == [
        ("Ada Lovelace", "2026-12-08T14:00:00+01:00", "email"),  # Google: moved by RECURRENCE-ID, any case
        ("Linus Torvalds", "2026-12-15T11:00:00+01:00", "name"),  # Apple: floating time, by name in the title
        ("Grace Hopper", "2026-12-17T09:00:00+01:00", "email"),  # Outlook: W. Europe Standard Time; the 10th cancelled
        ("Ada Lovelace", "2026-12-21T10:00:00+01:00", "email"),  # the 14th is an EXDATE
        ("Linus Torvalds", "2026-12-22T11:00:00+01:00", "name"),  # RDATE
        ("Grace Hopper", "2026-12-24T09:00:00+01:00", "email"),
    ]
    assert [m["summary"] for m in found["unmatched"]] == ["Intro chat"]  # two people in it: a 1:1 with nobody known


def test_a_team_meeting_or_an_all_day_event_is_not_a_1_1(team: Path) -> None:
    found = calendar(team, "--calendar", str(CALENDARS))
    summaries = [m["summary"] for m in found["one_on_ones"]]
    assert "Team sync with Ada Lovelace and Linus Torvalds" not in summaries
    assert "Linus Torvalds offsite" not in summaries


def test_the_calendar_from_config_toml_feeds_people_due_and_brief(team: Path, isolated_dirs: Path) -> None:
    config = isolated_dirs / "config" / "growtui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'calendar = "{CALENDARS / "outlook.ics"}"\n')
    people = {p["name"]: p for p in json.loads(run_cli("people", "--json", "--db", str(team), env=BERLIN).stdout)}
    assert people["Grace Hopper"]["next_meeting"] is not None and people["Ada Lovelace"]["next_meeting"] is None
    due = run_cli("due", "--days", "30", "--db", str(team), env=BERLIN).stdout
    assert "Grace Hopper: due today (never met; next: first-meeting), booked" in due or "booked" in due
    brief = run_cli("brief", "Grace", "--db", str(team), env=BERLIN).stdout
    assert "Next 1:1 in your calendar: " in brief and "Grace <> Manager" in brief
    assert json.loads(run_cli("brief", "Grace", "--json", "--db", str(team)).stdout)["next_meeting"]


def test_a_damaged_calendar_is_one_line_and_every_command_still_works(team: Path, isolated_dirs: Path) -> None:
    config = isolated_dirs / "config" / "growtui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'calendar = "{CALENDARS / "damaged.ics"}"\n')
    r = run_cli("people", "--db", str(team))
    assert r.returncode == 0 and "Ada Lovelace" in r.stdout
    assert (
        r.stderr.startswith(
            f"growtui: warning: calendar not read: {CALENDARS / 'damaged.ics'}: no event could be "
            "read; in the event 'Ada 1:1', a line could not be read (Content line could not be "
            "parsed"
        )
        and r.stderr.count("\n") == 1
    ), r.stderr
    r = run_cli("calendar", "--db", str(team))
    assert r.returncode == 1 and r.stderr.startswith(f"growtui: {CALENDARS / 'damaged.ics'}: no event could be read")
    r = run_cli("calendar", "--calendar", str(CALENDARS / "not-a-calendar.ics"), "--db", str(team))
    assert r.returncode == 1 and "not an iCalendar file" in r.stderr and r.stderr.count("\n") == 1
    r = run_cli("calendar", "--calendar", str(team.parent / "missing.ics"), "--db", str(team))
    assert r.returncode == 1 and "no such file or folder" in r.stderr


def test_without_a_calendar_the_calendar_command_says_how_to_set_one(team: Path) -> None:
    r = run_cli("calendar", "--db", str(team))
    assert r.returncode == 1 and "--calendar PATH" in r.stderr and "config.toml" in r.stderr


# -- 2. invites that calendars accept ----------------------------------------------------------------------------


def test_an_invite_with_a_time_zone_an_attendee_and_a_repeat_across_daylight_saving(team: Path) -> None:
    import icalendar
    import recurring_ical_events
    from datetime import datetime as dt
    from zoneinfo import ZoneInfo

    out = team.parent / "ada.ics"
    r = run_cli(
        "agendas",
        "invite",
        "grow-check-in",
        "--ics",
        "--start",
        "2027-03-15T10:00",
        "--person",
        "Ada",
        "--repeat",
        "cadence",
        "--tz",
        "Europe/Berlin",
        "--out",
        str(out),
        "--db",
        str(team),
    )
    assert r.returncode == 0 and out.stat().st_mode & 0o777 == 0o600
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    (event,) = [c for c in cal.walk("VEVENT")]
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"] and event.get("DTSTAMP")
    assert str(event["ATTENDEE"]) == "mailto:Ada.Lovelace@example.com"
    assert "with Ada Lovelace" in str(event["SUMMARY"]) and event["UID"].endswith("@growtui")
    berlin = ZoneInfo("Europe/Berlin")
    starts = [e["DTSTART"].dt for e in recurring_ical_events.of(cal).between(dt(2027, 3, 1), dt(2027, 4, 10))]
    assert [s.astimezone(berlin).strftime("%m-%d %H:%M") for s in starts] == [
        "03-15 10:00",
        "03-22 10:00",
        "03-29 10:00",
        "04-05 10:00",
    ]
    assert {s.astimezone(berlin).utcoffset().total_seconds() / 3600 for s in starts} == {1.0, 2.0}  # the clocks changed
    again = run_cli(
        "agendas",
        "invite",
        "grow-check-in",
        "--ics",
        "--start",
        "2027-03-15T10:00",
        "--person",
        "Ada",
        "--repeat",
        "cadence",
        "--tz",
        "Europe/Berlin",
        "--db",
        str(team),
    )
    assert f"UID:{event['UID']}" in again.stdout  # a stable UID: the same invite updates, not doubles


def test_invite_errors_are_one_line(team: Path) -> None:
    r = run_cli("agendas", "invite", "grow-check-in", "--ics", "--start", "2027-03-15T10:00", "--tz", "Mars/Olympus")
    assert r.returncode == 1 and "no time zone named 'Mars/Olympus'" in r.stderr
    r = run_cli(
        "agendas",
        "invite",
        "grow-check-in",
        "--ics",
        "--start",
        "2027-03-15T10:00",
        "--person",
        "Grace",
        "--repeat",
        "cadence",
        "--db",
        str(team),
    )  # (Grace's cadence is 14: fine)
    assert r.returncode == 0
    run_cli("people", "edit", "Grace", "--cadence", "0", "--db", str(team))
    r = run_cli(
        "agendas",
        "invite",
        "grow-check-in",
        "--ics",
        "--start",
        "2027-03-15T10:00",
        "--person",
        "Grace",
        "--repeat",
        "cadence",
        "--db",
        str(team),
    )
    assert r.returncode == 1 and "has no cadence" in r.stderr


# -- 3. due dates that mean a date ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("2026-12-05", "2026-12-05"),
        ("5 Dec", "2026-12-05"),
        ("Dec 5", "2026-12-05"),
        ("Friday", "2026-12-04"),
        ("by fri", "2026-12-04"),
        ("next Friday", "2026-12-11"),
        ("in 2 weeks", "2026-12-15"),
        ("in a month", "2027-01-01"),
        ("end of month", "2026-12-31"),
        ("eow", "2026-12-04"),
        ("next week", "2026-12-07"),
        ("tomorrow", "2026-12-02"),
        ("next 1:1", "2026-12-09"),
        ("1 March", "2027-03-01"),
        ("next sprint", None),
        ("asap", None),
        ("", None),
    ],
)
def test_due_words_mean_a_date_from_the_day_written(typed: str, expected: str | None) -> None:
    from datetime import date

    from growtui.dues import parse_due

    written = date(2026, 12, 1)  # a Tuesday
    found = parse_due(typed, written, next_one_on_one=date(2026, 12, 9))
    assert (found.isoformat() if found else None) == expected


async def test_the_action_form_shows_the_date_it_understood_and_keeps_words_it_cannot_read(tmp_path: Path) -> None:
    from datetime import date

    from growtui.store import Store
    from textual.widgets import Static

    from conftest import make_app, settle

    db = tmp_path / "g.db"
    store = Store.open(db)
    store.add_person("Ada", cadence_days=14)
    store.close()
    app = make_app(db, today=date(2026, 12, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        await pilot.press("ctrl+t", *"Draft the RFC", "tab", *"next Friday")
        assert str(app.screen.query_one("#due-preview", Static).render()) == "→ Fri 11 Dec"
        await pilot.press(*["backspace"] * 11, *"when it rains")
        assert "no date" in str(app.screen.query_one("#due-preview", Static).render())
        await pilot.press(*["backspace"] * 13, *"next 1:1", "tab", "tab", "tab", "tab", *"me", "enter")
        await settle(pilot, app)
    store = Store.open(db)
    (action,) = store.all_actions()
    assert (action[0].due, action[0].due_date, action[0].owner) == ("next 1:1", "2026-12-15", "me")  # cadence 14
    store.close()


def test_overdue_actions_are_marked_everywhere(team: Path) -> None:
    from datetime import date, timedelta

    from growtui.store import Store

    store = Store.open(team)
    ada = store.find_person("Ada").id
    conv = store.start_conversation(ada, "first-meeting")
    late = (date.today() - timedelta(days=3)).isoformat()
    store.add_action(ada, conv, "Write the RFC", due="last Friday", due_date=late, commitment=7)
    store.add_action(
        ada,
        conv,
        "Intro to the platform team",
        due="next week",
        due_date=(date.today() + timedelta(days=7)).isoformat(),
        owner="me",
    )
    store.add_action(ada, conv, "Think about it", due="sometime")
    store.close()
    listed = json.loads(run_cli("actions", "--json", "--db", str(team)).stdout)
    assert [(a["text"], a["overdue"], a["owner"]) for a in listed] == [
        ("Write the RFC", True, "them"),
        ("Intro to the platform team", False, "me"),
        ("Think about it", False, "them"),
    ]
    assert [a["text"] for a in json.loads(run_cli("actions", "--overdue", "--json", "--db", str(team)).stdout)] == [
        "Write the RFC"
    ]
    assert [a["text"] for a in json.loads(run_cli("actions", "Ada", "--mine", "--json", "--db", str(team)).stdout)] == [
        "Intro to the platform team"
    ]
    people = {p["name"]: p for p in json.loads(run_cli("people", "--json", "--db", str(team)).stdout)}
    assert people["Ada Lovelace"]["overdue_actions"] == 1
    assert "1 action overdue" in run_cli("due", "--days", "30", "--db", str(team)).stdout
    shown_late = date.fromisoformat(late).strftime("%a %-d %b") + (
        f" {late[:4]}" if late[:4] != str(date.today().year) else ""
    )
    brief = run_cli("brief", "Ada", "--db", str(team)).stdout  # the date, not the words: "last Friday" rots
    assert f"Write the RFC — commitment 7/10, due {shown_late} — OVERDUE" in brief and "last Friday" not in brief
    assert "due sometime" in run_cli("export", "latest", "--db", str(team)).stdout  # words with no date stay words
    assert f"due {shown_late}" in run_cli("export", "latest", "--db", str(team)).stdout
    doc = json.loads(run_cli("export", "latest", "--format", "json", "--db", str(team)).stdout)
    assert [(a["due_date"], a["owner"]) for a in doc["actions"]][0] == (late, "them")


async def test_the_carry_over_and_the_people_screen_mark_what_is_overdue(team: Path) -> None:
    from datetime import date

    from growtui.store import Store
    from textual.widgets import Static

    from conftest import make_app

    store = Store.open(team)
    ada = store.find_person("Ada").id
    conv = store.start_conversation(ada, "first-meeting")
    store.add_action(ada, conv, "Write the RFC", due="Friday", due_date="2026-11-20")
    store.set_status(conv, "completed")
    store.close()
    app = make_app(team, today=date(2026, 11, 23))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rows = [app.screen.query_one("#people-table").get_row_at(r)[0].plain for r in range(3)]
        assert any("Ada Lovelace" in r and "1 (1 late)" in r for r in rows)
        app.screen.query_one("#people-table").move_cursor(row=next(i for i, r in enumerate(rows) if "Ada" in r))
        await pilot.press("s", "enter")
        await pilot.pause()
        titles = " ".join(str(w.render()) for w in app.screen.query(".review-title").results(Static))
        assert "Write the RFC" in titles and "due Fri 20 Nov" in titles and "OVERDUE" in titles


async def test_the_people_screen_shows_each_next_1_1_read_off_the_ui_path(team: Path) -> None:
    from datetime import date

    from conftest import make_app, until

    app = make_app(team, today=date(2026, 12, 1), calendar=CALENDARS / "outlook.ics")
    async with app.run_test(size=(100, 30)) as pilot:
        header = app.screen.query_one("#people-table").ordered_columns[0].label.plain
        assert "Next 1:1" in header  # the column is there from the first frame; its dates follow
        await until(pilot, lambda: bool(app.booked))
        await pilot.pause()
        table = app.screen.query_one("#people-table")
        rows = {table.get_row_at(r)[0].plain.split("  ")[0]: table.get_row_at(r)[0].plain for r in range(3)}
        grace = rows["Grace Hopper"]
        assert grace[header.index("Next 1:1") :].startswith("Thu ")  # Thursday 3 December, Outlook's weekly
        assert rows["Ada Lovelace"][header.index("Next 1:1") :].startswith("-")


def test_the_app_reads_its_calendar_in_another_process(team: Path) -> None:
    """Parsing a calendar took the interpreter from the UI (#30): the app's own process
    never imports the calendar's libraries, and still shows each next 1:1."""
    import subprocess
    import sys

    program = f"""
import asyncio, sys
from datetime import date
from pathlib import Path
sys.path.insert(0, {str(Path(__file__).parent)!r})
from conftest import make_app, until

async def main():
    app = make_app(Path({str(team)!r}), today=date(2026, 12, 1), calendar=Path({str(CALENDARS / "outlook.ics")!r}))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: bool(app.booked))
        print(sorted(m.start.date().isoformat() for m in app.booked.values()))
    print([m for m in ("icalendar", "recurring_ical_events", "x_wr_timezone") if m in sys.modules])

asyncio.run(main())
"""
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    booked, imported = done.stdout.strip().splitlines()[-2:]
    assert "2026-12-03" in booked and imported == "[]"


async def test_a_damaged_calendar_is_said_in_the_app_and_nothing_else_changes(team: Path) -> None:
    from datetime import date

    from conftest import make_app, until

    app = make_app(team, today=date(2026, 12, 1), calendar=CALENDARS / "damaged.ics")
    told: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        app.notify = lambda message, **kw: told.append(str(message))  # type: ignore[method-assign]
        await until(pilot, lambda: bool(told))
        assert app.screen.query_one("#people-table").row_count == 3
    assert told and "Calendar not read" in told[0] and "damaged.ics" in told[0]


def test_my_promises_are_never_counted_or_shown_as_theirs(team: Path) -> None:
    """An action of mine (owner me) set their latest commitment ('Commit 10/10'), counted
    in their follow-through, and read as theirs in the brief, the summary and the copy
    sent to them (#25.2)."""
    from growtui.store import Store

    store = Store.open(team)
    ada = store.find_person("Ada").id
    conv = store.start_conversation(ada, "first-meeting")
    store.add_action(ada, conv, "Write the RFC", commitment=5)
    store.add_action(ada, conv, "Book the design review", owner="me")
    mine = store.add_action(ada, conv, "Intro to the platform team", commitment=10, owner="me")
    store.update_action(mine, conv, status="done", outcome="done")
    store.set_status(conv, "completed")
    store.close()
    people = {p["name"]: p for p in json.loads(run_cli("people", "--json", "--db", str(team)).stdout)}
    assert people["Ada Lovelace"]["latest_commitment"] == 5
    brief = json.loads(run_cli("brief", "Ada", "--json", "--db", str(team)).stdout)
    assert brief["follow_through"]["high_closed"] == 0  # my done 10/10 is not their follow-through
    history = json.loads(run_cli("history", "Ada", "--json", "--db", str(team)).stdout)
    assert history[0]["mean_commitment"] == 5
    shared = run_cli("export", "latest", "--shareable", "--db", str(team)).stdout
    theirs_part, _, mine_part = shared.partition("## What I promised")
    assert "Write the RFC" in theirs_part and "Intro to the platform team" not in theirs_part
    assert "Intro to the platform team" in mine_part and "commitment" not in mine_part
    text = run_cli("brief", "Ada", "--db", str(team)).stdout
    assert (
        "Open action items (1):\n  • Write the RFC" in text
        and "What I promised (1):\n  • Book the design review" in text
    )


def test_a_vdir_change_is_seen_from_its_folders_alone(tmp_path: Path) -> None:
    """The watch's check of a folder of 50,000 files (#30) reads the folders, not each
    file: a file added, one rewritten as vdirsyncer and khal write (a new file renamed
    into place) and one removed each change it; nothing else does."""
    import os

    from growtui.meetings import stamp

    vdir = tmp_path / "calendars" / "work"
    vdir.mkdir(parents=True)
    (vdir / "a.ics").write_text((CALENDARS / "google.ics").read_text())
    seen = stamp(tmp_path / "calendars")
    assert stamp(tmp_path / "calendars") == seen
    changes = [
        lambda: (vdir / "b.ics").write_text((CALENDARS / "outlook.ics").read_text()),
        lambda: (
            (vdir / ".b.ics.tmp").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
            os.replace(vdir / ".b.ics.tmp", vdir / "b.ics"),
        ),
        lambda: (vdir / "a.ics").unlink(),
    ]
    for change in changes:
        before = os.stat(vdir).st_mtime_ns
        change()
        os.utime(vdir, ns=(before + 1_000_000, before + 1_000_000))  # (a coarse clock: the folder's time moved)
        assert stamp(tmp_path / "calendars") != seen
        seen = stamp(tmp_path / "calendars")
