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
    for args in (["Ada Lovelace", "--role", "Engineer", "--email", "Ada.Lovelace@example.com", "--cadence", "7"],
                 ["Grace Hopper", "--email", "grace.hopper@contoso.com", "--cadence", "14"],
                 ["Linus Torvalds", "--cadence", "14"]):
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
    assert (grace["role"], grace["cadence_days"], grace["email"]) == ("Staff engineer", None, "grace.hopper@contoso.com")


@pytest.mark.parametrize("args,problem", [
    (["people", "edit", "Nobody", "--role", "x"], "growtui: no person named 'Nobody'"),
    (["people", "add", "Ada Lovelace"], "growtui: there is already a person named 'Ada Lovelace'"),
    (["people", "add", "Bo", "--email", "not an email"], "growtui: 'not an email' is not an email address"),
    (["people", "add", "Bo", "--cadence", "400"], "growtui: Invalid value for '--cadence'"),
])
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
    assert r.stderr == f"growtui: warning: calendar not read: {CALENDARS / 'damaged.ics'}: no event could be read ('DTSTART')\n"
    r = run_cli("calendar", "--db", str(team))
    assert r.returncode == 1 and r.stderr.startswith(f"growtui: {CALENDARS / 'damaged.ics'}: no event could be read")
    r = run_cli("calendar", "--calendar", str(CALENDARS / "not-a-calendar.ics"), "--db", str(team))
    assert r.returncode == 1 and "not an iCalendar file" in r.stderr and r.stderr.count("\n") == 1
    r = run_cli("calendar", "--calendar", str(team.parent / "missing.ics"), "--db", str(team))
    assert r.returncode == 1 and "no such file or folder" in r.stderr


def test_without_a_calendar_the_calendar_command_says_how_to_set_one(team: Path) -> None:
    r = run_cli("calendar", "--db", str(team))
    assert r.returncode == 1 and "--calendar PATH" in r.stderr and "config.toml" in r.stderr
