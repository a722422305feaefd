"""Automatic snapshots (#29): taken once a day by whatever growtui runs and after each
completed conversation, by a process of their own; rotated as restic's forget; listed;
encrypted with age (read back by the real `age` binary) and restored; a missing or full
backup folder said, never a crash."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import make_app, run_cli, until

from growtui import snapshots
from growtui.backup import verify
from growtui.store import Store

SECRET = "Zanzibarquill wants to lead the platform team"


@pytest.fixture
def on(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots as a user has them (the suite turns them off everywhere else)."""
    monkeypatch.delenv("GROWTUI_AUTO_BACKUP", raising=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "growtui.db"
    path.parent.mkdir()
    store = Store.open(path)
    ada = store.add_person("Ada Lovelace", "Engineer", 14)
    cid = store.start_conversation(ada, "first-meeting")
    store.save_notes(cid, "start", SECRET)
    store.set_status(cid, "completed")
    store.close()
    return path


def configure(text: str) -> None:
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "growtui"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text)


def snapshot_running(db: Path) -> bool:
    """A snapshot process for `db` is alive (the command that started it has returned)."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"growtui.snapshots" in args and str(db).encode() in args:
            return True
    return False


def wait(check, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.05)


def faked(day: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command under faketime: its clock (and its snapshot process's) starts at `day` 10:00."""
    if shutil.which("faketime") is None:
        if os.environ.get("CI"):
            pytest.fail("faketime is missing: .ci/run should have installed it")
        pytest.skip("faketime is not installed")
    growtui = str(Path(sys.executable).parent / "growtui")
    return subprocess.run(
        ["faketime", "-f", f"@{day} 10:00:00", growtui, *args], capture_output=True, text=True, timeout=120
    )


def taken_days(folder: Path) -> list[str]:
    return sorted(s.taken.date().isoformat() for s in snapshots.listed(folder))


def test_any_command_takes_the_days_snapshot_once_and_old_ones_are_rotated_across_months(on: None, db: Path) -> None:
    configure("backup_keep = { daily = 2, weekly = 0, monthly = 3 }\n")
    folder = db.parent / "backups"
    for day, expected in [
        ("2026-01-30", ["2026-01-30"]),
        ("2026-01-30", ["2026-01-30"]),  # (the same day again: none more)
        ("2026-01-31", ["2026-01-30", "2026-01-31"]),
        # daily: 2 Feb and 31 Jan; monthly: 2 Feb and 31 Jan (January's newest). 30 Jan goes.
        ("2026-02-02", ["2026-01-31", "2026-02-02"]),
        # daily: 1 Mar and 2 Feb; monthly: 1 Mar, 2 Feb, 31 Jan.
        ("2026-03-01", ["2026-01-31", "2026-02-02", "2026-03-01"]),
    ]:
        r = faked(day, "people", "--db", str(db))
        assert r.returncode == 0, r.stderr
        wait(lambda: not snapshot_running(db))
        assert taken_days(folder) == expected
    status = snapshots.last_status(db)
    assert status["last_ok"].startswith("2026-03-01") and status["problem"] is None
    newest = snapshots.listed(folder)[0]
    assert not newest.encrypted and newest.conversations == 1 and verify(newest.path) == 1
    assert oct(newest.path.stat().st_mode & 0o777) == "0o600"


def test_rotation_keeps_what_restic_forget_keeps_over_thirteen_months(tmp_path: Path) -> None:
    """A snapshot every morning from 1 Nov 2025 to Wed 2 Dec 2026, kept 7 daily, 5 weekly, 12 monthly."""
    folder = tmp_path / "backups"
    folder.mkdir()
    day = datetime(2025, 11, 1, 9, 0)
    while day <= datetime(2026, 12, 2, 9, 0):
        (folder / f"growtui-{day:%Y%m%d-%H%M%S}.db").write_bytes(b"")
        day += timedelta(days=1)
    (folder / "notes.txt").write_text("not ours: left alone")
    snapshots.rotate(folder, {"daily": 7, "weekly": 5, "monthly": 12})
    daily = ["2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"]
    weekly = ["2026-11-08", "2026-11-15", "2026-11-22"]  # (Sundays; weeks 48 and 49 are kept as days already)
    monthly = [  # the last day of each month (this month: today), January to October
        "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31",
        "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31",
    ]  # fmt: skip
    assert taken_days(folder) == sorted(daily + weekly + monthly)
    assert (folder / "notes.txt").exists()


def test_a_completed_conversation_takes_a_snapshot_without_waiting(on: None, tmp_path: Path) -> None:
    import asyncio

    path = tmp_path / "growtui.db"
    store = Store.open(path)
    store.add_person("Ada", "Engineer", 14)
    store.close()

    async def meeting() -> None:
        app = make_app(path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("s", "enter")
            await until(pilot, lambda: type(app.screen).__name__ == "ConversationScreen")
            await pilot.press(*"Started with Logo")
            await pilot.press("ctrl+g")
            await until(pilot, lambda: type(app.screen).__name__ == "SummaryScreen")
            await pilot.press("c", "c")
            await until(pilot, lambda: type(app.screen).__name__ == "PeopleScreen")
            await until(pilot, lambda: bool(snapshots.listed(path.parent / "backups")))

    asyncio.run(meeting())
    wait(lambda: not snapshot_running(path))
    (snapshot,) = snapshots.listed(path.parent / "backups")
    assert snapshot.why == "conversation" and snapshot.conversations == 1
    conn = sqlite3.connect(snapshot.path)
    assert conn.execute("SELECT status FROM conversations").fetchone()[0] == "completed"  # (taken after it was saved)
    conn.close()


def age_key(tmp_path: Path) -> tuple[Path, str]:
    if shutil.which("age-keygen") is None:
        if os.environ.get("CI"):
            pytest.fail("age is missing: .ci/run should have installed it")
        pytest.skip("the age tools are not installed")
    key = tmp_path / "key.txt"
    made = subprocess.run(["age-keygen", "-o", str(key)], capture_output=True, text=True)
    recipient = next(w for w in made.stderr.split() if w.startswith("age1"))
    return key, recipient


def test_an_encrypted_snapshot_decrypts_with_the_real_age_binary_and_restores(tmp_path: Path, db: Path) -> None:
    key, recipient = age_key(tmp_path)
    outside = tmp_path / "usb" / "growtui"
    outside.parent.mkdir()
    configure(f'backups = "{outside}"\nbackup_recipient = "{recipient}"\n')
    r = run_cli("backup", "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "(encrypted)" in r.stdout
    (snapshot,) = snapshots.listed(outside)
    assert snapshot.encrypted and snapshot.path.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert SECRET.encode() not in snapshot.path.read_bytes() and b"Ada Lovelace" not in snapshot.path.read_bytes()
    assert not list(db.parent.glob(".*snapshot*"))  # (the plain copy made beside the database is gone)
    assert not [p for p in outside.iterdir() if p.name.startswith(".")]

    plain = tmp_path / "decrypted.db"
    done = subprocess.run(["age", "-d", "-i", str(key), "-o", str(plain), str(snapshot.path)], capture_output=True)
    assert done.returncode == 0, done.stderr
    assert verify(plain) == 1
    via_age = tmp_path / "via-age" / "growtui.db"  # (what age decrypted passes restore's checks)
    r = run_cli("restore", str(plain), "--db", str(via_age))
    assert r.returncode == 0, r.stderr

    listing = json.loads(run_cli("backups", "--json", "--db", str(db)).stdout)
    assert listing["folder"] == str(outside) and listing["encrypted"] is True
    assert listing["snapshots"][0]["conversations"] == 1 and listing["snapshots"][0]["encrypted"] is True

    # Restored into a new machine's database (none there yet), and over a changed one.
    fresh = tmp_path / "new-machine" / "growtui.db"
    r = run_cli("restore", str(snapshot.path), "--identity", str(key), "--db", str(fresh))
    assert r.returncode == 0, r.stderr
    conn = sqlite3.connect(fresh)
    assert conn.execute("SELECT notes FROM question_records WHERE question_id = 'start'").fetchone()[0] == SECRET
    conn.close()
    assert not list(fresh.parent.glob(".*decrypted*"))

    no_key = run_cli("restore", str(snapshot.path), "--db", str(fresh))
    assert no_key.returncode == 1 and "--identity" in no_key.stderr and "Traceback" not in no_key.stderr
    (tmp_path / "other").mkdir()
    other_key, _ = age_key(tmp_path / "other")
    before = fresh.read_bytes()
    wrong = run_cli("restore", str(snapshot.path), "--identity", str(other_key), "--db", str(fresh))
    assert wrong.returncode == 1 and "cannot be decrypted" in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1 and fresh.read_bytes() == before


def test_a_passphrase_snapshot_restores_with_the_passphrase_only(tmp_path: Path, db: Path) -> None:
    secret = tmp_path / "passphrase"
    secret.write_text("correct horse battery staple\n")
    configure(f'backup_passphrase_file = "{secret}"\n')
    assert run_cli("backup", "--db", str(db)).returncode == 0
    (snapshot,) = snapshots.listed(db.parent / "backups")
    assert b"\n-> scrypt " in snapshot.path.read_bytes()[:200]
    wrong = tmp_path / "wrong"
    wrong.write_text("incorrect horse\n")
    fresh = tmp_path / "elsewhere" / "growtui.db"
    r = run_cli("restore", str(snapshot.path), "--passphrase-file", str(wrong), "--db", str(fresh))
    assert r.returncode == 1 and "cannot be decrypted with the passphrase" in r.stderr and not fresh.exists()
    r = run_cli("restore", str(snapshot.path), "--db", str(fresh), input="")
    assert r.returncode == 1 and "--passphrase-file" in r.stderr
    r = run_cli(
        "restore", str(snapshot.path), "--db", str(fresh), env={"GROWTUI_BACKUP_PASSPHRASE": secret.read_text()}
    )
    assert r.returncode == 0, r.stderr
    assert verify(fresh) == 1


def test_an_ssh_key_can_be_the_recipient(tmp_path: Path, db: Path) -> None:
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is not installed")
    key = tmp_path / "id_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    configure(f'backup_recipient = "{key.with_suffix(".pub").read_text().strip()}"\n')
    assert run_cli("backup", "--db", str(db)).returncode == 0
    (snapshot,) = snapshots.listed(db.parent / "backups")
    fresh = tmp_path / "elsewhere" / "growtui.db"
    r = run_cli("restore", str(snapshot.path), "--identity", str(key), "--db", str(fresh))
    assert r.returncode == 0, r.stderr


def test_a_backup_drive_not_mounted_is_said_on_the_people_screen_never_a_crash(on: None, db: Path) -> None:
    import asyncio

    gone = Path("/media/not-mounted-growtui-test/growtui")
    configure(f'backups = "{gone}"\n')
    r = run_cli("backup", "--db", str(db))
    assert r.returncode == 1 and f"{gone} is not there (a drive not mounted?)" in r.stderr
    assert not gone.parent.exists()
    # The day's snapshot, as a command starts it: it fails, says why, and is tried again an hour on.
    subprocess.run([sys.executable, "-m", "growtui.snapshots", str(db), "daily"], check=True, timeout=60)
    status = snapshots.last_status(db)
    assert "is not there" in status["problem"] and not snapshots.due(db, datetime.now())
    assert snapshots.due(db, datetime.now() + timedelta(hours=2))

    async def look() -> str:
        app = make_app(db)
        async with app.run_test(size=(120, 24)) as pilot:
            await pilot.pause()
            return str(app.screen.query_one("#people-title").render())

    assert f"backup failed: {gone} is not there (a drive not mounted?)" in asyncio.run(look())


def test_a_full_backup_disk_is_said_and_leaves_no_part_behind(db: Path, small_disk: Path) -> None:
    (small_disk / "filler").write_bytes(b"\0" * (2 * 1024 * 1024 - 64 * 1024))  # (64 kB left)
    configure(f'backups = "{small_disk}"\n')
    before = db.read_bytes()
    r = run_cli("backup", "--db", str(db))
    assert r.returncode == 1 and f"the disk holding {small_disk} is full" in r.stderr, r.stderr
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"] and db.read_bytes() == before


def test_a_week_without_a_snapshot_is_said_quietly(db: Path) -> None:
    import asyncio

    old = (datetime.now() - timedelta(days=9)).isoformat(timespec="seconds")
    snapshots.status_file(db).write_text(json.dumps({"last_ok": old, "last_try": old, "problem": None}))

    async def look() -> str:
        app = make_app(db)
        async with app.run_test(size=(100, 24)) as pilot:
            await pilot.pause()
            return str(app.screen.query_one("#people-title").render())

    assert asyncio.run(look()) == "growtui · people · last backup 9 days ago"
    snapshots.status_file(db).write_text(json.dumps({"last_ok": datetime.now().isoformat(), "problem": None}))
    assert asyncio.run(look()) == "growtui · people"


def test_paths_names_the_backup_folder_and_erase_names_the_snapshots_that_hold_them(tmp_path: Path, db: Path) -> None:
    outside = tmp_path / "usb"
    outside.mkdir()
    configure(f'backups = "{outside}"\n')
    assert json.loads(run_cli("paths", "--json", "--db", str(db)).stdout)["backups"] == str(outside)
    assert run_cli("backup", "--db", str(db)).returncode == 0
    (snapshot,) = snapshots.listed(outside)
    r = run_cli("person", "erase", "Ada Lovelace", "--yes", "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert f"still held by a backup of {datetime.now():%Y-%m-%d}: {snapshot.path}" in r.stdout
    configure("backups = false\n")
    assert json.loads(run_cli("paths", "--json", "--db", str(db)).stdout)["backups"] is None
    r = run_cli("backup", "--db", str(db))
    assert r.returncode == 1 and "backups = false" in r.stderr


def test_bad_backup_settings_are_one_clear_line(db: Path) -> None:
    for text, said in [
        ('backup_recipient = "hunter2"\n', "is not an age public key"),
        ("backup_keep = { hourly = 3 }\n", "backup_keep: a table of daily, weekly, monthly"),
        ("backups = 3\n", "backups: must be a folder's path"),
    ]:
        configure(text)
        r = run_cli("backup", "--db", str(db))
        assert r.returncode == 1 and said in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
