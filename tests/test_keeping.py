"""Keeping the record in order (#27), through the real command line: outcomes between
meetings, the trash, archive, hand-over, a person's copy and their erasure."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest
from conftest import run_cli

from growtui.store import Store

SECRET_NOTE = "Zanzibarquill worries about the reorg"
SECRET_ACTION = "Quokkaplan the migration"
SECRET_CUE = "Marmalade tangerine is my word"


def record(db: Path) -> dict[str, int]:
    """Ada (one completed conversation with a private note, a shared one, two actions
    and a transcript) and Bob (one conversation of his own)."""
    now = ["2026-11-20T10:00:00"]
    store = Store.open(db, clock=lambda: now[0])
    ada = store.add_person("Ada Lovelace", "Engineer", 14)
    bob = store.add_person("Bob Brown")
    c1 = store.start_conversation(ada, "first-meeting")
    store.save_notes(c1, "start", SECRET_NOTE)
    store.save_notes(c1, "_general", "shared words for Ada")
    store.set_shareable(c1, "_general", True)
    a1 = store.add_action(ada, c1, SECRET_ACTION, commitment=8)
    a2 = store.add_action(ada, c1, "Book the conference", owner="me")
    now[0] = "2026-11-20T10:30:00"
    store.set_status(c1, "completed")
    c2 = store.start_conversation(bob, "first-meeting")
    store.save_notes(c2, "start", "Bob likes Rust")
    store.set_status(c2, "completed")
    store.close()
    vtt = db.parent / "call.vtt"
    vtt.write_text(f"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ada Lovelace>{SECRET_CUE}\n")
    attached = run_cli("transcript", "attach", str(c1), str(vtt), "--me", "Me", "--db", str(db))
    assert attached.returncode == 0, attached.stderr
    vtt.unlink()
    return {"ada": ada, "bob": bob, "c1": c1, "c2": c2, "a1": a1, "a2": a2}


@pytest.fixture
def kept(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    db = tmp_path / "growtui.db"
    return db, record(db)


def cli(db: Path, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return run_cli(*args, "--db", str(db), input=input)


def test_an_outcome_recorded_between_meetings_is_kept_with_no_conversation(kept: tuple[Path, dict[str, int]]) -> None:
    db, ids = kept
    r = cli(db, "actions", "done", str(ids["a1"]), "--result", "Migration planned")
    assert r.returncode == 0, r.stderr
    assert "done" in r.stdout and "carry-over" in r.stdout
    listed = json.loads(cli(db, "actions", "Ada", "--json").stdout)
    mine = {a["id"]: a for a in listed}
    assert mine[ids["a1"]]["status"] == "done" and mine[ids["a1"]]["outcome"] == "done"
    r = cli(db, "actions", "progress", str(ids["a2"]))
    assert r.returncode == 0 and json.loads(cli(db, "actions", "--open", "Ada", "--json").stdout)[0]["id"] == ids["a2"]
    store = Store.open(db)
    changes = store.action_changes(ids["a1"])
    assert changes[-1]["field"] == "outcome" and changes[-1]["conversation_id"] is None
    assert store.action(ids["a1"]).result == "Migration planned"
    assert set(store.recorded_between(ids["ada"])) == {ids["a1"], ids["a2"]}
    store.close()
    bad = cli(db, "actions", "drop", "999")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "999" in bad.stderr
    assert cli(db, "actions", "drop", "x").returncode == 1


def test_a_deleted_conversation_is_out_of_everything_until_restored_as_it_was(
    kept: tuple[Path, dict[str, int]],
) -> None:
    db, ids = kept
    refused = cli(db, "conversation", "delete", str(ids["c1"]))  # (no terminal, no --yes)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert json.loads(cli(db, "history", "Ada", "--json").stdout)
    r = cli(db, "conversation", "delete", str(ids["c1"]), "--yes")
    assert r.returncode == 0 and "trash" in r.stdout
    assert json.loads(cli(db, "history", "Ada", "--json").stdout) == []
    assert "no matches" in cli(db, "search", "Zanzibarquill").stderr
    assert json.loads(cli(db, "actions", "Ada", "--json").stdout) == []
    ada = next(p for p in json.loads(cli(db, "people", "--json").stdout) if p["name"] == "Ada Lovelace")
    assert ada["last_conversation"] is None and ada["open_actions"] == 0
    assert json.loads(cli(db, "brief", "Ada", "--json").stdout)["last_conversation"] is None
    trash = json.loads(cli(db, "trash", "--json").stdout)
    assert [t["id"] for t in trash] == [ids["c1"]] and "Ada Lovelace" in trash[0]["label"]
    # A new conversation may take the id meanwhile: the restored one gets another.
    store = Store.open(db)
    taken = store.start_conversation(ids["bob"], "second-meeting")
    store.close()
    r = cli(db, "trash", "restore", str(ids["c1"]))
    assert r.returncode == 0, r.stderr
    assert cli(db, "trash", "--json").stdout.strip() == "[]"
    history = json.loads(cli(db, "history", "Ada", "--json").stdout)
    assert len(history) == 1 and history[0]["actions"] == 2
    restored = history[0]["id"]
    assert (restored == ids["c1"]) == (taken != ids["c1"])
    assert "Zanzibarquill" in cli(db, "search", "Zanzibarquill").stdout
    assert "Marmalade" in cli(db, "search", "Marmalade").stdout  # (its transcript too)
    doc = json.loads(cli(db, "export", str(restored), "--format", "json").stdout)
    assert doc["actions"][0]["text"] == SECRET_ACTION and doc["actions"][0]["commitment"] == 8
    assert len(doc["transcript"]) == 1 and doc["status"] == "completed"


def test_the_trash_erases_what_waited_thirty_days_and_empty_erases_now(kept: tuple[Path, dict[str, int]]) -> None:
    db, ids = kept
    store = Store.open(db, clock=lambda: "2026-10-01T10:00:00")
    store.delete_conversation(ids["c2"])
    store.close()
    assert cli(db, "conversation", "delete", str(ids["c1"]), "--yes").returncode == 0
    listed = json.loads(cli(db, "trash", "--json").stdout)  # (listing erases the one deleted over 30 days ago)
    assert [t["id"] for t in listed] == [ids["c1"]]
    assert b"Bob likes Rust" not in db.read_bytes()
    assert cli(db, "trash", "empty").returncode == 2
    assert cli(db, "trash", "empty", "--yes").returncode == 0
    assert cli(db, "trash", "--json").stdout.strip() == "[]"
    assert b"Zanzibarquill" not in db.read_bytes()


def test_an_archived_person_leaves_the_people_list_due_and_the_calendar_but_keeps_their_history(
    kept: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    db, ids = kept
    r = cli(db, "people", "archive", "Ada", "--reason", "moved", "--date", "2026-11-30")
    assert r.returncode == 0, r.stderr
    assert [p["name"] for p in json.loads(cli(db, "people", "--json").stdout)] == ["Bob Brown"]
    assert "Ada" not in cli(db, "due", "--days", "365").stdout
    cal = tmp_path / "cal.ics"
    cal.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        "DTSTART:20991201T100000Z\r\nDTEND:20991201T103000Z\r\nSUMMARY:Ada Lovelace / me 1:1\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert "Ada" not in cli(db, "people", "--calendar", str(cal)).stdout
    everyone = json.loads(cli(db, "people", "--archived", "--json").stdout)
    assert [(p["name"], p["archived"]) for p in everyone] == [
        ("Bob Brown", None),
        ("Ada Lovelace", {"on": "2026-11-30", "reason": "moved"}),
    ]
    assert "archived 2026-11-30" in cli(db, "people", "--archived").stdout
    history = json.loads(cli(db, "history", "Ada", "--json").stdout)
    assert history[0]["id"] == ids["c1"] and history[0]["action_ids"] == [ids["a1"], ids["a2"]]
    assert f"#{ids['a1']} #{ids['a2']}" in cli(db, "history", "Ada").stdout
    assert "Lovelace (archived)" in cli(db, "search", "Zanzibarquill").stdout
    assert [h["archived"] for h in json.loads(cli(db, "search", "Zanzibarquill", "--json").stdout)] == [True]
    store = Store.open(db)
    ada = store.person(ids["ada"])
    assert (ada.archived_at, ada.archived_reason) == ("2026-11-30", "moved")
    store.close()
    assert cli(db, "people", "archive", "Ada", "--date", "soon").returncode == 2
    assert cli(db, "people", "unarchive", "Ada").returncode == 0
    assert "Ada Lovelace" in [p["name"] for p in json.loads(cli(db, "people", "--json").stdout)]
    again = cli(db, "people", "unarchive", "Ada")
    assert again.returncode == 1 and "not archived" in again.stderr


def test_the_handover_holds_shared_notes_only_unless_private_is_asked_for(
    kept: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    db, _ = kept
    r = cli(db, "handover", "Ada")
    assert r.returncode == 0, r.stderr
    text = r.stdout
    assert "# Hand-over: Ada Lovelace" in text and "every 14 days" in text
    assert "shared words for Ada" in text and SECRET_ACTION in text and "Book the conference" in text
    assert "Zanzibarquill" not in text and "Marmalade" not in text
    out = tmp_path / "ada.md"
    r = cli(db, "handover", "Ada", "--with-private", "--out", str(out))
    assert r.returncode == 0 and "warning" in r.stderr and "private" in r.stderr
    assert "Zanzibarquill" in out.read_text() and stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_person_s_copy_holds_everything_about_them_and_nothing_of_others(
    kept: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    db, ids = kept
    store = Store.open(db)
    store.save_notes(ids["c1"], "start", SECRET_NOTE + " (corrected)")  # (a past conversation edited)
    store.close()
    out = tmp_path / "ada-data"
    r = cli(db, "person", "export", "Ada", "--out", str(out))
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "actions.json",
        f"conversation-{json.loads(cli(db, 'history', 'Ada', '--json').stdout)[0]['started_at'][:10]}-{ids['c1']}.json",
        f"conversation-{json.loads(cli(db, 'history', 'Ada', '--json').stdout)[0]['started_at'][:10]}-{ids['c1']}.md",
        "index.md",
        "notes.json",
        "person.json",
        "plan.json",
    ]
    whole = "".join(p.read_text() for p in out.iterdir())
    for words in (SECRET_NOTE, "(corrected)", SECRET_ACTION, SECRET_CUE, "Earlier versions", "edited on"):
        assert words in whole, words
    assert "Bob" not in whole
    assert json.loads((out / "person.json").read_text())["name"] == "Ada Lovelace"
    actions = json.loads((out / "actions.json").read_text())
    assert {a["text"] for a in actions} == {SECRET_ACTION, "Book the conference"}
    assert actions[0]["history"][0]["field"] == "status"
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in out.iterdir())


def words_in(paths: list[Path]) -> bytes:
    return b"".join(p.read_bytes() for p in paths if p.exists())


def test_erasure_leaves_no_byte_of_them_in_the_database_its_wal_or_the_recovery_folder(
    kept: tuple[Path, dict[str, int]], isolated_dirs: Path
) -> None:
    db, ids = kept
    recovery = isolated_dirs / "state" / "growtui" / "recovery"
    recovery.mkdir(parents=True)
    (recovery / "unsaved-notes-20261201-1.md").write_text(f"## Conversation {ids['c1']}, question start\n\nlost words")
    (recovery / "crash-20261201-2.txt").write_text("Traceback ... 'Ada Lovelace' ...")
    (recovery / "unsaved-notes-20261201-3.md").write_text(f"## Conversation {ids['c2']}, question start\n\nBob's")
    assert b"Zanzibarquill" in words_in([db, Path(f"{db}-wal")])  # (there before: the test can fail)
    assert cli(db, "person", "erase", "Ada").returncode == 2  # (no terminal, no --yes)
    wrong = cli(db, "person", "erase", "Ada", input="Ada\n")
    assert wrong.returncode == 2  # (still no terminal: stdin is a pipe)
    r = cli(db, "person", "erase", "Ada", "--yes")
    assert r.returncode == 0, r.stderr
    assert "2 recovery files" in r.stdout and "Backups" in r.stdout
    files = [db, Path(f"{db}-wal"), Path(f"{db}-shm"), *recovery.iterdir()]
    held = words_in(files)
    for words in ("Ada Lovelace", "Lovelace", "Zanzibarquill", "Quokkaplan", "Marmalade", "shared words for Ada"):
        assert words.encode() not in held, words
    assert sorted(p.name for p in recovery.iterdir()) == ["unsaved-notes-20261201-3.md"]
    assert "still held by a backup" not in r.stdout  # (there is none)
    people = json.loads(cli(db, "people", "--json").stdout)
    assert [p["name"] for p in people] == ["Bob Brown"]
    assert "Bob likes Rust" in cli(db, "search", "Rust").stdout.replace("*", "")
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM action_items").fetchone()[0] == 0


def test_erasure_names_the_backups_beside_the_database_that_still_hold_them(
    kept: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    db, _ = kept
    copy = tmp_path / "copy.db"
    assert cli(db, "backup", str(copy)).returncode == 0
    assert cli(db, "restore", str(copy)).returncode == 0  # (keeps growtui.db.before-restore-… beside it)
    (db.parent / "backups").mkdir()
    assert cli(db, "backup", str(db.parent / "backups" / "daily.db")).returncode == 0
    (db.parent / "backups" / "notes.db").write_text("not a database")
    r = cli(db, "person", "erase", "Ada", "--yes")
    assert r.returncode == 0, r.stderr
    held = [line for line in r.stdout.splitlines() if "still held by a backup" in line]
    assert len(held) == 2 and any("before-restore" in line for line in held), r.stdout
    assert any(line.endswith("daily.db") for line in held) and "notes.db" not in r.stdout


def test_erasure_refuses_while_the_app_is_open_on_the_database(kept: tuple[Path, dict[str, int]]) -> None:
    from growtui.inuse import app_open

    db, _ = kept
    with app_open(db):
        r = cli(db, "person", "erase", "Ada", "--yes")
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "open" in r.stderr and "quit it" in r.stderr
    assert "Ada Lovelace" in [p["name"] for p in json.loads(cli(db, "people", "--json").stdout)]
    assert cli(db, "person", "erase", "Ada", "--yes").returncode == 0


def counts(db: Path) -> tuple[int, ...]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = ("people", "conversations", "question_records", "action_items", "transcript_cues", "trash")
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


@pytest.mark.parametrize("command", [("person", "erase", "Ada", "--yes"), ("conversation", "delete", "1", "--yes")])
def test_killed_at_any_moment_erase_and_delete_leave_the_record_as_before_or_as_after(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    import random
    import subprocess
    import time

    from conftest import BIN

    template = tmp_path / "template.db"
    record(template)
    before = counts(template)
    seen = set()
    rng = random.Random(27)
    for attempt in range(12):
        db = tmp_path / f"try{attempt}.db"
        db.write_bytes(template.read_bytes())
        db.chmod(0o600)
        proc = subprocess.Popen([str(BIN / "growtui"), *command, "--db", str(db)], stdout=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 0.6))  # (a random moment, not a wait for a condition: the kill is the test)
        proc.kill()
        proc.wait()
        after = counts(db)
        if command[0] == "person":
            assert after in (before, (1, 1, 1, 0, 0, 0)), after
        else:
            assert after in (before, (2, 1, 1, 0, 0, 1)), after
        seen.add(after == before)
    print("killed before it changed anything, and after:", seen)
