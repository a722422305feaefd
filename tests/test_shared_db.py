"""One database, many growtui processes: the app keeps SQLite's locks, so other
commands and windows never delete its WAL, and restore refuses while it is open."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from growtui.store import Store

from conftest import make_app, run_cli, until
from tmux import Terminal, growtui_command, start_first_meeting


def locks_held(path: Path, pid: int) -> list[str]:
    """The POSIX locks `pid` holds on `path`, as /proc/locks lists them."""
    inode = path.stat().st_ino
    held = []
    for line in Path("/proc/locks").read_text().splitlines():
        parts = line.split()
        if "->" in parts:  # a waiter, not a holder
            continue
        if len(parts) >= 8 and parts[1] == "POSIX" and parts[4] == str(pid) and int(parts[5].split(":")[2]) == inode:
            held.append(line)
    return held


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/locks")
async def test_the_app_still_holds_its_sqlite_lock_once_the_note_writer_runs(conversation: tuple[Path, int]) -> None:
    db, _ = conversation
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        app.screen.query_one("#notes").insert("first note")
        await pilot.pause(0.7)
        assert app.writer.flush()
        assert locks_held(db, os.getpid()), "the process dropped SQLite's lock on the database"


# -- the real app in a terminal, with other growtui processes on its database --------


@pytest.fixture
def terminal_env(isolated_dirs: Path) -> dict[str, str]:
    return {k: os.environ[k] for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")}


def deleted_files(pid: int) -> list[str]:
    """Files the process still has open but that are gone from the folder."""
    targets = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            targets.append(os.readlink(fd))
        except OSError:
            continue
    return [t for t in targets if t.endswith("(deleted)")]


def exported(db: Path) -> dict:  # type: ignore[type-arg]
    r = run_cli("export", "latest", "--format", "json", "--db", str(db))
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def notes_of(doc: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {q["id"]: q["notes"] for q in doc["questions"]}


@pytest.mark.e2e
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_other_commands_beside_the_app_lose_nothing_at_sigkill(tmp_path: Path, terminal_env: dict[str, str]) -> None:
    db = tmp_path / "growtui.db"
    assert run_cli("demo", "--db", str(db), "--people", "1", "--conversations", "0").returncode == 0
    name = json.loads(run_cli("people", "--json", "--db", str(db)).stdout)[0]["name"]
    commands = [
        ["people"],
        ["brief", name],
        ["due"],
        ["history", name],
        ["search", "word0"],
        ["export", "latest", "--format", "md"],
        ["backup", str(tmp_path / "backup.db")],
    ]
    words = [f"word{i}" for i in range(len(commands) + 2)]
    term = start_first_meeting(db, terminal_env)
    try:
        for word, command in zip(words, [*commands, None, None]):
            term.type(word + " ", pause=0.05)
            if command:
                r = run_cli(*command, "--db", str(db))
                assert r.returncode == 0, (command, r.stderr)
        time.sleep(1.5)
        # Other commands see what the app has saved: no stale reads.
        assert notes_of(exported(db))["start"].split() == words
        assert not deleted_files(term.pid), "the app writes into a deleted WAL"
        assert Path(f"{db}-wal").exists()
        term.type("after the check", pause=2.0)  # two seconds before the kill
        os.kill(term.pid, signal.SIGKILL)
        term.wait_exit()
    finally:
        term.close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert notes_of(exported(db))["start"] == " ".join(words) + " after the check"


def add_person(term: Terminal, name: str) -> None:
    term.keys("n")
    term.wait_for("Meet every")
    term.type(name)
    term.keys("Enter")
    term.wait_for(name)


@pytest.mark.e2e
def test_three_windows_on_one_database_keep_every_record(tmp_path: Path, terminal_env: dict[str, str]) -> None:
    db = tmp_path / "growtui.db"
    one = Terminal(growtui_command("--db", str(db)), 80, 24, terminal_env)
    others: list[Terminal] = [one]
    try:
        one.wait_for("growtui · people")
        add_person(one, "Alpha")
        two = Terminal(growtui_command("--db", str(db)), 80, 24, terminal_env)
        others.append(two)
        two.wait_for("Alpha")
        add_person(two, "Bravo")
        two.keys("C-q")
        two.wait_exit()
        add_person(one, "Charlie")
        # window one holds a conversation with Alpha: notes and an action
        one.keys("Home")
        one.keys("s")
        one.wait_for("enter start ·")
        one.keys("Enter")
        one.wait_for("How did you start with programming?")
        one.type("notes from window one")
        one.keys("C-t")
        one.wait_for("What will you do?")
        one.type("Action from window one")
        one.keys("Enter")
        one.wait_for("Action from window one")
        three = Terminal(growtui_command("--db", str(db)), 80, 24, terminal_env)
        others.append(three)
        three.wait_for("Charlie")
        add_person(three, "Delta")
        three.keys("C-q")
        three.wait_exit()
        one.keys("F3")
        one.type(" and more", pause=1.0)
        os.kill(one.pid, signal.SIGKILL)  # not even a clean quit
        one.wait_exit()
    finally:
        for term in others:
            term.close()
    people = {p["name"] for p in json.loads(run_cli("people", "--json", "--db", str(db)).stdout)}
    assert people == {"Alpha", "Bravo", "Charlie", "Delta"}
    doc = exported(db)
    assert notes_of(doc)["start"] == "notes from window one and more"
    assert [a["text"] for a in doc["actions"]] == ["Action from window one"]


@pytest.mark.e2e
def test_restore_refuses_while_the_app_is_open_and_loses_nothing(tmp_path: Path, terminal_env: dict[str, str]) -> None:
    db = tmp_path / "growtui.db"
    assert run_cli("demo", "--db", str(db), "--people", "1", "--conversations", "0").returncode == 0
    copy = tmp_path / "copy.db"
    assert run_cli("backup", str(copy), "--db", str(db)).returncode == 0
    term = start_first_meeting(db, terminal_env)
    try:
        term.type("saved before the restore", pause=1.0)
        r = run_cli("restore", str(copy), "--db", str(db))
        assert r.returncode != 0
        assert r.stderr.count("\n") == 1 and "open in another growtui" in r.stderr and "Traceback" not in r.stderr
        assert [p.name for p in tmp_path.iterdir() if "before-restore" in p.name] == []
        term.type(" and after", pause=1.5)
        os.kill(term.pid, signal.SIGKILL)
        term.wait_exit()
    finally:
        term.close()
    assert notes_of(exported(db))["start"] == "saved before the restore and after"
    r = run_cli("restore", str(copy), "--db", str(db))  # the app is gone: now it may
    assert r.returncode == 0, r.stderr
    kept = next(p for p in tmp_path.iterdir() if "before-restore" in p.name)
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    r = run_cli("export", "latest", "--format", "json", "--db", str(kept))
    assert json.loads(r.stdout)["questions"][0]["notes"] == "saved before the restore and after"


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


@pytest.mark.e2e
def test_a_full_disk_during_a_call_loses_nothing(
    small_disk: Path, tmp_path: Path, terminal_env: dict[str, str]
) -> None:
    db = small_disk / "growtui.db"
    assert run_cli("demo", "--db", str(db), "--people", "1", "--conversations", "0").returncode == 0
    term = start_first_meeting(db, terminal_env)
    try:
        term.type("before the disk filled", pause=1.0)
        filler = fill(small_disk)
        # Longer than the WAL so far: SQLite reuses a WAL's space, so a short note may still fit.
        long_answer = " then a long answer " + "words " * (Path(f"{db}-wal").stat().st_size // 3)
        term.paste(long_answer, pause=1.5)
        term.wait_for("Not saved yet")
        term.keys("C-n", "C-r", "C-t")
        term.wait_for("What will you do?")
        term.type("Write the proposal")
        term.keys("Enter")
        term.keys("F3")
        term.type("second answer")
        term.keys("C-q", pause=2.5)
        screen = term.wait_for("Not everything is saved")
        assert "Traceback" not in screen and term.alive()
        filler.unlink()  # space again
        term.keys("C-q", pause=3.0)
        term.wait_exit(timeout=20)
    finally:
        term.close()
    recovery = Path(terminal_env["XDG_STATE_HOME"]) / "growtui" / "recovery"
    assert not recovery.exists() or not any(recovery.iterdir()), "space came back: nothing should need recovery"
    doc = exported(db)
    notes = notes_of(doc)
    assert notes["start"].startswith("before the disk filled then a long answer words words")
    assert notes["like-most"] == "second answer"
    assert [a["text"] for a in doc["actions"]] == ["Write the proposal"]


async def test_the_screen_keeps_up_while_another_process_holds_the_write_lock(conversation: tuple[Path, int]) -> None:
    """Writes go through the writer thread: another growtui (or sqlite3) holding the
    write lock for seconds no longer freezes the screen for SQLite's busy timeout."""
    db, cid = conversation
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # the write lock, held
        try:
            # A question marked asked, then an action added: writes. Each key is answered well
            # within SQLite's 5 s wait for a lock (the longest, keys held for a write: 0.5 s).
            longest = 0.0
            for key in ["ctrl+n", *"typed on", "ctrl+t", *"An action", "enter", *" and on"]:
                started = time.monotonic()
                await pilot.press(key)
                longest = max(longest, time.monotonic() - started)
            assert longest < 2.5, f"the screen froze for {longest:.1f} s on one key"
            await until(pilot, lambda: app.screen.query_one("#notes").text == "typed on and on")
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert await asyncio.to_thread(app.writer.flush, 10)
        await pilot.pause()
        await pilot.press("ctrl+q")
    store = Store.open(db)
    assert store.records(cid)["like-most"].asked
    assert [a.text for a in store.actions_of(cid)] == ["An action"]
    store.close()
