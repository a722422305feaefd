"""Every command through the real `growtui` entry point."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]


def test_version() -> None:
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.strip() == "growtui 0.1.0"


def test_agendas_list_show_invite(tmp_path: Path) -> None:
    r = run_cli("agendas", cwd=tmp_path)
    assert r.returncode == 0
    for agenda_id in ["first-meeting", "second-meeting", "third-meeting-grow", "grow-check-in"]:
        assert agenda_id in r.stdout
    show = run_cli("agendas", "show", "first-meeting")
    assert "      - Did you enjoy university?" in show.stdout
    invite = run_cli("agendas", "invite", "first-meeting")
    lines = invite.stdout.strip().splitlines()
    assert len(lines) == 5 and lines[0] == "1. How did you start with programming?"
    assert "Strengths" not in invite.stdout


def test_invite_ics_is_a_valid_event() -> None:
    icalendar = pytest.importorskip("icalendar")
    r = run_cli(
        "agendas",
        "invite",
        "third-meeting-grow",
        "--ics",
        "--start",
        "2026-12-01T10:00",
        "--minutes",
        "45",
        "--person",
        "Ada",
    )
    assert r.returncode == 0, r.stderr
    cal = icalendar.Calendar.from_ical(r.stdout)
    (event,) = cal.walk("VEVENT")
    assert "Ada" in str(event["SUMMARY"])
    description = str(event["DESCRIPTION"])
    assert description.splitlines()[5] == "6. What options do you have?"
    assert "alternatives" not in description
    assert (event.decoded("DTEND") - event.decoded("DTSTART")).seconds == 45 * 60


def test_agendas_check(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text('id = "g"\ntitle = "G"\n[[parts]]\n[[parts.questions]]\nid = "q"\ntext = "Q?"\n')
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "b"\ntitle = "B"\n[[parts]]\n[[parts.questions]]\nid = "q"\n')
    ok = run_cli("agendas", "check", str(good))
    assert ok.returncode == 0 and "ok" in ok.stdout
    r = run_cli("agendas", "check", str(good), str(bad))
    assert r.returncode == 1
    assert r.stderr.strip() == f"growtui: {bad}: parts[0].questions[0].text: Field required"


def test_user_agenda_folder_and_broken_file_warning(isolated_dirs: Path) -> None:
    folder = isolated_dirs / "config" / "growtui" / "agendas"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        'id = "mine"\ntitle = "Mine"\n[[parts]]\n[[parts.questions]]\nid = "q"\ntext = "Q?"\n'
    )
    (folder / "broken.toml").write_text("id = ")
    r = run_cli("agendas")
    assert r.returncode == 0 and "mine" in r.stdout and "user" in r.stdout
    assert "broken.toml" in r.stderr and "Traceback" not in r.stderr


def test_people_history_search_export(demo_db: Path) -> None:
    people = json.loads(run_cli("people", "--db", str(demo_db), "--json").stdout)
    assert len(people) == 6
    assert {"name", "role", "last_conversation", "next_due", "stage", "open_actions", "latest_commitment"} <= set(
        people[0]
    )
    name = people[0]["name"]
    table = run_cli("--db", str(demo_db), "people")
    assert name in table.stdout
    hist = json.loads(run_cli("history", name, "--db", str(demo_db), "--json").stdout)
    assert hist and hist == sorted(hist, key=lambda h: h["started_at"], reverse=True)
    assert name.split()[0] in run_cli("history", name.split()[0].lower(), "--db", str(demo_db)).stdout
    hits = json.loads(run_cli("search", "mentoring", "--db", str(demo_db), "--json").stdout)
    assert hits and all("mentor" in h["snippet"].lower() for h in hits)
    doc = json.loads(run_cli("export", "latest", "--format", "json", "--db", str(demo_db)).stdout)
    assert {
        "id",
        "person",
        "agenda",
        "started_at",
        "ended_at",
        "status",
        "questions",
        "general_notes",
        "actions",
    } <= set(doc)
    assert doc["status"] in {"in-progress", "completed", "to-be-continued"}
    assert all(set(q) >= {"id", "text", "asked", "deferred", "notes"} for q in doc["questions"])
    for a in doc["actions"]:
        assert set(a) >= {"text", "due", "support", "commitment", "raise_it", "status", "outcome"}
        assert a["commitment"] is None or 1 <= a["commitment"] <= 10
    md = run_cli("export", str(doc["id"]), "--db", str(demo_db))
    assert md.stdout.startswith("# ") and doc["person"] in md.stdout


def test_db_from_environment_and_flag_wins(demo_db: Path, tmp_path: Path) -> None:
    other = tmp_path / "empty.db"
    r = run_cli("people", "--json", env={"GROWTUI_DB": str(demo_db)})
    assert len(json.loads(r.stdout)) == 6
    r = run_cli("--db", str(other), "people", "--json", env={"GROWTUI_DB": str(demo_db)})
    assert json.loads(r.stdout) == []


def test_default_database_location_is_private(isolated_dirs: Path) -> None:
    assert run_cli("people").returncode == 0
    db = isolated_dirs / "data" / "growtui" / "growtui.db"
    assert db.exists()
    assert oct(db.stat().st_mode & 0o777) == "0o600"
    assert oct(db.parent.stat().st_mode & 0o777) == "0o700"


def test_demo_command_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    r = run_cli(
        "demo", "--db", str(path), "--people", "3", "--conversations", "12", "--seed", "1", "--until", "2026-01-01"
    )
    assert r.returncode == 0, r.stderr
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM conversations").fetchone()[0] == 12
    conn.close()
    again = run_cli("demo", "--db", str(path))
    assert again.returncode == 1 and "already exists" in again.stderr


def test_keys_default_and_remapped(isolated_dirs: Path) -> None:
    keys = json.loads(run_cli("keys", "--json").stdout)
    assert keys["quit"] == "ctrl+q" and keys["end-conversation"] == "ctrl+g"
    # the contract's 16 ids, toggle-shareable, next-followup, set-topic, side-down, side-up, and keeping
    # the record in order: archive-person, show-archived, action-done|progress|drop, delete, handover,
    # edit-conversation, earlier-versions; and the year: add-note, add-goal, review, team; blind
    assert (
        len(keys) == 35
        and keys["blind"] == "f9,ctrl+circumflex_accent"
        and keys["team"] == "t"
        and keys["review"] == "R"
        and keys["add-note"] == "f5,ctrl+underscore"
        and keys["add-goal"] == "g"
    )
    config = isolated_dirs / "config" / "growtui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[keymap]\nend-conversation = "ctrl+e"\n')
    assert json.loads(run_cli("keys", "--json").stdout)["end-conversation"] == "ctrl+e"
    config.write_text('[keymap]\nno-such-thing = "x"\n')
    r = run_cli("keys")
    assert r.returncode == 1 and "keymap.no-such-thing" in r.stderr


@pytest.mark.parametrize(
    "args,message",
    [
        (["--bogus"], "No such option"),
        (["export", "12345", "--db", "{db}"], "no conversation with id 12345"),
        (["export", "nope", "--db", "{db}"], "not a conversation id"),
        (["history", "Nobody", "--db", "{db}"], "no person named"),
        (["agendas", "show", "nope"], "no agenda with id"),
        (["agendas", "invite", "first-meeting", "--ics"], "--ics needs --start"),
        (["people", "--db", "{dir}"], "is a directory"),
        (["people", "--db", "{junk}"], "not a growtui database"),
        (["export", "latest", "--db", "{empty}"], "no conversations yet"),
    ],
)
def test_errors_are_one_line_and_non_zero(args: list[str], message: str, demo_db: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    fill = {"db": str(demo_db), "dir": str(tmp_path), "junk": str(junk), "empty": str(tmp_path / "empty.db")}
    r = run_cli(*[a.format(**fill) for a in args])
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("growtui: ") and message in lines[0], r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert junk.read_bytes() == b"this is not sqlite at all" * 100


def test_wheel_ships_agendas_and_styles_and_runs_anywhere(tmp_path: Path) -> None:
    """`pip install .` gives a package that works from any folder."""
    import subprocess

    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = wheels.glob("growtui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "growtui/agendas/first-meeting.toml" in names
    assert any(n.startswith("growtui/styles/") and n.endswith(".tcss") for n in names)
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    code = (
        "import sys; sys.argv = ['growtui', 'agendas', 'invite', 'first-meeting']; from growtui.cli import main; main()"
    )
    r = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd="/",
        env={**os.environ, "PYTHONPATH": str(target), "PYTHONSAFEPATH": "1"},
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines() == [
        "1. How did you start with programming?",
        "2. What do you like the most in your job?",
        "3. What is most important for you professionally?",
        "4. What challenges are you facing today?",
        "5. Is there anything that I can help you with or do you need anything from me?",
    ]
    r = subprocess.run(
        [sys.executable, "-c", "import growtui.locations as l; print(l.bundled_agendas_dir())"],
        capture_output=True,
        text=True,
        cwd="/",
        env={**os.environ, "PYTHONPATH": str(target)},
    )
    assert r.stdout.startswith(str(target))


def test_markdown_export_is_a_document_to_send(tmp_path: Path) -> None:
    from growtui.store import Store

    db = tmp_path / "m.db"
    store = Store.open(db)
    pid = store.add_person("Ana")
    cid = store.start_conversation(pid, "first-meeting")
    store.mark(cid, "challenges", asked=True)
    store.save_notes(cid, "challenges", "On-call load is heavy.")
    store.mark(cid, "important", deferred=True)
    store.add_action(pid, cid, "Rotate on-call", due="2026-12-01", commitment=7)
    store.close()
    md = run_cli("export", "latest", "--db", str(db)).stdout
    assert md.startswith("# First meeting — the past and the present — Ana\n")
    assert "### What challenges are you facing today?\n\nOn-call load is heavy." in md
    assert "### What is most important for you professionally? (for next time)" in md
    assert "**Rotate on-call** — commitment 7/10 (due 2026-12-01)" in md
    assert "How did you start" not in md  # unasked questions are left out
    hits = json.loads(run_cli("search", "on-call", "--json", "--db", str(db)).stdout)
    assert {h["question"] for h in hits} == {"What challenges are you facing today?", "(action item)"}


def test_due_says_when_nobody_is_due(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    assert run_cli("people", "--db", str(db)).returncode == 0  # a new, empty database
    r = run_cli("due", "--db", str(db))
    assert r.returncode == 0 and r.stdout == "" and r.stderr == "nobody is due in the next 7 days\n"
    assert run_cli("due", "--days", "0", "--db", str(db)).stderr == "nobody is due today\n"
