"""Storage round trips, migrations, and refusing files that are not ours."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from growtui import schema
from growtui.store import GENERAL, Store, StoreError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "data" / "growtui.db")
    yield s
    s.close()


def test_new_database_is_private_versioned_and_wal(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "growtui.db"
    store = Store.open(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    conn = store.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    store.close()


def test_people_round_trip(store: Store) -> None:
    pid = store.add_person("  Ada Lovelace ", "Engineer", 14, "likes maths")
    store.update_person(pid, "Ada King", "Staff engineer", 21, "")
    p = store.person(pid)
    assert (p.name, p.role, p.cadence_days) == ("Ada King", "Staff engineer", 21)
    assert store.find_person("ada").id == pid
    assert store.find_person(str(pid)).id == pid
    with pytest.raises(StoreError, match="no person named"):
        store.find_person("Zed")
    with pytest.raises(StoreError, match="needs a name"):
        store.add_person("  ")


def test_conversation_questions_and_notes_round_trip(store: Store) -> None:
    pid = store.add_person("Bo")
    cid = store.start_conversation(pid, "first-meeting")
    store.save_notes(cid, "start", "Started with BASIC at 9")
    store.save_notes(cid, "start", "Started with BASIC at 9, then Python")
    store.mark(cid, "start", asked=True)
    store.mark(cid, "important", deferred=True)
    store.save_notes(cid, GENERAL, "Calm and upbeat")
    recs = store.records(cid)
    assert recs["start"].notes == "Started with BASIC at 9, then Python" and recs["start"].asked
    assert recs["important"].deferred and not recs["important"].asked
    assert recs[GENERAL].notes == "Calm and upbeat"
    assert store.conversation(cid).status == "in-progress"
    store.set_status(cid, "to-be-continued")
    assert store.unfinished(pid).id == cid
    store.set_status(cid, "completed")
    assert store.unfinished(pid) is None and store.conversation(cid).ended_at


def test_deferred_questions_carry_until_asked(store: Store) -> None:
    pid = store.add_person("Cy")
    c1 = store.start_conversation(pid, "second-meeting")
    store.mark(c1, "work-in-line", deferred=True)
    store.set_status(c1, "completed")
    pending = store.pending_deferred(pid)
    assert [d.key for d in pending] == ["second-meeting:work-in-line"]
    c2 = store.start_conversation(pid, "third-meeting-grow", [d.key for d in pending])
    assert "second-meeting:work-in-line" in store.records(c2)
    assert store.pending_deferred(pid, before=c2)  # not asked yet: still pending
    store.mark(c2, "second-meeting:work-in-line", asked=True)
    assert store.pending_deferred(pid) == []


def test_actions_log_every_score_and_status_change(store: Store) -> None:
    pid = store.add_person("Di")
    c1 = store.start_conversation(pid, "first-meeting")
    aid = store.add_action(pid, c1, "Write RFC", "2026-12-01", "review", 6, "smaller scope")
    store.update_action(aid, c1, commitment=7)
    store.update_action(aid, c1, commitment=7)  # no change, no log
    c2 = store.start_conversation(pid, "second-meeting")
    assert [a.id for a in store.open_actions(pid, before=c2)] == [aid]
    store.update_action(aid, c2, outcome="progressing", commitment=9)
    store.update_action(aid, c2, outcome="done", result="Shipped")
    a = store.action(aid)
    assert (a.status, a.outcome, a.result, a.commitment) == ("done", "done", "Shipped", 9)
    logged = store.conn.execute(
        "SELECT value FROM action_history WHERE action_id = ? AND field = 'commitment' ORDER BY id", (aid,)
    ).fetchall()
    assert [int(r[0]) for r in logged] == [6, 7, 9]  # every change is logged...
    assert [v for _, v in store.commitment_trend(aid)] == [7, 9]  # ...the trend has a point per conversation
    assert store.open_actions(pid) == []
    with pytest.raises(StoreError):
        store.update_action(aid, c2, commitment=11)
    with pytest.raises(StoreError):
        store.add_action(pid, c2, " ")


def test_search_finds_notes_and_actions_with_snippets(store: Store) -> None:
    pid = store.add_person("Ed")
    cid = store.start_conversation(pid, "first-meeting")
    store.save_notes(cid, "start", "Learned programming with a Commodore 64")
    store.add_action(pid, cid, "Give a talk about Kubernetes")
    hits = store.search("commodore")
    assert len(hits) == 1 and hits[0].question_id == "start" and hits[0].person == "Ed"
    assert "\x02Commodore\x03" in hits[0].snippet
    assert store.search("kuber")[0].question_id is None  # prefix match, an action item
    store.save_notes(cid, "start", "rewritten")
    assert store.search("commodore") == []
    assert store.search('"unbalanced') == [] and store.search("   ") == []


def test_damaged_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "growtui.db"
    Store.open(path).close()
    data = bytearray(path.read_bytes())
    data[0:16] = b"garbage garbage!"
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(StoreError, match="not a growtui database"):
        Store.open(path)
    assert digest(path) == before
    assert not Path(str(path) + "-wal").exists()


def test_truncated_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "growtui.db"
    s = Store.open(path)
    s.add_person("Fay")
    s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    path.write_bytes(path.read_bytes()[:100] + b"\x00" * 50)
    before = digest(path)
    with pytest.raises(StoreError):
        Store.open(path)
    assert digest(path) == before


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "growtui.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.VERSION + 1}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError, match="newer growtui"):
        Store.open(path)
    assert digest(path) == before


def test_foreign_sqlite_file_and_directory_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    before = digest(other)
    with pytest.raises(StoreError, match="not a growtui database"):
        Store.open(other)
    assert digest(other) == before
    with pytest.raises(StoreError, match="is a directory"):
        Store.open(tmp_path)


def test_migration_steps_are_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "growtui.db"
    Store.open(path).close()
    bad_step = "CREATE TABLE later_thing (x INTEGER);\nTHIS IS NOT SQL;"
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, bad_step])
    monkeypatch.setattr(schema, "VERSION", len(schema.MIGRATIONS))
    with pytest.raises(StoreError):
        Store.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS) - 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'later_thing'").fetchone()[0] == 0
    conn.close()


def test_migration_runs_forward_and_keeps_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "growtui.db"
    s = Store.open(path)
    s.add_person("Gus")
    s.close()
    step = "ALTER TABLE people ADD COLUMN pronouns TEXT NOT NULL DEFAULT '';"
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, step])
    monkeypatch.setattr(schema, "VERSION", len(schema.MIGRATIONS))
    s = Store.open(path)
    assert s.conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
    assert s.conn.execute("SELECT name, pronouns FROM people").fetchone()[:] == ("Gus", "")
    s.close()
