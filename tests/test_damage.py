"""Damage inside the database file is named, with what to do, the first time it
shows — never an 'unexpected error', never a silent 'no matches' — and refused
files get nothing written beside them."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

import pytest

from growtui import schema
from growtui.store import Store

from conftest import make_app, run_cli
from tmux import Terminal, growtui_command


def damage_pages(db: Path, tables: tuple[str, ...] = ("question_records", "action_items")) -> None:
    """Noise over the first page of each table, as a bad sector or a half-synced copy leaves it."""
    conn = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    try:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = [conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (t,)).fetchone()[0] for t in tables]
    finally:
        conn.close()
    data = bytearray(db.read_bytes())
    noise = random.Random(0)
    for root in roots:
        data[(root - 1) * size : root * size] = noise.randbytes(size)
    db.write_bytes(bytes(data))


@pytest.fixture
def damaged_db(demo_db: Path) -> Path:
    store = Store.open(demo_db)
    store.close()  # checkpointed: the whole database is in the one file
    damage_pages(demo_db)
    return demo_db


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def first_person(db: Path) -> str:
    conn = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    try:
        return str(conn.execute("SELECT id FROM people ORDER BY id LIMIT 1").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize(
    "args", [["export", "{person}", "--all"], ["search", "zzqqxx"], ["brief", "{person}"]], ids=lambda a: a[0]
)
def test_a_damaged_database_is_named_with_what_to_do(damaged_db: Path, args: list[str]) -> None:
    before = digest(damaged_db)
    person = first_person(damaged_db)
    r = run_cli(*[a.format(person=person) for a in args], "--db", str(damaged_db))
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "unexpected error" not in r.stderr, r.stderr
    assert r.stderr.startswith(f"growtui: {damaged_db} is damaged (")
    assert "restore a backup: growtui restore BACKUP_FILE" in r.stderr
    assert digest(damaged_db) == before  # reading it changed nothing


def test_search_on_a_sound_database_still_says_no_matches(demo_db: Path) -> None:
    r = run_cli("search", "zzqqxx", "--db", str(demo_db))
    assert r.returncode == 1 and r.stderr == "no matches\n"  # nothing matched: 1, as grep


async def test_the_app_says_the_database_is_damaged_soon_after_it_opens(demo_db: Path) -> None:
    """Damage where the first screens do not read (the search index): found by the check."""
    Store.open(demo_db).close()
    damage_pages(demo_db, ("search_index_data",))
    damaged_db = demo_db
    app = make_app(damaged_db)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(30):
            await pilot.pause(0.1)
            if any(n.title == "Database damaged" for n in app._notifications):
                break
        [note] = [n for n in app._notifications if n.title == "Database damaged"]
        assert str(damaged_db) in note.message and "growtui restore" in note.message
        await pilot.press("ctrl+q")


async def test_the_app_on_a_sound_database_says_nothing_of_damage(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(1.0)
        assert not [n for n in app._notifications if n.title == "Database damaged"]
        await pilot.press("ctrl+q")


@pytest.mark.parametrize("version", [schema.VERSION + 7, 0])
def test_a_refused_file_gets_no_wal_or_shm_beside_it(tmp_path: Path, version: int) -> None:
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE notes (x)")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    before = digest(db)
    r = run_cli("people", "--db", str(db))
    assert r.returncode == 1 and "left untouched" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"] and digest(db) == before


@pytest.mark.e2e
def test_the_app_stopped_by_damage_says_so_in_one_line(damaged_db: Path, terminal_env: dict[str, str]) -> None:
    term = Terminal(growtui_command("--db", str(damaged_db)), 100, 30, terminal_env, keep=True)
    try:
        status = term.exit_status()
        screen = term.screen(scrollback=True)
    finally:
        term.close()
    assert status == 1
    assert f"growtui: the app stopped: {damaged_db} is damaged (" in screen
    assert "restore a backup: growtui restore BACKUP_FILE" in screen and "Traceback" not in screen
