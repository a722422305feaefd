"""Nothing lost, nothing leaked: failed saves, two windows, hostile input,
backups, permissions, no network, and databases of every earlier schema."""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

from growtui.autosave import SEPARATOR, NoteWriter, merge
from growtui.backup import backup, restore, verify
from growtui.store import Store, StoreError

from conftest import BIN, make_app, run_cli

FIXTURES = Path(__file__).parent / "fixtures"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: digest(p) for p in sorted(folder.iterdir()) if p.is_file()}


# -- saving ------------------------------------------------------------------------


def test_merge_keeps_both_texts() -> None:
    assert merge("a", "a b", "a c") == "a b c"
    assert merge("", "theirs", "ours") == "theirs\nours"
    assert merge("old", "rewritten", "old plus") == "rewritten" + SEPARATOR + "old plus"


def test_two_windows_on_one_note_keep_both_texts(conversation: tuple[Path, int]) -> None:
    db, cid = conversation
    merges: list[tuple] = []
    first, second = NoteWriter(db), NoteWriter(db, on_merge=lambda *a: merges.append(a))
    for writer in (first, second):
        writer.watch(cid, {})
    first.submit(cid, "start", "typed in window one")
    assert first.flush()
    second.submit(cid, "start", "typed in window two")
    assert second.flush()
    first.submit(cid, "start", "typed in window one, and more")
    assert first.flush()
    first.close()
    second.close()
    store = Store.open(db)
    text = store.notes_of(cid, "start")
    assert text == "typed in window one\ntyped in window two\n, and more"  # nothing either window typed is lost
    assert merges and merges[0][3] == "typed in window one\ntyped in window two"
    store.close()


def test_a_failed_save_keeps_the_text_and_retries(conversation: tuple[Path, int]) -> None:
    db, cid = conversation
    errors: list[str] = []
    writer = NoteWriter(db, on_error=errors.append)
    conn = writer.store.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full
    big = "no room for this " * 2000
    writer.submit(cid, "start", big)
    assert not writer.flush(timeout=1.5)
    assert errors and "full" in errors[0]
    assert writer.pending() == {(cid, "start"): big}
    conn.execute("PRAGMA max_page_count = 1073741823")  # space again
    assert writer.flush(timeout=5)
    assert writer.failing is None
    writer.close()
    store = Store.open(db)
    assert store.notes_of(cid, "start") == big
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


class FullDisk:
    """A fault-injecting double for the disk: while `full`, every store write fails
    the way SQLite reports ENOSPC (both connections, the UI's and the note writer's)."""

    WRITES = (
        "save_notes",
        "mark",
        "set_shareable",
        "save_stage_seconds",
        "add_action",
        "update_action",
        "set_status",
        "add_person",
        "update_person",
        "start_conversation",
    )

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = False
        for name in self.WRITES:
            real = getattr(Store, name)

            def guarded(store: Store, *args: object, _real=real, **kwargs: object) -> object:
                if self.full:
                    raise sqlite3.OperationalError("database or disk is full")
                return _real(store, *args, **kwargs)

            monkeypatch.setattr(Store, name, guarded)


def notifications(told: list[str]):  # type: ignore[no-untyped-def]
    from textual.notifications import Notify

    def hook(message: object) -> None:
        if isinstance(message, Notify):
            told.append(message.notification.message)

    return hook


async def test_every_write_on_a_full_disk_is_kept_retried_and_saved_when_space_returns(
    conversation: tuple[Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, cid = conversation
    disk = FullDisk(monkeypatch)
    app = make_app(db)
    told: list[str] = []
    async with app.run_test(size=(80, 24), message_hook=notifications(told)) as pilot:
        await pilot.press("s", "enter")  # resume the conversation
        await pilot.pause()
        disk.full = True
        await pilot.press(*"first answer", "ctrl+n", *"second answer", "ctrl+r", "ctrl+o")
        await pilot.press("ctrl+t", *"Write the proposal", "enter")
        await pilot.pause(0.8)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("c", "c")  # complete: set_status fails too
        await pilot.pause(0.5)
        assert any(m.startswith("Not saved yet (database or disk is full)") for m in told)
        assert app.writer.failing and app.writer.pending_writes()
        await pilot.press("ctrl+q")  # refused once: something is not saved
        await pilot.pause()
        assert app.is_running and any("Quit again to leave anyway" in m for m in told)
        disk.full = False  # space again: within a retry everything lands, in order
        assert await asyncio.to_thread(app.writer.flush, 5)
        await pilot.pause()
        assert any(m == "Everything is saved again." for m in told)
        await pilot.press("ctrl+q")
    assert app.recovery_path is None and app.unsaved_text is None
    store = Store.open(db)
    records = store.records(cid)
    assert records["start"].notes == "first answer" and records["like-most"].notes == "second answer"
    assert records["like-most"].asked and records["like-most"].deferred and records["like-most"].shareable
    assert [a.text for a in store.actions_of(cid)] == ["Write the proposal"]
    assert store.conversation(cid).status == "completed"
    store.close()


async def test_quitting_on_a_full_disk_puts_the_notes_somewhere_that_works(
    conversation: tuple[Path, int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import growtui.recovery as recovery

    db, _ = conversation
    disk = FullDisk(monkeypatch)
    full_folder = tmp_path / "full"  # the state folder and home are on the full disk: a file, not a folder
    full_folder.write_text("")
    monkeypatch.setattr(recovery.locations, "state_file", lambda: full_folder / "x" / "state.json")
    monkeypatch.setattr(Path, "home", staticmethod(lambda: full_folder / "home"))
    spare = tmp_path / "spare"
    spare.mkdir()
    monkeypatch.setattr(recovery.tempfile, "gettempdir", lambda: str(spare))
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        disk.full = True
        app.screen.query_one("#notes").insert("important words " * 3000)  # a long paste
        await pilot.press("ctrl+n")  # a question change while full: no crash
        await pilot.pause(1.0)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+q")  # insisted
    assert app.recovery_path is not None and app.recovery_path.parent == spare
    text = app.recovery_path.read_text()
    assert "important words important words" in text and "question start asked" in text  # noted, then left
    assert stat.S_IMODE(app.recovery_path.stat().st_mode) == 0o600


async def test_when_no_folder_takes_the_recovery_file_the_notes_are_printed(
    conversation: tuple[Path, int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import growtui.app as app_module

    db, _ = conversation
    disk = FullDisk(monkeypatch)
    monkeypatch.setattr(app_module, "write_recovery", lambda text: None)  # every folder refuses
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        disk.full = True
        await pilot.press(*"last words")
        await pilot.pause(1.0)
        await pilot.press("ctrl+q", "ctrl+q")
    assert app.recovery_path is None and "last words" in (app.unsaved_text or "")


async def test_the_app_opens_no_network_connection(
    conversation: tuple[Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = conversation
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network use is not allowed in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(
            "s", "enter", *"private words", "ctrl+t", *"an action", "enter", "f4", "7", "ctrl+g", "c", "c"
        )
        await pilot.press("h", "escape", "slash", *"private", "enter", "escape", "a", "escape", "ctrl+q")
    assert attempts == []


# -- hostile input -----------------------------------------------------------------------


def _as_nobody() -> list[str]:
    """Root ignores file permissions, so permission tests run growtui as nobody."""
    if os.geteuid() != 0:
        return []
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    if (
        shutil.which("setpriv") is None
        or subprocess.run([*prefix, str(BIN / "growtui"), "--version"], capture_output=True).returncode != 0
    ):
        pytest.skip("cannot run growtui as an unprivileged user here")
    return prefix


@pytest.fixture
def open_dir() -> Path:
    """A folder an unprivileged user can reach (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="growtui-perm-", dir="/tmp"))
    path.chmod(0o777)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _run_unprivileged(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "d"),
        "XDG_CONFIG_HOME": str(home / "c"),
        "XDG_STATE_HOME": str(home / "s"),
    }
    return subprocess.run(
        [*_as_nobody(), str(BIN / "growtui"), *args], capture_output=True, text=True, env=env, cwd="/", timeout=60
    )


def _demo(path: Path) -> None:
    assert run_cli("demo", "--db", str(path), "--people", "2", "--conversations", "6").returncode == 0


@pytest.mark.parametrize("case", ["read-only file", "read-only folder", "missing folder", "folder is a file"])
def test_unwritable_places_get_one_clear_line_and_nothing_changes(case: str, open_dir: Path) -> None:
    home = open_dir / "home"
    home.mkdir(mode=0o777)
    data = open_dir / "data"
    data.mkdir(mode=0o777)
    db = data / "growtui.db"
    _demo(db)
    db.chmod(0o666)
    expected = "read-only"
    if case == "read-only file":
        db.chmod(0o444)
    elif case == "read-only folder":
        data.chmod(0o555)
    elif case == "missing folder":
        db = open_dir / "nowhere" / "growtui.db"
        expected = "does not exist"
    else:
        (open_dir / "file").write_text("x")
        db = open_dir / "file" / "growtui.db"
        expected = ""
    before = snapshot(data)
    r = _run_unprivileged(["--db", str(db)], home)  # the app: it writes (commands that only read work, see
    assert r.returncode != 0  # test_permissions.py)
    lines = [line for line in r.stderr.strip().splitlines() if not line.startswith("growtui: warning: ")]
    assert len(lines) == 1 and lines[0].startswith("growtui: ") and expected in lines[0], r.stderr
    assert "Traceback" not in r.stderr
    data.chmod(0o777)
    assert snapshot(data) == before
    assert not (open_dir / "nowhere").exists()


def test_a_full_disk_in_the_store_is_a_clear_error(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "growtui.db")
    store.conn.execute(f"PRAGMA max_page_count = {store.conn.execute('PRAGMA page_count').fetchone()[0]}")
    pid = store.add_person("Ada")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        for _ in range(200):
            store.add_action(pid, store.start_conversation(pid, "first-meeting"), "x" * 4000)
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


# -- backups ---------------------------------------------------------------------------


def test_backup_while_notes_are_being_written_then_restore(tmp_path: Path) -> None:
    db, dest = tmp_path / "growtui.db", tmp_path / "copy.db"
    _demo(db)
    store = Store.open(db)
    cid = store.latest_conversation_id()
    stop = threading.Event()

    def typing() -> None:
        writer = Store.open(db)
        n = 0
        while not stop.is_set():
            n += 1
            writer.save_notes(cid, "start", f"note revision {n}")
        writer.close()

    thread = threading.Thread(target=typing)
    thread.start()
    try:
        r = run_cli("backup", str(dest), "--db", str(db))
    finally:
        stop.set()
        thread.join()
    assert r.returncode == 0, r.stderr
    assert verify(dest) == 6
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    saved = Store.open(dest).notes_of(cid, "start")
    assert saved.startswith("note revision")
    # Change the live database, then restore the copy: the old file is kept beside it.
    store.add_person("Added after the backup")
    store.close()
    r = run_cli("restore", str(dest), "--db", str(db))
    assert r.returncode == 0, r.stderr
    kept = next(tmp_path.glob("growtui.db.before-restore-*"))
    assert "Added after the backup" in [p.name for p in Store.open(kept).people()]
    restored = Store.open(db)
    assert "Added after the backup" not in [p.name for p in restored.people()]
    restored.close()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600 and stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_restore_refuses_a_bad_copy_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    _demo(db)
    Store.open(db).close()
    before = snapshot(tmp_path)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    r = run_cli("restore", str(bad), "--db", str(db))
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    assert {k: v for k, v in snapshot(tmp_path).items() if k != "bad.db"} == before
    with pytest.raises(StoreError, match="already exists"):
        backup(db, bad)
    with pytest.raises(StoreError, match="does not exist"):
        restore(tmp_path / "missing.db", db)


async def test_the_notes_say_quietly_whether_they_are_saved(
    conversation: tuple[Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing said the notes were saved (#25): under the notes, 'saved', 'saving…' while
    typed words wait for the disk, 'not saved yet' while it refuses them."""
    from conftest import settle, until

    import threading

    db, _ = conversation
    disk = FullDisk(monkeypatch)
    slow = threading.Event()  # a slow disk: the writer's saves wait for it
    slow.set()
    real = Store.save_notes_unless_changed

    def waiting(store: Store, *args: object, **kwargs: object) -> object:
        slow.wait(30)
        return real(store, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "save_notes_unless_changed", waiting)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        notes = app.screen.query_one("#notes")
        slow.clear()
        await pilot.press(*"first words")
        app.screen.flush_notes()  # type: ignore[attr-defined]
        app.screen.show_saved()  # type: ignore[attr-defined]
        assert notes.border_subtitle == "saving…"  # (typed, handed over, not on disk)
        slow.set()
        await settle(pilot, app)
        app.screen.show_saved()  # type: ignore[attr-defined]
        assert notes.border_subtitle == "saved"
        disk.full = True
        await pilot.press(*" more")
        await until(pilot, lambda: notes.border_subtitle == "not saved yet")
        disk.full = False
        await until(pilot, lambda: notes.border_subtitle == "saved")
        await pilot.press("ctrl+q")
